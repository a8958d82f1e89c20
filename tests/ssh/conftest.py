"""The SSH front door tested as people use it: the real OpenSSH client against a real
`mycompany serve` process on 127.0.0.1 and a free port, in front of a demo database in a
temporary SQLite file, with keys made by ssh-keygen and given to people by admin staff
(store.people.keys.add_key). Terminal sessions run `ssh -tt` in a local pseudo-terminal of 80×24."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import selectors
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import store
import store.demo
import store.people.access
import store.people.keys
import store.persistence.db
from store.people import keys
from store.persistence.db import database

SSH = shutil.which("ssh") or "/usr/bin/ssh"
SSH_KEYGEN = shutil.which("ssh-keygen") or "/usr/bin/ssh-keygen"
PEOPLE = {"jonas": "jonas@nordwind.de", "support": "support@mycompany.example",
          "billing": "billing@mycompany.example"}


def _need_openssh() -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("these tests read processes from /proc (Linux)")
    for program in (SSH, SSH_KEYGEN):
        if not os.access(program, os.X_OK):
            pytest.skip(f"{program} is missing: these tests need the OpenSSH client "
                        f"(Debian/Ubuntu package openssh-client)")


def make_key(path: Path) -> Path:
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f",
                    str(path)], check=True)
    return path


def fingerprint(key: Path) -> str:
    """The SHA-256 fingerprint of a key as ssh-keygen prints it."""
    out = subprocess.run([SSH_KEYGEN, "-lf", f"{key}.pub"], check=True, capture_output=True,
                         text=True).stdout
    return out.split()[1]


@dataclass
class Demo:
    """The demo database the servers front, and the people's private keys."""

    path: Path
    keys: dict[str, Path]
    folder: Path

    @property
    def url(self) -> str:
        return store.persistence.db.database_url_for(self.path)

    def query(self, sql: str, *params) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(self.path, timeout=10)) as conn:
            return conn.execute(sql, params).fetchall()

    def open_sessions(self) -> list[tuple]:
        return self.query("SELECT id, person_email FROM sign_in_session WHERE ended_at IS NULL")

    def wait_sessions_ended(self, timeout: float = 3.0) -> None:
        """Every session row ended (the server ends each one, whatever way it ended)."""
        deadline = time.monotonic() + timeout
        while self.open_sessions() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.open_sessions() == []


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Demo:
    """A demo database with an SSH key for Jonas (owner of Nordwind, company 2) and for support
    staff, added by admin staff; and a key that belongs to nobody."""
    return make_demo(tmp_path_factory.mktemp("ssh"))


def make_demo(folder: Path) -> Demo:
    """The demo in `folder`, made on the store's clock as it is set, with the people's keys."""
    _need_openssh()
    path = folder / "demo.sqlite3"
    store.persistence.db.open_database(store.persistence.db.database_url_for(path))
    store.demo.create_demo()
    admin = store.people.access.resolve_actor("admin@mycompany.example")
    made = {name: make_key(folder / name) for name in (*PEOPLE, "nobody")}
    for name, email in PEOPLE.items():
        keys.add_key(admin, email, (folder / f"{name}.pub").read_text())
    database.close()
    return Demo(path=path, keys=made, folder=folder)


@dataclass
class Server:
    """A running `mycompany serve` and how to reach it."""

    demo: Demo
    process: subprocess.Popen
    port: int
    host_key_line: str
    log: Path
    options: tuple = ()
    tmp: Path = field(default=Path("."))

    def ssh_args(self, key: str, *command: str, tty: bool = False,
                 options: tuple = ()) -> list[str]:
        return [SSH, "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-i", str(self.demo.keys[key]),
                "-p", str(self.port), *(["-tt"] if tty else []), *options, "127.0.0.1", "--",
                *command]

    def ssh(self, key: str, *command: str, input: bytes | None = None,
            options: tuple = (), timeout: float = 30) -> subprocess.CompletedProcess:
        """Run ssh without a terminal; stdout and stderr as bytes."""
        return subprocess.run(self.ssh_args(key, *command, options=options), input=input,
                              check=False,
                              capture_output=True, timeout=timeout, env=client_env(),
                              stdin=None if input is not None else subprocess.DEVNULL)

    def terminal(self, key: str, *command: str, size=(80, 24), options: tuple = (),
                 env: dict[str, str] | None = None) -> Terminal:
        return Terminal(self.ssh_args(key, *command, tty=True, options=options), size, env)

    def session_processes(self) -> set[int]:
        """The processes the server started for its sessions (its children)."""
        return children(self.process.pid)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def client_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SSH_", "LC_"))}
    env["LANG"] = "C.UTF-8"
    return env


