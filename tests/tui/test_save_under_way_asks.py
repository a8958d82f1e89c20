"""Escape, another tab or ctrl+q while a save is under way (#15 trial: another program held the
database 3 s, ctrl+s, then escape → "Discard them?" y, or ctrl+q → "Quit anyway?" y: the save
still went through, a discard that saved). The question says a save is under way and that its
outcome will show; waiting for it, the key then does what it does once nothing is being saved;
a refused save stops there, the input kept (tui.screens.leaving).

The lock is a real second connection holding BEGIN EXCLUSIVE, as in test_store_off_loop."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TabbedContent

import store.profile.billing
import store.profile.company
from tui.screens.company import CompanyScreen
from tui.screens.confirm import ConfirmModal

from .helpers import asked, owner, store_answered, type_into, until
from .test_store_off_loop import busy_after, wait_until_saving

TYPED = "https://nordwind.de/qz"
UNDER_WAY = "A save is under way on General: its outcome will show here."


def lock(db_url: str) -> sqlite3.Connection:
    """Another program's write transaction on the database file (COMMIT or ROLLBACK ends it)."""
    other = sqlite3.connect(Path(db_url.removeprefix("sqlite:///")), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


def question(app) -> str:
    assert isinstance(app.screen, ConfirmModal), app.screen
    return str(app.screen.query_one(Static).render())


def asking(app) -> str:
    """The question on top, or "" when none is."""
    return question(app) if isinstance(app.screen, ConfirmModal) else ""


def website(demo) -> str:
    return store.profile.company.get_general(owner(), demo["nordwind"]).website or ""


async def saving_under_a_lock(pilot, db_url: str) -> tuple[sqlite3.Connection, Input]:
    """The website typed, ctrl+s, and the save waiting on another program's lock."""
    app = pilot.app
    field = await type_into(pilot, app, "website", TYPED)
    other = lock(db_url)
    await pilot.press("ctrl+s")
    await wait_until_saving(pilot, app.query_one("#general-form"))
    return other, field


@pytest.mark.parametrize("key", ["escape", "ctrl+pagedown"])
async def test_leaving_the_input_while_it_saves_says_so_and_waits_for_the_outcome(
        make_app, demo, db_url, key):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        other, field = await saving_under_a_lock(pilot, db_url)
        await pilot.press(key)
        await asked(pilot, "the question")
        then = ("Wait for it, then discard what is still unsaved?" if key == "escape"
                else "Wait for it, then go to Plan?")
        assert question(app) == f"{UNDER_WAY}\n{then}"
        assert "Discard them?" not in question(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)  # waiting: the form still says Saving…
        other.execute("COMMIT")
        other.close()
        await store_answered(pilot)
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "no question")
        assert field.value == TYPED  # saved: nothing left to discard, nothing asked
        assert not app.screen.current_tab().dirty
        if key == "ctrl+pagedown":
            await until(pilot, lambda: app.screen.query_one("#tabs", TabbedContent).active
                        == "plan", "Plan shown once saved")
        else:
            assert not isinstance(app.focused, Input)  # escape left the field, as it does
    assert website(demo) == TYPED


async def test_cancel_leaves_the_save_to_go_on_and_its_outcome_shows(make_app, demo, db_url):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        other, field = await saving_under_a_lock(pilot, db_url)
        await pilot.press("escape")
        await asked(pilot, "the question")
        assert question(app).startswith(UNDER_WAY)
        await pilot.press("n")
        other.execute("COMMIT")
        other.close()
        await store_answered(pilot)
        assert isinstance(app.screen, CompanyScreen)
        assert field.value == TYPED
        assert [str(note.message) for note in app._notifications] == ["Saved"]
    assert website(demo) == TYPED


async def test_quit_while_it_saves_quits_once_it_is_saved(make_app, demo, db_url):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        other, _field = await saving_under_a_lock(pilot, db_url)
        await pilot.press("ctrl+q")
        await asked(pilot, "the question")
        assert question(app) == f"{UNDER_WAY}\nWait for it, then quit?"
        await pilot.press("ctrl+q")  # not asked twice
        await pilot.pause()
        assert len([s for s in app.screen_stack if isinstance(s, ConfirmModal)]) == 1
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running  # not before the outcome
        other.execute("COMMIT")
        other.close()
        await until(pilot, lambda: not app.is_running, "the program quit once saved")
    assert app.return_code == 0
    assert website(demo) == TYPED


