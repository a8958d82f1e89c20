"""The busy answer says the input was kept, as the full disk's does (#15 trial t15: "The database
is busy with another change; try again in a moment." said nothing of what was typed): one way
for every form (tui.widgets.store_answer.attempt). The lock is a real second connection holding
BEGIN EXCLUSIVE, and SQLite's own busy timeout gives up (shortened: busy_after)."""

from __future__ import annotations

from textual.widgets import Input, Static

from tui.screens.recipient import RecipientModal

from .helpers import store_answered, text_of, type_into, until
from .test_store_off_loop import busy_after, held

BUSY = ("The database is busy with another change; try again in a moment.\n"
        "What you typed is kept: ctrl+s tries again.")


async def test_a_busy_database_on_save_says_the_input_is_kept(make_app, demo, db_url):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        field = await type_into(pilot, app, "name", "Nordwind Cargo GmbH")
        with busy_after(0.3), held(db_url):
            await pilot.press("ctrl+s")
            await pilot.pause(0.1)
            await store_answered(pilot)
        assert text_of(app.screen.query_one("#general-banner", Static)) == BUSY
        assert field.value == "Nordwind Cargo GmbH"
        await pilot.press("ctrl+s")  # as it says: the lock gone, it saves
        await store_answered(pilot)
        assert [str(note.message) for note in app._notifications] == ["Saved"]


async def test_a_dialog_says_the_same(make_app, demo, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecipientModal), "the dialog")
        await type_into(pilot, app, "email", "ap@nordwind.de")
        with busy_after(0.3), held(db_url):
            await pilot.press("ctrl+s")
            await pilot.pause(0.1)
            await store_answered(pilot)
        assert isinstance(app.screen, RecipientModal)
        assert text_of(app.screen.query_one("#dialog-banner", Static)) == BUSY
        assert app.screen.query_one("#field-email", Input).value == "ap@nordwind.de"