def start_server(demo: Demo, tmp: Path, *options: str, host_key: bool = True,
                 env: dict[str, str] | None = None) -> Server:
    """`mycompany --db URL serve --listen 127.0.0.1:0 ...`, once it says where it listens; `env`:
    the server's own settings (MYCOMPANY_SMTP_URL...), none unless given."""
    tmp.mkdir(parents=True, exist_ok=True)
    settings = env or {}
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MYCOMPANY_", "LC_", "SSH_"))}
    env.update(LANG="C.UTF-8", MYCOMPANY_WARM_UP="0", XDG_DATA_HOME=str(tmp / "data"))
    env.update(settings)
    argv = [sys.executable, "-m", "tui", "--db", demo.url, "serve", "--listen", "127.0.0.1:0",
            *options]
    if host_key:
        key = tmp / "host_key"
        if not key.exists():
            make_key(key)
        argv += ["--host-key", str(key)]
    log = tmp / "serve.log"
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log.open("wb"), env=env)
    printed = b""
    deadline = time.monotonic() + 20
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline and process.poll() is None:
            if selector.select(0.1):
                printed += os.read(process.stdout.fileno(), 4096)
                found = re.search(rb"Listening on 127\.0\.0\.1:(\d+)\n", printed)
                if found:
                    return Server(demo, process, int(found.group(1)),
                                  printed.decode().splitlines()[0], log, options, tmp)
    process.kill()
    raise AssertionError(f"the server did not start: {printed!r} {log.read_text()}")


@pytest.fixture(scope="module")
def server(demo, tmp_path_factory):
    """One server per test module (sessions of up to 25 at once per person)."""
    running = start_server(demo, tmp_path_factory.mktemp("serve"), "--max-sessions", "25")
    yield running
    running.stop()


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (read from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
    return found


def process_group(pgid: int) -> set[int]:
    """Live processes in the process group `pgid` (zombies included: not gone yet)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == pgid:
                    found.add(int(entry.name))
    return found


def cmdline(pid: int) -> list[str]:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    return []


def set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class Terminal:
    """`ssh -tt ...` in a pseudo-terminal of its own, as a person's terminal window: what the
    program draws is read from the pty's master side."""

    def __init__(self, argv: list[str], size=(80, 24), env: dict[str, str] | None = None):
        self.master, slave = os.openpty()
        set_size(self.master, *size)
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                        env=client_env() | {"TERM": "xterm-256color"}
                                        | (env or {}), start_new_session=True)
        os.close(slave)
        self.output = bytearray()
        self.started = time.monotonic()

    def read_until(self, needle: bytes | re.Pattern, timeout: float = 15.0,
                   since: int = 0) -> bytes:
        """Read until `needle` appears in the output after offset `since`; the output."""
        deadline = time.monotonic() + timeout
        while True:
            text = bytes(self.output[since:])
            if (needle.search(text) if isinstance(needle, re.Pattern) else needle in text):
                return text
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} not seen in {timeout} s; got {text[-2000:]!r}")
            if not self._read(min(left, 0.2)) and self.process.poll() is not None:
                raise AssertionError(f"ssh ended ({self.process.returncode}) before {needle!r}; "
                                     f"got {text[-2000:]!r}")

    def _read(self, timeout: float) -> bool:
        with selectors.DefaultSelector() as selector:
            selector.register(self.master, selectors.EVENT_READ)
            if not selector.select(timeout):
                return False
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        self.output += data
        return bool(data)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def resize(self, columns: int, rows: int) -> None:
        """As a terminal window does: the new size on the pty, SIGWINCH to ssh."""
        set_size(self.master, columns, rows)
        self.process.send_signal(signal.SIGWINCH)

    def wait(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.05)
        while self._read(0.01):
            pass
        return self.process.wait(max(0.1, deadline - time.monotonic()))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)


@pytest.fixture
def terminals():
    """Terminals opened by a test, closed after it whatever happened."""
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def wait_gone(pids: set[int], timeout: float) -> float:
    """Seconds until none of `pids` exists any more (AssertionError after `timeout`)."""
    start = time.monotonic()
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() - start > timeout:
            raise AssertionError(f"still running after {timeout} s: {pids}")
        time.sleep(0.02)
    return time.monotonic() - start
