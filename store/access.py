"""Who is acting and what they may do: R1, the staff roles, deny by default (SPEC §2)."""

from __future__ import annotations

from peewee import fn

from .audit import record
from .db import transaction
from .errors import NotFound, Refused
from .i18n import _
from .models import Company, Staff, User
from .views import Actor

COMPANY_ROLES = ("owner", "admin", "supervisor", "agent")
STAFF_ROLES = ("support", "billing")


def resolve_actor(identity: str | None) -> Actor:
    """The user or staff member whose e-mail or login is `identity`; unknown people are refused."""
    key = (identity or "").strip()
    if not key:
        raise Refused(_("Nobody is named: give --as EMAIL or set MYCOMPANY_USER."))
    lowered = key.lower()
    staff = (
        Staff.select()
        .where((fn.LOWER(Staff.email) == lowered) | (Staff.login == key))
        .first()
    )
    if staff is not None:
        if staff.role not in STAFF_ROLES:
            raise Refused(_("{who} has no role this program knows.").format(who=key))
        return Actor(kind="staff", email=staff.email, name=staff.name, role=staff.role)
    user = User.select().where((User.email == lowered) | (User.login == key)).first()
    if user is None or not user.active:
        raise Refused(_("{who} is not a known user of any company.").format(who=key))
    if user.role not in COMPANY_ROLES:
        raise Refused(_("{who} has no role this program knows.").format(who=key))
    return Actor(
        kind="user", email=user.email, name=user.name, role=user.role, company_id=user.company_id
    )


def default_company(actor: Actor) -> int | None:
    """The company an actor opens without --company: their own, or none for staff."""
    return actor.company_id


def _refuse(actor: Actor, company_id: int | None, action: str, message: str) -> None:
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
        _refuse(actor, company_id, action,
                _("Only the company's owner can open My company; your role is {role}.").format(
                    role=actor.role))
    _refuse(actor, company_id, action, _("You may not see another company's information."))


def ensure_owner(actor: Actor, company_id: int, action: str) -> None:
    """The company's own owner, nobody else (General, recipients, card, change requests)."""
    if actor.kind == "user" and actor.company_id == company_id and actor.role == "owner":
        return
    if actor.is_staff:
        _refuse(actor, company_id, action,
                _("Staff members read this but only the company's owner changes it."))
    ensure_can_read(actor, company_id, action)
    _refuse(actor, company_id, action, _("Only the company's owner can change this."))


def ensure_billing_team(actor: Actor, company_id: int | None, action: str) -> None:
    """Only the vendor's billing team (locked fields, other payment methods, requests)."""
    if actor.is_staff and actor.role == "billing":
        return
    _refuse(actor, company_id, action, _("Only the billing team can do this."))


def can_edit_owner_fields(actor: Actor, company_id: int) -> bool:
    """Whether the owner-only edits are open to `actor` (the screens disable them otherwise)."""
    return actor.kind == "user" and actor.company_id == company_id and actor.role == "owner"
