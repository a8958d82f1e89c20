"""The command line as a script uses it: `cli(...)` runs `mycompany` in-process on a demo
database."""

from __future__ import annotations

import io
import sys

import pytest

from store.i18n import set_language
from store.persistence.db import database
from tui.cli import main


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """`cli("--as", EMAIL, "show", "plan")` -> (exit status, stdout, stderr) on a demo database."""
    url = "sqlite:///" + str(tmp_path / "cli.sqlite3")
    monkeypatch.setenv("MYCOMPANY_DATABASE_URL", url)
    monkeypatch.delenv("MYCOMPANY_USER", raising=False)
    monkeypatch.delenv("MYCOMPANY_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def run(*argv: str, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            status = main(list(argv))
        finally:
            set_language("en")  # `--lang fr` sets the process's language: not the next test's
        out = capsys.readouterr()
        if not database.is_closed():
            database.close()
        return status, out.out, out.err

    assert run("demo")[0] == 0
    return run
