"""Whether a company's data changed since a screen read it: one light look at its History."""

from __future__ import annotations

from datetime import datetime

from store import clock
from store.people.access import ensure_can_read
from store.persistence.models import AuditEvent
from store.places.zones import zone_of
from store.views import Actor


def changed_since(actor: Actor, company_id: int, since: datetime) -> bool:
    """Whether what was read of company `company_id` at `since` (store.clock.now() taken before
    the read: naive UTC, to the second) may be out of date: a line of its History at or after
    `since`, or another day where the company is. Every change is written with its History line
    in the same transaction (SPEC §7): the billing run's invoice, a payment or a decline, a
    credit note, the card, a recipient, the address, a request; and an open invoice becomes past
    due with the company's day (store.invoicing.invoices). A change of the same second as the
    read counts (one read too many, never one too few). For a screen that reads again only when
    something changed (#17 trial: the Billing list still said "Past due" after `invoices pay` in
    another shell). Refused as reading the company is; two indexed queries (History by
    (company, at), the company's zone)."""
    ensure_can_read(actor, company_id, "invoices.read")
    zone = zone_of(company_id)
    if clock.today(zone) != clock.day_of(since, zone):
        return True
    return AuditEvent.select(AuditEvent.id).where(
        (AuditEvent.company == company_id) & (AuditEvent.at >= since)).exists()
