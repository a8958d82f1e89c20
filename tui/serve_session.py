"""One SSH session of `mycompany serve`: the screens in a pty, or one command with pipes (§10).

With a terminal and no command the person gets the screens (`python -m tui --db URL`); with a
command, that command line, shlex-split (never a shell) and checked here first: nothing over SSH
chooses the database or names a file on the server. Without a terminal and without a command:
one line and exit 2, never the screens. The child signs in with a single-use token the store gave
this session (sessions.open_capped_session) and nothing else: the client's environment
reaches it only as TERM (from the pty request) and LANG, LC_ALL, TZ, NO_COLOR, COLORTERM when
the client sent them (SendEnv, SetEnv) with a value of their kind. The operator's configuration
(SERVER_SETTINGS: the mail server, the database driver's own settings) comes from the server's
environment alone, as a command run on the server's machine would read it. Every command line
refused here is a refused "ssh.command" line in the trail, for the person signed in; one longer
than MAX_COMMAND_BYTES or of more than MAX_COMMAND_WORDS words is refused before it is even
parsed.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import re
import shlex
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import asyncssh

import store
import store.errors
import store.i18n
import store.views
from store.i18n import _
from store.people import sessions

from .formatting import safe_text
from .serve_child import Child, signal_name

if TYPE_CHECKING:
    from .serve import Service

CLIENT_ENV = {  # the client's variables a session takes, and the values they may have
    "LANG": re.compile(r"[A-Za-z0-9_.@-]{1,64}"),
    "LC_ALL": re.compile(r"[A-Za-z0-9_.@-]{1,64}"),
    "TZ": re.compile(r"[A-Za-z0-9_+-]{1,32}(/[A-Za-z0-9_+-]{1,32}){0,3}"),
    "NO_COLOR": re.compile(r"[ -~]{1,32}"),  # any short printable value: no colours
    "COLORTERM": re.compile(r"truecolor|24bit|256color|16color|8color|yes"),
}
TERM = re.compile(r"[A-Za-z0-9_.+-]{1,64}")
# The server's own variables a session's process needs (where Python and the data folders are).
SERVER_ENV = ("PATH", "HOME", "USER", "LOGNAME", "TMPDIR")
SERVER_ENV_PREFIXES = ("PYTHON", "XDG_")
# The operator's configuration (README, "Configuration"), the server's values and never the
# client's: the mail server and sender (store.invoicing.delivery_smtp: without them an invoice
# issued over SSH was e-mailed to no one, #17 trial), the CA a STARTTLS mail server is checked
# against, libpq's PG* settings for a PostgreSQL URL, the screens' warm-up. The database itself
# is the server's --db, on the session's command line.
SERVER_SETTINGS = ("MYCOMPANY_SMTP_URL", "MYCOMPANY_MAIL_FROM", "MYCOMPANY_WARM_UP",
                   "SSL_CERT_FILE", "SSL_CERT_DIR")
SERVER_SETTINGS_PREFIXES = ("PG",)
# The program's variables a session never takes from the server: they are the person's, not the
# operator's. Who acts is the key's owner (MYCOMPANY_USER would name someone else), the language
# the client's LANG or LC_ALL (MYCOMPANY_LANG would outrank it for everyone), the database --db
# (MYCOMPANY_DATABASE_URL), and the token this session's own.
PERSONAL_SETTINGS = ("MYCOMPANY_USER", "MYCOMPANY_LANG", "MYCOMPANY_DATABASE_URL",
                     "MYCOMPANY_SESSION_TOKEN")
DATABASE_OPTIONS = ("--db", "--demo")
LOCAL_COMMANDS = ("demo", "init", "serve", "backup")  # they make or copy database files
EARLY_INPUT_LIMIT = 1024 * 1024  # bytes kept while the session's process starts
MAX_COMMAND_BYTES = 16 * 1024  # a longer command line is refused unread
MAX_COMMAND_WORDS = 1000
# What Textual's Linux driver writes as it stops (stop_application_mode): a process ended from
# outside leaves the client's terminal as it would have on quitting (main screen, cursor shown,
# no mouse reports, no bracketed paste, no kitty keyboard mode).
TERMINAL_RESET = (b"\x1b[?2004l\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?7h"
                  b"\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l")


def read_command(command: str, *, terminal: bool) -> tuple[list[str], str | None]:
    """The words of the command line the client sent, and why it may not run over SSH (None: it
    may). Too long a line is refused before it is split or parsed (argparse would echo it back
    whole, and takes long over many repeated options)."""
    if len(command.encode("utf-8", "surrogateescape")) > MAX_COMMAND_BYTES:
        return [], _("The command is too long: at most {count} bytes over SSH.").format(
            count=MAX_COMMAND_BYTES)
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        return [], _("The command cannot be read: {error}.").format(error=exc)
    if len(argv) > MAX_COMMAND_WORDS:
        return [], _("The command has too many words: at most {count} over SSH.").format(
            count=MAX_COMMAND_WORDS)
    if not terminal and not argv:
        return [], _("no terminal to draw the screens on: use ssh -t, or give a command")
    return argv, command_problem(argv)


def command_problem(argv: list[str]) -> str | None:
    """Why this command line may not run over SSH, or None: the server chooses the database, and
    files are sent on stdin and received on stdout, never named on the server's disk."""
    for word in argv:
        if word == "--":
            break
        option = word.split("=", 1)[0]
        if len(option) > 2 and any(name.startswith(option) for name in DATABASE_OPTIONS):
            return _("{option} is not available over SSH: the server chooses the "
                     "database.").format(option=option)
    args = _parsed(argv)
    if args is None:  # a usage error: the command itself says what it is, with exit 2
        return None
    if args.command in LOCAL_COMMANDS:
        return _("`{command}` is not available over SSH.").format(command=args.command)
    if args.command == "logo" and args.action == "set" and args.path != "-":
        return _("Over SSH, send the image on stdin: logo set - < logo.png")
    if args.command == "invoices" and args.action == "download" and args.out != "-":
        return _("Over SSH, the PDF comes on stdout: invoices download NUMBER --out - > "
                 "invoice.pdf")
    if args.command == "sync" and args.file != "-":
        return _("Over SSH, send the feed on stdin: sync - < feed.jsonl")
    if args.command == "export" and args.out != "-":
        return _("Over SSH, the rows come on stdout: export WHAT > rows.csv")
    if args.command == "keys" and args.action == "add" and args.pubkey_file != "-":
        return _("Over SSH, send the key on stdin: keys add EMAIL - < key.pub")
    return None


