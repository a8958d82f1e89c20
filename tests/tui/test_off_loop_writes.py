"""Issue 15, "frozen screen", the writes beyond the forms: storing and deleting the logo, adding
and removing a sign-in key wait for the database off the event loop. While another program holds
the SQLite file the screen keeps drawing, keys keep echoing, the line next to what was asked
says what is being done, and then the outcome (or "database busy") shows there, nothing typed
lost.

The lock is a real second connection holding BEGIN EXCLUSIVE (tests/tui/test_store_off_loop.py).
"""

from __future__ import annotations

import asyncssh
from textual.widgets import DataTable, Input, Static

import store
import store.people.access
import store.people.keys
import store.profile.company
from store.persistence.models_sign_in import PersonKey
from tui.screens.keys import OwnKeysModal
from tui.screens.prompt import PromptModal
from tui.tabs.general import GeneralTab
from tui.widgets.logo_preview import LogoPreview

from .helpers import OWNER, asked, make_png, owner, store_answered, until
from .test_store_off_loop import HELD, held

ADMIN = "admin@mycompany.example"


def saving(app) -> bool:
    """Whether a store write is running in a worker (waiting on the lock)."""
    return any(w.group == "saving" and w.is_running for w in app.workers)


def line(app, selector: str) -> tuple[str, bool]:
    """The text of a status line and whether it shows as "working"."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()), widget.has_class("-working")


async def echoes(pilot, field: Input, keys: tuple[str, ...], expected: str) -> None:
    """Type `keys` into `field`: each one shows at once, drawn (not queued behind the store)."""
    field.focus()
    await pilot.press(*keys)
    await pilot.pause()
    assert field.value == expected
    assert expected[-10:] in str(field.render_line(0).text)


async def test_uploading_a_logo_under_a_lock_says_so_and_keys_stay_live(make_app, demo, db_url,
                                                                        tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    make_png(tmp_path / "logo.png")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        app.query_one("#logo-upload").focus()
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, PromptModal), "the path prompt")
        with held(db_url):
            await pilot.press(*"~/logo.png", "enter")
            await until(pilot, lambda: saving(app), "the upload waiting on the lock")
            assert line(app, "#logo-error") == ("Saving the logo…", True)
            await echoes(pilot, app.query_one("#field-website", Input), ("end", "/", "x"),
                         "https://nordwind.de/x")
            # u, o and d wait for the answer: shown dimmed, and pressing d asks nothing.
            assert tab.check_action("upload_logo", ()) is None
            app.query_one("#logo-pick").focus()
            await pilot.press("u")
            await pilot.pause(HELD)
            assert app.screen is tab.screen and saving(app)
            assert "No logo" in str(app.query_one("#logo-preview", LogoPreview).render())
        await store_answered(pilot)
        assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is not None
        assert "▀" in str(app.query_one("#logo-preview", LogoPreview).render())
        assert not app.query_one("#logo-error", Static).has_class("-shown")
        assert app.query_one("#field-website", Input).value == "https://nordwind.de/x"
        assert tab.check_action("upload_logo", ()) is True


async def test_deleting_a_logo_that_stays_locked_says_busy(make_app, demo, db_url, tmp_path):
    store.profile.company.set_logo(owner(), demo["nordwind"], make_png(tmp_path / "logo.png"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#logo-delete").focus()
        await pilot.press("d")
        await asked(pilot, "the question")
        with held(db_url):
            await pilot.press("y")
            await until(pilot, lambda: saving(app), "the deletion waiting on the lock")
            assert line(app, "#logo-error") == ("Deleting the logo…", True)
            name = app.query_one("#field-name", Input)
            await echoes(pilot, name, ("end", "x"), "Nordwind Logistik GmbHx")
            await store_answered(pilot)  # the busy timeout (5 s) passes with the lock held
        text, working = line(app, "#logo-error")
        assert "busy" in text and "try again" in text and not working
        assert "▀" in str(app.query_one("#logo-preview", LogoPreview).render())  # still there
        assert name.value == "Nordwind Logistik GmbHx"
        app.query_one("#logo-delete").focus()  # d again, unlocked: it goes through
        await pilot.press("d")
        await asked(pilot, "the question")
        await pilot.press("y")
        await store_answered(pilot)
        assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is None
        assert "No logo" in str(app.query_one("#logo-preview", LogoPreview).render())
        assert name.value == "Nordwind Logistik GmbHx"  # typed meanwhile: still there


def public_key(comment: str) -> str:
    return asyncssh.generate_private_key("ssh-ed25519", comment=comment).export_public_key() \
        .decode().strip()


def comments(modal: OwnKeysModal) -> list[str]:
    table = modal.query_one("#keys-table", DataTable)
    return [str(table.get_row_at(n)[1]) for n in range(table.row_count)]


async def open_keys(pilot) -> OwnKeysModal:
    await pilot.pause()
    await pilot.press("ctrl+o")
    await until(pilot, lambda: isinstance(pilot.app.screen, OwnKeysModal), "the keys dialog")
    modal = pilot.app.screen
    assert isinstance(modal, OwnKeysModal)
    return modal


async def test_removing_a_key_under_a_lock_says_so_and_keys_stay_live(make_app, demo, db_url):
    admin = store.people.access.resolve_actor(ADMIN)
    store.people.keys.add_key(admin, OWNER, public_key("old"))
    store.people.keys.add_key(admin, OWNER, public_key("new"))
    app = make_app(OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_keys(pilot)
        modal.query_one("#keys-table", DataTable).focus()
        await pilot.press("down", "delete")
        await asked(pilot, "the question")
        with held(db_url):
            await pilot.press("y")
            await until(pilot, lambda: saving(app), "the removal waiting on the lock")
            text = line(app, "#keys-working")[0]
            assert text.startswith("Removing the key SHA256:") and text.endswith("…")
            await echoes(pilot, modal.query_one("#field-public_key", Input), tuple("ssh"), "ssh")
            await pilot.press("escape")  # the answer must not go unseen: the dialog stays
            await pilot.pause(HELD)
            assert app.screen is modal and comments(modal) == ["old", "new"]
        await store_answered(pilot)
        assert comments(modal) == ["old"]
        assert [k.comment for k in PersonKey.select().where(PersonKey.person_email == OWNER)] \
            == ["old"]
        assert not modal.query_one("#keys-working", Static).has_class("-shown")
        assert modal.query_one("#field-public_key", Input).value == "ssh"


async def test_adding_a_key_that_stays_locked_says_busy_and_keeps_the_line(make_app, demo,
                                                                           db_url):
    app = make_app(OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_keys(pilot)
        field = modal.query_one("#field-public_key", Input)
        field.value = key = public_key("laptop")
        with held(db_url):
            await pilot.press("enter")
            await until(pilot, lambda: saving(app), "the addition waiting on the lock")
            assert line(app, "#keys-working")[0] == "Adding the key…"
            await store_answered(pilot)  # the busy timeout passes with the lock held
        banner = str(modal.query_one("#dialog-banner", Static).render())
        assert "busy" in banner and "try again" in banner
        assert field.value == key and comments(modal) == []
        await pilot.press("enter")  # the lock is gone: the same line is added
        await store_answered(pilot)
        assert comments(modal) == ["laptop"] and field.value == ""
