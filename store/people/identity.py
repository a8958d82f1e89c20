"""Who is acting, as the program authenticated it (SPEC §2): sign-in, sessions, acting as another.

The store serves only actors it signed in itself. Three ways in, none of which takes a caller's
word for who they are:

- `sign_in_local(claimed)`: the operating-system login of this process (read from the kernel's
  user id, never from `USER`/`LOGNAME`), matched against the `login` of a user or staff member.
- `sign_in_key(fingerprint, address)`: the owner of an SSH public key the client proved (SPEC §10).
- `redeem_session(token)`: a session `mycompany serve` opened for a key, handed to the process it
  starts; the token is single-use and kept only as its SHA-256 in the database.

Naming someone else (`claimed`, from `--as` or `MYCOMPANY_USER`) is allowed only on a demo database
or to admin staff, whose trail lines then read "admin X as Y"; any other attempt is refused and
recorded. Every actor handed out is registered by identity: a copy, a `dataclasses.replace` or an
`Actor(...)` built by a caller is not, and `ensure_signed_in` refuses it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import unicodedata
import weakref
from dataclasses import replace
from typing import Any

from peewee import DatabaseError, Value, fn

from store import clock
from store.errors import Refused, StoreError
from store.forms.unsafe import pictured
from store.i18n import _
from store.people.session_end import SessionEnded, changed, ended, gone
from store.persistence.db import transaction
from store.persistence.models import AuditEvent, Company, Setting, Staff, User
from store.persistence.models_sign_in import SignInSession
from store.service_call import once
from store.views import Actor

COMPANY_ROLES = ("owner", "admin", "supervisor", "agent")
STAFF_ROLES = ("support", "billing", "admin")
DEMO_SETTING = "database.kind"

_signed_in: weakref.WeakValueDictionary[int, Actor] = weakref.WeakValueDictionary()


def _register(actor: Actor) -> Actor:
    _signed_in[id(actor)] = actor
    return actor


def is_signed_in(actor: object) -> bool:
    """Whether `actor` is an object this store signed in (by identity, not by equal fields)."""
    return _signed_in.get(id(actor)) is actor


def ensure_signed_in(actor: object) -> None:
    """Refuse (exit 3, recorded) an actor this store did not sign in: a forged or copied one;
    and one signed in over SSH who no longer holds what they signed in as (`still_in_force`:
    removed, their role or ownership changed, their session ended), at their next action, with
    SessionEnded (store.people.session_end: its listener is told)."""
    if is_signed_in(actor):
        assert isinstance(actor, Actor)
        if actor.session_id is not None:  # a long-lived session: checked at each call,
            # once a service call (store.service_call: not again for each trail line it writes)
            reason = once("still_in_force", actor, lambda: still_in_force(actor))
            if reason is not None:
                ended_here = SessionEnded(reason)
                _record_refusal(actor, ended_here, origin=actor.origin)
                ended(actor, ended_here)  # the console closes, whatever screen asked (tui.app)
                raise ended_here
        return
    claimed = getattr(actor, "email", None)
    refusal = Refused(_("This session was not signed in by mycompany; access is refused."),
                      field="actor", attempted=printable(str(claimed)) if claimed else None)
    _record_refusal(None, refusal, origin=None)
    raise refusal


def still_in_force(actor: Actor) -> str | None:
    """None while `actor` still is what they were signed in as; else why not, as a sentence:
    they are gone (a member of staff removed: by whom, session_end.gone) or inactive (by the
    feed), their role changed (an owner change, `staff set-role`, the feed: by whom and to what,
    session_end.changed), so that they sign in again to act as what they are now (SPEC §2), or
    else their SSH session was ended. For admin staff acting as another, the admin is checked
    too. One query, two with a session, one or two more for the author of what changed.
    """
    ended = actor.session_id is not None and SignInSession.select(
        SignInSession.ended_at).where(SignInSession.id == actor.session_id).scalar() is not None
    wanted = [(actor.kind, actor.email, actor.role, actor.company_id)]
    if actor.impersonator_email is not None:
        wanted.append(("staff", actor.impersonator_email, "admin", None))
    rows = {(r["kind"], r["email"].lower()): r for email in {w[1] for w in wanted}
            for r in _people(email)}
    # Why, before that the session ended: removing a person ends their sessions too, and they
    # are told who removed them, or changed their role and to what (README: "one line saying
    # why"; #18 trial: "This session has ended" alone; verify v2: a role change named nobody).
    for kind, email, role, company_id in wanted:
        row = rows.get((kind, email.lower()))
        yours = email == (actor.impersonator_email or actor.email)
        if row is None or not row["active"]:
            return gone(kind, printable(email), yours=yours, company_id=company_id,
                        inactive=row is not None)
        if (row["role"], row["company_id"]) != (role, company_id):
            company = None if company_id is None else (company_id, actor.company_name or "")
            return changed(kind, printable(email), (role, row["role"]), company, yours=yours)
    return _("This session has ended: sign in again.") if ended else None


def ensure_local_files(actor: Actor, action: str, company_id: int | None, hint: str) -> None:
    """Refuse (exit 3, recorded) reading or writing a file on this machine for a person signed in
    over SSH: the server's disk is not theirs (SPEC §10); `hint` says how to send the file
    through stdin/stdout instead."""
    if not actor.over_ssh:
        return
    from store.people.access import refuse

    refuse(actor, company_id, action,
           _("Over SSH the server's files are out of reach; {hint}").format(hint=hint))


def os_login() -> str:
    """The login of this process's user, from the kernel's user id (environment ignored)."""
    import pwd

    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # a user id without a passwd entry (some containers): nobody's login
        return f"uid {os.geteuid()}"


def local_origin() -> str:
    """Where a local session comes from, for the trail: "login NAME on HOST"."""
    return f"login {os_login()} on {socket.gethostname()}"[:300]


def is_demo_database() -> bool:
    """Whether the bound database was made by `mycompany demo` (marked in its `setting` table)."""
    row = Setting.get_or_none(Setting.name == DEMO_SETTING)
    return row is not None and row.value == "demo"


def mark_database(kind: str) -> None:
    """Mark the bound database as "demo" or "real" (call inside the creating transaction)."""
    # An upsert both databases take (PostgreSQL has no REPLACE; peewee refuses to build one).
    Setting.insert(name=DEMO_SETTING, value=kind).on_conflict(
        conflict_target=[Setting.name], update={Setting.value: kind}).execute()


def printable(text: str) -> str:
    """`text` for the trail and messages: each character store.forms.unsafe names shown as its
    one symbol (store.forms.unsafe.pictured: ␛, ␀, ⇄, �), the notation of every surface (#15
    trial t15), one character for one."""
    return pictured(text)


def sign_in_local(claimed: str | None = None) -> Actor:
    """The person this process runs as; or `claimed` (an e-mail or login) where SPEC §2 allows.

    Raises Refused (exit 3), recorded in the trail, when the login matches nobody, the person is
    inactive or has no known role, or `claimed` names someone else outside a demo database by a
    person who is not admin staff.
    """
    login, origin = os_login(), local_origin()
    claimed = (claimed or "").strip() or None
    try:
        if claimed is None:
            person = _lookup_or_refuse(login, by_login_only=True, origin=origin)
            return _register(replace(person, origin=origin))
        # One query for both: the person named, this login's person, and the database's kind.
        rows = _people(claimed, login) if _is_name(claimed) else []
        # With nobody found, one more query says what kind of database this is.
        if rows[0]["database_kind"] == "demo" if rows else is_demo_database():
            person = _person_or_refuse(_rows_for(rows, claimed), claimed, origin + " (demo)")
            return _register(replace(person, origin=origin + " (demo)"))
        person = _person_or_refuse([r for r in rows if r["login"] == login], login, origin,
                                   claimed=claimed)
        if _names(person, claimed):
            return _register(replace(person, origin=origin))
        return _act_as(person, claimed, origin)
    except DatabaseError as exc:
        refusal = Refused(
            _("Your role could not be checked ({error}); access is refused.").format(error=exc))
        _record_refusal(None, refusal, origin=origin, who=claimed or login)
        raise refusal from None


def _names(person: Actor, claimed: str) -> bool:
    return claimed.lower() == person.email.lower()


def _act_as(person: Actor, claimed: str, origin: str, *, over_ssh: bool = False) -> Actor:
    """Admin staff acting as `claimed` (recorded "X as Y"); anyone else is refused and recorded.
    Over SSH the key decides, demo database or not."""
    if not person.is_admin:
        message = (_("You are signed in as {who}; only admin staff may act as another person.")
                   if over_ssh else
                   _("You are signed in as {who}; only admin staff may act as another person "
                     "(--as, MYCOMPANY_USER), except on a demo database."))
        refusal = Refused(message.format(who=person.email), field="as",
                          attempted=printable(claimed))
        _record_refusal(person, refusal, origin=origin)
        raise refusal
    target = _lookup_or_refuse(claimed, origin=origin)
    return _register(replace(target, origin=origin, impersonator_email=person.email))


def _lookup_or_refuse(key: str, *, by_login_only: bool = False, origin: str | None) -> Actor:
    rows = _people(key, by_login_only=by_login_only) if _is_name(key) else []
    return _person_or_refuse(rows, key, origin)


def _is_name(key: str) -> bool:
    return bool(key) and not any(unicodedata.category(ch) == "Cc" for ch in key)  # NUL, ESC..


def _rows_for(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["email"].lower() == key.lower() or r["login"] == key]


def _person_or_refuse(rows: list[dict[str, Any]], key: str, origin: str | None, *,
                      claimed: str | None = None) -> Actor:
    """The person of the first row (staff win a tie); refused and recorded when there is none,
    they are inactive, or their role is one this program does not know (deny by default).
    `claimed`: the person they named (--as), kept in the refusal's line as the value tried."""
    try:
        if not rows or not rows[0]["active"]:
            raise Refused(_("{who} is not a known user of any company.").format(
                who=printable(key)), field="as" if claimed else None,
                attempted=printable(claimed) if claimed else None)
        row = rows[0]
        roles = STAFF_ROLES if row["kind"] == "staff" else COMPANY_ROLES
        if row["role"] not in roles:
            raise UnknownRole(row["email"], row["name"], row["role"], row["company_id"])
    except Refused as refusal:
        _record_refusal(None, refusal, origin=origin, who=key)
        raise
    return Actor(kind=row["kind"], email=row["email"], name=row["name"], role=row["role"],
                 company_id=row["company_id"], company_name=row["company_name"],
                 demo_database=row["database_kind"] == "demo",
                 company_closed=row["company_closed_at"] is not None)


