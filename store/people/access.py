"""Who is acting and what they may do: R1, the staff roles, deny by default (SPEC §2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NoReturn

from store.errors import NotFound, Refused
from store.i18n import _
from store.people.identity import COMPANY_ROLES, STAFF_ROLES, ensure_signed_in, sign_in_local
from store.persistence.db import transaction
from store.persistence.models import Company
from store.trail.audit import record, recording_refusals, refusals_recorded
from store.views import Actor

__all__ = ["ADDRESS_SAVE", "COMPANY_ROLES", "STAFF_ACTIONS", "STAFF_ROLES", "can_edit_owner_fields",
           "closed_text", "default_company", "ensure_admin", "ensure_billing_team",
           "ensure_can_read", "ensure_may", "ensure_open", "ensure_owner", "ensure_staff_may",
           "owner_fields_lock", "refuse", "require_company", "resolve_actor", "role_label",
           "staff_may"]

# What is still done on a closed company (read-only, its data kept: SPEC §11): reading, signing
# in, keys, backups, and closing it. Every other line "done" on it is refused
# (store.trail.audit.record asks `closed_refusal`): deny by default, whatever service writes.
DONE_ON_CLOSED = frozenset({"sign_in", "invoice.download", "key.add", "key.remove",
                            "database.backup", "ssh.command", "company.close"})


def role_label(role: str | None) -> str:
    """A company user's or staff member's role as a person reads it (unknown roles as stored);
    "database" is a trail line's database login (store.trail.audit.record)."""
    labels = {"owner": _("owner"), "admin": _("admin"), "supervisor": _("supervisor"),
              "agent": _("agent"), "support": _("support"), "billing": _("billing"),
              "database": _("database login")}
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
    refusal = Refused(closed_text(company_id))
    refusal.action = action
    return refusal


def closed_text(company_id: int) -> str:
    """What a closed company's refusals and read-only screens say (SPEC §11: closed is
    read-only, its data kept)."""
    return _("Company {id} is closed: its data is kept and can be read, but nothing in it "
             "changes.").format(id=company_id)


def ensure_open(actor: Actor, company_id: int, action: str) -> None:
    """Refuse (exit 3, recorded) a write to a closed company (SPEC §11: closed is read-only)."""
    refusal = closed_refusal(company_id, action)
    if refusal is not None:
        refuse(actor, company_id, action, refusal.message)


# Who among the vendor's staff does what (SPEC §2's table): the one place a staff action's role is
# decided, by the trail's name of the action. "billing": the billing team (billing and admin
# staff); "admin": admin staff alone. An action missing here is refused to everyone (deny by
# default). The price catalogue is admin staff's (SPEC §2; #18 trial: billing staff set prices).
# README "The command line" says the same, command by command; tests/store/test_staff_actions.py
# checks every role against it.
STAFF_ACTIONS: dict[str, str] = {
    # admin staff: staff accounts and roles, companies and owners, the price catalogue
    "staff.list": "admin", "staff.add": "admin", "staff.role": "admin", "staff.remove": "admin",
    "company.create": "admin", "company.owner": "admin", "company.close": "admin",
    "price.set": "admin",
    # the billing team: plans and trials, billing runs, credit notes, e-mails, the feed, other
    # payment methods, recipients for a customer, change requests
    "plan.change": "billing", "plan.change.cancel": "billing", "plan.trial": "billing",
    "invoice.issue": "billing", "invoice.credit": "billing", "invoice.send": "billing",
    "invoice.resend": "billing", "feed.sync": "billing", "payment_method.set": "billing",
    "recipient.add": "billing", "recipient.remove": "billing",
    "request.approve": "billing", "request.reject": "billing",
}
_RANK = {"support": 1, "billing": 2, "admin": 3}


def staff_may(actor: Actor, action: str) -> bool:
    """Whether `actor` is staff whose role STAFF_ACTIONS lets do `action` (a trail action name,
    "price.set"); False for anyone else and for an action the table lacks."""
    needed = STAFF_ACTIONS.get(action)
    return (actor.is_staff and needed is not None
            and _RANK.get(actor.role or "", 0) >= _RANK[needed])


def ensure_staff_may(actor: Actor, company_id: int | None, action: str) -> None:
    """Let `actor` do the staff action `action` as STAFF_ACTIONS says (SPEC §2), on company
    `company_id` (None: the vendor's own, across companies), which must not be closed unless the
    action is done on closed companies; else Refused (exit 3), recorded: "Only admin staff can
    do this." or "Only the billing team can do this."."""
    ensure_signed_in(actor)
    if staff_may(actor, action):
        if company_id is not None:
            ensure_open(actor, company_id, action)
        return
    refuse(actor, company_id, action, _("Only the billing team can do this.")
           if STAFF_ACTIONS.get(action) == "billing" else _("Only admin staff can do this."))


