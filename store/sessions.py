"""What `mycompany serve` keeps in the database: failed sign-ins per address, open sessions per person.

SPEC §10: several serve processes may front one database, so nothing a session needs lives in one
process. A client address is refused before authentication once the trail holds
FAILED_SIGN_IN_LIMIT refused sign-ins from it in the last FAILED_SIGN_IN_WINDOW (read from
`audit_event` on its (action, at) index; the refusals are written by store.identity.sign_in_key).
A person may hold a limited number of sessions at once, counted from `sign_in_session` rows not
ended; each serving process refreshes `last_seen_at` of its sessions every HEARTBEAT, and a row
unseen for STALE_AFTER (its server crashed or was killed) no longer counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import timedelta

from peewee import fn

from . import clock
from .audit import refusals_recorded
from .db import retried, transaction
from .errors import Refused
from .i18n import _
from .identity import ensure_signed_in, open_session, sign_in_key
from .models import AuditEvent, PersonKey, SignInSession
from .views import Actor

FAILED_SIGN_IN_LIMIT = 10
FAILED_SIGN_IN_WINDOW = timedelta(minutes=5)
HEARTBEAT = timedelta(seconds=60)
STALE_AFTER = 3 * HEARTBEAT


def failed_sign_ins(address: str, window: timedelta = FAILED_SIGN_IN_WINDOW) -> int:
    """Refused sign-ins recorded from client `address` within `window` (trail lines whose origin
    ends " from ADDRESS"), counted up to FAILED_SIGN_IN_LIMIT."""
    since = clock.now() - window
    recent = (AuditEvent.select(AuditEvent.id)
              .where((AuditEvent.action == "sign_in") & (AuditEvent.at >= since)
                     & (AuditEvent.outcome == "refused")
                     & AuditEvent.origin.endswith(f" from {address}"))
              .limit(FAILED_SIGN_IN_LIMIT))
    return recent.count()


def sign_in_blocked(address: str) -> bool:
    """Whether `address` has failed to sign in too often lately to be let in now (it is again
    once its oldest recent refusal is older than the window)."""
    return failed_sign_ins(address) >= FAILED_SIGN_IN_LIMIT


def key_is_known(fingerprint: str) -> bool:
    """Whether a sign-in key with this SHA-256 fingerprint belongs to someone (the question an SSH
    server answers before the client proves it holds the private key; nobody is signed in)."""
    return PersonKey.select().where(PersonKey.fingerprint == fingerprint).exists()


def record_failed_sign_in(fingerprints: Iterable[str], address: str | None) -> None:
    """Record in the trail that a client at `address` offered these keys, which belong to
    nobody, and signed in with none: each is a refused sign-in (store.identity.sign_in_key
    writes the line). A key registered since it was offered is left out."""
    for fingerprint in fingerprints:
        if key_is_known(fingerprint):
            continue
        try:
            sign_in_key(fingerprint, address)
        except Refused:
            continue


def _open_sessions(email: str):
    alive_since = clock.now() - STALE_AFTER
    return SignInSession.select().where(
        (SignInSession.person_email == email) & SignInSession.ended_at.is_null()
        & (fn.COALESCE(SignInSession.last_seen_at, SignInSession.created_at) >= alive_since))


def open_session_count(email: str) -> int:
    """Sessions of the person `email` that are open and whose server was alive lately."""
    return _open_sessions(email).count()


@retried
def open_capped_session(actor: Actor, *, server: str, max_sessions: int) -> tuple[str, int]:
    """Open a session for `actor` (a key's owner, signed in by this process) unless they already
    have `max_sessions` open; returns (single-use token, session id). The count and the new row
    are one transaction, so two servers cannot both let in the last one. Refused (exit 3, in the
    trail as "session.open") over the cap."""
    ensure_signed_in(actor)
    with refusals_recorded(actor, actor.company_id, "session.open"), transaction():
        if _open_sessions(actor.email).count() >= max_sessions:
            raise Refused(_("Too many sessions open: {count} is the most one person may have; "
                            "close one and connect again.").format(count=max_sessions),
                          field="session")
        token = open_session(actor, server=server)
        digest = hashlib.sha256(token.encode()).hexdigest()
        session_id = SignInSession.select(SignInSession.id).where(
            SignInSession.token_hash == digest).scalar()
    return token, session_id


def heartbeat(session_ids: Iterable[int]) -> None:
    """Mark these sessions as still served (their server is alive): one UPDATE."""
    ids = list(session_ids)
    if not ids:
        return
    with transaction():
        SignInSession.update(last_seen_at=clock.now()).where(
            SignInSession.id.in_(ids) & SignInSession.ended_at.is_null()).execute()


def end_sessions(session_ids: Iterable[int]) -> None:
    """End several sessions at once (a server shutting down): one UPDATE."""
    ids = list(session_ids)
    if not ids:
        return
    with transaction():
        SignInSession.update(ended_at=clock.now()).where(
            SignInSession.id.in_(ids) & SignInSession.ended_at.is_null()).execute()
