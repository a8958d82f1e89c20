"""Escape while a dialog's save is under way says so, never nothing (#15 trial t15: in the
Add-recipient dialog, escape pressed during "Saving…" was dropped without a word, and the dialog
stayed open after the busy answer). The key is dimmed meanwhile, so it rings and says why
(tui.dimmed, FormDialog.check_action); once the answer shows, escape closes as it does, asking
first about what was typed. The lock is a real second connection holding BEGIN EXCLUSIVE."""

from __future__ import annotations

from textual.widgets import Button

from tui.screens.confirm import ConfirmModal
from tui.screens.recipient import RecipientModal
from tui.widgets.key_footer import shown_entries

from .helpers import store_answered, type_into, until
from .test_store_off_loop import busy_after, held, wait_until_saving

WAITS = "Still saving: press escape again once the answer shows."


def notes(app) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_escape_while_the_dialog_saves_says_it_waits(make_app, demo, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecipientModal), "the dialog")
        dialog = app.screen
        await type_into(pilot, app, "email", "ap@nordwind.de")
        with busy_after(2.5), held(db_url):
            await pilot.press("ctrl+s")
            await wait_until_saving(pilot, dialog.query_one("#recipient-form"))
            assert ("esc", "Cancel", False) in shown_entries(dialog)  # dimmed in the key line
            await pilot.press("escape")
            await until(pilot, lambda: WAITS in notes(app), "escape says why it waits")
            assert app.screen is dialog
            dialog.query_one("#dialog-cancel", Button).press()  # the button says the same
            await until(pilot, lambda: notes(app).count(WAITS) == 2, "the button says so too")
            await store_answered(pilot)  # busy: refused, the dialog stays with the input
        assert app.screen is dialog
        await pilot.press("escape")  # now it acts, asking first about what was typed
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "asked")
        assert "Discard what you typed?" in str(app.screen.query_one("#question").render())
