"""An export whose reader goes away (`| head`) or whose disk fills says so in one line and is
recorded as what it was: its line, written first, then one with the rows written before it
stopped (#18 trial: `export history --out - | head -1` exited 1 with no message and no History
line, though rows had left)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

import store.trail.history_all
from store.people.access import resolve_actor
from store.persistence.db import database, open_database
from store.trail.exports import ExportStopped
from tui import audit_text

ADMIN = "admin@mycompany.example"


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_a_reader_gone_stops_the_export_said_and_recorded(cli, tmp_path, buffered):
    db_url = os.environ["MYCOMPANY_DATABASE_URL"]
    env = {name: value for name, value in os.environ.items()
           if name not in ("MYCOMPANY_USER", "PYTHONUNBUFFERED")}
    env.update(LANG="C.UTF-8", XDG_DATA_HOME=str(tmp_path / "data"),
               **({} if buffered else {"PYTHONUNBUFFERED": "1"}))
    child = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", db_url, "--as", ADMIN, "export", "history",
         "--out", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    child.stdout.close()  # `| head -0`: gone before the first row
    err = child.stderr.read()
    assert child.wait(timeout=60) == 1
    assert err.startswith("mycompany: The export stopped after ") and err.endswith(
        " rows: the program reading them closed the pipe.\n") and err.count("\n") == 1
    open_database(db_url)
    try:
        stopped, started = store.trail.history_all.all_history(resolve_actor(ADMIN),
                                                               action="export").items
    finally:
        database.close()
    rows = err.removeprefix("mycompany: The export stopped after ").split(" ")[0]
    assert audit_text.change(stopped) == f"{rows} rows · stopped before the end"
    # The export's line, written before its first row, holds the rows it was to write.
    assert audit_text.change(started).endswith(" rows") and started.id < stopped.id


def test_a_full_disk_is_said_so():
    stopped = ExportStopped(1, OSError(errno.ENOSPC, "No space left on device"))
    assert stopped.message == "The export stopped after 1 row: the disk is full."
    assert stopped.exit_status == 1


def test_an_export_of_no_rows_still_has_its_header(cli):
    status, out, _err = cli("--as", ADMIN, "export", "invoices", "--since", "2099-01-01",
                            "--out", "-")
    assert (status, out.splitlines()[0].split(",")[:2]) == (0, ["number", "kind"])
    assert len(out.splitlines()) == 1
