"""Issue 15, "frozen screen": a save waits for the database off the event loop (a Textual thread
worker), so that while another program holds the SQLite file the screen keeps drawing, keys keep
echoing, the form says "Saving…", and the outcome (saved, or busy) arrives with the input kept.

The lock is a real second connection to the same file, holding BEGIN EXCLUSIVE, as
`sqlite3 file 'BEGIN EXCLUSIVE;'` or another mycompany saving would."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

from textual.widgets import Input, Static

import store
import store.people.access
import store.profile.billing
import store.profile.company

from .helpers import OWNER, store_answered, type_into

# How long a save waits for a lock (store/persistence/db.py BUSY_TIMEOUT_MS is 5 s): long
# enough for the keys below, far from the timeout.
HELD = 0.6


@contextmanager
def held(db_url: str):
    """Another program's write transaction on the database file, until the block ends."""
    other = sqlite3.connect(Path(db_url.removeprefix("sqlite:///")), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


@contextmanager
def busy_after(seconds: float):
    """Every connection opened from now on gives up waiting for another program's lock after
    `seconds` (SQLite's busy_timeout, 5 s in the program: store/persistence/db.py), so that a
    test sees the busy answer soon: the refusal itself is SQLite's, as it is after 5 s."""
    from store.persistence.db import database

    db = database.obj
    before = db._pragmas  # peewee's pragmas for each new connection
    db._pragmas = [*(p for p in before if p[0] != "busy_timeout"),
                   ("busy_timeout", int(seconds * 1000))]
    try:
        yield
    finally:
        db._pragmas = before


def working(app) -> str:
    """The "Saving…" line of the shown forms, as drawn ("" when none shows)."""
    return " ".join(str(line.render()) for line in app.screen.query(".form-working")
                    .results(Static) if line.has_class("-shown") and line.region.height)


async def wait_until_saving(pilot, form) -> None:
    """Until the save's worker is inside the store call (waiting on the lock)."""
    for _ in range(150):
        await pilot.pause(0.02)
        if form.saving and any(w.group == "saving" and w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("the save never started")


async def test_general_save_under_a_lock_keeps_the_screen_live(make_app, demo, db_url):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.query_one("#general-form")
        await type_into(pilot, app, "name", "Nordwind Cargo GmbH")
        with held(db_url):
            await pilot.press("ctrl+s")
            await wait_until_saving(pilot, form)
            assert working(app) == "Saving…"
            # Keys stay live: typing into the other field echoes while the save waits (a few
            # keys: the lock must outlast them, well inside the 5 s busy timeout).
            website = app.query_one("#field-website", Input)
            website.focus()
            await pilot.press("end", "/", "x")
            await pilot.pause()
            assert website.value == "https://nordwind.de/x"
            assert "https://nordwind.de/x" in str(website.render_line(0).text)
            # A second ctrl+s while the first waits does nothing more.
            await pilot.press("ctrl+s")
            await pilot.pause(HELD)
            # All of it while the save still waited (a frozen loop would have run the keys
            # after the save's answer).
            assert form.saving and working(app) == "Saving…"
            assert store.profile.company.get_general(store.people.access.resolve_actor(OWNER),
                                             demo["nordwind"]).name == "Nordwind Logistik GmbH"
        await store_answered(pilot)  # the lock is gone: the save goes through
        view = store.profile.company.get_general(store.people.access.resolve_actor(OWNER),
            demo["nordwind"])
        assert view.name == "Nordwind Cargo GmbH"
        assert view.website == "https://nordwind.de"  # typed after ctrl+s: not sent
        assert working(app) == ""
        # What was typed while it saved is still there, unsaved.
        assert app.query_one("#field-name", Input).value == "Nordwind Cargo GmbH"
        assert app.query_one("#field-website", Input).value == "https://nordwind.de/x"
        assert app.screen.query_one("#general-tab").dirty
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert store.profile.company.get_general(store.people.access.resolve_actor(OWNER),
                                         demo["nordwind"]).website == "https://nordwind.de/x"


async def test_a_save_that_stays_locked_says_busy_and_keeps_the_input(make_app, demo, db_url):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.query_one("#general-form")
        await type_into(pilot, app, "name", "Nordwind Cargo GmbH")
        with held(db_url):
            await pilot.press("ctrl+s")
            await wait_until_saving(pilot, form)
            await store_answered(pilot)  # the busy timeout (5 s) passes with the lock held
        banner = str(app.query_one("#general-banner", Static).render())
        assert "busy" in banner and "try again" in banner
        assert app.query_one("#field-name", Input).value == "Nordwind Cargo GmbH"
        assert working(app) == ""
        await pilot.press("ctrl+s")  # the lock is gone: the same input saves
        await store_answered(pilot)
        assert store.profile.company.get_general(store.people.access.resolve_actor(OWNER),
                                         demo["nordwind"]).name == "Nordwind Cargo GmbH"
        assert str(app.query_one("#general-banner", Static).render()) == ""


async def test_a_dialog_waits_for_its_save_and_then_closes(make_app, demo, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        form = dialog.query_one("#recipient-form")
        with held(db_url):
            await pilot.press(*"ap@nordwind.de", "enter")
            await wait_until_saving(pilot, form)
            assert working(app) == "Saving…"
            await pilot.press("escape")  # the answer must not go unseen: the dialog stays
            await pilot.pause(HELD)
            assert app.screen is dialog
        await store_answered(pilot)
        assert app.screen is not dialog
        recipients = store.profile.billing.get_billing(store.people.access.resolve_actor(OWNER),
                                               demo["nordwind"]).recipients
        assert "ap@nordwind.de" in recipients
        table = app.screen.query_one("#recipients")
        assert "ap@nordwind.de" in [str(table.get_row_at(r)[0]) for r in range(table.row_count)]


async def test_removing_a_recipient_under_a_lock_says_so_and_keys_stay_live(make_app, demo,
                                                                             db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#recipients")
        table.focus()
        await pilot.pause()
        section = app.screen.query_one("#recipients-section")
        with held(db_url):
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("y")
            for _ in range(150):
                await pilot.pause(0.02)
                if any(w.group == "saving" and w.is_running for w in app.workers):
                    break
            note = app.screen.query_one("#recipients-error", Static)
            assert str(note.render()) == "Removing buchhaltung@nordwind.de…"
            assert note.has_class("-working")
            # The address form takes keys meanwhile.
            city = app.query_one("#field-city", Input)
            city.focus()
            await pilot.press("end", "x")
            await pilot.pause()
            assert city.value == "Hamburgx" and section.removing
        await store_answered(pilot)
        assert not section.removing
        assert [str(table.get_row_at(r)[0]) for r in range(
            table.row_count)] == ["jonas@nordwind.de"]
        assert store.profile.billing.get_billing(store.people.access.resolve_actor(OWNER),
                                         demo["nordwind"]).recipients == ["jonas@nordwind.de"]
        assert not app.screen.query_one("#recipients-error", Static).has_class("-shown")
        assert app.query_one("#field-city", Input).value == "Hamburgx"
