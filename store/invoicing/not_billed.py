"""Why the billing run does not bill a company for a month (SPEC §11), in the reader's language:
the one reading of a subscription for it, the run's report (`invoices issue`) and the months a
company was never invoiced for (store.invoicing.billing_run_after.missing_before) alike."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from store.i18n import _
from store.persistence.models import Company, Subscription
from store.places.zones import company_zone
from store.plans.terms import months_invoiced


def not_billed_reason(sub: Subscription, start: date) -> str | None:
    """Why the subscription `sub` is not billed for the month starting `start` (a 1st), or None
    if it is: "closed" (closing a company cancels it; #18 trial: the run said "cancelled");
    before its first billed month (store.plans.trial.first_billed_month), "not yet a customer
    that month" when the month ended before the company was created (#17 trial: `--period
    2025-06` said "in its trial that month" of companies created in 2026),
    "in its trial that month" while a trial covers it, else "before its first billed month"; a
    month inside a contract year paid upfront, "paid upfront for the year". One query, of the
    company's creation day, for a month before the first billed one."""
    from store.plans.trial import first_billed_month

    if sub.status == "cancelled":
        return _("closed")
    first = first_billed_month(sub)
    if first is None or start < first:
        last_day = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        since = customer_since(sub.company_id)  # type: ignore[attr-defined]
        if since is not None and last_day < since:
            return _("not yet a customer that month")
        return _("before its first billed month") if sub.trial_ends_on is None \
            and sub.status != "trial" else _("in its trial that month")  # none had: #18
    if months_invoiced(sub.term) == 12:
        months = (start.year - first.year) * 12 + start.month - first.month
        if months % 12:
            return _("paid upfront for the year")
    return None


def customer_since(company_id: int) -> date | None:
    """The day company `company_id` was created (its first day as a customer, a trial's first
    day) on its own calendar (SPEC §2: its zone, else its country's); None for no such
    company. One query."""
    row = (Company.select(Company.created_at, Company.time_zone, Company.country)
           .where(Company.id == company_id).first())
    if row is None:
        return None
    zone = ZoneInfo(company_zone(row.time_zone, row.country))
    created: datetime = row.created_at
    return created.replace(tzinfo=UTC).astimezone(zone).date()
