"""Disk full on save (#15 trial): the form says, in its banner, that the disk is full, that
nothing was saved and that what was typed is kept; the typed text stays; with room again ctrl+s
saves it. SQLite's own limit makes the failure real: `max_page_count` at the file's size gives
SQLITE_FULL on the next write, exactly as a full disk does (tests/store/test_disk_failures.py),
here on every connection, the save's worker thread's too."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

import store.errors
import store.people.access
import store.profile.company
from store.persistence.db import database

from .helpers import store_answered, text_of

JONAS = "jonas@nordwind.de"


@pytest.fixture
def full_file(demo):
    """The database file filled up to a page limit that every connection keeps."""
    db = database.obj
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    limit = ("max_page_count", pages)
    db._pragmas = [*db._pragmas, limit]  # peewee's pragmas for each new connection
    database.execute_sql(f"PRAGMA max_page_count = {pages}")
    actor = store.people.access.resolve_actor(JONAS)
    view = store.profile.company.get_general(actor, demo["nordwind"])
    for n in range(1000):  # the free pages the file still has, used up
        try:
            view = store.profile.company.save_general(actor, demo["nordwind"], {
                "name": f"Nordwind {n} " + "X" * 80, "website": view.website}, view.version)
        except store.errors.StorageError:
            break
    else:
        raise AssertionError("the file never filled up")

    def make_room() -> None:
        db._pragmas = [p for p in db._pragmas if p != limit]
        database.execute_sql("PRAGMA max_page_count = 4294967294")

    yield make_room
    make_room()


async def test_a_full_disk_on_save_says_so_and_keeps_the_input(make_app, full_file):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        await pilot.press("ctrl+u", *"Nordwind AG")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        banner = " ".join(text_of(s) for s in app.screen.query(Static)
                          if "disk" in text_of(s))
        assert "The disk holding the database is full: nothing was saved." in banner
        assert "What you typed is kept: ctrl+s tries again." in banner
        assert "I/O" not in banner
        assert name.value == "Nordwind AG"
        full_file()  # room again: the same ctrl+s saves what was kept
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        actor = store.people.access.resolve_actor(JONAS)
        assert store.profile.company.get_general(actor, actor.company_id).name == "Nordwind AG"
