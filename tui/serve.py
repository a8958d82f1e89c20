"""`mycompany serve`: the SSH front door (SPEC §10), an asyncssh server in front of the database.

People sign in with their own keys (tui/serve_auth.py); each session runs the program as a child
process in a pseudo-terminal or with pipes (tui/serve_session.py, tui/serve_child.py). What a
session needs lives in the database, not here (store/people/sessions.py): several servers may front
one PostgreSQL database. Store calls run on a few worker threads, never on the event loop. Every
few seconds the server looks whether its sessions still hold, and ends those of a person removed,
or whose role changed, with one line saying why (Service.watch). SIGTERM or SIGINT ends every
session (the client is told why) and every session row, then the server.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import functools
import os
import signal
import socket
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import store
import store.database
import store.errors
import store.i18n
from store.i18n import _
from store.people import identity, sessions
from store.people.session_end import SessionEnded

from .cli import UsageError
from .formatting import safe_text

if TYPE_CHECKING:
    from .serve_session import Session

HOST_KEY_NAME = "ssh_host_ed25519_key"
STORE_THREADS = 4
SHUTDOWN_WAIT = 5.0  # seconds the sessions get to end before the server stops anyway


def parse_listen(text: str) -> tuple[str, int]:
    """HOST:PORT ("127.0.0.1:2222", "[::1]:2222", "localhost:0"): UsageError if it is not one."""
    host, sep, port = (text or "").rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise UsageError(_("--listen takes HOST:PORT, like 127.0.0.1:2222 (port 0: any free "
                           "port)."))
    return host, int(port)


def default_host_key_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("mycompany") / HOST_KEY_NAME


def load_host_key(path_option: str | None):
    """The server's private host key: the file given with --host-key, else the one in the data
    folder; made (ed25519, 0600, its folder 0700) where it does not exist yet, on first start.
    Returns (key, path); UsageError when it is readable by others or not a private key."""
    import asyncssh

    path = Path(path_option).expanduser() if path_option else default_host_key_path()
    if not path.exists():
        try:
            _make_host_key(path)
        except OSError as exc:
            raise UsageError(_("Cannot make the host key {path}: {error}").format(
                path=path, error=exc.strerror or exc)) from None
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise UsageError(_("The host key {path} can be read by others; chmod 600 {path}.").format(
            path=path))
    try:
        return asyncssh.read_private_key(path), path
    except (asyncssh.KeyImportError, OSError, ValueError) as exc:
        raise UsageError(_("{path} is not a usable private host key: {error}").format(
            path=path, error=exc)) from None


def _make_host_key(path: Path) -> None:
    import asyncssh

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="mycompany serve")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(key.export_private_key("openssh"))
    path.with_name(path.name + ".pub").write_bytes(key.export_public_key("openssh"))


def _absolute(url: str) -> str:
    """The URL with a relative SQLite path made absolute (the sessions run elsewhere)."""
    if url.lower().startswith("sqlite:///") and not url[len("sqlite:///"):].startswith("/"):
        return store.database.database_url_for(Path(url[len("sqlite:///"):]))
    return url


class Service:
    """What the server's connections and sessions share: settings, the store's threads, and
    the sessions running here (the database holds everything else)."""

    def __init__(self, url: str, *, idle_timeout: int, max_sessions: int):
        self.url, self.idle_timeout, self.max_sessions = url, idle_timeout, max_sessions
        self.name = f"{socket.gethostname()}:{os.getpid()}"[:200]
        self.server_env = dict(os.environ)
        self.loop = asyncio.get_running_loop()
        self.executor = concurrent.futures.ThreadPoolExecutor(STORE_THREADS, "store")
        self.live: dict[int, Session] = {}  # session id -> Session, while its process may run
        self.sessions: set = set()  # every Session of this server, also those still starting
        self.connections: set = set()
        self.tasks: set[asyncio.Task] = set()
        self.stopping = False

    async def store(self, function, *args, **kwargs):
        """Call a store function on one of the store's threads."""
        return await self.loop.run_in_executor(
            self.executor, functools.partial(function, *args, **kwargs))

    def spawn(self, coroutine) -> asyncio.Task:
        task = self.loop.create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            self.log(f"error: {type(exc).__name__}: {exc}")

    async def end_session(self, session_id: int) -> None:
        try:
            await self.store(identity.end_session, session_id)
        except store.errors.StoreError as exc:
            self.log(f"session {session_id} could not be ended: {exc.message}")

    async def heartbeat(self) -> None:
        """Tell the database, every minute, which sessions this server still serves; rows of a
        server that stopped doing so (crashed, killed) soon stop counting against the cap."""
        while True:
            await asyncio.sleep(sessions.HEARTBEAT.total_seconds())
            try:
                await self.store(sessions.heartbeat, list(self.live))
            except store.errors.StoreError as exc:
                self.log(f"heartbeat failed: {exc.message}")

    async def watch(self) -> None:
        """Every sessions.WATCH, end the sessions of this server whose person no longer is what
        they signed in as (SPEC §2: a removed person's sessions end; a changed role signs in
        again), at once rather than at their next key (#18 trial): each is told why in one line
        (the store's sentence, as their next action would have been), exit status 3. One look
        for all of them (sessions.sessions_out_of_force); none while no session runs here."""
        while True:
            await asyncio.sleep(sessions.WATCH.total_seconds())
            watched = {session_id: session.actor for session_id, session in self.live.items()}
            if not watched:
                continue
            try:
                ended = await self.store(sessions.sessions_out_of_force, watched)
            except store.errors.StoreError as exc:
                self.log(f"sessions not looked at: {exc.message}")
                continue
            for session_id, reason in ended.items():
                session = self.live.get(session_id)
                if session is not None:
                    session.end(reason, status=SessionEnded.exit_status)

    def log(self, text: str) -> None:
        sys.stderr.write(f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ} {safe_text(text)}\n")
        sys.stderr.flush()


