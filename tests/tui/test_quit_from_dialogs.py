"""ctrl+q over a dialog quits as it does everywhere else (#15 trial: inside an invoice shown in
full it did nothing, Textual's key chain stopping at the modal screen): at once with nothing
typed, after "Quit anyway?" when a tab or the dialog holds unsaved input."""

from __future__ import annotations

import importlib
import pkgutil

from textual.screen import ModalScreen
from textual.widgets import DataTable, Input

import tui.screens
import tui.widgets
from tui.screens.confirm import ConfirmModal
from tui.screens.entry import EntryModal
from tui.screens.recipient import RecipientModal
from tui.widgets.dialog_keys import Dialog
from tui.widgets.key_footer import shown_entries

from .helpers import asked, until

MARIA = "maria@blueharbor.com"


async def _open_invoice(pilot, app) -> None:
    app.company_screen().query_one("#invoices", DataTable).focus()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, EntryModal), "the invoice in full")


async def test_ctrl_q_in_the_invoice_in_full_quits(make_app):
    app = make_app(MARIA, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_invoice(pilot, app)
        keys = [(entry.keys, entry.description) for entry in shown_entries(app.screen)]
        assert keys == [("esc", "Close"), ("^q", "Quit")]  # after the dialog's own
        await pilot.press("ctrl+q")
        # Under load (CI, once in three runs) the exit took more than one pause: waited for.
        await until(pilot, lambda: app.return_code is not None, "the exit")
    assert app.return_code == 0


async def test_ctrl_q_in_a_dialog_with_input_asks_first(make_app):
    app = make_app(MARIA, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecipientModal), "the dialog")
        dialog = app.screen
        await pilot.press(*"ap@blueharbor.com")
        await pilot.press("ctrl+q")
        await asked(pilot, "the question")
        assert app.screen.question == ("What you typed in the open dialog is not saved. "
                                       "Quit anyway?")
        assert "^q" not in [entry.keys for entry in shown_entries(app.screen)]
        await pilot.press("ctrl+q")  # asked already: not a second question
        await pilot.pause()
        assert len([s for s in app.screen_stack if isinstance(s, ConfirmModal)]) == 1
        await pilot.press("n")  # kept: back in the dialog, the text as typed
        await until(pilot, lambda: app.screen is dialog, "back in the dialog")
        assert dialog.query_one("#field-email", Input).value == "ap@blueharbor.com"
        await pilot.press("ctrl+q")
        await asked(pilot, "asked again")
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_in_a_dialog_over_a_tab_with_changes_asks_about_both(make_app):
    app = make_app(MARIA, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        await pilot.press("end", "x")
        await pilot.press("f1")  # help is a dialog too
        await until(pilot, lambda: isinstance(app.screen, Dialog), "the help")
        await pilot.press("ctrl+q")
        await asked(pilot, "the question")
        assert app.screen.question == "Unsaved changes on General. Quit anyway?"


def test_every_dialog_is_a_dialog():
    """Every modal screen of the program has the keys that work everywhere (ctrl+q)."""
    modules = []
    for package in (tui.screens, tui.widgets):
        modules += [importlib.import_module(f"{package.__name__}.{info.name}")
                    for info in pkgutil.iter_modules(package.__path__)]
    modals = {value for module in modules for value in vars(module).values()
              if isinstance(value, type) and issubclass(value, ModalScreen)
              and value.__module__.startswith("tui.")}
    assert modals and all(issubclass(modal, Dialog) for modal in modals), [
        modal for modal in modals if not issubclass(modal, Dialog)]
