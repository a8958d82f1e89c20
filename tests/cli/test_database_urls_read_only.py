"""The database the person names, as the command line takes it (issue #15): a PostgreSQL URL
with no database name, or a file path instead of a URL, is one line and exit 6, never a trace;
a database file that may not be written (a read-only mount, a backup made immutable) is read
as usual and only a write is refused, in one line."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.cli.test_one_line_failures import READ_ONLY_MOUNT, mycompany, one_line


@pytest.mark.parametrize("url", ["postgresql://localhost", "postgresql://", "postgres://h:5432",
                                 "postgresql://db.example.com/"])
def test_a_postgresql_url_without_a_database_name_is_one_line_exit_6(tmp_path, url):
    result = mycompany("--db", url, "show", "general", cwd=tmp_path)
    assert result.returncode == 6
    assert "names no database" in one_line(result.stderr)
    assert "postgresql://HOST/NAME" in result.stderr


def test_the_environment_s_url_without_a_database_name_is_one_line_too(tmp_path):
    result = mycompany("show", "plan", cwd=tmp_path,
                       env={"MYCOMPANY_DATABASE_URL": "postgresql://db.example.com"})
    assert result.returncode == 6
    assert "names no database" in one_line(result.stderr)


def test_a_file_path_instead_of_a_url_suggests_the_url(tmp_path):
    path = tmp_path / "x.sqlite3"
    result = mycompany("--db", str(path), "show", "general", cwd=tmp_path)
    line = one_line(result.stderr)
    assert result.returncode == 6
    assert f"not {path};" in line
    assert f"sqlite:///{path}" in line and not line.endswith(":")
    assert not path.exists()


def test_an_unknown_scheme_is_named_without_a_stray_colon(tmp_path):
    line = one_line(mycompany("--db", "mysql://x/y", "show", "general", cwd=tmp_path).stderr)
    assert line.endswith("not mysql://")


def _wrapper(folder, how: str) -> tuple[str, ...]:
    """The command wrapped so that the database file in `folder` may not be written: a read-only
    bind mount in a mount namespace of its own, or the file made immutable (chattr +i); as
    another user than root, modes 0444 and 0555. Skips when this machine has no way."""
    if os.geteuid() != 0:
        if how == "immutable":
            pytest.skip("chattr +i needs root")
        os.chmod(folder / "db.sqlite3", 0o444)
        os.chmod(folder, 0o555)
        return ()
    if how == "mount":
        wrapper = ("unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, str(folder))
        if subprocess.run([*wrapper, "true"], check=False, capture_output=True).returncode:
            pytest.skip("root without a mount namespace: no read-only mount to be made")
        return wrapper
    if shutil.which("chattr") is None or subprocess.run(
            ["chattr", "+i", str(folder / "db.sqlite3")], check=False,
            capture_output=True).returncode:
        pytest.skip("chattr +i is missing or this file system has no immutable attribute")
    return ()


@pytest.mark.parametrize("how", ["mount", "immutable"])
def test_a_database_that_may_not_be_written_is_read_and_a_write_is_one_line(tmp_path, how):
    folder = tmp_path / "ro"
    folder.mkdir()
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    assert mycompany("--db", url, "demo").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["db.sqlite3"]  # no -wal, no -shm
    wrapper = _wrapper(folder, how)
    staff = ("--db", url, "--as", "support@mycompany.example")
    try:
        general = mycompany(*staff, "--company", "2", "show", "general", wrapper=wrapper)
        history = mycompany(*staff, "--company", "2", "show", "history", wrapper=wrapper)
        search = mycompany(*staff, "search", "Nord", wrapper=wrapper)
        saved = mycompany("--db", url, "--as", "jonas@nordwind.de", "set", "general",
                          "--name", "Read Only GmbH", wrapper=wrapper)
    finally:
        if how == "immutable" and os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder / "db.sqlite3")], check=False)
        os.chmod(folder, 0o755)
        os.chmod(folder / "db.sqlite3", 0o600)
    assert (general.returncode, general.stderr) == (0, "")
    assert "Nordwind Logistik GmbH" in general.stdout
    assert (history.returncode, history.stderr) == (0, "")
    assert (search.returncode, search.stderr) == (0, "")
    assert "Nordwind Logistik GmbH" in search.stdout
    assert saved.returncode == 6
    assert "may not be written" in one_line(saved.stderr)
    shown = mycompany("--db", url, "--as", "jonas@nordwind.de", "show", "general")
    assert shown.returncode == 0 and "Read Only GmbH" not in shown.stdout