@functools.cache
def _parser():
    from .cli import build_parser

    return build_parser()


def _parsed(argv: list[str]):
    """The command line as the session's process will read it; None for a usage error."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return _parser().parse_args(argv)
    except SystemExit:
        return None


def child_env(client_env: Mapping[str, str], term: str | None, token: str,
              server_env: dict[str, str]) -> dict[str, str]:
    """The session process's environment: the server's own few variables and its operator's
    configuration (SERVER_SETTINGS), the session token, TERM, and the client's LANG, LC_ALL, TZ,
    NO_COLOR and COLORTERM when they look like what they name. Nothing else the client sends
    is taken, so it never sets the operator's configuration."""
    env = {name: value for name, value in server_env.items()
           if name in SERVER_ENV or name.startswith(SERVER_ENV_PREFIXES)
           or name in SERVER_SETTINGS or name.startswith(SERVER_SETTINGS_PREFIXES)}
    for name, pattern in CLIENT_ENV.items():
        value = client_env.get(name)
        if value and pattern.fullmatch(value):
            env[name] = value
    if term is not None:
        env["TERM"] = term if TERM.fullmatch(term) else "xterm-256color"
    env["MYCOMPANY_SESSION_TOKEN"] = token
    return env


def session_locale(client_env: Mapping[str, str]) -> str:
    """The session's language, as its process reads it from the client's LC_ALL or LANG: what
    the server itself says to the session is in it (verification trial: the no-terminal line
    was English where `show plan` was French)."""
    return store.i18n.user_locale(environ=child_env(client_env, None, "", {}))