def _people(
    key: str, login: str | None = None, *, by_login_only: bool = False
) -> list[dict[str, Any]]:
    """Staff and users whose e-mail or login is `key`, or whose login is `login`, in one query
    (one round trip at start), staff first; each row also carries the database's kind."""
    lowered = key.lower()
    staff_match = Staff.login == key
    user_match = User.login == key
    if not by_login_only:
        staff_match |= fn.LOWER(Staff.email) == lowered
        user_match |= User.email == lowered
    if login is not None:
        staff_match |= Staff.login == login
        user_match |= User.login == login
    kind = Setting.select(Setting.value).where(Setting.name == DEMO_SETTING)
    staff = Staff.select(
        Value("staff").alias("kind"), Staff.email, Staff.login, Staff.name, Staff.role,
        Value(None).alias("company_id"), Value(None).alias("company_name"),
        Value(True).alias("active"), kind.alias("database_kind"),
        Value(None).alias("company_closed_at"),
    ).where(staff_match)
    users = User.select(
        Value("user"), User.email, User.login, User.name, User.role, User.company, Company.name,
        User.active, kind, Company.closed_at,
    ).join(Company).where(user_match)
    return sorted((staff + users).dicts(), key=lambda row: row["kind"] != "staff")


class UnknownRole(Refused):
    """A known person whose role (empty, misspelt, retired) this program does not know."""

    def __init__(self, email: str, name: str, role: str | None, company_id: int | None):
        super().__init__(_("{who} has no role this program knows.").format(who=email),
                         field="role", attempted=role)
        self.email, self.name, self.role, self.company_id = email, name, role, company_id


