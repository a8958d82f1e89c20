"""What `mycompany serve` keeps in the database: failed sign-ins by address and open sessions.

SPEC §10: several serve processes may front one database, so nothing a session needs lives in one
process. What is counted against an address is failed *connections*, not keys: a connection that
ends without signing anyone in is one line in the trail (action "sign_in", field "keys", the keys
it offered as the value), however many keys its agent tried; one that signs someone in counts
nothing. A client address is turned away before authentication once FAILED_SIGN_IN_LIMIT such
lines were written in the last FAILED_SIGN_IN_WINDOW (read from `audit_event` on its (action, at)
index), and the turn-away is itself in the trail, at most once a TURNED_AWAY_EVERY per address.
Each session opened is a "sign_in" line in the same transaction as its row. A person may hold a
limited number of sessions at once, counted from `sign_in_session` rows not ended; each serving
process refreshes `last_seen_at` of its sessions every HEARTBEAT, and a row unseen for STALE_AFTER
(its server crashed or was killed) no longer counts. Every WATCH each serving process also looks
whether its sessions still hold (`sessions_out_of_force`), and ends those that do not at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any

from peewee import Field, ModelSelect, Value, fn

from store import clock
from store.errors import Refused
from store.i18n import _, ngettext
from store.people.identity import ensure_signed_in, open_session_row, printable, still_in_force
from store.persistence.db import retried, transaction
from store.persistence.models import AuditEvent, Staff, User
from store.persistence.models_sign_in import PersonKey, SignInSession
from store.trail.audit import record, refusals_recorded
from store.views import Actor

FAILED_SIGN_IN_LIMIT = 10  # failed connections from one address ...
FAILED_SIGN_IN_WINDOW = timedelta(minutes=5)  # ... within this long turn it away
TURNED_AWAY_EVERY = timedelta(minutes=1)  # at most one trail line per address this often
FAILED_CONNECTION_FIELD = "keys"  # the field of a failed connection's line (the keys offered)
TURNED_AWAY_FIELD = "address"  # the field of a turn-away's line
COMMAND_SHOWN = 200  # characters of a refused command line kept in the trail
HEARTBEAT = timedelta(seconds=60)
STALE_AFTER = 3 * HEARTBEAT
# How often a server looks whether its open sessions still hold: a removed person's screen ends
# within this long, without waiting for their next key (#18 trial: it stayed up 10 s and more).
# One look covers all of a server's sessions in two indexed queries (sessions_out_of_force).
WATCH = timedelta(seconds=2)


def door_origin(address: str | None) -> str:
    """Where a connection nobody signed in to comes from, for the trail: "ssh from ADDRESS"."""
    return f"ssh from {address or '?'}"[:300]


def failed_sign_ins(address: str, window: timedelta = FAILED_SIGN_IN_WINDOW) -> int:
    """Failed connections recorded from client `address` within `window` (trail lines of
    record_failed_connection, origin "ssh from ADDRESS"), counted up to
    FAILED_SIGN_IN_LIMIT. Nothing else counts: not each key tried, not a turn-away, not a refusal
    to a person who signed in (a command, the session cap, --as)."""
    since = clock.now() - window
    recent = (AuditEvent.select(AuditEvent.id)
              .where((AuditEvent.action == "sign_in") & (AuditEvent.at >= since)
                     & (AuditEvent.outcome == "refused")
                     & (AuditEvent.field == FAILED_CONNECTION_FIELD)
                     & (AuditEvent.origin == door_origin(address)))
              .limit(FAILED_SIGN_IN_LIMIT))
    return recent.count()


def sign_in_blocked(address: str) -> bool:
    """Whether `address` has failed to sign in too often lately to be let in now (it is again
    once its oldest recent failure is older than the window)."""
    return failed_sign_ins(address) >= FAILED_SIGN_IN_LIMIT


@retried
def turn_away(address: str) -> bool:
    """Whether a new connection from `address` is to be turned away now (sign_in_blocked); if
    so, the trail says so, unless it already did for this address within TURNED_AWAY_EVERY, so
    that a flood of connections cannot fill the trail."""
    if not sign_in_blocked(address):
        return False
    origin = door_origin(address)
    with transaction():
        said = AuditEvent.select().where(
            (AuditEvent.action == "sign_in") & (AuditEvent.at >= clock.now() - TURNED_AWAY_EVERY)
            & (AuditEvent.field == TURNED_AWAY_FIELD) & (AuditEvent.origin == origin)).exists()
        if not said:
            AuditEvent.insert(
                company=None, at=clock.now(), action="sign_in", field=TURNED_AWAY_FIELD,
                outcome="refused", reason=_("too many failed sign-ins"),
                origin=origin).execute()
    return True


def key_is_known(fingerprint: str) -> bool:
    """Whether a sign-in key with this SHA-256 fingerprint belongs to someone (the question an SSH
    server answers before the client proves it holds the private key; nobody is signed in)."""
    return PersonKey.select().where(PersonKey.fingerprint == fingerprint).exists()


def keys_tried(fingerprints: Iterable[str]) -> str:
    """The keys a connection offered, as its trail line shows them: "2 keys: SHA256:…, SHA256:…"."""
    tried = [printable(str(f)) for f in dict.fromkeys(fingerprints)]
    return ngettext("{count} key: {keys}", "{count} keys: {keys}", len(tried)).format(
        count=len(tried), keys=", ".join(tried)) if tried else _("no key")


@retried
def record_failed_connection(fingerprints: Iterable[str], address: str | None,
                             reason: str | None = None) -> None:
    """Record in the trail that a connection from `address` ended without signing anyone in:
    one refused "sign_in" line, whatever number of keys it offered (`fingerprints`, in the order
    tried), the one failure failed_sign_ins counts. `reason`: why its key was refused, when one
    was someone's (an inactive person); else the keys belonged to nobody."""
    tried = list(dict.fromkeys(fingerprints))
    if reason is None:
        reason = (_("None of the keys offered belongs to anyone here.") if tried
                  else _("No key was offered."))
    with transaction():
        AuditEvent.insert(
            company=None, at=clock.now(), action="sign_in", field=FAILED_CONNECTION_FIELD,
            new_value=keys_tried(tried), outcome="refused", reason=reason,
            origin=door_origin(address)).execute()


