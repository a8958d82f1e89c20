"""A full disk or a read-only database on save: the store raises one StorageError (exit 6) with
a plain sentence, for the screens and the command line alike, and nothing is saved (issue #15).

SQLite's own limits make the failures real: `max_page_count` at the file's size gives
SQLITE_FULL on the next write, exactly as a full disk does; `query_only` gives SQLITE_READONLY,
as a read-only file does. (The command line's tests do it with a write limit and a read-only
mount: tests/cli/test_one_line_failures.py.)"""

from __future__ import annotations

import errno
import sqlite3

import pytest

import store.errors
import store.profile.company
from store.persistence.db import database, is_sqlite

JONAS = "jonas@nordwind.de"


@pytest.fixture
def general(as_, demo):
    if not is_sqlite():
        pytest.skip("needs SQLite: the disk is made full or read-only with SQLite's pragmas "
                    "(max_page_count, query_only), which PostgreSQL has no equivalent of")
    actor = as_(JONAS)
    return actor, demo["nordwind"], store.profile.company.get_general(actor, demo["nordwind"])


def test_a_full_disk_on_save_is_one_storage_error_and_nothing_is_saved(general):
    """Saves until the trail's next line needs a page the file may not have (a few dozen)."""
    actor, company, view = general
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")
    raised = None
    try:
        for n in range(1000):
            try:
                view = store.profile.company.save_general(
                    actor, company, {"name": f"Nordwind {n} " + "X" * 80,
                                     "website": view.website}, view.version)
            except store.errors.StorageError as exc:
                raised = exc
                break
    finally:
        database.execute_sql("PRAGMA max_page_count = 4294967294")
    assert raised is not None, "the file never filled up"
    assert raised.exit_status == 6
    assert raised.message.startswith("The disk holding the database is full")
    assert "\n" not in raised.message
    assert store.profile.company.get_general(actor, company).name == view.name  # nothing half-saved
    # With room again, the next save goes through.
    store.profile.company.save_general(actor, company, {"name": "Roomy GmbH",
        "website": view.website},
                               view.version)
    assert store.profile.company.get_general(actor, company).name == "Roomy GmbH"


def test_a_read_only_database_on_save_is_one_storage_error(general):
    actor, company, before = general
    database.execute_sql("PRAGMA query_only = 1")
    try:
        with pytest.raises(store.errors.StorageError) as raised:
            store.profile.company.save_general(actor, company, {"name": "Nope GmbH",
                                                        "website": before.website},
                                       before.version)
    finally:
        database.execute_sql("PRAGMA query_only = 0")
    assert raised.value.exit_status == 6
    assert "may not be written" in raised.value.message
    assert store.profile.company.get_general(actor, company).name == before.name


def test_the_translation_reads_the_whole_chain_and_leaves_the_rest_alone():
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as first:
            first.sqlite_errorname = "SQLITE_FULL"  # as sqlite3 sets it
            raise RuntimeError("cannot rollback - no transaction is active")  # peewee's
    except RuntimeError as hidden:
        failure = store.errors.database_failure(hidden)
    assert failure is not None and "full" in failure.message
    assert store.errors.database_failure(ValueError("a bug")) is None
    full = store.errors.file_failure(OSError(errno.ENOSPC, "No space left", "/x/INV-1.pdf"))
    assert (full.exit_status, full.message) == (1, "/x/INV-1.pdf: the disk is full.")