def _record_refusal(person: Actor | None, refusal: Refused, *, origin: str | None,
                    who: str | None = None) -> None:
    """A refused sign-in in the trail (its own transaction); best effort when the database fails."""
    odd = refusal if isinstance(refusal, UnknownRole) else None  # a known person, an odd role
    email = (odd.email if odd else person.email if person else printable(who or "")) or None
    try:
        with transaction():
            AuditEvent.insert(
                company=odd.company_id if odd else (person.company_id if person else None),
                at=clock.now(),
                actor_email=email[:254] if email else None,
                actor_name=(odd.name if odd else person.name if person else None),
                actor_role=((odd.role or "")[:16] if odd
                            else person.role if person else None),
                action="sign_in",
                field=refusal.field,
                new_value=None if refusal.attempted is None else str(refusal.attempted),
                outcome="refused",
                reason=refusal.message,
                origin=origin[:300] if origin else None,
            ).execute()
    except (DatabaseError, StoreError):
        return
    refusal.recorded = True


# -- SSH sessions (SPEC §10) --------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(actor: Actor, *, server: str | None = None) -> str:
    """A single-use token that signs `actor` in again in another process (the session `serve`
    starts); returns the token (48 hex characters). See open_session_row."""
    return open_session_row(actor, server=server)[0]