async def test_a_refused_save_stops_the_quit_and_keeps_the_input(make_app, demo, db_url):
    """Someone saved the profile while the lock was held: the save is refused (a conflict),
    its reason shows in the form, what was typed stays, and the program stays open."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        other, field = await saving_under_a_lock(pilot, db_url)
        await pilot.press("ctrl+q")
        await asked(pilot, "the question")
        await pilot.press("y")
        other.execute("UPDATE company SET version = version + 1, name = 'Nordwind Cargo' "
                      "WHERE id = ?", (demo["nordwind"],))
        other.execute("COMMIT")
        other.close()
        await store_answered(pilot)
        await pilot.pause(0.2)
        assert app.is_running and isinstance(app.screen, CompanyScreen)
        assert field.value == TYPED
        assert "Changed by" in str(app.screen.query_one("#general-banner", Static).render())
    assert website(demo) != TYPED


async def test_the_billing_address_asks_the_same_while_it_saves(make_app, demo, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await type_into(pilot, app, "city", "Bremen")
        other = lock(db_url)
        await pilot.press("ctrl+s")
        await wait_until_saving(pilot, app.query_one("#address-form"))
        await pilot.press("escape")
        await asked(pilot, "the question")
        assert question(app) == ("A save is under way on Billing: its outcome will show here.\n"
                                 "Wait for it, then discard what is still unsaved?")
        await pilot.press("y")
        other.execute("COMMIT")
        other.close()
        await store_answered(pilot)
        assert app.query_one("#field-city", Input).value == "Bremen"
    billing = store.profile.billing.get_billing(owner(), demo["nordwind"])
    assert billing.address is not None and billing.address.city == "Bremen"


# The question while a save runs changes its words once the save has answered (#15 trial t15:
# "A save is under way on General… Wait for it, then go to Plan?" stayed after the busy answer
# had shown behind it; only y then asked "Discard them?").


@pytest.mark.parametrize(("key", "now"), [("ctrl+pagedown", "Go to Plan now?"),
                                          ("ctrl+q", "Quit now?"),
                                          ("escape", "Discard what is still unsaved now?")])
async def test_the_question_says_when_the_save_was_refused_and_y_then_asks_as_usual(
        make_app, demo, db_url, key, now):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        with busy_after(0.5):
            other, field = await saving_under_a_lock(pilot, db_url)
            await pilot.press(key)
            await asked(pilot, "the question")
            assert question(app).startswith(UNDER_WAY)
            await store_answered(pilot)  # the database stayed busy: the save is refused
        await until(pilot, lambda: asking(app).startswith("The save on General was not"),
                    "the question reworded")
        assert question(app) == f"The save on General was not taken: the tab says why.\n{now}"
        assert "(y)" in str(app.screen.query_one("#yes").label)
        assert "Wait" not in str(app.screen.query_one("#yes").label)
        await pilot.press("y")  # goes on: the input is unsaved, so the key asks as usual
        await until(pilot, lambda: "Discard them?" in asking(app)
                    or "Quit anyway?" in asking(app), "the usual question")
        assert field.value == TYPED
        assert app.is_running
        other.execute("ROLLBACK")
        other.close()
    assert website(demo) != TYPED


async def test_the_question_says_when_the_save_is_done_and_y_goes_on(make_app, demo, db_url):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        other, _field = await saving_under_a_lock(pilot, db_url)
        await pilot.press("ctrl+pagedown")
        await asked(pilot, "the question")
        other.execute("COMMIT")
        other.close()
        await store_answered(pilot)
        await until(pilot, lambda: asking(app).startswith("The save on General is done."),
                    "the question reworded")
        assert question(app) == "The save on General is done.\nGo to Plan now?"
        tabs = app.screen_stack[-2].query_one("#tabs", TabbedContent)
        assert tabs.active == "general"  # not before the person answers
        await pilot.press("y")
        await until(pilot, lambda: tabs.active == "plan", "Plan shown")
        assert isinstance(app.screen, CompanyScreen)
    assert website(demo) == TYPED
