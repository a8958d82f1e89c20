"""`store.backup`: SQLite's online backup into a new 0600 file that never replaces anything."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

import store
import store.errors
import store.people.access
import store.people.identity
import store.persistence.db
from store import backup
from store.persistence.db import database
from store.persistence.models import AuditEvent, Company, User

pytestmark = pytest.mark.sqlite_only  # a SQLite file's backup; PostgreSQL has pg_dump


def source_path() -> Path:
    return Path(database.obj.database)


def names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM company")}
    finally:
        conn.close()


def writer() -> sqlite3.Connection:
    """A second connection to the live database, as another person's program would hold."""
    conn = sqlite3.connect(source_path(), isolation_level=None, timeout=5)
    conn.execute("PRAGMA wal_autocheckpoint=0")  # what it commits stays in the -wal file
    return conn


def test_the_backup_holds_the_companies_and_a_change_still_in_the_wal(as_, demo, tmp_path):
    live = writer()
    try:
        live.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the demo data into the main file
        live.execute("UPDATE company SET name = 'Still in the WAL GmbH' WHERE id = ?",
                     (demo["nordwind"],))
        # The change is committed but not checkpointed: the main file alone does not hold it.
        alone = tmp_path / "main-file-only.sqlite3"
        shutil.copyfile(source_path(), alone)
        assert "Nordwind Logistik GmbH" in names(alone)
        assert "Still in the WAL GmbH" not in names(alone)
        expected = {row[0] for row in live.execute("SELECT name FROM company")}

        dest = tmp_path / "backup.sqlite3"
        assert backup.backup_database(as_("support@mycompany.example"), dest) == dest
    finally:
        live.close()

    assert names(dest) == expected and "Still in the WAL GmbH" in expected
    # One self-contained file: rollback-journal header, no -wal or -shm beside it.
    assert dest.read_bytes()[18:20] == b"\x01\x01"
    assert not any(p.name.startswith("backup.sqlite3-") for p in tmp_path.iterdir())
    assert not any(p.name.startswith(".mycompany-backup-") for p in tmp_path.iterdir())
    database.close()
    store.persistence.db.open_database(store.persistence.db.database_url_for(dest))
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {c.name for c in Company.select()} == expected


def test_a_write_in_progress_is_not_in_the_backup(demo, tmp_path):
    live = writer()
    try:
        live.execute("PRAGMA cache_size = 1")  # spill the uncommitted pages into the -wal file
        live.execute("BEGIN IMMEDIATE")
        live.execute("UPDATE company SET name = 'Uncommitted SA'")
        live.execute("INSERT INTO company (name, currency, locale, created_at, version) "
                     "SELECT name || ' copy', currency, locale, created_at, 1 FROM company")
        dest = backup.write_backup(tmp_path / "during-a-write.sqlite3")
        live.execute("ROLLBACK")
    finally:
        live.close()
    conn = sqlite3.connect(dest)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM company").fetchone()[0] == 3
        assert "Uncommitted SA" not in {r[0] for r in conn.execute("SELECT name FROM company")}
    finally:
        conn.close()


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_backup_is_0600_whatever_the_umask(as_, demo, tmp_path, umask):
    old = os.umask(umask)
    try:
        dest = backup.backup_database(as_("billing@mycompany.example"), tmp_path / "b.sqlite3")
    finally:
        os.umask(old)
    assert oct(dest.stat().st_mode & 0o777) == oct(0o600)


def _existing(kind: str, tmp_path: Path) -> tuple[Path, Path]:
    """The destination of kind `kind`, and the file whose bytes must stay the same."""
    target = tmp_path / "precious.txt"
    target.write_bytes(b"do not overwrite me\n")
    dest = tmp_path / "dest.sqlite3"
    if kind == "file":
        dest.write_bytes(b"an older backup\n")
        return dest, dest
    if kind == "folder":
        dest.mkdir()
        (dest / "inside").write_bytes(b"kept\n")
        return dest, dest / "inside"
    if kind == "symlink":
        dest.symlink_to(target)
        return dest, target
    dest.symlink_to(tmp_path / "nowhere.sqlite3")  # dangling
    return dest, target


