"""A command on a SQLite database does not import a PostgreSQL driver: peewee imports every
driver it finds as it loads (psycopg alone is 80–300 ms of every command's start), so tui.cli
marks them absent before anything imports peewee. Building the commands' parsers imports
modules that import peewee (tui/sync_cli.py), so the mark must come first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


SCRIPT = """
import sys, tui.cli
code = tui.cli.main(sys.argv[1:])
loaded = [m for m in ("peewee", "psycopg", "psycopg2", "psycopg2cffi") if sys.modules.get(m)]
print("LOADED", *loaded)
sys.exit(code)
"""


def imported(argv: list[str]) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """The command's result and which of peewee and its drivers it loaded (not only tried)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MYCOMPANY_DATABASE_URL", None)
    proc = subprocess.run([sys.executable, "-c", SCRIPT, *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False, env=env)
    return proc, set(proc.stdout.strip().splitlines()[-1].split()[1:])


def test_a_command_on_sqlite_loads_no_postgresql_driver(demo, db_url):
    proc, names = imported(["--db", db_url, "--as", "jonas@nordwind.de", "show", "general"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Nordwind" in proc.stdout
    assert "peewee" in names  # the command did read the database
    assert not {"psycopg", "psycopg2", "psycopg2cffi"} & names


def test_the_database_option_given_as_one_word_counts_too(demo, db_url):
    proc, names = imported([f"--db={db_url}", "--as", "jonas@nordwind.de", "show", "plan"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "psycopg" not in names
