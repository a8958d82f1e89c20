"""Failures of the database, the disk or the input on the command line: one line on stderr, the
README's exit status, never a traceback (issue #15); and no screens without a terminal."""

from __future__ import annotations

import os
import pty
import resource
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HUGE = "99999999999999999999"  # 20 digits: beyond SQLite's 64-bit INTEGER


def one_line(err: str) -> str:
    """The single line of `err`, asserting there is exactly one and no traceback."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def mycompany(*argv: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*kwargs.pop("wrapper", ()), sys.executable, "-m", "tui", *argv],
                          check=False, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "LANG": "C.UTF-8", **(env or {})}, **kwargs)


# -- no terminal -----------------------------------------------------------------------------

@pytest.mark.parametrize("stdin", ["devnull", "pipe"])
def test_the_screens_without_a_terminal_exit_2_at_once(tmp_path, stdin):
    """`mycompany --demo </dev/null >out`, or `ssh host mycompany` without -t (pipes): it ran
    forever at 60-86 % of a core; now one line and exit 2, before any database is made."""
    home = tmp_path / "home"
    home.mkdir()
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--demo"], check=False, capture_output=True, text=True,
        timeout=30,
        env={**os.environ, "HOME": str(home), "LANG": "C.UTF-8"},
        **({"stdin": subprocess.DEVNULL} if stdin == "devnull" else {"input": ""}))
    assert result.returncode == 2
    assert time.monotonic() - started < 20
    assert "no terminal" in one_line(result.stderr)
    assert "ssh -t" in result.stderr
    assert result.stdout == ""
    assert list(home.rglob("*.sqlite3")) == []  # the demo database was not made


# -- the input --------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ("--as", "support@mycompany.example", "--company", HUGE, "show", "plan"),
    ("--as", "billing@mycompany.example", "requests", "approve", HUGE),
    ("--as", "jonas@nordwind.de", "show", "invoices", "--page", HUGE),
    ("--as", "jonas@nordwind.de", "set", "general", "--name", "X", "--if-version", HUGE),
])
def test_a_20_digit_number_is_a_usage_error(cli, argv):
    status, out, err = cli(*argv)
    assert status == 2
    assert "too large" in err.strip().splitlines()[-1]  # argparse's usage line, then the reason
    assert "Traceback" not in err and out == ""


@pytest.mark.parametrize("text", ["١٢", "1_2", "１２"])
def test_a_number_in_other_digits_is_a_usage_error(cli, text):
    """int() takes "1_2" and other scripts' digits; the command line takes ASCII digits only,
    so `--company ١٢` is not silently company 12."""
    status, out, err = cli("--as", "support@mycompany.example", "--company", text, "show", "plan")
    assert status == 2
    assert "is not a whole number" in err.strip().splitlines()[-1]
    assert "Traceback" not in err and out == ""


def test_ctrl_d_at_the_card_prompt_is_one_line_and_exit_1(cli):
    """`card set` at a terminal, ctrl-D at "Card number:" (getpass reads the terminal itself)."""
    pid, terminal = pty.fork()  # the child's controlling terminal, as a login's is
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "tui", "--as", "jonas@nordwind.de",
                                   "card", "set"], {**os.environ, "LANG": "C.UTF-8"})
    seen = _read_until(terminal, b"Card number:")
    assert b"Card number:" in seen
    os.write(terminal, b"\x04")  # ctrl-D
    rest = _read_until(terminal, None).decode()
    os.close(terminal)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 1
    assert "Traceback" not in rest
    assert "\nmycompany: input ended" in rest.replace("\r\n", "\n")  # off the prompt's line
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "billing")
    assert status == 0 and "Visa" in out  # the card on file is the demo's, unchanged


def test_card_set_with_stdin_closed_is_one_line(cli):
    result = mycompany("--as", "jonas@nordwind.de", "card", "set", stdin=subprocess.DEVNULL,
                       wrapper=("sh", "-c", 'exec "$@" <&-', "sh"))
    assert result.returncode == 1  # input that ends early, as README's table says (#15)
    assert "four lines on stdin" in one_line(result.stderr)


def _read_until(fd: int, marker: bytes | None, timeout: float = 30) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (marker is None or marker not in data):
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            data += chunk
    return data


# -- the database file ------------------------------------------------------------------------

def test_a_typo_in_db_makes_neither_folder_nor_database(cli, tmp_path):
    typo = tmp_path / "tpyo" / "deeper" / "mycompany.sqlite3"
    status, out, err = cli("--db", f"sqlite:///{typo}", "--as", "jonas@nordwind.de", "show",
                           "plan")
    assert (status, out) == (6, "")
    assert "There is no database" in one_line(err)
    assert not (tmp_path / "tpyo").exists()


def test_a_dangling_symlink_database_is_one_line(cli, tmp_path):
    link = tmp_path / "link.sqlite3"
    link.symlink_to(tmp_path / "gone" / "real.sqlite3")
    for argv in (("show", "plan"), ("demo",), ("--demo", "show", "plan")):
        status, _, err = cli("--db", f"sqlite:///{link}", "--as", "jonas@nordwind.de", *argv)
        assert status == 6, argv
        assert "is a link to" in one_line(err)
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize("where", ["under a file", "in /proc"])
def test_a_database_folder_that_cannot_be_made_is_one_line(cli, tmp_path, where):
    (tmp_path / "a-file").write_text("")
    path = tmp_path / "a-file" / "db.sqlite3" if where == "under a file" else \
        Path("/proc/mycompany-test/db.sqlite3")
    status, _, err = cli("--db", f"sqlite:///{path}", "demo")
    assert status == 6
    assert one_line(err).startswith("mycompany: The database cannot be made:")


def test_a_downloads_folder_that_cannot_be_made_is_one_line(cli, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "a-file" / "Downloads"))
    status, out, err = cli("--as", "jonas@nordwind.de", "invoices", "download",
                           "INV-000002-0014")
    assert (status, out) == (1, "")
    assert str(tmp_path / "a-file") in one_line(err)


@pytest.mark.parametrize(("out", "said"), [
    ("/proc/mycompany-test", "There is no folder /proc/mycompany-test; choose an existing folder."),
    ("a-file", "{tmp}/a-file is a file, not a folder; choose a folder."),
    ("a-file/inside", ("{tmp}/a-file is a file, so {tmp}/a-file/inside cannot be a folder; "
                      "choose a folder."))])
def test_an_out_folder_that_is_not_one_says_why_in_one_line_and_exit_1(cli, tmp_path, out,
                                                                      said):
    (tmp_path / "a-file").write_text("")
    status, out_text, err = cli("--as", "jonas@nordwind.de", "invoices", "download",
                                "INV-000002-0014", "--out", str(tmp_path / out))
    assert (status, out_text) == (1, "")
    assert one_line(err) == "mycompany: " + said.format(tmp=tmp_path)


def test_a_pdf_that_cannot_be_written_is_one_line_and_exit_1(cli):
    """A folder where no file can be made (/proc: the kernel's, even for root)."""
    status, out, err = cli("--as", "jonas@nordwind.de", "invoices", "download",
                           "INV-000002-0014", "--out", "/proc")
    assert (status, out) == (1, "")
    assert one_line(err).startswith("mycompany: Cannot save /proc/INV-000002-0014.pdf")


def test_a_full_disk_on_save_is_one_line_and_nothing_is_saved(cli):
    """A real write limit (RLIMIT_FSIZE, as a full disk: SQLite cannot grow its files): the save
    fails in SQLite, and the command says so in one line, exit 6."""

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = mycompany("--as", "jonas@nordwind.de", "set", "general", "--name", "Full GmbH",
                       preexec_fn=limited)
    assert result.returncode == 6
    assert "nothing was saved" in one_line(result.stderr)
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "general")
    assert status == 0 and "Full GmbH" not in out


