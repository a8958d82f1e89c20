"""The command line as a script uses it: `cli(...)` runs `mycompany` in-process on a demo
database."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime

import pytest

from store.i18n import set_language
from store.persistence.db import database
from tests.child_clock import environment as clock_environment
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


@pytest.fixture
def mycompany(demo, db_url, tmp_path):
    """`mycompany(*argv, TZ=..., now=datetime)`: `python -m tui --db URL argv` in a child process;
    `now` fixes its clock (UTC), else it runs on the real one."""
    database.close()
    base = {name: value for name, value in os.environ.items()
            if name not in ("MYCOMPANY_USER", "MYCOMPANY_LANG", "MYCOMPANY_DATABASE_URL")}
    base.update(LANG="C.UTF-8", XDG_CACHE_HOME=str(tmp_path / "cache"),
                XDG_DATA_HOME=str(tmp_path / "data"))

    def run(*argv: str, now: datetime | None = None, **variables: str):
        env = {**(base if now is None else clock_environment(now, base)), **variables}
        return subprocess.run([sys.executable, "-m", "tui", "--db", db_url, *argv], env=env,
                              capture_output=True, text=True, timeout=60, check=False)

    return run
