"""`ssh -t -p PORT HOST`: the screens as the key's owner in a pseudo-terminal of their own; the
size and every resize passed through; the session's process ends with its client (SPEC §10)."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from .conftest import cmdline, fingerprint, process_group, start_server, wait_gone

QUIT = b"\x11"  # ctrl+q, the program's quit key


def session_process(server, before: set[int]) -> int:
    """The process the server started for the newest session (`python -m tui --db ...`)."""
    new = [pid for pid in server.session_processes() - before if "tui" in cmdline(pid)]
    assert len(new) == 1, new
    return new[0]


def tty_size(pid: int) -> tuple[int, int]:
    """(columns, rows) of the terminal a process reads from, asked of that terminal."""
    fd = os.open(f"/proc/{pid}/fd/0", os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        rows, columns = struct.unpack("HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))[:2]
    finally:
        os.close(fd)
    return columns, rows


def test_an_owner_lands_on_their_company(server, demo, terminals):
    terminal = server.terminal("jonas")
    terminals.append(terminal)
    terminal.read_until(b"Nordwind Logistik GmbH")
    first_frame = time.monotonic() - terminal.started
    terminal.read_until(b"Billing")
    terminal.send(QUIT)
    assert terminal.wait() == 0
    demo.wait_sessions_ended()
    print(f"connect to first frame: {first_frame:.2f} s")


def test_staff_land_on_the_search(server, demo, terminals):
    terminal = server.terminal("support")
    terminals.append(terminal)
    terminal.read_until(b"Support console")
    terminal.read_until(b"e-mail domain")
    terminal.send(QUIT)
    assert terminal.wait() == 0
    demo.wait_sessions_ended()


def jonas_on_screen(server, terminals):
    """Jonas's session showing his company; (his terminal, the session's process on the server)."""
    before = server.session_processes()
    terminal = server.terminal("jonas")
    terminals.append(terminal)
    terminal.read_until(b"Nordwind Logistik GmbH")
    return terminal, session_process(server, before)


def test_the_size_and_every_resize_reach_the_program(server, demo, terminals):
    terminal, child = jonas_on_screen(server, terminals)
    assert tty_size(child) == (80, 24)
    # The session's process holds its terminal as its controlling terminal, in a session of its
    # own (so the kernel sends it SIGWINCH and SIGHUP).
    fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
    assert int(fields[3]) == child  # session id: it leads its session
    assert int(fields[4]) != 0  # tty_nr: it has a controlling terminal

    mark = len(terminal.output)
    terminal.resize(120, 30)
    deadline = time.monotonic() + 5
    while tty_size(child) != (120, 30) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert tty_size(child) == (120, 30)
    # The program redraws at the new size: its footer (keys, then the palette hint at the far
    # right) is now on row 30, and rows are 120 cells wide.
    terminal.read_until(re.compile(rb"\x1b\[30;1H[^\r]*palette"), since=mark)
    terminal.read_until(re.compile(rb" {110,}"), since=mark)
    terminal.send(QUIT)
    assert terminal.wait() == 0
    demo.wait_sessions_ended()


def test_a_killed_client_takes_its_process_with_it(server, demo, terminals):
    before = server.session_processes()
    terminal, child = jonas_on_screen(server, terminals)
    terminal.process.send_signal(signal.SIGKILL)
    gone_after = wait_gone({child}, timeout=2.0)
    assert process_group(child) == set()  # nothing it started is left either
    assert server.session_processes() - before == set()
    demo.wait_sessions_ended()
    print(f"session process gone {gone_after:.2f} s after its client was killed")


def test_the_session_takes_nothing_of_the_clients_environment_but_term_and_language(
        server, demo, terminals):
    before = server.session_processes()
    sent = {"LC_ALL": "fr_FR.UTF-8", "MYCOMPANY_USER": "admin@mycompany.example",
            "MYCOMPANY_DATABASE_URL": "sqlite:////tmp/elsewhere.sqlite3"}
    terminal = server.terminal("jonas", env=sent, options=("-o", "SendEnv=" + " ".join(sent)))
    terminals.append(terminal)
    terminal.read_until(b"Nordwind Logistik GmbH")
    child = session_process(server, before)
    with open(f"/proc/{child}/environ", "rb") as file:
        environ = dict(item.split("=", 1) for item in file.read().decode().split("\0")
                       if "=" in item)
    assert environ["TERM"] == "xterm-256color"
    assert environ["LC_ALL"] == "fr_FR.UTF-8"
    assert "MYCOMPANY_USER" not in environ
    assert "MYCOMPANY_DATABASE_URL" not in environ
    assert len(environ["MYCOMPANY_SESSION_TOKEN"]) == 48  # single-use, redeemed at start
    assert cmdline(child)[-3:-1] == ["--db", demo.url]
    terminal.send(QUIT)
    assert terminal.wait() == 0
    demo.wait_sessions_ended()


def session_environ(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/environ", "rb") as file:
        return dict(item.split("=", 1) for item in file.read().decode().split("\0")
                    if "=" in item)


def test_no_color_and_colorterm_reach_the_program_when_the_client_sends_them(
        server, demo, terminals):
    """NO_COLOR (any short printable value) and COLORTERM (a colour depth) as ssh's SetEnv or
    SendEnv send them; a COLORTERM that names no colour depth is left out."""
    for sent, expected in (({"NO_COLOR": "1", "COLORTERM": "truecolor"},
                            {"NO_COLOR": "1", "COLORTERM": "truecolor"}),
                           ({"NO_COLOR": "yes please", "COLORTERM": "$(reboot)"},
                            {"NO_COLOR": "yes please"})):
        before = server.session_processes()
        terminal = server.terminal("jonas", options=(  # one SetEnv: ssh takes the first
            "-o", "SetEnv=" + " ".join(f'{name}="{value}"' for name, value in sent.items())))
        terminals.append(terminal)
        terminal.read_until(b"Nordwind Logistik GmbH")
        environ = session_environ(session_process(server, before))
        assert {name: environ[name] for name in sent if name in environ} == expected
        terminal.send(QUIT)
        assert terminal.wait() == 0
    demo.wait_sessions_ended()


@pytest.fixture(scope="module")
def strict_server(demo, tmp_path_factory):
    """A second server on the same database: sessions idle out after 4 s, one per person."""
    running = start_server(demo, tmp_path_factory.mktemp("strict"), "--idle-timeout", "4",
                           "--max-sessions", "1")
    yield running
    running.stop()


def test_idle_sessions_end_with_a_notice(strict_server, demo, terminals):
    before = strict_server.session_processes()
    terminal = strict_server.terminal("jonas")
    terminals.append(terminal)
    deadline = time.monotonic() + 10
    while not strict_server.session_processes() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    child = session_process(strict_server, before)
    shown = terminal.read_until(b"Session ended after 4 s without input.", timeout=15)
    # The client's terminal is put back first: main screen, cursor shown, no mouse reports.
    assert b"\x1b[?1049l\x1b[?25h" in shown.split(b"Session ended")[0][-200:]
    assert terminal.wait() == 255  # the session's process was hung up (SSH exit-signal HUP)
    wait_gone({child}, timeout=2.0)
    demo.wait_sessions_ended()


def test_a_connection_without_a_session_is_closed_after_the_idle_timeout(strict_server,
                                                                         tmp_path):
    """`ssh -N` (signed in, no channel at all) is closed once it has had no session for
    --idle-timeout seconds (4 here); a session running in between starts the count again
    when it ends (a multiplexing master, through which one command runs)."""
    started = time.monotonic()
    idle = subprocess.run(strict_server.ssh_args("jonas", options=("-N",)), capture_output=True,
                          timeout=30, stdin=subprocess.DEVNULL, check=False)
    took = time.monotonic() - started
    assert idle.returncode == 255
    assert 3.5 < took < 10, took
    assert "no session for 4 s" in strict_server.log.read_text()

    control = ("-o", f"ControlPath={tmp_path / 'master'}")
    master = subprocess.Popen(strict_server.ssh_args(
        "jonas", options=("-N", "-o", "ControlMaster=yes", *control)), stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.monotonic()
        while not (tmp_path / "master").exists() and time.monotonic() - started < 5:
            time.sleep(0.05)
        time.sleep(2.5)
        through = subprocess.run(strict_server.ssh_args(
            "jonas", "show", "plan", options=("-o", "ControlMaster=no", *control)),
            capture_output=True, timeout=30, stdin=subprocess.DEVNULL, check=False)
        ended = time.monotonic()
        assert through.returncode == 0, through.stderr
        assert master.wait(15) == 255
        assert time.monotonic() - ended > 3, "closed before 4 s without a session"
    finally:
        master.kill()
        master.wait()


def test_the_session_cap_is_counted_in_the_database_across_servers(server, strict_server,
                                                                   demo, terminals):
    terminal = server.terminal("jonas")  # one session, through the other server
    terminals.append(terminal)
    terminal.read_until(b"Nordwind Logistik GmbH")
    refused = strict_server.ssh("jonas", "show", "plan")
    assert refused.returncode == 3
    assert b"Too many sessions open" in refused.stderr
    assert strict_server.ssh("support", "--company", "2", "show", "plan").returncode == 0
    terminal.send(QUIT)
    assert terminal.wait() == 0
    demo.wait_sessions_ended()
    assert strict_server.ssh("jonas", "show", "plan").returncode == 0


def test_sigterm_ends_every_session_then_the_server(demo, tmp_path, terminals):
    """Without --host-key the server makes its own (ed25519, 0600, in the data folder) and
    prints its fingerprint; on SIGTERM each client is told, each process and row ended."""
    server = start_server(demo, tmp_path, host_key=False)
    try:
        key = tmp_path / "data" / "mycompany" / "ssh_host_ed25519_key"
        assert oct(key.stat().st_mode & 0o777) == "0o600"
        assert fingerprint(key) in server.host_key_line
        before = server.session_processes()
        terminal = server.terminal("jonas")
        terminals.append(terminal)
        terminal.read_until(b"Nordwind Logistik GmbH")
        waiting = subprocess.Popen(server.ssh_args("support", "--company", "2", "card", "set"),
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while len(server.session_processes() - before) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        children = server.session_processes() - before
        assert len(children) == 2
        server.process.send_signal(signal.SIGTERM)
        terminal.read_until(b"The server is stopping")
        _out, err = waiting.communicate(timeout=10)
        assert b"The server is stopping" in err
        assert server.process.wait(10) == 0
        wait_gone(children, timeout=1.0)
        demo.wait_sessions_ended()
    finally:
        server.stop()
