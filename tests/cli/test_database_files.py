"""Unusable database files on the command line (SPEC §9): one clear line, exit 6, file untouched."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

import store
import store.demo
import store.persistence.db
from store.persistence.db import database
from tui.cli import main


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "data" / "mycompany.sqlite3"
    store.persistence.db.open_database(store.persistence.db.database_url_for(path))
    store.demo.create_demo()
    database.close()  # checkpointed: the whole database is in the main file
    return path


def run(path, capsys, *argv: str) -> tuple[int, str]:
    status = main(["--db", store.persistence.db.database_url_for(path), "--as", "jonas@nordwind.de",
                   *argv])
    if not database.is_closed():
        database.close()
    return status, capsys.readouterr().err


def test_page_one_overwritten_exits_6_with_one_line_and_the_file_untouched(demo_file, capsys):
    data = bytearray(demo_file.read_bytes())
    data[100:4096] = b"\x00\xff" * ((4096 - 100) // 2)  # the schema page, after the header
    demo_file.write_bytes(bytes(data))
    folder_before = {p.name: digest(p) for p in demo_file.parent.iterdir()}
    status, err = run(demo_file, capsys, "show", "general")
    assert status == 6
    assert len(err.strip().splitlines()) == 1 and "untouched" in err
    assert {p.name: digest(p) for p in demo_file.parent.iterdir()} == folder_before


def test_a_newer_schema_exits_6_asking_for_an_upgrade_and_the_file_untouched(demo_file, capsys):
    with sqlite3.connect(demo_file) as conn:
        conn.execute("INSERT INTO schema_migration (name, applied) VALUES ('0042_future', "
                     "'2031-01-01')")
    conn.close()
    before = digest(demo_file)
    status, err = run(demo_file, capsys, "set", "general", "--name", "Overwritten")
    assert status == 6
    assert "newer" in err and "upgrade" in err and len(err.strip().splitlines()) == 1
    assert digest(demo_file) == before


def test_an_older_schema_is_migrated_on_start_and_keeps_its_data(demo_file, capsys):
    from playhouse.migrations import Runner

    from store.persistence.db import connect_url
    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    # Back to what the first version made.
    old = connect_url(store.persistence.db.database_url_for(demo_file))
    Runner(old, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE).down("0002_company_search")
    old.close()
    with sqlite3.connect(demo_file) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'company_search'"
                            ).fetchone()[0] == 0
    conn.close()
    status, err = run(demo_file, capsys, "show", "general")
    assert (status, err) == (0, "")
    with sqlite3.connect(demo_file) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM schema_migration ORDER BY name")]
        assert applied == sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
        assert conn.execute("SELECT count(*) FROM company_search").fetchone()[0] == 3
    conn.close()