class Session(asyncssh.SSHServerSession):
    """A session channel of a signed-in connection, and the process it runs."""

    def __init__(self, service: Service, actor: store.views.Actor,
                 on_running: Callable[[Session, bool], None] | None = None):
        self.service, self.actor = service, actor
        self.on_running = on_running  # told when the session starts running and when it closes
        self.loop = asyncio.get_running_loop()
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.child: Child | None = None
        self.gone = False  # the client closed the channel or the connection
        self.ending: str | None = None  # why the server ends the session (idle, shutdown)
        self.ending_status: int | None = None  # the exit status it then gives (None: the child's)
        self._early = bytearray()
        self._eof = False
        self._active_at = self.loop.time()
        self._idle: asyncio.TimerHandle | None = None
        self._terminal = False
        self.locale = store.i18n.DEFAULT_LOCALE  # the session's language: session_locale
        service.sessions.add(self)

    # -- what the client asks for -----------------------------------------------------------

    @property
    def chan(self) -> asyncssh.SSHServerChannel[bytes]:
        """The session's channel: asyncssh hands it over (connection_made) before anything."""
        if self._chan is None:
            raise RuntimeError("no channel yet")
        return self._chan

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(self, term_type, term_size, term_modes) -> bool:
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        return False  # no SFTP, nor any other subsystem

    def break_received(self, msec: int) -> bool:
        return False

    def session_started(self) -> None:
        self._terminal = self.chan.get_terminal_type() is not None
        self.locale = session_locale(self.chan.get_environment())
        if self.on_running is not None:
            self.on_running(self, True)
        self.service.spawn(self._guarded())

    def data_received(self, data: bytes, datatype) -> None:
        self._active_at = self.loop.time()
        if self.child is not None:
            self.child.stdin.write(data)
            return
        self._early += data
        if len(self._early) > EARLY_INPUT_LIMIT:
            self.chan.pause_reading()

    def eof_received(self) -> bool:
        self._eof = True
        if self.child is not None and not self._terminal:
            self.child.stdin.close_when_written()
        return True  # half-open: the output still comes back

    def terminal_size_changed(self, width: int, height: int, pixwidth: int,
                              pixheight: int) -> None:
        if self.child is not None:
            self.child.resize(width, height, pixwidth, pixheight)

    def pause_writing(self) -> None:
        if self.child is not None:
            self.child.pause_output(True)

    def resume_writing(self) -> None:
        if self.child is not None:
            self.child.pause_output(False)

    def connection_lost(self, exc: Exception | None) -> None:
        self.gone = True
        if self._idle is not None:
            self._idle.cancel()
        if self.child is not None:
            self.child.hang_up()
        if self.on_running is not None:
            self.on_running(self, False)

    # -- the session ------------------------------------------------------------------------

    async def _guarded(self) -> None:
        try:
            await self._run()
        except Exception:
            if not self.gone and not self.chan.is_closing():  # the client is not left waiting
                self._refuse(1, _("The session failed on the server; try again."))
            raise  # and the server's log says why
        finally:
            self.service.sessions.discard(self)

    async def _run(self) -> None:
        command = self.chan.get_command() or ""
        argv, problem = read_command(command, terminal=self._terminal)
        if problem:
            try:  # in the trail before the client hears of it
                await self.service.store(sessions.record_refused_command, self.actor, command,
                                         problem)
            except store.errors.StoreError as exc:
                self.service.log(f"refusal for {self.actor.email} not recorded: {exc.message}")
            return self._refuse(2, problem)
        try:
            token, session_id = await self.service.store(
                sessions.open_capped_session, self.actor, server=self.service.name,
                max_sessions=self.service.max_sessions)
        except store.errors.StoreError as exc:
            return self._refuse(exc.exit_status, exc.message)
        self.service.live[session_id] = self
        try:
            if not self.gone and self.ending is None:
                await self._serve(argv, token)
        finally:
            del self.service.live[session_id]
            await self.service.end_session(session_id)

    async def _serve(self, argv: list[str], token: str) -> None:
        chan = self.chan
        env = child_env(chan.get_environment(), chan.get_terminal_type(), token,
                        self.service.server_env)
        size = chan.get_terminal_size() if self._terminal else None
        if size is not None and not (size[0] and size[1]):
            size = (80, 24, 0, 0)
        try:
            self.child = await Child.start(
                [sys.executable, "-m", "tui", "--db", self.service.url, *argv], env,
                terminal_size=size, out=self._out, err=self._err,
                on_input_full=self._input_full)
        except OSError as exc:  # no more processes or descriptors on the server
            self.service.log(f"session {self.actor.email} could not start: {exc}")
            return self._refuse(1, _("The session could not start on the server; try again "
                                     "in a moment."))
        self.service.log(f"session {self.actor.email} pid {self.child.process.pid} "
                         f"{'pty' if self._terminal else 'command'} {argv[:1]}")
        if self.gone or self.ending is not None:  # went, or the server stops, while it started
            self.child.hang_up()
        if self._early:
            self.child.stdin.write(bytes(self._early))
            self._early.clear()
            chan.resume_reading()
        if self._eof and not self._terminal:
            self.child.stdin.close_when_written()
        self._arm_idle()
        status = await self.child.finish()
        if self._idle is not None:
            self._idle.cancel()
        self.service.log(f"session {self.actor.email} pid {self.child.process.pid} ended "
                         f"({status}{', ' + self.ending if self.ending else ''})")
        if self.gone:
            return
        while chan.get_write_buffer_size() and not self.gone:  # everything out before the status
            await asyncio.sleep(0.02)
        if self.ending_status is not None:
            chan.exit(self.ending_status)
        elif status >= 0:
            chan.exit(status)
        else:
            chan.exit_with_signal(signal_name(status))

    def _out(self, data: bytes) -> None:
        if not self._terminal:
            self._active_at = self.loop.time()  # a command writing is not idle
        if not self.gone and not self.chan.is_closing():
            self.chan.write(data)

    def _err(self, data: bytes) -> None:
        self._active_at = self.loop.time()
        if not self.gone and not self.chan.is_closing():
            self.chan.write_stderr(data)

    def _input_full(self, full: bool) -> None:
        if self.gone:
            return
        self.chan.pause_reading() if full else self.chan.resume_reading()

    def _refuse(self, status: int, message: str) -> None:
        """One line on stderr and an exit status; the session's process never starts."""
        if self.gone:
            return
        end = "\r\n" if self._terminal else "\n"
        said = safe_text(store.i18n.said_in(message, self.locale))
        self.chan.write_stderr(f"mycompany: {said}{end}".encode())
        self.chan.exit(status)

    # -- ending it from this side -----------------------------------------------------------

    def _arm_idle(self) -> None:
        timeout = self.service.idle_timeout
        if timeout > 0 and not self.gone:
            self._idle = self.loop.call_at(self._active_at + timeout, self._check_idle)

    def _check_idle(self) -> None:
        timeout = self.service.idle_timeout
        if self.loop.time() - self._active_at >= timeout:
            self.end(_("Session ended after {minutes} min without input.").format(
                minutes=round(timeout / 60)) if timeout >= 120 else _(
                "Session ended after {seconds} s without input.").format(seconds=timeout))
        else:
            self._arm_idle()

    def end(self, notice: str, *, status: int | None = None) -> None:
        """End the session from the server's side (idle, shutdown, its person no longer in force:
        serve.Service.watch): the child's output stops, the client's terminal is put back as the
        program leaves it, one line says why, and the child's group is hung up; then `status`
        goes back to the client, or without one the child's own exit status."""
        if self.ending is not None or self.child is None or self.gone:
            if self.ending is None:
                self.ending, self.ending_status = notice, status
            return
        self.ending, self.ending_status = notice, status
        for reader in self.child.outputs:
            reader.stop()
        said = store.i18n.said_in(notice, self.locale)
        if self._terminal:
            self.chan.write(TERMINAL_RESET + f"\r\nmycompany: {said}\r\n".encode())
        else:
            self.chan.write_stderr(f"mycompany: {said}\n".encode())
        self.child.hang_up()
