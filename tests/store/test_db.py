"""The database file: pragmas, modes, migrations, and refusing what is not ours (SPEC §7, §9)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime

import pytest

import store
import store.demo
import store.errors
import store.people.access
import store.persistence.db
import store.plans.plan
import store.profile.search
from store.persistence.db import database
from store.persistence.models import AuditEvent, Company, Subscription
from tests.conftest import with_frequency, without_time_zone


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.sqlite_only
def test_every_connection_has_the_spec_pragmas(db):
    pragmas = {name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]
               for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout",
                            "secure_delete")}
    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                       "busy_timeout": 5000, "secure_delete": 1}


def test_file_is_0600_and_folder_0700_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "fresh" / "nested" / "db.sqlite3"
        store.persistence.db.open_database(store.persistence.db.database_url_for(path))
        database.close()
    finally:
        os.umask(old)
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)


def test_a_new_database_is_migrated_and_reopening_changes_nothing(db_url, tmp_path):
    from store.persistence.schema import MIGRATIONS_DIR

    store.persistence.db.open_database(db_url)
    applied = [r[0] for r in database.execute_sql("SELECT name FROM schema_migration")]
    assert applied == sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
    database.close()
    store.persistence.db.open_database(db_url)
    assert [r[0] for r in database.execute_sql("SELECT name FROM schema_migration")] == applied
    database.close()


@pytest.mark.postgres_only
def test_postgresql_transactions_are_serializable_and_wait_5_s_for_a_lock(db):
    from store.persistence.db import transaction

    assert database.execute_sql("SHOW lock_timeout").fetchone()[0] == "5s"
    with transaction():
        level = database.execute_sql("SHOW transaction_isolation").fetchone()[0]
    assert level == "serializable"


def test_a_database_from_a_newer_version_is_refused_untouched(db_url, tmp_path):
    store.persistence.db.open_database(db_url)
    database.execute_sql("INSERT INTO schema_migration (name, applied) VALUES "
                         f"('0099_future', {database.param})", (datetime(2030, 1, 1),))
    database.close()
    path = tmp_path / "data" / "mycompany.sqlite3"
    before = digest(path) if path.exists() else None
    with pytest.raises(store.errors.StorageError, match="newer"):
        store.persistence.db.open_database(db_url)
    if before is not None:
        assert digest(path) == before
    else:  # PostgreSQL: nothing was migrated or removed
        server = store.persistence.db.connect_url(db_url)
        history = server.execute_sql("SELECT name FROM schema_migration ORDER BY name")
        assert [r[0] for r in history][-1] == "0099_future"
        server.close()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = digest(path)
    with pytest.raises(store.errors.StorageError, match="not made by mycompany"):
        store.persistence.db.open_database(store.persistence.db.database_url_for(path))
    assert digest(path) == before


@pytest.mark.parametrize("start, end", [(0, 100), (100, 1024)], ids=["header", "schema-page"])
def test_a_damaged_file_is_refused_untouched(tmp_path, start, end):
    path = tmp_path / "damaged.sqlite3"
    store.persistence.db.open_database(store.persistence.db.database_url_for(path))
    store.demo.create_demo()
    database.close()  # the last connection checkpoints the WAL into the file
    data = bytearray(path.read_bytes())
    data[start:end] = b"\xa5" * (end - start)  # bytes overwritten in page 1
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(store.errors.StorageError, match="damaged|cannot be read"):
        store.persistence.db.open_database(store.persistence.db.database_url_for(path))
    assert digest(path) == before


@pytest.mark.parametrize("url", ["mysql://x/y", "nonsense", "sqlite:///:memory:", "sqlite://",
                                 "postgresql://localhost:notaport/db"])
def test_a_bad_database_url_is_one_clear_error(url):
    with pytest.raises(store.errors.StorageError):
        store.persistence.db.open_database(url)


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(store.errors.StorageError, match="not a database file"):
        store.persistence.db.open_database(store.persistence.db.database_url_for(tmp_path))


def test_the_audit_trail_is_append_only(demo):
    from peewee import DatabaseError

    assert AuditEvent.select().count() == 0
    AuditEvent.insert(at="2026-11-27 12:00:00", action="test", outcome="done").execute()
    with pytest.raises(DatabaseError, match="append-only"):
        AuditEvent.update(outcome="refused").execute()
    with pytest.raises(DatabaseError, match="append-only"):
        AuditEvent.delete().execute()
    assert AuditEvent.select().count() == 1


def test_a_database_from_an_older_version_is_migrated_with_its_data(tmp_path, monkeypatch):
    from playhouse.migrations import Runner

    from store.persistence.db import connect_url
    from store.persistence.schema import MIGRATIONS_DIR
    from store.profile.search import search_companies

    url = store.persistence.db.database_url_for(tmp_path / "old.sqlite3")
    old = connect_url(url)
    database.initialize(old)
    Runner(old, directory=str(MIGRATIONS_DIR), table_name="schema_migration").up("0001_initial")
    # Data written by the first version, before the search index existed and before a demo
    # database was marked as one (0005 recognises it by its staff in the .example domain).
    monkeypatch.setattr("store.demo.data.mark_database", lambda kind: None)
    monkeypatch.setattr("store.demo.data.add_seller", lambda: None)  # 0008's table
    monkeypatch.setattr(Company, "create", without_time_zone(Company.create))  # 0005's column
    monkeypatch.setattr(Subscription, "create", with_frequency(Subscription.create))  # 0009
    from store.persistence.models import Price  # prices had no date before 0021
    monkeypatch.delitem(Price._meta.defaults, Price.effective_from)
    # The first version's invoices were the demo's own (store.demo before the billing run).
    monkeypatch.setattr("store.demo.data._replay_billing_runs", lambda today, ids, trail=True: None)
    store.demo.create_demo()
    database.close()
    store.persistence.db.open_database(url)
    applied = [r[0] for r in database.execute_sql("SELECT name FROM schema_migration")]
    assert applied == sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
    sam = store.people.access.resolve_actor("support@mycompany.example")
    assert [h.name for h in search_companies(sam, "harbor")] == ["Blue Harbor Inc."]
    # The licence counts (0004) were counted from the rows the first version wrote.
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    assert store.plans.plan.licence_summary(jonas, jonas.company_id).users.active == 42
    # An annual subscription showed "/year" amounts: it became annual, paid upfront (0009).
    assert Subscription.get_by_id(jonas.company_id).term == "annual_upfront"
