"""Who is acting and what they may do: R1, the staff roles, deny by default (SPEC §2)."""

from __future__ import annotations

from typing import NoReturn

from store.errors import NotFound, Refused
from store.i18n import _
from store.people.identity import COMPANY_ROLES, STAFF_ROLES, ensure_signed_in, sign_in_local
from store.persistence.db import transaction
from store.persistence.models import Company
from store.trail.audit import record, recording_refusals
from store.views import Actor

__all__ = ["COMPANY_ROLES", "STAFF_ROLES", "can_edit_owner_fields", "default_company",
           "ensure_admin", "ensure_billing_team", "ensure_can_read", "ensure_open", "ensure_owner",
           "refuse", "require_company", "resolve_actor", "role_label"]

# What is still done on a closed company (read-only, its data kept: SPEC §11): reading, signing
# in, keys, backups, and closing it. Every other line "done" on it is refused
# (store.trail.audit.record asks `closed_refusal`): deny by default, whatever service writes.
DONE_ON_CLOSED = frozenset({"sign_in", "invoice.download", "key.add", "key.remove",
                            "database.backup", "ssh.command", "company.close"})


def role_label(role: str | None) -> str:
    """A company user's or staff member's role as a person reads it (unknown roles as stored)."""
    labels = {"owner": _("owner"), "admin": _("admin"), "supervisor": _("supervisor"),
              "agent": _("agent"), "support": _("support"), "billing": _("billing")}
    return labels.get(role or "", role or "")


def resolve_actor(identity: str | None) -> Actor:
    """The person this process signs in as, naming `identity` (an e-mail or login) where SPEC §2
    allows it: on a demo database, or for admin staff. See store.people.identity.sign_in_local."""
    return sign_in_local(identity)


def default_company(actor: Actor) -> int | None:
    """The company an actor opens without --company: their own, or none for staff."""
    return actor.company_id


def refuse(actor: Actor, company_id: int | None, action: str, message: str) -> NoReturn:
    """Raise the refusal, recorded in the trail (its own transaction): by the service's
    `refusals_recorded` around it, which adds what was tried, or here when there is none."""
    ensure_signed_in(actor)
    refusal = Refused(message)
    refusal.action = action  # the trail line's action, when the service records it
    if not recording_refusals():
        with transaction():
            record(actor, company_id, action, outcome="refused", reason=message)
        refusal.recorded = True
    raise refusal


def require_company(company_id: int | None) -> Company:
    """The company row, or NotFound."""
    company = Company.get_or_none(Company.id == company_id) if company_id is not None else None
    if company is None:
        raise NotFound(_("There is no company {id}.").format(id=company_id))
    return company


def closed_refusal(company_id: int, action: str) -> Refused | None:
    """The refusal of `action` done on company `company_id` when it is closed and the action
    writes (not in DONE_ON_CLOSED), else None; one query."""
    if action in DONE_ON_CLOSED:
        return None
    closed = (Company.select(Company.closed_at).where(Company.id == company_id)
              .scalar())
    if closed is None:
        return None
    refusal = Refused(_("Company {id} is closed: its data is kept and can be read, but nothing "
                        "in it changes.").format(id=company_id))
    refusal.action = action
    return refusal


def ensure_open(actor: Actor, company_id: int, action: str) -> None:
    """Refuse (exit 3, recorded) a write to a closed company (SPEC §11: closed is read-only)."""
    refusal = closed_refusal(company_id, action)
    if refusal is not None:
        refuse(actor, company_id, action, refusal.message)


def ensure_admin(actor: Actor, company_id: int | None, action: str) -> None:
    """Only admin staff (staff accounts, companies and owners: SPEC §2); refused and recorded."""
    ensure_signed_in(actor)
    if actor.is_admin:
        return
    refuse(actor, company_id, action, _("Only admin staff can do this."))


def ensure_can_read(actor: Actor, company_id: int, action: str = "read") -> None:
    """R1: only the company's owner, or any staff member, opens My company."""
    ensure_signed_in(actor)
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
    ensure_signed_in(actor)
    if actor.kind == "user" and actor.company_id == company_id and actor.role == "owner":
        ensure_open(actor, company_id, action)
        return
    if actor.is_staff:
        refuse(actor, company_id, action,
                _("Staff members read this but only the company's owner changes it."))
    ensure_can_read(actor, company_id, action)
    refuse(actor, company_id, action, _("Only the company's owner can change this."))


def ensure_billing_team(actor: Actor, company_id: int | None, action: str) -> None:
    """Only the vendor's billing team, admin staff included (locked fields, other payment
    methods, requests)."""
    ensure_signed_in(actor)
    if actor.is_billing_team:
        if company_id is not None:
            ensure_open(actor, company_id, action)
        return
    refuse(actor, company_id, action, _("Only the billing team can do this."))


def can_edit_owner_fields(actor: Actor, company_id: int) -> bool:
    """Whether the owner-only edits are open to `actor` (the screens disable them otherwise):
    their own company's, unless it was closed when they signed in (Actor.company_closed)."""
    return actor.kind == "user" and actor.company_id == company_id and actor.role == "owner" \
        and not actor.company_closed
