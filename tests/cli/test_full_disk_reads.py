"""A database on a full disk is read as usual, and only a save is refused, in one line
(#15 trial: with 0 bytes free, `show plan` said "The disk holding the database is full: nothing
was saved" and the screens exited 6 before drawing: SQLite's usual open grows the WAL index, the
-shm file, which a full disk refuses).

The disk is a real one: a 2 MiB tmpfs mounted in a mount namespace of the command's own (root:
`unshare -m`; anyone else: `unshare -rm`, as root of a user namespace), the demo database copied
onto it and every byte left taken by a file of zeros."""

from __future__ import annotations

import os
import pty
import shutil
import sqlite3
import subprocess
import sys

import pytest

import store.errors
from tests.cli.test_one_line_failures import _read_until, mycompany, one_line

# $0: the mount point; $1: the database to put on it. The copy keeps no -wal or -shm: as after
# the last program that had it open closed it.
FULL_DISK = ('mount -t tmpfs -o size=2m tmpfs "$0" && cp "$1" "$0/db.sqlite3" && '
             '{ cat /dev/zero >"$0/fill" 2>/dev/null; [ -s "$0/fill" ]; } && shift && exec "$@"')
JONAS = ("--as", "jonas@nordwind.de")


@pytest.fixture
def full_disk(tmp_path) -> tuple[tuple[str, ...], str]:
    """(the wrapper that runs a command with the database on a full disk, the database's URL
    there); skips when this machine can make no mount namespace."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) to mount a small tmpfs as the full disk")
    made = tmp_path / "made.sqlite3"
    assert mycompany("--db", f"sqlite:///{made}", "demo").returncode == 0
    folder = tmp_path / "disk"
    folder.mkdir()
    wrapper = ("unshare", "-m" if os.geteuid() == 0 else "-rm", "sh", "-c", FULL_DISK,
               str(folder), str(made))
    probe = subprocess.run([*wrapper, "sh", "-c", 'df -k "$0" | tail -1', str(folder)],
                           check=False, capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace with a tmpfs of its own here: {probe.stderr.strip()}")
    assert probe.stdout.split()[3] == "0", probe.stdout  # not a byte free
    return wrapper, f"sqlite:///{folder / 'db.sqlite3'}"


def test_show_commands_read_a_database_on_a_full_disk(full_disk):
    wrapper, url = full_disk
    for command in (("show", "plan"), ("show", "invoices"), ("show", "history")):
        shown = mycompany("--db", url, *JONAS, *command, wrapper=wrapper)
        assert (shown.returncode, shown.stderr) == (0, ""), command
    assert "Professional" in mycompany("--db", url, *JONAS, "show", "plan",
                                       wrapper=wrapper).stdout
    staff = mycompany("--db", url, "--as", "support@mycompany.example", "search", "Nord",
                      wrapper=wrapper)
    assert (staff.returncode, staff.stderr) == (0, "")
    assert "Nordwind Logistik GmbH" in staff.stdout


def test_a_save_on_a_full_disk_is_refused_as_the_full_disk(full_disk):
    wrapper, url = full_disk
    saved = mycompany("--db", url, *JONAS, "set", "general", "--name", "Full GmbH",
                      wrapper=wrapper)
    assert saved.returncode == 6
    assert one_line(saved.stderr) == ("mycompany: The disk holding the database is full: nothing "
                                      "was saved. Free some space and try again.")


def test_the_screens_open_on_a_full_disk_and_show_the_company(full_disk):
    wrapper, url = full_disk
    pid, terminal = pty.fork()
    if pid == 0:
        os.execvpe(wrapper[0], [*wrapper, sys.executable, "-m", "tui", "--db", url, *JONAS],
                   {**os.environ, "LANG": "C.UTF-8", "COLUMNS": "80", "LINES": "24"})
    seen = _read_until(terminal, b"Nordwind Logistik GmbH", timeout=60)
    os.write(terminal, b"\x11")  # ctrl+q
    seen += _read_until(terminal, None, timeout=30)
    os.close(terminal)
    status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    assert b"Nordwind Logistik GmbH" in seen, seen[-500:]
    assert b"Company name" in seen
    assert b"disk holding the database is full" not in seen
    assert status == 0


def test_once_there_is_room_a_save_says_to_start_again(tmp_path):
    """The database stays opened for reading only: a save after space was freed says so, not
    "may not be written (a read-only file...)" nor "the disk is full"."""
    refused = sqlite3.OperationalError("attempt to write a readonly database")
    refused.sqlite_errorname = "SQLITE_READONLY"  # as sqlite3 sets it
    failure = store.errors.database_failure(refused, str(tmp_path), full_at_open=True)
    assert failure is not None and failure.exit_status == 6
    assert "There is room now: start mycompany again" in failure.message
    assert "read-only file" in store.errors.database_failure(refused, str(tmp_path)).message
