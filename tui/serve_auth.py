"""Who an SSH connection to `mycompany serve` is: public-key sign-in, and nothing else allowed.

The SSH user name is ignored: the key the client proves decides who it is
(store.people.identity.sign_in_key). No password, keyboard-interactive or host-based sign-in; no
port forwarding either way, no agent or X11 forwarding, no tunnels. A connection that began to sign
in and ended without signing anyone in is one failed sign-in, recorded when it closes with the
keys it offered (store.people.sessions.record_failed_connection): however many keys an agent tries,
and a person whose agent holds several keys is not charged for the ones tried before theirs. An
address with too many recent failures (store.people.sessions.turn_away, counted from the trail, so
every server fronting the database agrees) is disconnected before authentication. A signed-in
connection with no session running for --idle-timeout seconds (`ssh -N`, a client that opens no
channel or keeps one it never starts) is closed; the sessions themselves idle out on their own.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import asyncssh

import store
import store.errors
import store.i18n
import store.people.identity
import store.people.sessions
import store.views
from store.i18n import _
from store.people import identity, sessions

from .serve_session import Session

if TYPE_CHECKING:
    from .serve import Service

# Keys one connection may offer: more than OpenSSH's MaxAuthTries (6), so that an agent holding
# several keys still reaches its person's; a failed connection counts once, whatever it tried.
MAX_KEYS_TRIED = 10


class FrontDoor(asyncssh.SSHServer):
    """One client connection, from its first packet to its sign-in and sessions."""

    def __init__(self, service: Service):
        self.service = service
        self._conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.offered: list[str] = []  # fingerprints of the keys the client offered
        self._proving: str | None = None
        self._counts = False  # ending without a sign-in is a failed sign-in (see begin_auth)
        self._refusal: str | None = None  # why the person of a known key was refused
        self._signed_in: asyncio.Future[store.views.Actor | None] = (
            asyncio.get_running_loop().create_future())
        self._running: set[Session] = set()  # the sessions running on this connection
        self._idle: asyncio.TimerHandle | None = None
        self._lost = False

    @property
    def conn(self) -> asyncssh.SSHServerConnection:
        """The client's connection: asyncssh hands it over (connection_made) before anything."""
        if self._conn is None:
            raise RuntimeError("no connection yet")
        return self._conn

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        self.service.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self.service.connections.discard(self._conn)
        self._lost = True
        if self._idle is not None:
            self._idle.cancel()
        if not self._signed_in.done():
            self._signed_in.set_result(None)
        if self._counts and self._signed_in.result() is None and not self.service.stopping:
            self.service.log(f"failed sign-in from {self.address} "
                             f"({len(self.offered)} keys offered)")
            self.service.spawn(self.service.store(
                sessions.record_failed_connection, self.offered[:MAX_KEYS_TRIED], self.address,
                self._refusal))

    def _disconnect(self, reason: str) -> None:
        self.conn.disconnect(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, reason)

    async def begin_auth(self, username: str) -> bool:
        try:
            blocked = await self.service.store(sessions.turn_away, self.address)
        except store.errors.StoreError as exc:
            self.service.log(f"refused {self.address}: the database failed ({exc.message})")
            self._disconnect(_("Sign-ins cannot be checked right now; try again in a few "
                               "minutes."))
            return True
        if blocked:
            self.service.log(f"refused {self.address}: too many failed sign-ins")
            self._disconnect(_("Too many failed sign-ins from your address; try again in a few "
                               "minutes."))
        else:
            self._counts = True
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    async def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        """Whether `key` is someone's: asked before and again after the client signs with it;
        asyncssh checks the signature after this returns True, and calls auth_completed at once
        (no await in between), so the key noted here last is the one the client proved."""
        fingerprint = key.get_fingerprint("sha256")
        if fingerprint not in self.offered:
            self.offered.append(fingerprint)
        if len(self.offered) > MAX_KEYS_TRIED:
            self._disconnect(_("Too many keys tried."))
            return False
        try:
            known = await self.service.store(sessions.key_is_known, fingerprint)
        except store.errors.StoreError as exc:
            self.service.log(f"refused {self.address}: the database failed ({exc.message})")
            self._counts = False  # the server's failure, not the client's
            return False
        if known:
            self._proving = fingerprint
        return known

    async def auth_completed(self) -> None:
        fingerprint = self._proving
        try:
            actor = await self.service.store(identity.sign_in_key, fingerprint, self.address)
        except store.errors.StoreError as exc:
            self.service.log(f"refused key {fingerprint} from {self.address}: {exc.message}")
            actor, refusal = None, exc.message
            if isinstance(exc, store.errors.Refused):
                self._refusal = refusal  # the person's refusal, in the connection's line
            else:
                self._counts = False  # the database failed, not the client
        else:
            self.service.log(f"signed in {actor.email} with key {fingerprint} from "
                             f"{self.address}")
        if self._signed_in.done():  # the client went meanwhile
            return
        self._signed_in.set_result(actor)
        if actor is None:
            self._disconnect(refusal)
        else:
            self._arm_idle()

    def session_requested(self):
        return self._session()

    async def _session(self) -> Session:
        actor = await self._signed_in
        if actor is None or self.service.stopping:
            raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
                                            _("The server is not taking sessions now."))
        return Session(self.service, actor, self._session_running)

    # -- a signed-in connection without a session ---------------------------------------------

    def _session_running(self, session: Session, running: bool) -> None:
        if running:
            self._running.add(session)
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None
        elif session in self._running:
            self._running.discard(session)
            self._arm_idle()

    def _arm_idle(self) -> None:
        """Close the connection if it still has no session running in --idle-timeout seconds."""
        timeout = self.service.idle_timeout
        if timeout <= 0 or self._running or self._lost:
            return
        if self._idle is not None:
            self._idle.cancel()
        self._idle = asyncio.get_running_loop().call_later(timeout, self._idle_out)

    def _idle_out(self) -> None:
        self._idle = None
        if self._running or self._lost:
            return
        timeout = self.service.idle_timeout
        self.service.log(f"closed {self.address}: no session for {timeout} s")
        self.conn.disconnect(asyncssh.DISC_BY_APPLICATION, (_(
            "Connection closed after {minutes} min without a session.").format(
                minutes=round(timeout / 60)) if timeout >= 120 else _(
            "Connection closed after {seconds} s without a session.").format(seconds=timeout)))

    # Nothing but sessions: every forwarding and tunnel request is refused.

    def connection_requested(self, dest_host, dest_port, orig_host, orig_port):
        return False

    def server_requested(self, listen_host, listen_port):
        return False

    def unix_connection_requested(self, dest_path):
        return False

    def unix_server_requested(self, listen_path):
        return False

    def tun_requested(self, unit):
        return False

    def tap_requested(self, unit):
        return False
