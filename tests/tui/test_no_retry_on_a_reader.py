"""A save refused by a database opened for reading only offers no "ctrl+s tries again": no save
reaches it before mycompany starts again (verification trial: a full disk at start, room now;
the banner said "…start mycompany again to save." and then "ctrl+s tries again")."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from textual.widgets import Input, Static

import store.errors
from store.persistence.db import FullDiskReader, database
from store.persistence.sqlite_file import READ_ONLY_PRAGMAS, full_disk_uri

from .helpers import store_answered, text_of

JONAS = "jonas@nordwind.de"


@pytest.fixture
def reader(demo, db_url):
    """The demo database opened again as mycompany opens it for reading only: because its disk
    was full at start (FullDiskReader, room now), or because the file may not be written."""
    path = Path(unquote(urlsplit(db_url).path[1:]))

    def open_as(kind: str) -> None:
        database.close()
        if kind == "full at start":
            database.initialize(FullDiskReader(full_disk_uri(path), uri=True,
                                               pragmas=READ_ONLY_PRAGMAS))
        else:  # store.persistence.sqlite_file.read_only_uri's URI (root may write any file)
            database.initialize(type(database.obj)(f"{path.absolute().as_uri()}?mode=ro",
                                                   uri=True, pragmas=READ_ONLY_PRAGMAS))
        database.connect()

    return open_as


async def _banner_after_save(make_app) -> str:
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        await pilot.press("end", *" AG", "ctrl+s")
        await store_answered(pilot)
        assert name.value.endswith(" AG")  # still there to copy
        return " ".join(text_of(s) for s in app.screen.query(Static) if "saved" in text_of(s))


async def test_full_at_start_room_now_says_start_again_and_no_ctrl_s(make_app, reader):
    reader("full at start")
    banner = await _banner_after_save(make_app)
    assert "There is room now: start mycompany again to save." in banner
    assert "ctrl+s" not in banner


async def test_a_file_read_only_at_start_offers_no_ctrl_s(make_app, reader):
    reader("read-only file")
    banner = await _banner_after_save(make_app)
    assert "may not be written" in banner
    assert "ctrl+s" not in banner


def test_a_full_disk_while_writable_still_offers_ctrl_s():
    full = store.errors.database_failure(OSError(28, "No space left on device"))
    assert isinstance(full, store.errors.DiskFull) and not full.until_restart