@pytest.mark.parametrize("kind", ["file", "folder", "symlink", "dangling symlink"])
def test_an_existing_destination_is_refused_and_nothing_is_written(as_, demo, tmp_path, kind):
    dest, kept = _existing(kind, tmp_path)
    before = kept.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(store.errors.InvalidInput, match="already exists") as refusal:
        backup.backup_database(as_("support@mycompany.example"), dest)
    assert refusal.value.exit_status == 1
    assert kept.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no temporary folder left
    assert not (tmp_path / "nowhere.sqlite3").exists()
    if kind.endswith("symlink"):
        assert dest.is_symlink()


def test_a_file_appearing_during_the_backup_is_not_overwritten(as_, demo, tmp_path,
                                                                monkeypatch):
    target = tmp_path / "precious.txt"
    target.write_bytes(b"do not overwrite me\n")
    dest = tmp_path / "raced.sqlite3"
    copy = backup._copy_into

    def copy_then_race(staged):
        copy(staged)
        dest.symlink_to(target)  # appears after the check, before the backup gets its name

    monkeypatch.setattr(backup, "_copy_into", copy_then_race)
    with pytest.raises(store.errors.InvalidInput, match="already exists"):
        backup.backup_database(as_("support@mycompany.example"), dest)
    assert target.read_bytes() == b"do not overwrite me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "precious.txt",
                                                          "raced.sqlite3"]


def test_without_hard_links_the_backup_is_copied_into_a_new_0600_file(as_, demo, tmp_path,
                                                                       monkeypatch):
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    old = os.umask(0)
    try:
        dest = backup.backup_database(as_("support@mycompany.example"), tmp_path / "fat.db")
    finally:
        os.umask(old)
    assert oct(dest.stat().st_mode & 0o777) == oct(0o600)
    assert len(names(dest)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "fat.db"]


def test_a_missing_folder_is_invalid_input(as_, demo, tmp_path):
    with pytest.raises(store.errors.InvalidInput, match="does not exist"):
        backup.backup_database(as_("support@mycompany.example"), tmp_path / "no" / "b.db")
    assert not (tmp_path / "no").exists()


def test_staff_backups_are_in_the_audit_trail(as_, demo, tmp_path):
    dest = backup.backup_database(as_("support@mycompany.example"), tmp_path / "b.sqlite3")
    event = AuditEvent.select().where(AuditEvent.action == "database.backup").get()
    assert (event.company, event.actor_email, event.outcome, event.new_value) == (
        None, "support@mycompany.example", "done", str(dest))


@pytest.mark.parametrize("who", ["jonas@nordwind.de", "lea@atelier-lumiere.fr"])
def test_an_owner_of_one_of_many_companies_and_an_admin_are_refused(as_, demo, tmp_path, who):
    actor = as_(who)
    with pytest.raises(store.errors.Refused) as refusal:
        backup.backup_database(actor, tmp_path / "b.sqlite3")
    assert refusal.value.exit_status == 3
    assert not (tmp_path / "b.sqlite3").exists()
    event = AuditEvent.select().where(AuditEvent.action == "database.backup").get()
    assert (event.company, event.actor_email, event.outcome) == (
        actor.company_id, who, "refused")


def test_the_owner_of_the_only_company_may_back_up(db, tmp_path):
    company = Company.create(name="Solo SARL", currency="EUR", created_at=datetime(2026, 1, 1))
    from store.people.identity import os_login

    User.create(company=company, email="solo@example.fr", name="Solo", role="owner",
                login=os_login())  # a real database: the owner is who runs the program
    dest = backup.backup_database(store.people.access.resolve_actor(None), tmp_path / "b.db")
    assert names(dest) == {"Solo SARL"}
    event = AuditEvent.select().where(AuditEvent.action == "database.backup").get()
    assert (event.company, event.outcome) == (company.id, "done")


def test_when_the_audit_line_cannot_be_written_the_backup_is_removed(as_, demo, tmp_path,
                                                                     monkeypatch):
    def busy(*args, **kwargs):
        raise store.errors.Busy()

    monkeypatch.setattr(backup, "record", busy)
    with pytest.raises(store.errors.Busy):
        backup.backup_database(as_("support@mycompany.example"), tmp_path / "b.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_postgresql_is_refused_before_connecting_and_points_to_pg_dump():
    with pytest.raises(backup.BackupNotSupported, match="pg_dump") as refusal:
        backup.ensure_supported("postgresql://x@127.0.0.1:1/x")
    assert refusal.value.exit_status == 2
    backup.ensure_supported(None)
    backup.ensure_supported("sqlite:///somewhere.sqlite3")