READ_ONLY_MOUNT = ('mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && '
                   'exec "$@"')


def test_a_read_only_database_on_save_is_one_line(tmp_path):
    """The database's file and folder may be read, not written: a read-only file system (root
    writes through file modes, so as root the folder is bound read-only in a mount namespace of
    the command's own), else modes 0444 and 0555."""
    folder = tmp_path / "ro"
    folder.mkdir()
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    assert mycompany("--db", url, "demo").returncode == 0
    wrapper: tuple[str, ...] = ()
    if os.geteuid() == 0:
        wrapper = ("unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, str(folder))
        probe = subprocess.run([*wrapper, "true"], check=False, capture_output=True)
        if probe.returncode != 0:
            pytest.skip("root without a mount namespace: no way to make a file read-only")
    else:
        os.chmod(folder / "db.sqlite3", 0o444)
        os.chmod(folder, 0o555)
    try:
        result = mycompany("--db", url, "--as", "jonas@nordwind.de", "set", "general",
                           "--name", "Read Only GmbH", wrapper=wrapper)
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode == 6
    assert "may not be written" in one_line(result.stderr)
    shown = mycompany("--db", url, "--as", "jonas@nordwind.de", "show", "general")
    assert shown.returncode == 0 and "Read Only GmbH" not in shown.stdout


def test_a_postgresql_server_that_cannot_be_reached_is_one_clean_line(tmp_path):
    """libpq's words hold a newline and a tab ("Connection refused\\n\\tIs the server
    running…"): printed as one line of words, never a literal \\n\\t."""
    result = mycompany("--db", "postgresql://nobody@127.0.0.1:1/mycompany", "show", "plan",
                       cwd=tmp_path)
    line = one_line(result.stderr)
    assert result.returncode == 6
    assert "\\n" not in line and "\\t" not in line and "\t" not in line
    assert "Connection refused; Is the server running" in line


def test_a_storage_error_is_one_line_whatever_words_it_carries():
    import store.errors

    message = store.errors.StorageError("Cannot connect: refused\n\tIs it  running?\r\n").message
    assert message == "Cannot connect: refused; Is it running?"