def run(args: argparse.Namespace, url: str | None) -> int:
    """`mycompany serve`: serve until SIGTERM or SIGINT; returns the exit status."""
    host, port = parse_listen(args.listen)
    if args.idle_timeout < 0 or args.max_sessions < 1:
        raise UsageError(_("--idle-timeout takes 0 or more seconds (0: never), --max-sessions "
                           "1 or more."))
    key, key_path = load_host_key(args.host_key)
    url = _absolute(url or store.database.database_url_for(store.database.default_database_path()))
    try:
        return asyncio.run(_serve(args, url, host, port, key, key_path))
    except OSError as exc:
        sys.stderr.write("mycompany: " + _("cannot listen on {address}: {error}").format(
            address=args.listen, error=exc.strerror or exc) + "\n")
        return 1


async def _serve(args, url: str, host: str, port: int, key, key_path: Path) -> int:
    import asyncssh

    from .serve_auth import FrontDoor

    service = Service(url, idle_timeout=args.idle_timeout, max_sessions=args.max_sessions)
    stop = asyncio.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        service.loop.add_signal_handler(number, stop.set)
    acceptor = await asyncssh.listen(
        host, port, server_factory=lambda: FrontDoor(service), server_host_keys=[key],
        encoding=None, line_editor=False, allow_pty=True, allow_scp=False,
        agent_forwarding=False, x11_forwarding=False, public_key_auth=True,
        password_auth=False, kbdint_auth=False, host_based_auth=False, gss_host=None,
        login_timeout=30, keepalive_interval=30, keepalive_count_max=3, reuse_address=True)
    print(_("Host key {fingerprint} ({path})").format(
        fingerprint=key.get_fingerprint("sha256"), path=safe_text(key_path)))
    for sock in acceptor.sockets:
        address, bound_port = sock.getsockname()[:2]
        shown = f"[{address}]" if ":" in address else address
        print(_("Listening on {address}").format(address=f"{shown}:{bound_port}"))
    sys.stdout.flush()
    loops = [service.spawn(service.heartbeat()), service.spawn(service.watch())]
    try:
        await stop.wait()
    finally:
        await _stop(service, acceptor, loops)
    return 0


async def _stop(service: Service, acceptor, loops: list[asyncio.Task]) -> None:
    """Stop taking connections, end every session (children hung up, rows ended), then go."""
    service.stopping = True
    acceptor.close()
    for task in loops:
        task.cancel()
    for session in list(service.sessions):
        session.end(_("The server is stopping; connect again in a moment."))
    deadline = service.loop.time() + SHUTDOWN_WAIT
    pending = [task for task in service.tasks if task not in loops]
    if pending:
        await asyncio.wait(pending, timeout=SHUTDOWN_WAIT)
    # Each client closes its connection once its sessions have ended and it has written out what
    # they sent (OpenSSH drops unwritten output when it is disconnected); then the rest are closed.
    closing = [service.loop.create_task(conn.wait_closed()) for conn in service.connections]
    if closing:
        await asyncio.wait(closing, timeout=max(0.1, deadline - service.loop.time()))
    for conn in list(service.connections):
        conn.close()
    left = list(service.live)
    if left:
        try:
            await service.store(sessions.end_sessions, left)
        except store.errors.StoreError as exc:
            service.log(f"sessions {left} could not be ended: {exc.message}")
    service.executor.shutdown(wait=True)
    service.log("stopped")
