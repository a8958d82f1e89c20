"""The SSH front door, measured: python bench/ssh.py [--pairs 7] [--sessions 50].

1. Makes a demo database in a temporary folder, with an ed25519 key for Nordwind's owner.
2. Starts `mycompany serve` on a free port, and OpenSSH's sshd on another, whose ForceCommand
   runs the same program on the same database as the same person (the usual way to put a
   terminal program behind SSH); both with their own host keys, in the same run.
3. Connect to first frame: the real OpenSSH client in an 80×24 pseudo-terminal, from starting
   `ssh -tt` to the company's name appearing on the screen; alternately through serve and sshd
   (one warm-up pair, then --pairs pairs, ABBA order); figure: median of per-pair ratios
   serve/sshd (budget: ≤ 1.0).
4. --sessions concurrent sessions through serve: all must reach their first frame; keystroke echo
   (a key sent to the first output after it) in each, median against a lone session's (budget:
   ≤ 2×); the memory each extra session adds: PSS and USS of its process on the server side
   (/proc/PID/smaps_rollup), and the serve process's own RSS growth per session.

Needs /usr/sbin/sshd (Debian: openssh-server) and /usr/bin/ssh (openssh-client), and root for
sshd. Prints a table and a last line "all hold" or "N do not hold"; exits 0.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MARKER = b"Nordwind Logistik GmbH"
ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
SSH_OPTIONS = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o",
               "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
               "-o", "LogLevel=ERROR"]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def prepare(folder: Path) -> tuple[str, Path]:
    """The demo database and Nordwind's owner's key pair; returns (URL, private key path)."""
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    subprocess.run([sys.executable, "-m", "tui", "--db", url, "demo"], check=True, cwd=ROOT,
                   capture_output=True)
    key = folder / "jonas"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jonas@bench", "-f",
                    str(key)], check=True)
    subprocess.run([sys.executable, "-m", "tui", "--db", url, "--as", "admin@mycompany.example",
                    "keys", "add", "jonas@nordwind.de", str(key) + ".pub"], check=True, cwd=ROOT,
                   capture_output=True)
    return url, key


def start_serve(folder: Path, url: str, sessions: int) -> tuple[subprocess.Popen, int]:
    """`mycompany serve` on a free port; one person may hold all the bench's sessions."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", url, "serve", "--listen", "127.0.0.1:0",
         "--host-key", str(folder / "serve_host_key"), "--max-sessions", str(sessions + 2)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 30
    seen = b""
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        seen += line
        found = re.search(rb"127\.0\.0\.1:(\d+)", line)
        if found and int(found.group(1)):
            return proc, int(found.group(1))
        if not line and proc.poll() is not None:
            break
    raise SystemExit(f"mycompany serve did not start: {seen.decode(errors='replace')}")


def start_sshd(folder: Path, url: str, key: Path) -> tuple[subprocess.Popen, int]:
    """OpenSSH's sshd on 127.0.0.1, letting in only `key`, forcing the program as the command."""
    host_key = folder / "sshd_host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)],
                   check=True)
    authorized = folder / "authorized_keys"
    authorized.write_text(Path(str(key) + ".pub").read_text())
    authorized.chmod(0o600)
    port = free_port()
    command = (f"cd {ROOT} && exec {sys.executable} -m tui --db {url} "
               f"--as jonas@nordwind.de")
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {host_key}",
        f"AuthorizedKeysFile {authorized}", "PermitRootLogin prohibit-password",
        "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
        "PrintMotd no", "PrintLastLog no", "StrictModes no", f"PidFile {folder / 'sshd.pid'}",
        f'ForceCommand {command}', "MaxStartups 100:30:200", "MaxSessions 100", ""]))
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    wait_port(port)
    return proc, port


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int) -> None:
    import socket

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port}")


class Session:
    """One `ssh -tt` client in its own 80×24 pseudo-terminal."""

    def __init__(self, port: int, key: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            ["ssh", "-tt", *SSH_OPTIONS, "-i", str(key), "-p", str(port), "127.0.0.1"],
            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
            env={**os.environ, "TERM": "xterm-256color"})
        os.close(slave)
        self.screen = b""
        self.first_frame: float | None = None

    def read(self, timeout: float) -> bytes:
        ready, _w, _x = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return b""
        self.screen = (self.screen + ESCAPES.sub(b"", data))[-20000:]
        return data

    def wait_first_frame(self, timeout: float = 60) -> float:
        deadline = time.monotonic() + timeout
        while MARKER not in self.screen:
            if time.monotonic() > deadline or (self.proc.poll() is not None
                                               and not self.read(0.1)):
                raise TimeoutError(self.screen[-400:].decode(errors="replace"))
            self.read(0.5)
        self.first_frame = (time.perf_counter() - self.started) * 1000
        return self.first_frame

    def settle(self, quiet: float = 0.3) -> None:
        while self.read(quiet):
            pass

    def echo_ms(self, key: bytes) -> float:
        """A key sent to the first bytes of the screen's answer, in ms."""
        self.settle(0.05)
        start = time.perf_counter()
        os.write(self.master, key)
        while not self.read(5):
            if time.perf_counter() - start > 5:
                return 5000.0
        return (time.perf_counter() - start) * 1000

    def close(self) -> None:
        with_suppressed(os.write, self.master, b"\x11")  # ctrl+q
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with_suppressed(os.close, self.master)


