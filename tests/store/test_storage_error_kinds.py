"""Every kind of storage failure, SQLite's and PostgreSQL's, is one plain sentence from one place
(store.errors.database_failure, #15 trial): full, read-only, unreadable, locked; the database's
own words ("disk I/O error") are never the message."""

from __future__ import annotations

import sqlite3

import pytest

import store.errors
from store.errors import Busy, StorageError, database_failure


def sqlite_error(name: str, words: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(words)
    exc.sqlite_errorname = name  # as sqlite3 sets it
    return exc


class PgError(Exception):
    """What psycopg raises: the SQLSTATE on `sqlstate`."""

    def __init__(self, sqlstate: str, words: str) -> None:
        super().__init__(words)
        self.sqlstate = sqlstate


def test_an_io_error_on_a_disk_with_room_says_nothing_was_saved_in_plain_words(tmp_path):
    failure = database_failure(sqlite_error("SQLITE_IOERR_WRITE", "disk I/O error"),
                               str(tmp_path))
    assert isinstance(failure, StorageError) and failure.exit_status == 6
    assert "I/O" not in failure.message
    assert failure.message == ("The database cannot be written or read: the disk or the "
                               "database server reported an error, and nothing was saved. "
                               "Check the disk and try again.")


def test_an_io_error_on_a_full_disk_is_a_full_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(store.errors, "disk_full", lambda folder: True)
    failure = database_failure(sqlite_error("SQLITE_IOERR_SHMSIZE", "disk I/O error"),
                               str(tmp_path))
    assert failure is not None and failure.message.startswith(
        "The disk holding the database is full: nothing was saved.")


@pytest.mark.parametrize(("error", "start"), [
    (PgError("53100", "could not extend file: No space left on device"),
     "The disk holding the database is full"),
    (PgError("25006", "cannot execute UPDATE in a read-only transaction"),
     "The database may not be written"),
    (PgError("58030", "could not read block 7"), "The database cannot be written or read"),
    (sqlite_error("SQLITE_READONLY", "attempt to write a readonly database"),
     "The database may not be written"),
    (sqlite_error("SQLITE_FULL", "database or disk is full"),
     "The disk holding the database is full"),
    # Damaged is not the disk's doing now: restore a backup, not "check the disk".
    (sqlite_error("SQLITE_CORRUPT", "database disk image is malformed"),
     "The database is damaged"),
    (PgError("XX001", "invalid page in block 7 of relation base/16384/16385"),
     "The database is damaged"),
])
def test_each_kind_is_its_sentence(error, start):
    failure = database_failure(error)
    assert isinstance(failure, StorageError) and failure.message.startswith(start)
    assert str(error) not in failure.message


@pytest.mark.parametrize("error", [PgError("55P03", "could not obtain lock on row"),
                                   sqlite_error("SQLITE_BUSY", "database is locked")])
def test_locked_is_busy(error):
    failure = database_failure(error)
    assert isinstance(failure, Busy) and failure.exit_status == 4
    assert failure.message == "The database is busy with another change; try again in a moment."


def test_anything_else_is_left_alone():
    assert database_failure(sqlite_error("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE failed")) is None
    assert database_failure(PgError("23505", "duplicate key")) is None
