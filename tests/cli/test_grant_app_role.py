"""`mycompany grant-app-role ROLE` (SPEC §7): run with the owner role's URL, it lets ROLE run the
program with no DDL or trigger rights; the application role is then told, in one line, to ask the
owner to migrate."""

from __future__ import annotations

import shutil

import pytest

import store
import store.persistence.schema
from store.persistence.db import database
from tests.conftest import POSTGRES_URL
from tests.store.test_postgres_roles import LATER, deployment
from tui.cli import main

needs_postgres = pytest.mark.skipif(not POSTGRES_URL, reason="MYCOMPANY_TEST_POSTGRES_URL is not "
                                    "set: this test needs a PostgreSQL server")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    if not database.is_closed():
        database.close()
    out = capsys.readouterr()
    return status, out.out, out.err


def test_on_sqlite_it_exits_2_in_one_line(cli):
    status, out, err = cli("grant-app-role", "mycompany_app")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "PostgreSQL" in err


@pytest.mark.postgres_only
@needs_postgres
def test_the_owner_grants_and_the_application_role_runs_commands(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("MYCOMPANY_DATABASE_URL", raising=False)
    with deployment() as made:
        status, out, err = run(capsys, "--db", made.owner_url, "grant-app-role", made.app)
        assert (status, err) == (0, "") and f"{made.app} may now run mycompany" in out
        assert run(capsys, "--db", made.owner_url, "grant-app-role", "postgres")[0] == 3
        assert run(capsys, "--db", made.owner_url, "grant-app-role", "nobody_at_all")[0] == 5

        status, out, err = run(capsys, "--db", made.app_url, "--as", "jonas@nordwind.de",
                               "show", "general", "--json")
        assert (status, err) == (0, "") and "Nordwind Logistik GmbH" in out

        folder = tmp_path / "migrations"  # a newer program: one migration more
        shutil.copytree(store.persistence.schema.MIGRATIONS_DIR, folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
        (folder / "0099_later_thing.py").write_text(LATER)
        monkeypatch.setattr(store.persistence.schema, "MIGRATIONS_DIR", folder)
        status, out, err = run(capsys, "--db", made.app_url, "--as", "jonas@nordwind.de",
                               "show", "general")
        assert (status, out) == (6, "") and err.count("\n") == 1
        assert "ask the owner role to migrate" in err
        assert run(capsys, "--db", made.owner_url, "grant-app-role", made.app)[0] == 0
        assert run(capsys, "--db", made.app_url, "--as", "jonas@nordwind.de",
                   "show", "general")[0] == 0