def ensure_admin(actor: Actor, company_id: int | None, action: str) -> None:
    """An admin staff action (staff accounts, companies and owners, the price catalogue: SPEC §2);
    who may do `action` is STAFF_ACTIONS's to say (ensure_staff_may), refused and recorded."""
    ensure_staff_may(actor, company_id, action)


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


def ensure_owner(actor: Actor, company_id: int | None, action: str) -> None:
    """The company's own owner, nobody else (General, recipients, card, change requests)."""
    ensure_signed_in(actor)
    if company_id is not None and actor.kind == "user" and actor.company_id == company_id \
            and actor.role == "owner":
        ensure_open(actor, company_id, action)
        return
    if actor.is_staff:
        refuse(actor, company_id, action,
                _("Staff members read this but only the company's owner changes it."))
    if company_id is not None:
        ensure_can_read(actor, company_id, action)
    refuse(actor, company_id, action, _("Only the company's owner can change this."))


def ensure_billing_team(actor: Actor, company_id: int | None, action: str) -> None:
    """A billing team action (plans, billing runs, locked fields, other payment methods,
    requests: SPEC §2); who may do `action` is STAFF_ACTIONS's to say (ensure_staff_may)."""
    ensure_staff_may(actor, company_id, action)


# The company's owner alone (SPEC §2: R1, R13-R14, the owner pays and sends change requests);
# FOR_CUSTOMER: the owner, or the billing team acting for the customer (with a reason). Any other
# action is STAFF_ACTIONS's (deny by default).
OWNER_ACTIONS = frozenset({"general.save", "logo.set", "logo.delete", "card.set", "invoice.pay",
                           "request.create", "request.withdraw"})
FOR_CUSTOMER = frozenset({"recipient.add", "recipient.remove"})
# The billing address: its owner, or the billing team (the locked fields, SPEC §2); support
# staff read it.
ADDRESS_SAVE = "address.save"


def ensure_may(actor: Actor, company_id: int | None, action: str,
               tried: Mapping[str, object] | None = None,
               given: Mapping[str, object] | None = None) -> None:
    """Whether `actor` may do `action` (a trail action name) on company `company_id` (None: across
    companies) at all, by their role: the check that comes first, before the values or the
    company's state are looked at, so that a person who may not act is told so (exit 3,
    recorded) whatever else is wrong (#18 trial: support's `invoices pay` on a company with no
    card read "There is no card on file", unrecorded; with a card, exit 3). The owner's actions
    are OWNER_ACTIONS; FOR_CUSTOMER's are the owner's or the billing team's; any other is
    STAFF_ACTIONS's; the billing address (ADDRESS_SAVE) its owner's or the billing team's. A
    command that reads something before its service runs (card set's questions, a feed, an
    image, the profile or address a `set` starts from, the invoice a number names) asks this
    first. `tried`: what the person sent (by trail field name), `given`: the reason they gave
    ("reason", "ticket"), both kept on the refusal's line (store.trail.audit.refusals_recorded).
    """
    if (tried is not None or given is not None) and not recording_refusals():
        # (else the service's own line keeps them)
        with refusals_recorded(actor, company_id, action, tried=tried, given=given):
            ensure_may(actor, company_id, action)
        return
    if action == ADDRESS_SAVE and actor.is_staff:
        ensure_signed_in(actor)
        if actor.is_billing_team and actor.role in STAFF_ROLES:
            return  # a closed company refuses at its trail line (record asks closed_refusal)
        refuse(actor, company_id, action,
               _("Support staff read the billing address but do not change it."))
    if action in OWNER_ACTIONS or (action in FOR_CUSTOMER | {ADDRESS_SAVE}
                                   and not actor.is_staff):
        ensure_owner(actor, company_id, action)
    else:
        ensure_staff_may(actor, company_id, action)


def owner_fields_lock(actor: Actor, company_id: int, closed: bool) -> str | None:
    """Why the profile of company `company_id` (General: its name, website and logo, the owner's
    to change) is read-only to `actor`, `closed` saying whether the company is closed now; None
    when they may change it (can_edit_owner_fields). The company closed first, for everyone,
    owner and staff alike (SPEC §11; verification v2: staff read "only the company's owner
    changes the profile" on a closed company), else that only its owner changes it."""
    if closed or (actor.company_id == company_id and actor.company_closed):
        return closed_text(company_id)
    if can_edit_owner_fields(actor, company_id):
        return None
    return _("Read-only: only the company's owner changes the profile.")


def can_edit_owner_fields(actor: Actor, company_id: int) -> bool:
    """Whether the owner-only edits are open to `actor` (the screens disable them otherwise):
    their own company's, unless it was closed when they signed in (Actor.company_closed)."""
    return actor.kind == "user" and actor.company_id == company_id and actor.role == "owner" \
        and not actor.company_closed