def open_session_row(actor: Actor, *, server: str | None = None) -> tuple[str, int]:
    """Open a session for `actor`: (its single-use token, the id of its `sign_in_session` row).
    The row lives in the database, so any server fronting it can check, count and end it; the
    token is kept only as its SHA-256."""
    ensure_signed_in(actor)
    token = secrets.token_hex(24)
    with transaction():
        session_id = SignInSession.insert(
            token_hash=_token_hash(token), person_kind=actor.kind, person_email=actor.email,
            acting_as=None, origin=(actor.origin or "")[:300],
            address=_address_of(actor.origin), created_at=clock.now(), server=server,
        ).execute()
    return token, session_id


def _address_of(origin: str | None) -> str | None:
    if origin and " from " in origin:
        return origin.rsplit(" from ", 1)[1][:64]
    return None


def redeem_session(token: str, claimed: str | None = None) -> Actor:
    """The person of the session `token` opened; each token signs in once (Refused after that,
    for an unknown token, or when the person is gone or no longer active). `claimed` names
    another person as in `sign_in_local`: admin staff only (a demo database changes nothing
    here: over SSH the key decides)."""
    now = clock.now()
    with transaction():
        row = SignInSession.get_or_none(SignInSession.token_hash == _token_hash(token or ""))
        taken = row is not None and row.ended_at is None and (
            SignInSession.update(redeemed_at=now, last_seen_at=now)
            .where((SignInSession.id == row.id) & SignInSession.redeemed_at.is_null())
            .execute())
    if row is None or not taken:
        refusal = Refused(_("This SSH session is not valid (used or ended); sign in again."))
        _record_refusal(None, refusal, origin=row.origin if row else None)
        raise refusal
    person = _lookup_or_refuse(row.person_email, origin=row.origin)
    claimed = (claimed or "").strip() or None
    if claimed is not None and not _names(person, claimed):
        acting = _act_as(person, claimed, row.origin, over_ssh=True)
        return _register(replace(acting, session_id=row.id))
    return _register(replace(person, origin=row.origin, session_id=row.id))



def end_session(session_id: int) -> None:
    """Mark a session ended (its client went, it idled out, or its person was removed)."""
    with transaction():
        SignInSession.update(ended_at=clock.now()).where(
            (SignInSession.id == session_id) & SignInSession.ended_at.is_null()).execute()


def sign_in_key(fingerprint: str, address: str | None) -> Actor:
    """The owner of the SSH public key whose SHA-256 `fingerprint` the client proved (§10).

    Refused, and recorded with the client's address, for a key nobody owns or whose person is
    gone or inactive; the key's `last_used_at` is set on success.
    """
    from store.persistence.models_sign_in import PersonKey

    origin = f"key {fingerprint} from {address or '?'}"[:300]
    row = PersonKey.get_or_none(PersonKey.fingerprint == fingerprint)
    if row is None:
        refusal = Refused(_("This key belongs to nobody here."), field="key",
                          attempted=fingerprint)
        _record_refusal(None, refusal, origin=origin)
        raise refusal
    person = _lookup_or_refuse(row.person_email, origin=origin)
    with transaction():
        PersonKey.update(last_used_at=clock.now()).where(PersonKey.id == row.id).execute()
    return _register(replace(person, origin=origin))
