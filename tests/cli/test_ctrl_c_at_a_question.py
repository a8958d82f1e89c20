"""ctrl-C at one of the command line's questions says in one line that nothing was changed, and
exits 130 (#15 trial: ctrl-C at `card set`'s "Security code:" ended it without a word, where
ctrl-D says "input ended before every answer was given"; tui.cli_input.asked)."""

from __future__ import annotations

import os
import pty
import sys
import time

from tests.cli.test_one_line_failures import _read_until


def _at_a_terminal(*argv: str) -> tuple[int, int]:
    """`mycompany argv` in a child whose controlling terminal is a pty (getpass reads it, and
    ctrl-C on it interrupts the child, as at a login's): (pid, the terminal's fd)."""
    pid, terminal = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "tui", *argv],
                  {**os.environ, "LANG": "C.UTF-8"})
    return pid, terminal


def _interrupted(pid: int, terminal: int) -> tuple[int, str]:
    """ctrl-C typed: (the exit status, what the child wrote after it, the terminal's own echo
    of it, "^C", left out)."""
    # A person's ctrl-C comes well after the question shows; one sent the moment it shows can
    # land before input() waits for its key, and CPython's readline then waits on (a race of
    # the interpreter, not of the program).
    time.sleep(0.5)
    os.write(terminal, b"\x03")  # ctrl-C: the terminal sends SIGINT
    rest = _read_until(terminal, None).decode().replace("\r\n", "\n").replace("^C", "")
    os.close(terminal)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), rest


def test_ctrl_c_at_the_security_code_is_one_line_and_exit_130(cli):
    pid, terminal = _at_a_terminal("--as", "jonas@nordwind.de", "card", "set")
    assert b"Card number:" in _read_until(terminal, b"Card number:")
    os.write(terminal, b"4000000000000002\r")
    assert b"Expiry" in _read_until(terminal, b"Expiry (MM/YY):")
    os.write(terminal, b"12/30\r")
    assert b"Security code:" in _read_until(terminal, b"Security code:")
    status, rest = _interrupted(pid, terminal)
    assert status == 130
    assert "Traceback" not in rest
    assert rest.strip().splitlines() == [
        "mycompany: stopped before every answer was given; nothing was changed."]
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "billing")
    assert status == 0 and "4242" in out and "0002" not in out  # the demo's card, unchanged


def test_ctrl_c_at_the_pay_question_is_one_line_and_exit_130(cli):
    """`invoices pay` asks before it charges the card (Nordwind has invoices open)."""
    pid, terminal = _at_a_terminal("--as", "jonas@nordwind.de", "invoices", "pay")
    seen = _read_until(terminal, b"[y/N]")
    assert b"[y/N]" in seen, seen
    status, rest = _interrupted(pid, terminal)
    assert status == 130
    assert rest.strip().splitlines() == [
        "mycompany: stopped before every answer was given; nothing was changed."]
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "invoices")
    assert "Past due" in out  # nothing was charged
