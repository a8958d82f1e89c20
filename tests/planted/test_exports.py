"""Planted data in every export (issue #15, README "Exports"): every column of every kind
`export` offers, written as CSV by the program's own process to a pseudo-terminal, a pipe and
a file, holds nothing raw; a column the planting filled shows the planted text escaped.

The columns come from store.trail.exports.COLUMNS and the planted values from the same export as
JSON Lines (which keeps them exactly), so a column added later is planted and checked too.
#15 trial: `export history --company 3 --out - | tail` ran the ticket's colour and window-title
sequences while the old and new values and the reason, escaped by History's words, did not.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from store.trail.exports import COLUMNS, KINDS
from tests.planted.conftest import BILLING, PLANT, RAW
from tui.formatting import safe_text

ESCAPED = safe_text(PLANT)
# History's cells are its words (tui.export_cli.history_cells): these name a planted code by
# what it is ("Refused: …", a role's label), the planted text escaped within or left out.
WORDED = {("history", "actor_role"), ("history", "action"), ("history", "outcome")}


def cell(row: dict, what: str, name: str) -> str:
    """The CSV cell that shows the stored `name`: History says an old value that reads as
    structure (the planted text starts with `[`) in its `new_value` cell, as "old → new"."""
    return row["old_value"] + row["new_value"] if (what, name) == ("history", "old_value") \
        else row[name]


def run(db_url: str, *argv: str, terminal: bool) -> str:
    """The program in its own process, its stdout a pseudo-terminal or a pipe: what it wrote
    there."""
    env = {**os.environ, "MYCOMPANY_DATABASE_URL": db_url, "COLUMNS": "80", "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "tui", "--as", BILLING, *argv]
    if not terminal:
        done = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
        assert done.returncode == 0 and not RAW.findall(done.stderr.decode("utf-8"))
        return done.stdout.decode("utf-8")
    leader, follower = os.openpty()
    with subprocess.Popen(command, env=env, stdout=follower, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL) as process:
        os.close(follower)
        written = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer of the terminal closed it
                break
            if not chunk:
                break
            written += chunk
        assert (process.wait(timeout=120), process.stderr.read()) == (0, b"")
    os.close(leader)
    return written.decode("utf-8").replace("\r\n", "\n")  # the terminal's own line ends


def planted_cells(db_url: str, what: str) -> list[dict]:
    """Each row of the `what` export as JSON Lines: the values as stored."""
    return [json.loads(line) for line in
            run(db_url, "export", what, "--format", "jsonl", terminal=False).splitlines()]


def assert_every_column_escaped(text: str, what: str, stored: list[dict]) -> None:
    assert not RAW.findall(text.replace("\r\n", "\n"))  # RFC 4180's line ends aside
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(COLUMNS[what])
    rows = rows[:len(stored)]  # History's own lines of the exports since come after
    planted = {name for row in stored for name, value in row.items()
               if isinstance(value, str) and PLANT in value}
    assert planted, f"nothing planted in the {what} export"
    for name in planted - {n for kind, n in WORDED if kind == what}:
        shown = [cell(row, what, name) for row, kept in zip(rows, stored, strict=True)
                 if isinstance(kept[name], str) and PLANT in kept[name]]
        assert shown and all(ESCAPED in cell for cell in shown), (what, name, shown[:1])


@pytest.mark.parametrize("what", KINDS)
def test_every_column_of_every_export_is_escaped_on_a_terminal_a_pipe_and_in_a_file(
        planted, db_url, tmp_path, what):
    from store.persistence.db import database

    database.close()
    stored = planted_cells(db_url, what)
    assert_every_column_escaped(run(db_url, "export", what, terminal=True), what, stored)
    assert_every_column_escaped(run(db_url, "export", what, terminal=False), what, stored)
    path = tmp_path / f"{what}.csv"
    run(db_url, "export", what, "--out", str(path), terminal=False)
    assert_every_column_escaped(path.read_text(encoding="utf-8"), what, stored)


def test_the_ticket_column_of_the_history_export_is_escaped_through_a_pipe(planted, db_url):
    """The trial's example: the ticket, beside the reason, each escaped alike."""
    from store.persistence.db import database

    database.close()
    rows = list(csv.DictReader(io.StringIO(
        run(db_url, "export", "history", terminal=False), newline="")))
    ticketed = [row for row in rows if row["ticket"]]
    assert ticketed and all(row["ticket"].startswith(ESCAPED) for row in ticketed)
    assert "␛]0;x␇" in ticketed[0]["ticket"] and "\x1b" not in ticketed[0]["ticket"]
