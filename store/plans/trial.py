"""A company's trial end, set or brought forward by the billing team (SPEC §11, #18).

The trial's last day moves the lock of region, country and VAT number with it (R16,
store.profile.lock.in_trial: open until that day ends in the company's zone) and the first billed
month (store.invoicing.billing_run.contract_start: the month after it).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from peewee import fn

from store import clock
from store.errors import InvalidInput, NotFound, Refused
from store.i18n import _
from store.i18n.dates import day_text
from store.people.access import ensure_billing_team, require_company
from store.persistence.db import retried, transaction
from store.persistence.models import Invoice, Subscription
from store.places.zones import company_today
from store.plans.plan_changes import reason_given, stored_day
from store.plans.plan_views import LicenceSummary
from store.plans.terms import add_months, first_renewal
from store.profile.lock import in_trial
from store.trail.audit import record, refusals_recorded
from store.views import Actor

if TYPE_CHECKING:
    from store.forms.fields import Values


def subscription_status(status: str | None, trial_ends_on: date | None, zone: str,
                        closed_at: datetime | None = None) -> str | None:
    """A company's status as every surface names it (`companies list|show`, the Plan header
    and `show plan`, the support search, `export companies`), derived here and nowhere else:
    "closed" once the company is closed (`closed_at`; its subscription is then "cancelled",
    as the billing run reads it); "trial" until the trial's last day `trial_ends_on` has ended
    in the company's IANA `zone` (SPEC §2: the company's day, store.places.zones), or while a
    trial has no end known; "subscribed" after it, whatever the stored `status` still says
    (#17 trial: the stored "trial" outlived the trial: nothing writes it when the day passes);
    the stored status otherwise ("subscribed", "cancelled"); None with no subscription. The
    company's day is read only for a trial with an end (store.clock.today)."""
    if closed_at is not None:
        return "closed"
    if status == "trial" and trial_ends_on is not None and trial_has_ended(trial_ends_on, zone):
        return "subscribed"
    return status


def trial_has_ended(trial_ends_on: date, zone: str) -> bool:
    """Whether a trial whose last day is `trial_ends_on` has ended: that day is over in the
    company's IANA `zone` (SPEC §2: a rule date is the company's day). The one test of it
    (subscription_status, `companies show`'s "Trial ended")."""
    return clock.today(zone) > trial_ends_on


def trial_last_day(start: date, days: int) -> date:
    """The last day of a trial of `days` days (1 or more) whose first day is `start` (the
    company's creation day, in its zone: `first_day`): `start` + `days` - 1, both days counted,
    so a 1-day trial is its first day alone (#18 trial: `companies create --trial-days 1` on
    Dec 1 ended on Dec 2 and billed from Dec 3). `companies create --trial-days` and the demo
    count so."""
    return start + timedelta(days=days - 1)


def last_free_day(sub: Subscription) -> date | None:
    """The last day not paid for: the trial's last day; for a company created without a trial
    (no trial date: store.profile.companies), the day before it started, in its zone. None while a
    trial has no end known. One query for a company without a trial."""
    if sub.trial_ends_on is not None:
        return sub.trial_ends_on
    if sub.status == "trial":
        return None
    started = first_day(sub.company_id)  # type: ignore[attr-defined]
    return None if started is None else started - timedelta(days=1)


def first_day(company_id: int) -> date | None:
    """The company's first day: the day it was created (its trial's first day), on its own
    calendar (SPEC §2: its zone, else its country's); None for no such company. One query."""
    from zoneinfo import ZoneInfo

    from store.persistence.models import Company
    from store.places.zones import company_zone

    company = Company.get_or_none(Company.id == company_id)
    if company is None:
        return None
    created: datetime = company.created_at
    return created.replace(tzinfo=UTC).astimezone(
        ZoneInfo(company_zone(company.time_zone, company.country))).date()


def first_billed_month(sub: Subscription) -> date | None:
    """The first month billed (its first day): the month after the last free day
    (last_free_day; for a company without a trial, the month it starts in when that is the
    1st, else the next); its first days, when the last free day is not a month's last, are
    billed by days on that month's invoice (store.plans.proration). None while a trial has no end
    known."""
    free = last_free_day(sub)
    return None if free is None else add_months(free.replace(day=1), 1)


@retried
def set_trial(actor: Actor, company_id: int, values: Values) -> LicenceSummary:
    """Set the trial's last day to "ends" (YYYY-MM-DD, today or later) or, with "now", end it
    now: its last day is yesterday (the company's day, its zone), so today is paid for and the
    lock closes at once, but never before the company's first day (`first_day`): a trial has
    at least that day, as `--trial-days 1` gives (#18 trial: `--now` on a company created that
    day answered "trial ended on Nov 30", the day before it existed). For "reason" ("ticket").

    The subscription is "trial" until then, "subscribed" after; the first billed month is the
    month after its last day, so a trial may not cover a month already invoiced. Billing and
    admin staff only (Refused, exit 3, recorded); InvalidInput for a bad date; Refused for a
    cancelled subscription."""
    tried = {"trial_ends_on": "now" if values.get("now") else values.get("ends")}
    with refusals_recorded(actor, company_id, "plan.trial", tried=tried,
                           given=values):
        ensure_billing_team(actor, company_id, "plan.trial")
        require_company(company_id)
        reason, ticket = reason_given(values)
        today = company_today(company_id)
        if values.get("now"):
            ends = max(today - timedelta(days=1), first_day(company_id) or today)
        else:
            try:
                ends = date.fromisoformat(str(values.get("ends") or "").strip())
            except ValueError:
                raise InvalidInput({"ends": _("Give the date as YYYY-MM-DD, for example "
                                              "2026-12-31.")})
            if ends < today:
                raise InvalidInput({"ends": _("Give today or a later day; to end the trial "
                                              "now, use --now.")})
        with transaction():
            sub = Subscription.get_or_none(Subscription.company == company_id)
            if sub is None:
                raise NotFound(_("Company {id} has no subscription.").format(id=company_id))
            if sub.status == "cancelled":
                raise Refused(_("Company {id}'s subscription is cancelled.").format(
                    id=company_id))
            if values.get("now") and not in_trial(sub, today):
                raise InvalidInput({"now": _(
                    "The company has no trial: it was subscribed from its start.")
                    if sub.trial_ends_on is None else _(
                        "The trial is over already: its last day was {day}.").format(
                        day=day_text(sub.trial_ends_on))})  # as every surface writes it
            billed_from = add_months(ends.replace(day=1), 1)
            invoiced = stored_day(Invoice.select(fn.MIN(Invoice.period_start)).where(
                (Invoice.company == company_id) & (Invoice.kind == "invoice")).scalar())
            if invoiced is not None and billed_from > invoiced:
                raise InvalidInput({"ends": _too_late(company_id, sub, invoiced, today)})
            status = "trial" if ends >= today else "subscribed"
            update: dict[str, Any] = {"trial_ends_on": ends, "status": status}
            if invoiced is None:
                update["next_invoice_on"] = billed_from
                update["renews_on"] = first_renewal(sub.term, ends + timedelta(days=1))
            Subscription.update(**update).where(Subscription.company == company_id).execute()
            record(actor, company_id, "plan.trial", field="trial_ends_on",
                   old=sub.trial_ends_on.isoformat() if sub.trial_ends_on else None,
                   new=ends.isoformat(), reason=reason, ticket=ticket)
    from store.plans.plan import summary_for

    return summary_for(company_id)


def _too_late(company_id: int, sub: Subscription, invoiced: date, today: date) -> str:
    """Why a trial may not end as asked, its first billed month `invoiced` already (the latest
    last day is the day before it): that day, when a trial can still end on it (today or later);
    else that there is no trial left to move (#18 trial t18: a company created that day without
    a trial, its December invoiced, was told its trial "can end on Nov 30, 2026 at the latest",
    the day before it existed, and that day was then refused)."""
    month, last = f"{invoiced:%Y-%m}", invoiced - timedelta(days=1)
    if last >= today:
        return _("{month} is invoiced already: the trial can end on {last} at the latest.").format(
            month=month, last=day_text(last))
    if sub.trial_ends_on is None:
        return _("Company {id} has no trial to change: it was subscribed from its start, and "
                 "{month} is invoiced already.").format(id=company_id, month=month)
    return _("The trial is over already: its last day was {day}, and {month} is invoiced "
             "already.").format(day=day_text(sub.trial_ends_on), month=month)