def with_suppressed(fn, *args) -> None:
    try:
        fn(*args)
    except OSError:
        pass


def first_frame_ms(port: int, key: Path) -> float:
    session = Session(port, key)
    try:
        return session.wait_first_frame()
    finally:
        session.close()


def descendants(pid: int) -> list[int]:
    """Every process under `pid` (from /proc), children first."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory_kb(pid: int) -> tuple[int, int, int]:
    """(PSS, USS, RSS) of a process in kB, from /proc/PID/smaps_rollup."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _sep, value = line.partition(":")
        fields[name.strip()] = int(value.split()[0])
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return fields.get("Pss", 0), uss, fields.get("Rss", 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--keys", type=int, default=15, help="keystrokes timed per session")
    args = parser.parse_args()
    if not (shutil.which("ssh") and Path("/usr/sbin/sshd").exists()):
        raise SystemExit("needs /usr/bin/ssh and /usr/sbin/sshd (apt-get install "
                         "openssh-client openssh-server)")
    folder = Path(tempfile.mkdtemp(prefix="mycompany-bench-ssh-"))
    folder.chmod(0o700)
    url, key = prepare(folder)
    serve, serve_port = start_serve(folder, url, args.sessions)
    sshd, sshd_port = start_sshd(folder, url, key)
    failures = 0
    try:
        say("warm-up pair")
        first_frame_ms(serve_port, key), first_frame_ms(sshd_port, key)
        ratios, ours, theirs = [], [], []
        for n in range(args.pairs):
            order = [(serve_port, ours), (sshd_port, theirs)]
            if n % 2:
                order.reverse()
            for port, into in order:
                into.append(first_frame_ms(port, key))
            ratios.append(ours[-1] / theirs[-1])
            say(f"pair {n + 1}: serve {ours[-1]:.0f} ms, sshd {theirs[-1]:.0f} ms")
        ratio = statistics.median(ratios)
        holds = ratio <= 1.0
        failures += not holds
        rows = [("connect to first frame, serve ÷ sshd ForceCommand", "≤ 1.0",
                 (f"{ratio:.2f} ({min(ratios):.2f}–{max(ratios):.2f}); serve "
                  f"{statistics.median(ours):.0f} ms, sshd {statistics.median(theirs):.0f} ms"),
                 holds)]
        rows += concurrent(serve, serve_port, key, args)
        failures += sum(not row[3] for row in rows[1:])
    finally:
        for proc in (serve, sshd):
            with_suppressed(os.killpg, proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with_suppressed(os.killpg, proc.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
    print("| measure | budget | figure | holds |")
    print("|---|---|---|---|")
    for name, budget, figure, holds in rows:
        print(f"| {name} | {budget} | {figure} | {'yes' if holds is True else holds or 'no'} |")
    print("all hold" if not failures else f"{failures} do not hold")
    return 0


def concurrent(serve: subprocess.Popen, port: int, key: Path, args) -> list[tuple]:
    say("a lone session's keystroke echo")
    lone = Session(port, key)
    lone.wait_first_frame()
    lone.settle()
    alone = [lone.echo_ms(b"\t") for _ in range(args.keys)]
    lone.close()
    time.sleep(1)
    before = memory_kb(serve.pid)[2]
    say(f"{args.sessions} sessions at once")
    sessions = [Session(port, key) for _ in range(args.sessions)]
    reached = 0
    for session in sessions:
        try:
            session.wait_first_frame(timeout=180)
            reached += 1
        except TimeoutError as failure:
            say(f"a session did not reach its first frame: {str(failure)[-300:]!r}")
    for session in sessions:
        session.settle(0.05)
    time.sleep(2)
    for session in sessions:
        session.settle(0.05)
    children = [pid for pid in descendants(serve.pid)]
    memory = [memory_kb(pid) for pid in children if _is_program(pid)]
    after = memory_kb(serve.pid)[2]
    echoes = []
    for session in sessions:
        if session.first_frame is not None:
            echoes += [session.echo_ms(b"\t") for _ in range(max(1, args.keys // 5))]
    for session in sessions:
        session.close()
    ratio = statistics.median(echoes) / statistics.median(alone)
    pss = statistics.median(m[0] for m in memory) / 1024 if memory else 0
    uss = statistics.median(m[1] for m in memory) / 1024 if memory else 0
    per_session_serve = (after - before) / max(1, reached) / 1024
    return [
        (f"{args.sessions} concurrent sessions reach their first frame", "all",
         f"{reached} of {args.sessions}", reached == args.sessions),
        ("keystroke echo with them open, ÷ a lone session's", "≤ 2×",
         (f"{ratio:.2f}× (median {statistics.median(echoes):.1f} ms, lone "
          f"{statistics.median(alone):.1f} ms)"), ratio <= 2),
        ("memory each extra session adds", "report",
         (f"PSS {pss:.1f} MB, USS {uss:.1f} MB (its process); serve itself "
          f"+{per_session_serve:.2f} MB RSS"), "report"),
    ]


def _is_program(pid: int) -> bool:
    try:
        return b"tui" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
