"""Who is acting and what they may do: R1, the staff roles, deny by default (SPEC §2)."""

from __future__ import annotations

import unicodedata
from typing import NoReturn

from peewee import DatabaseError, Value, fn

from . import clock
from .audit import record
from .db import transaction
from .errors import NotFound, Refused, StoreError
from .i18n import _
from .models import AuditEvent, Company, Staff, User
from .views import Actor

COMPANY_ROLES = ("owner", "admin", "supervisor", "agent")
STAFF_ROLES = ("support", "billing")


def role_label(role: str | None) -> str:
    """A company user's or staff member's role as a person reads it (unknown roles as stored)."""
    labels = {"owner": _("owner"), "admin": _("admin"), "supervisor": _("supervisor"),
              "agent": _("agent"), "support": _("support"), "billing": _("billing")}
    return labels.get(role or "", role or "")


def resolve_actor(identity: str | None) -> Actor:
    """The user or staff member whose e-mail or login is `identity`.

    Deny by default: nobody named, an unknown or inactive person, a role this program does not know
    and a lookup that fails are all refused, and every refusal goes into the audit trail.
    """
    key = (identity or "").strip()
    if not key:
        raise Refused(_("Nobody is named: give --as EMAIL or set MYCOMPANY_USER."))
    try:
        return _lookup_actor(key)
    except Refused as refusal:
        _record_sign_in_refusal(key, refusal)
        raise
    except DatabaseError as exc:
        refusal = Refused(
            _("Your role could not be checked ({error}); access is refused.").format(error=exc))
        _record_sign_in_refusal(key, refusal)
        raise refusal from None


def _lookup_actor(key: str) -> Actor:
    if any(unicodedata.category(ch) == "Cc" for ch in key):  # NUL, ESC...: nobody's e-mail
        raise Refused(_("{who} is not a known user of any company.").format(who=_printable(key)))
    lowered = key.lower()
    # Staff and users in one query (one round trip at start); a staff member wins a tie.
    staff = Staff.select(
        Value("staff").alias("kind"), Staff.email, Staff.name, Staff.role,
        Value(None).alias("company_id"), Value(None).alias("company_name"),
        Value(True).alias("active"),
    ).where((fn.LOWER(Staff.email) == lowered) | (Staff.login == key))
    users = User.select(
        Value("user"), User.email, User.name, User.role, User.company, Company.name, User.active,
    ).join(Company).where((User.email == lowered) | (User.login == key))
    rows = sorted((staff + users).dicts(), key=lambda row: row["kind"] != "staff")
    if not rows or not rows[0]["active"]:
        raise Refused(_("{who} is not a known user of any company.").format(who=key))
    row = rows[0]
    if row["kind"] == "staff":
        if row["role"] not in STAFF_ROLES:
            raise _UnknownRole(row["email"], row["name"], row["role"], None)
        return Actor(kind="staff", email=row["email"], name=row["name"], role=row["role"])
    if row["role"] not in COMPANY_ROLES:
        raise _UnknownRole(row["email"], row["name"], row["role"], row["company_id"])
    return Actor(kind="user", email=row["email"], name=row["name"], role=row["role"],
                 company_id=row["company_id"], company_name=row["company_name"])


class _UnknownRole(Refused):
    """A known person whose role (empty, misspelt, retired) this program does not know."""

    def __init__(self, email: str, name: str, role: str | None, company_id: int | None):
        super().__init__(_("{who} has no role this program knows.").format(who=email),
                         field="role", attempted=role)
        self.email, self.name, self.company_id = email, name, company_id


def _printable(text: str) -> str:
    """Control characters as visible escapes (\\x00), for the trail and messages."""
    return "".join(ch.encode("unicode_escape").decode() if unicodedata.category(ch) == "Cc"
                   else ch for ch in text)


def _record_sign_in_refusal(key: str, refusal: Refused) -> None:
    """Best effort: when the database itself failed, the refusal still stands unrecorded."""
    known = isinstance(refusal, _UnknownRole)
    try:
        with transaction():
            AuditEvent.insert(
                company=refusal.company_id if known else None,
                at=clock.now(),
                actor_email=(refusal.email if known else _printable(key))[:254],
                actor_name=refusal.name[:100] if known else None,
                actor_role=(refusal.attempted or "")[:16] if known else None,
                action="sign_in",
                field=refusal.field,
                new_value=None if refusal.attempted is None else str(refusal.attempted),
                outcome="refused",
                reason=refusal.message,
            ).execute()
    except (DatabaseError, StoreError):
        return
    refusal.recorded = True


def default_company(actor: Actor) -> int | None:
    """The company an actor opens without --company: their own, or none for staff."""
    return actor.company_id


def refuse(actor: Actor, company_id: int | None, action: str, message: str) -> NoReturn:
    """Record the refusal in the trail (its own transaction), then raise it."""
    with transaction():
        record(actor, company_id, action, outcome="refused", reason=message)
    refusal = Refused(message)
    refusal.recorded = True
    raise refusal


def require_company(company_id: int | None) -> Company:
    """The company row, or NotFound."""
    company = Company.get_or_none(Company.id == company_id) if company_id is not None else None
    if company is None:
        raise NotFound(_("There is no company {id}.").format(id=company_id))
    return company


def ensure_can_read(actor: Actor, company_id: int, action: str = "read") -> None:
    """R1: only the company's owner, or any staff member, opens My company."""
    if actor.is_staff and actor.role in STAFF_ROLES:
        require_company(company_id)
        return
    if actor.kind == "user" and actor.company_id == company_id:
        if actor.role == "owner":
            return
        refuse(actor, company_id, action,
                _("Only the company's owner can open My company; your role is {role}.").format(
                    role=role_label(actor.role)))
    refuse(actor, company_id, action, _("You may not see another company's information."))


def ensure_owner(actor: Actor, company_id: int, action: str) -> None:
    """The company's own owner, nobody else (General, recipients, card, change requests)."""
    if actor.kind == "user" and actor.company_id == company_id and actor.role == "owner":
        return
    if actor.is_staff:
        refuse(actor, company_id, action,
                _("Staff members read this but only the company's owner changes it."))
    ensure_can_read(actor, company_id, action)
    refuse(actor, company_id, action, _("Only the company's owner can change this."))


def ensure_billing_team(actor: Actor, company_id: int | None, action: str) -> None:
    """Only the vendor's billing team (locked fields, other payment methods, requests)."""
    if actor.is_staff and actor.role == "billing":
        return
    refuse(actor, company_id, action, _("Only the billing team can do this."))


def can_edit_owner_fields(actor: Actor, company_id: int) -> bool:
    """Whether the owner-only edits are open to `actor` (the screens disable them otherwise)."""
    return actor.kind == "user" and actor.company_id == company_id and actor.role == "owner"