@retried
def record_refused_command(actor: Actor, command: str, reason: str) -> None:
    """Record a command line the SSH door refused to run for `actor` (a database option, a command
    that makes files on the server, no terminal and no command, too long...): one refused
    "ssh.command" line with the command's first COMMAND_SHOWN characters, control characters
    escaped, as the value tried."""
    shown = printable(command[:COMMAND_SHOWN])[:COMMAND_SHOWN]
    with transaction():
        record(actor, actor.company_id, "ssh.command", field="command", new=shown or None,
               outcome="refused", reason=reason)


def _open_sessions(email: str) -> ModelSelect[SignInSession]:
    alive_since = clock.now() - STALE_AFTER
    return SignInSession.select().where(
        (SignInSession.person_email == email) & SignInSession.ended_at.is_null()
        & (fn.COALESCE(SignInSession.last_seen_at, SignInSession.created_at) >= alive_since))


def open_session_count(email: str) -> int:
    """Sessions of the person `email` that are open and whose server was alive lately."""
    return int(_open_sessions(email).count())


@retried
def open_capped_session(actor: Actor, *, server: str, max_sessions: int) -> tuple[str, int]:
    """Open a session for `actor` (a key's owner, signed in by this process) unless they already
    have `max_sessions` open; returns (single-use token, session id). The count and the new row
    are one transaction, so two servers cannot both let in the last one; so is the "sign_in" line
    that records it (origin "key SHA256:… from ADDRESS"). Refused (exit 3, in the trail as
    "session.open") over the cap."""
    ensure_signed_in(actor)
    with refusals_recorded(actor, actor.company_id, "session.open"), transaction():
        if _open_sessions(actor.email).count() >= max_sessions:
            raise Refused(_("Too many sessions open: {count} is the most one person may have; "
                            "close one and connect again.").format(count=max_sessions),
                          field="session")
        token, session_id = open_session_row(actor, server=server)
        record(actor, actor.company_id, "sign_in")  # the sign-in, with its key and address
    return token, session_id


def sessions_out_of_force(watched: Mapping[int, Actor]) -> dict[int, str]:
    """Of the open sessions `watched` (session id -> the person its key signed in, as the
    server holds them), those that no longer hold, each with the one sentence its person is told:
    identity.still_in_force's (the session ended, as removing a person ends it; the person is
    gone or inactive; their role or company changed, an owner change or `staff set-role`).

    Two indexed queries, whatever the number of sessions (their rows by id, their people by
    e-mail); still_in_force, the one rule, is asked again only for a session whose row ended or
    whose person's row differs from what they signed in as. None asked: no query."""
    if not watched:
        return {}
    ended = {row.id for row in SignInSession.select(SignInSession.id).where(
        SignInSession.id.in_(list(watched)) & SignInSession.ended_at.is_null(False))}
    emails = sorted({actor.email.lower() for actor in watched.values()})
    staff = Staff.select(Value("staff"), fn.LOWER(Staff.email), Staff.role, Value(None),
                         Value(True)).where(fn.LOWER(Staff.email).in_(emails))
    users = User.select(Value("user"), User.email, User.role, User.company,
                        User.active).where(User.email.in_(emails))
    now = {(kind, email.lower()): (role, company_id, bool(active))
           for kind, email, role, company_id, active in (staff + users).tuples()}
    looked_again = (replace(actor, session_id=session_id) for session_id, actor in watched.items()
                    if session_id in ended or now.get((actor.kind, actor.email.lower()))
                    != (actor.role, actor.company_id, True))
    return {actor.session_id: reason for actor in looked_again
            if actor.session_id is not None and (reason := still_in_force(actor)) is not None}


def heartbeat(session_ids: Iterable[int]) -> None:
    """Mark these sessions as still served (their server is alive): one UPDATE."""
    _stamp_open(session_ids, SignInSession.last_seen_at)


def end_sessions(session_ids: Iterable[int]) -> None:
    """End several sessions at once (a server shutting down): one UPDATE."""
    _stamp_open(session_ids, SignInSession.ended_at)


def _stamp_open(session_ids: Iterable[int], column: Field[Any]) -> None:
    """Set `column` to now on those of these sessions not ended yet, in one UPDATE."""
    ids = list(session_ids)
    if not ids:
        return
    with transaction():
        SignInSession.update({column: clock.now()}).where(
            SignInSession.id.in_(ids) & SignInSession.ended_at.is_null()).execute()
