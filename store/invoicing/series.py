"""A company's series of invoices or of credit notes: the next number and the issue date it takes.

Numbers and dates never disagree (#17 trial: Blue Harbor's INV-000003-0007 was dated Dec 1, 2026,
and INV-000003-0008, issued after it, Nov 30): a document is dated the company's day at the
moment it is issued (store.places.zones.company_today, SPEC §2), and never before the latest date
of its series, which an earlier document may hold when the company's zone moved west since
(store.places.zones.follow_address), or an old database wrote it ahead. The month an invoice is
issued for is bounded by that same day: it has begun there, the invoice being issued on or after
the month's first day on the company's calendar (`not_begun`; #17 trial: on Dec 1 in UTC,
`--period 2027-01` issued January's invoices, and Blue Harbor, still in Nov 30, got December's
dated Nov 30 with a Nov 30 charged).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import cast

from peewee import JOIN, fn

from store import clock
from store.persistence.models import BillingAddress, Company, Invoice
from store.places.zones import company_zone


def next_number(company_id: int, kind: str) -> str:
    """The next number of the company's series of `kind` (invoice, credit_note), inside the
    issuing transaction: INV-000002-0015, CN-000002-0001. Counting the series' rows gives no
    gap: nothing issued is ever deleted, and a rolled-back transaction used no number."""
    prefix = "INV" if kind == "invoice" else "CN"
    count = Invoice.select().where((Invoice.company == company_id)
                                   & (Invoice.kind == kind)).count()
    return f"{prefix}-{company_id:06d}-{count + 1:04d}"


def series_day(company_id: int, kind: str, day: date) -> date:
    """The issue date of the next document of the company's series of `kind` (invoice,
    credit_note): `day` (the company's day now), or the series' latest issue date when that is
    later, so that a later number never has an earlier date. Read inside the issuing
    transaction, with next_number."""
    latest = Invoice.select(fn.MAX(Invoice.issued_on)).where(
        (Invoice.company == company_id) & (Invoice.kind == kind)).scalar()
    if isinstance(latest, str):  # SQLite hands an aggregate's date back as its text
        latest = date.fromisoformat(latest)
    return max(day, latest) if latest is not None else day


def not_begun(start: date, day: date) -> bool:
    """Whether the month starting `start` (a 1st) has not begun on `day` (a company's day, the
    one the run issues on): a company's invoice for a month is issued on or after that month's
    first day on its own calendar (SPEC §2, §11: rule dates in the company's zone), never ahead
    (#17 trial)."""
    return start > day


def latest_today() -> date:
    """The latest of the companies' days now (each in its own zone, store.places.zones), UTC's
    when there is no company: the day a run over every company bounds its period by (a month
    begun nowhere yet is refused: store.invoicing.billing_run.issue_period)."""
    rows = cast("Iterable[tuple[str | None, str | None]]", Company.select(
        Company.time_zone, BillingAddress.country).join(
        BillingAddress, JOIN.LEFT_OUTER, on=(BillingAddress.company == Company.id))
        .distinct().tuples())
    return max((clock.today(company_zone(zone, country)) for zone, country in rows),
               default=clock.today())
