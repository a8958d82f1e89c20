"""One's own sign-in keys in the screens (SPEC §2, §10): list, add, remove, refusals."""

from __future__ import annotations

import asyncssh
from textual import events
from textual.widgets import DataTable, Input, Static

import store
import store.people.access
import store.people.keys
from store.persistence.models import AuditEvent
from store.persistence.models_sign_in import PersonKey
from tui.screens.keys import OwnKeysModal

from .helpers import asked, store_answered

JONAS = "jonas@nordwind.de"
MARIA = "maria@blueharbor.com"
ADMIN = "admin@mycompany.example"


def public_key(comment: str) -> str:
    return asyncssh.generate_private_key("ssh-ed25519", comment=comment).export_public_key() \
        .decode().strip()


def fingerprint_of(line: str) -> str:
    return asyncssh.import_public_key(line).get_fingerprint("sha256")


def fingerprints(email: str) -> list[str]:
    return [k.fingerprint for k in PersonKey.select().where(PersonKey.person_email == email)
            .order_by(PersonKey.id)]


def rows(modal: OwnKeysModal) -> list[list[str]]:
    table = modal.query_one("#keys-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def text_of(modal: OwnKeysModal, selector: str) -> str:
    return str(modal.query_one(selector, Static).render())


async def open_keys(pilot) -> OwnKeysModal:
    await pilot.pause()
    await pilot.press("ctrl+o")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, OwnKeysModal)
    return modal


async def test_an_owner_lists_their_keys_and_adds_one_by_pasting(make_app, demo):
    store.people.keys.add_key(store.people.access.resolve_actor(ADMIN), JONAS, public_key(
        "jonas@desk"))
    store.people.keys.add_key(store.people.access.resolve_actor(ADMIN), MARIA, public_key(
        "maria@home"))
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_keys(pilot)
        (row,) = rows(modal)  # Maria's key is not Jonas's to see
        assert row[0].startswith("SHA256:") and row[0].endswith("…")
        assert row[1:] == ["jonas@desk", "Nov 27, 2026", "never"]
        assert text_of(modal, "#keys-detail").startswith(fingerprints(JONAS)[0])
        line = public_key("jonas@laptop")
        assert isinstance(app.focused, Input) and app.focused.id == "field-public_key"
        app.focused.post_message(events.Paste(line + "\n"))  # as a terminal pastes a .pub
        await pilot.pause()
        await pilot.press("enter")
        await store_answered(pilot)
        assert fingerprints(JONAS)[-1] == fingerprint_of(line)
        assert [r[1] for r in rows(modal)] == ["jonas@desk", "jonas@laptop"]
        assert modal.query_one("#field-public_key", Input).value == ""
        event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
        assert (event.action, event.actor_email, event.outcome) == ("key.add", JONAS, "done")


async def test_a_bad_key_shows_its_error_next_to_the_field_and_keeps_the_text(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_keys(pilot)
        await pilot.press(*"ssh-rsa nonsense")
        await pilot.press("enter")
        await store_answered(pilot)
        row = modal.query_one("#row-public_key")
        assert row.has_class("-invalid")
        assert "not an OpenSSH public key" in str(row.query_one(".form-field--error").render())
        assert modal.query_one("#field-public_key", Input).value == "ssh-rsa nonsense"
        assert fingerprints(JONAS) == []
        assert isinstance(app.screen, OwnKeysModal)  # the dialog stays open


async def test_a_pasted_block_takes_one_line_and_says_what_was_left_out(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_keys(pilot)
        line = public_key("two")
        field = modal.query_one("#field-public_key", Input)
        field.post_message(events.Paste(f"\n{line}\nsecond line\n"))
        await pilot.pause()
        assert field.value == line
        error = str(modal.query_one("#row-public_key .form-field--error").render())
        assert "Only the first line was taken (1 more line not taken)" in error


async def test_remove_asks_first_then_removes_the_highlighted_key(make_app, demo):
    admin = store.people.access.resolve_actor(ADMIN)
    store.people.keys.add_key(admin, JONAS, public_key("old"))
    store.people.keys.add_key(admin, JONAS, public_key("new"))
    old, new = fingerprints(JONAS)
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_keys(pilot)
        modal.query_one("#keys-table", DataTable).focus()
        await pilot.press("down", "delete")
        await pilot.pause()
        await asked(pilot)
        await pilot.press("n")  # cancelled: nothing removed
        await pilot.pause()
        assert fingerprints(JONAS) == [old, new]
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await store_answered(pilot)
        assert fingerprints(JONAS) == [old]
        assert [r[1] for r in rows(modal)] == ["old"]
        event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
        assert (event.action, event.old_value, event.outcome) == ("key.remove", new, "done")


async def test_another_persons_key_cannot_be_touched(make_app, demo):
    maria_line = public_key("maria@home")
    store.people.keys.add_key(store.people.access.resolve_actor(ADMIN), MARIA, maria_line)
    (maria_key,) = fingerprints(MARIA)
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_keys(pilot)
        assert rows(modal) == []
        assert text_of(modal, "#keys-detail") == "You have no sign-in keys yet."
        # A tampered screen asking the store to remove Maria's key: refused, shown, recorded.
        modal.remove_key(maria_key)
        await store_answered(pilot)
        assert "Only admin staff manage another person's keys" in text_of(
            modal, "#dialog-banner")
        # Maria's key pasted as Jonas's own: a key belongs to one person.
        field = modal.query_one("#field-public_key", Input)
        field.value = maria_line
        await pilot.press("enter")
        await store_answered(pilot)
        assert "already registered" in str(
            modal.query_one("#row-public_key .form-field--error").render())
    assert fingerprints(MARIA) == [maria_key] and fingerprints(JONAS) == []
    refused = AuditEvent.get((AuditEvent.action == "key.remove")
                             & (AuditEvent.outcome == "refused"))
    assert refused.actor_email == JONAS


async def test_staff_reach_their_keys_from_the_search_and_the_palette_lists_it(demo):
    from tui.app import MyCompanyApp
    from tui.screens.search import SearchScreen

    app = MyCompanyApp(store.people.access.resolve_actor("support@mycompany.example"))
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Sign-in keys" in titles
        modal = await open_keys(pilot)
        assert modal.dialog_title() == "Your sign-in keys — support@mycompany.example"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_the_key_is_in_help_with_what_it_does(make_app, demo):
    from tui.screens.help import HelpScreen

    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("^o", "Your SSH sign-in keys: list, add, remove") in app.screen.keys
