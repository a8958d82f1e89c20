"""ctrl+q while a dialog's save is under way asks about the save, as over a tab's, and a dialog
whose save went through closes whatever was asked over it (verification v1: jonas on Billing,
`a`, an address typed, another program holding the database, ctrl+s then ctrl+q asked "What you
typed in the open dialog is not saved. Quit anyway?"; when the save ended the question vanished
unanswered and the dialog stayed full, so ctrl+s again tried a second time: "already a user of
company 5" for the admin's New company). tui.screens.leaving.ask_over_saves and
FormDialog.close_with. The lock is a real second connection holding BEGIN EXCLUSIVE."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input

import store.people.access
import store.profile.billing
import store.profile.search
from tui.screens.company import CompanyScreen
from tui.screens.company_admin import CompanyFormDialog
from tui.screens.confirm import ConfirmModal
from tui.screens.recipient import RecipientModal
from tui.screens.search import SearchScreen
from tui.widgets.key_footer import shown_entries

from .helpers import asked, owner, store_answered, type_into, until
from .test_store_off_loop import busy_after, wait_until_saving

UNDER_WAY = "A save is under way in the open dialog: its outcome will show in it."
ADMIN = "admin@mycompany.example"
NEW = {"name": "Lock Test GmbH", "country": "Germany", "plan": "Essentials",
       "term": "monthly", "owner_email": "ops@locktest.example", "owner_name": "Olaf Ops"}


def lock(db_url: str) -> sqlite3.Connection:
    other = sqlite3.connect(Path(db_url.removeprefix("sqlite:///")), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


def question(app) -> str:
    return app.screen.question if isinstance(app.screen, ConfirmModal) else ""


def recipients(demo) -> list[str]:
    return store.profile.billing.get_billing(owner(), demo["nordwind"]).recipients


async def adding_under_a_lock(pilot, db_url: str) -> tuple[sqlite3.Connection, RecipientModal]:
    """Billing, `a`, an address typed, ctrl+s: the save waits on another program's lock."""
    app = pilot.app
    await store_answered(pilot)
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, RecipientModal), "the dialog")
    dialog = app.screen
    await type_into(pilot, app, "email", "ap3@nordwind.de")
    other = lock(db_url)
    await pilot.press("ctrl+s")
    await wait_until_saving(pilot, dialog.query_one("#recipient-form"))
    return other, dialog


async def test_quit_while_the_dialog_saves_asks_about_the_save_and_rewords_once_it_is_done(
        make_app, demo, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        other, dialog = await adding_under_a_lock(pilot, db_url)
        await pilot.press("ctrl+q")
        await asked(pilot)
        assert question(app) == f"{UNDER_WAY}\nWait for it, then quit?"
        other.execute("COMMIT")
        other.close()
        await store_answered(pilot)
        # The dialog closed with its answer, under the question, which is asked again in its
        # new words; the list behind shows the address.
        await until(pilot, lambda: question(app).startswith("The dialog's save is done"),
                    "the question in its new words")
        assert question(app) == "The dialog's save is done: it has closed.\nQuit now?"
        assert dialog not in app.screen_stack
        assert [type(s) for s in app.screen_stack] == [CompanyScreen, ConfirmModal]
        assert "^q" not in [entry.keys for entry in shown_entries(app.screen)]
        assert "ap3@nordwind.de now receives the invoices" in [
            str(note.message) for note in app._notifications]
        await pilot.press("n")  # stays: on Billing, nothing left open
        await until(pilot, lambda: isinstance(app.screen, CompanyScreen), "back on Billing")
        await pilot.press("ctrl+q")  # nothing under way, nothing typed: quits
        await until(pilot, lambda: not app.is_running, "quit")
    assert "ap3@nordwind.de" in recipients(demo)


async def test_wait_then_quits_once_the_dialog_has_saved(make_app, demo, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        other, dialog = await adding_under_a_lock(pilot, db_url)
        await pilot.press("ctrl+q")
        await asked(pilot)
        await pilot.press("y")
        await until(pilot, lambda: app.screen is dialog, "waiting, the dialog saving")
        assert app.is_running  # not before the outcome
        other.execute("COMMIT")
        other.close()
        await until(pilot, lambda: not app.is_running, "quit once saved")
    assert app.return_code == 0
    assert "ap3@nordwind.de" in recipients(demo)


async def test_a_refused_dialog_save_rewords_the_question_over_the_dialog(make_app, demo,
                                                                          db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        # Past the second the keys typed after a dialog's ctrl+s wait (tui/type_ahead.py).
        with busy_after(2.5):
            other, dialog = await adding_under_a_lock(pilot, db_url)
            await pilot.press("ctrl+q")
            await asked(pilot)
            assert question(app) == f"{UNDER_WAY}\nWait for it, then quit?"
            await store_answered(pilot)  # the database stayed busy: refused
        await until(pilot, lambda: question(app).startswith("The dialog's save was not"),
                    "the question reworded")
        assert question(app) == ("The dialog's save was not taken: the dialog says why.\n"
                                 "Quit now?")
        assert app.screen_stack[-2] is dialog  # kept, with what was typed
        await pilot.press("y")  # goes on: the dialog's input is unsaved, so it asks as usual
        await until(pilot, lambda: "Quit anyway?" in question(app), "the usual question")
        await pilot.press("n")
        await until(pilot, lambda: app.screen is dialog, "back in the dialog")
        assert dialog.query_one("#field-email", Input).value == "ap3@nordwind.de"
        other.execute("ROLLBACK")
        other.close()
    assert "ap3@nordwind.de" not in recipients(demo)


async def test_ctrl_q_typed_while_a_quick_save_is_refused_still_asks(make_app, demo, db_url):
    """Keys typed after a dialog's ctrl+s wait for its answer (tui/type_ahead.py); let go after
    a refusal, ctrl+q went no further than the dialog's form (its sender, for Textual)."""
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        with busy_after(0.3):
            other, dialog = await adding_under_a_lock(pilot, db_url)
            await pilot.press("ctrl+q")  # waits for the answer
            await asked(pilot)
        assert question(app) == "What you typed in the open dialog is not saved. Quit anyway?"
        assert app.screen_stack[-2] is dialog
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize("answer", ["question open", "y"])
async def test_new_company_closes_once_created_and_is_not_sent_twice(make_app, demo, db_url,
                                                                     answer):
    app = make_app(ADMIN, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CompanyFormDialog), "the form")
        dialog = app.screen
        for name, text in NEW.items():
            dialog.query_one(f"#field-{name}", Input).value = text
        other = lock(db_url)
        await pilot.press("ctrl+s")
        await wait_until_saving(pilot, dialog.query_one("#company-form"))
        await pilot.press("ctrl+q")
        await asked(pilot)
        assert question(app) == f"{UNDER_WAY}\nWait for it, then quit?"
        if answer == "y":
            await pilot.press("y")
        other.execute("COMMIT")
        other.close()
        if answer == "y":
            await until(pilot, lambda: not app.is_running, "quit once created")
        else:
            await until(pilot, lambda: question(app).startswith("The dialog's save is done"),
                        "asked again in its new words")
            assert [type(s) for s in app.screen_stack] == [SearchScreen, ConfirmModal]
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search")
            await pilot.press("ctrl+s")  # nothing left to send a second time
            await pilot.pause()
    hits = store.profile.search.search_companies(store.people.access.resolve_actor(ADMIN),
                                                 "Lock Test")
    assert [hit.name for hit in hits] == ["Lock Test GmbH"]
