"""`mycompany backup PATH` and `set ... --if-version N`, as a script uses them."""

from __future__ import annotations

import json
import os
import sqlite3
import time

import pytest

import store
import store.persistence.db
from store.persistence.db import database

SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"
OWNER = "jonas@nordwind.de"




def company_names(path) -> list[str]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM company ORDER BY id")]
    finally:
        conn.close()


# --- backup -----------------------------------------------------------------------------------

def test_staff_back_up_into_a_new_0600_file_that_opens_alone(cli, tmp_path):
    dest = tmp_path / "backups" / "monday.sqlite3"
    dest.parent.mkdir()
    old = os.umask(0o022)
    try:
        status, out, err = cli("--as", SUPPORT, "backup", str(dest))
    finally:
        os.umask(old)
    assert (status, out.strip(), err) == (0, str(dest), "")
    assert oct(dest.stat().st_mode & 0o777) == oct(0o600)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["monday.sqlite3"]  # no -wal needed
    assert company_names(dest) == company_names(tmp_path / "cli.sqlite3")
    store.persistence.db.open_database(store.persistence.db.database_url_for(dest))
    try:
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        database.close()


def test_a_relative_path_is_taken_from_the_current_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, _ = cli("--as", BILLING, "backup", "copy.sqlite3")
    assert (status, out.strip()) == (0, str(tmp_path / "copy.sqlite3"))
    assert len(company_names(tmp_path / "copy.sqlite3")) == 3


@pytest.mark.parametrize("kind", ["file", "folder", "symlink", "dangling symlink"])
def test_an_existing_path_is_refused_with_one_line_and_exit_1(cli, tmp_path, kind):
    target = tmp_path / "precious.txt"
    target.write_bytes(b"keep me\n")
    dest = tmp_path / "dest.sqlite3"
    if kind == "file":
        dest.write_bytes(b"yesterday's backup\n")
    elif kind == "folder":
        dest.mkdir()
    elif kind == "symlink":
        dest.symlink_to(target)
    else:
        dest.symlink_to(tmp_path / "nowhere.sqlite3")
    listing = sorted(p.name for p in tmp_path.iterdir())
    status, out, err = cli("--as", SUPPORT, "backup", str(dest))
    assert (status, out) == (1, "")
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("path: ") and "already exists" in err
    assert target.read_bytes() == b"keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    if kind == "file":
        assert dest.read_bytes() == b"yesterday's backup\n"
    if kind == "folder":
        assert list(dest.iterdir()) == []


@pytest.mark.parametrize("who", [OWNER, "lea@atelier-lumiere.fr"])
def test_an_owner_of_one_company_among_several_and_an_admin_are_refused(cli, tmp_path, who):
    status, out, err = cli("--as", who, "backup", str(tmp_path / "b.sqlite3"))
    assert (status, out) == (3, "")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.sqlite3").exists()


def test_postgresql_is_refused_at_once_pointing_to_pg_dump(cli, tmp_path):
    started = time.monotonic()
    status, out, err = cli("--db", "postgresql://x@127.0.0.1:1/x", "--as", SUPPORT,
                           "backup", str(tmp_path / "b.sqlite3"))
    assert time.monotonic() - started < 5
    assert (status, out) == (2, "")
    assert "pg_dump" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.sqlite3").exists()


def test_a_missing_path_is_a_usage_error(cli):
    assert cli("--as", SUPPORT, "backup")[0] == 2


# --- --if-version -----------------------------------------------------------------------------

def test_show_general_json_gives_the_version(cli):
    status, out, _ = cli("--as", OWNER, "show", "general", "--json")
    assert status == 0 and isinstance(json.loads(out)["version"], int)


def test_two_general_saves_on_the_same_version_the_second_gets_exit_4(cli):
    version = json.loads(cli("--as", OWNER, "show", "general", "--json")[1])["version"]
    first = cli("--as", OWNER, "set", "general", "--name", "Nordwind Nord GmbH",
                "--if-version", str(version))
    assert first[0] == 0
    status, out, err = cli("--as", OWNER, "set", "general", "--name", "Nordwind Süd GmbH",
                           "--if-version", str(version))
    assert (status, out) == (4, "")
    assert err.strip().splitlines() == [
        ("mycompany: Changed by jonas@nordwind.de at 2026-11-27 12:00 UTC since you opened it; "
         "reload to see their change.")]  # the reader's zone, UTC in the tests (conftest.py)
    general = json.loads(cli("--as", OWNER, "show", "general", "--json")[1])
    assert general["name"] == "Nordwind Nord GmbH"
    assert general["version"] == version + 1


def test_without_if_version_the_save_is_on_the_current_version_as_before(cli):
    version = json.loads(cli("--as", OWNER, "show", "general", "--json")[1])["version"]
    assert cli("--as", OWNER, "set", "general", "--website", "nordwind.example")[0] == 0
    assert cli("--as", OWNER, "set", "general", "--name", "Nordwind Nord GmbH")[0] == 0
    general = json.loads(cli("--as", OWNER, "show", "general", "--json")[1])
    assert (general["name"], general["website"], general["version"]) == (
        "Nordwind Nord GmbH", "https://nordwind.example", version + 2)


def test_an_address_saved_by_the_billing_team_first_is_not_overwritten(cli):
    company = json.loads(cli("--as", OWNER, "show", "general", "--json")[1])["company_id"]
    address = json.loads(cli("--as", OWNER, "show", "billing", "--json")[1])["address"]
    version = address["version"]
    assert cli("--as", BILLING, "--company", str(company), "set", "address", "--city", "Bremen",
               "--postal-code", "28195", "--reason", "Moved (ticket)",
               "--if-version", str(version))[0] == 0
    status, _, err = cli("--as", OWNER, "set", "address", "--line1", "Am Sandtorkai 1",
                         "--if-version", str(version))
    assert status == 4
    assert len(err.strip().splitlines()) == 1
    assert "Changed by billing@mycompany.example at 2026-11-27 12:00" in err
    after = json.loads(cli("--as", OWNER, "show", "billing", "--json")[1])["address"]
    assert (after["city"], after["line1"], after["version"]) == (
        "Bremen", address["line1"], version + 1)


def test_if_version_0_means_no_address_yet(cli):
    status, _, err = cli("--as", OWNER, "set", "address", "--city", "Bremen",
                         "--if-version", "0")
    assert status == 4 and "Changed by" in err


def test_a_backup_to_a_full_disk_is_one_line_and_exit_1_as_the_readme_says(cli, tmp_path,
                                                                           monkeypatch):
    """README: a file the person named that cannot be written is exit 1 (6 is the database's
    own); the backup file gets SQLITE_FULL as on a full disk (SQLite's max_page_count)."""
    import store.backup

    real_connect = sqlite3.connect

    def small_disk(path, *args, **kwargs):
        conn = real_connect(path, *args, **kwargs)
        if str(path).endswith("backup.sqlite3"):  # the backup's file only, not the database
            conn.execute("PRAGMA max_page_count=2")
        return conn

    monkeypatch.setattr(store.backup.sqlite3, "connect", small_disk)
    dest = tmp_path / "full" / "monday.sqlite3"
    dest.parent.mkdir()
    status, out, err = cli("--as", SUPPORT, "backup", str(dest))
    assert (status, out) == (1, "")
    assert err.strip() == (f"mycompany: The backup cannot be written in {dest.parent}: the disk "
                           "is full; nothing was written.")
    assert list(dest.parent.iterdir()) == []  # nothing left behind
