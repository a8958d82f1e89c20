"""The Plan tab's services: the licence summary in a fixed number of queries, and the team limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from peewee import fn

from store import clock
from store.errors import InvalidInput, NotFound, Refused
from store.i18n import _
from store.money import from_minor
from store.people.access import ensure_can_read, require_company
from store.persistence.db import retried, transaction
from store.persistence.models import (
    Company,
    Plan,
    Price,
    Product,
    Subscription,
    Team,
)
from store.plans.plan_changes import stored_day
from store.plans.plan_views import LicenceRow, LicenceSummary, ProductLine, TeamRow
from store.plans.team_limit import TeamLimit, strictest, team_limit
from store.plans.terms import add_months, months_invoiced, period_word, price_list
from store.plans.trial import subscription_status
from store.trail.audit import record, refusals_recorded
from store.views import Actor

if TYPE_CHECKING:
    from store.plans.plan_query import PlanFacts


def _subscription(company_id: int) -> Subscription:
    row: Subscription | None = (
        Subscription.select(Subscription, Plan, Company)
        .join(Plan)
        .switch(Subscription)
        .join(Company)
        .where(Subscription.company == company_id)
        .first()
    )
    if row is None:
        raise NotFound(_("Company {id} has no subscription.").format(id=company_id))
    return row


def _licence_row(active: int, included: int, unit: int, extra_unit: int, currency: str,
                 months: int) -> LicenceRow:
    extras = max(0, active - included)
    price = from_minor(included * unit * months, currency)
    extras_cost = from_minor(extras * extra_unit * months, currency)
    return LicenceRow(
        active=active,
        included=included,
        price=price,
        extras=extras,
        extras_cost=extras_cost,
        total=price + extras_cost,
        unit_price=from_minor(unit * months, currency),
        extra_unit_price=from_minor(extra_unit * months, currency),
    )


def licence_summary(actor: Actor, company_id: int) -> LicenceSummary:
    """The Plan tab (R4-R11): one query whatever the company's size (see plan_query).

    Refused (exit 3) when `actor` may not read the company; NotFound (exit 5) without a
    subscription or a catalogue price it needs."""
    ensure_can_read(actor, company_id, "plan.read")
    return summary_for(company_id)


def summary_for(company_id: int, prices_on: date | None = None) -> LicenceSummary:
    """The Plan tab's figures for `company_id`, read by no one in particular: the billing run
    invoices them (store.invoicing.billing_run), so an invoice and the Plan tab never disagree. The
    plan is the one in force (the billing run applies a month's scheduled changes first); prices are
    those in force on `prices_on` (store.plans.prices; the billing run: the period's first day), by
    default today's (UTC, as prices change: store.plans.prices). The Plan tab shows today's plan at
    today's prices (SPEC §4: amounts per invoicing period), and beside them what the next
    invoice charges (`next_invoice_total`, `next_invoice_period`): the changes scheduled until
    its day applied, at the prices of its day — as the billing run will compute it — and the day
    the catalogue's prices change before it (`prices_change_on`), which makes the two differ.
    NotFound (exit 5) without a subscription or a catalogue price it needs."""
    from store.plans.plan_query import read_plan_facts

    today = clock.now().date()
    facts = read_plan_facts(company_id, prices_on or today)
    if facts is None:
        require_company(company_id)
        raise NotFound(_("Company {id} has no subscription.").format(id=company_id))
    summary = _summary(company_id, facts)
    if prices_on is not None:  # the billing run's (or a given day's) figures, no look ahead
        return summary
    upcoming = _next_invoice(company_id, facts, summary)
    if upcoming is None:
        return summary
    extra, covered_from = _first_invoice_days(company_id, facts, upcoming)
    return summary.model_copy(update={
        "next_invoice_total": upcoming.total + extra, "next_invoice_period": upcoming.period,
        "next_invoice_from": covered_from,
        "prices_change_on": None if upcoming is summary else _prices_change(upcoming, today)})


def summary_on(company_id: int, day: date) -> LicenceSummary:
    """The figures in force on `day`: the subscription with the changes scheduled until `day`
    applied in order (as store.plans.plan_changes.apply_due_changes will apply them; nothing is
    written), at the prices of `day`. The first invoice's days before its month are billed so
    (store.plans.proration.days_before): the plan the company is on then, not the one it moves to
    on the invoice's day (#18 trial t18: December's days at January's Essentials). NotFound as
    summary_for."""
    from store.plans.plan_query import read_plan_facts

    facts = read_plan_facts(company_id, day)
    if facts is None:
        require_company(company_id)
        raise NotFound(_("Company {id} has no subscription.").format(id=company_id))
    return _changed_by(company_id, facts, day) or _summary(company_id, facts)


def _prices_change(upcoming: LicenceSummary, today: date) -> date | None:
    """The first day after `today`, until the next invoice's, from which a catalogue price of
    that invoice's plan, price list and currency changes (store.plans.prices); None: none does.
    One query, made only when the next invoice differs from today's figures."""
    day = upcoming.next_invoice_on
    if day is None:
        return None
    return stored_day(Price.select(fn.MIN(Price.effective_from)).where(
        (Price.plan == upcoming.plan_code) & (Price.frequency == price_list(upcoming.term))
        & (Price.currency == upcoming.currency) & (Price.effective_from > today)
        & (Price.effective_from <= day)).scalar())


def _first_invoice_days(company_id: int, facts: PlanFacts, upcoming: LicenceSummary
                        ) -> tuple[Decimal, date | None]:
    """What the next invoice (its figures: `upcoming`) charges beyond them for the days left of
    the month the trial ended in, and the first of those days, when it is the company's first
    invoice: the billing run's own lines (store.plans.proration.first_invoice_extra, #17); (0, None)
    otherwise. The subscription is read only when the trial's end (or its absence) makes the
    next invoice possibly the first."""
    from store.plans.proration import days_before, first_invoice_extra

    day = facts.next_invoice_on
    if day is None or (facts.trial_ends_on is None and facts.status == "trial"):
        return Decimal(0), None
    if facts.trial_ends_on is not None and add_months(facts.trial_ends_on.replace(day=1), 1) != day:
        return Decimal(0), None  # the trial ended earlier: this is not the first invoice
    days = days_before(Subscription.get_by_id(company_id), day)
    if days is None:
        return Decimal(0), None
    return first_invoice_extra(days), days.remainder.first


def _next_invoice(company_id: int, facts: PlanFacts, today: LicenceSummary
                  ) -> LicenceSummary | None:
    """The figures the next invoice charges: those in force on its day (summary_on), read with
    today's figures (`today` itself when nothing differs) unless a change is due by then (one
    more read). None without a next invoice."""
    day = facts.next_invoice_on
    if day is None:
        return None
    changed = _changed_by(company_id, facts, day)
    if changed is not None:
        return changed
    # the same plan: the prices of that day came with today's (store.plans.plan_query)
    if facts.next_prices == facts.prices:
        return today
    return _summary(company_id, replace(facts, prices=facts.next_prices))


def _changed_by(company_id: int, facts: PlanFacts, day: date) -> LicenceSummary | None:
    """The figures of `facts` with their changes scheduled until `day` applied in order, as
    store.plans.plan_changes' apply_due_changes applies them, at the prices of `day` (one read);
    None when no change is due by then."""
    from store.plans.plan_query import read_plan_facts

    due = [change for change in facts.changes if change[1] <= day]
    if not due:
        return None
    plan, term = facts.plan_code, facts.term
    users, numbers = facts.included_users, facts.included_numbers
    products = {code for code, *_rest in facts.products}
    for _id, _from, to_plan, _name, to_term, to_users, to_numbers, add, remove in due:
        plan, term = to_plan or plan, to_term or term
        users = users if to_users is None else to_users
        numbers = numbers if to_numbers is None else to_numbers
        products = (products | _codes(add)) - _codes(remove)
    later = read_plan_facts(company_id, day, plan=plan, term=term)
    if later is None:
        return None
    later.included_users, later.included_numbers = users, numbers
    known = {code: (code, name, kind, per_user) for code, name, kind, per_user in facts.products}
    missing = products - set(known)
    if missing:
        known.update({p.code: (p.code, p.name, p.kind, bool(p.per_included_user))
                      for p in Product.select().where(Product.code.in_(sorted(missing)))})
    later.products = sorted((known[code] for code in products if code in known),
                            key=lambda p: (p[2], p[1]))
    return _summary(company_id, later)


def _codes(text: str | None) -> set[str]:
    return {code for code in (text or "").split(",") if code}


def _summary(company_id: int, facts: PlanFacts) -> LicenceSummary:
    """The figures of `facts` (store.plans.plan_query): one code for the Plan tab, its next-invoice
    line and the billing run's invoice lines."""
    from store.plans.scheduled import scheduled_view

    currency = facts.currency
    months = months_invoiced(facts.term)

    def price_of(item: str) -> int:
        if item not in facts.prices:
            raise NotFound(
                _("The catalogue has no {item} price for {plan} {frequency} in {currency}.").format(
                    item=item, plan=facts.plan_name, frequency=price_list(facts.term),
                    currency=currency)
            )
        return facts.prices[item]

    users = _licence_row(facts.active_users, facts.included_users, price_of("user"),
                         price_of("extra_user"), currency, months)
    numbers = _licence_row(facts.active_numbers, facts.included_numbers, price_of("number"),
                           price_of("extra_number"), currency, months)
    add_ons: list[ProductLine] = []
    call_plans: list[ProductLine] = []
    for code, name, kind, per_user in facts.products:
        quantity = facts.included_users if per_user else 1
        unit = price_of(f"product:{code}") * months
        line = ProductLine(code=code, name=name, price=from_minor(quantity * unit, currency),
                           quantity=quantity, unit_price=from_minor(unit, currency))
        (add_ons if kind == "feature" else call_plans).append(line)
    total = users.total + numbers.total + sum((p.price for p in add_ons + call_plans), Decimal(0))
    return LicenceSummary(
        company_id=company_id,
        company_name=facts.company_name,
        plan=facts.plan_name,
        plan_code=facts.plan_code,
        term=facts.term,
        status=cast(str, subscription_status(facts.status, facts.trial_ends_on, facts.zone)),
        trial_ends_on=facts.trial_ends_on,
        next_invoice_on=facts.next_invoice_on,
        renews_on=facts.renews_on,
        currency=currency,
        period=period_word(facts.term),
        users=users,
        numbers=numbers,
        teams=_team_row(facts),
        add_ons=add_ons,
        call_plans=call_plans,
        total=total,
        scheduled=[scheduled_view(*change) for change in facts.changes],
    )


def _team_row(facts: PlanFacts) -> TeamRow:
    """The teams row: the limit kept until the plan changes scheduled apply (team_limit's)."""
    now = None if facts.team_limit is None else TeamLimit(facts.team_limit, facts.plan_name)
    kept = strictest(now, facts.scheduled_limits)
    if kept is None or kept.from_day is None:
        return TeamRow(active=facts.teams, limit=facts.team_limit)
    return TeamRow(active=facts.teams, limit=kept.limit, limit_from=kept.from_day,
                   limit_plan=kept.plan_name)


def what_if(summary: LicenceSummary, *, add_users: int = 0, add_numbers: int = 0) -> LicenceSummary:
    """The summary as it would be with more active users or numbers; nothing is written."""
    if add_users < 0 or add_numbers < 0:
        raise InvalidInput({"add_users" if add_users < 0 else "add_numbers":
                            _("Enter a whole number of 0 or more.")})

    def grown(row: LicenceRow, added: int) -> LicenceRow:
        active = row.active + added
        extras = max(0, active - row.included)
        extras_cost = row.extra_unit_price * extras
        return row.model_copy(update={"active": active, "extras": extras,
                                      "extras_cost": extras_cost, "total": row.price + extras_cost})

    users, numbers = grown(summary.users, add_users), grown(summary.numbers, add_numbers)
    total = (summary.total - summary.users.total - summary.numbers.total
             + users.total + numbers.total)
    return summary.model_copy(update={"users": users, "numbers": numbers, "total": total})


@retried
def create_team(actor: Actor, company_id: int, name: str) -> int:
    """Add a team; Essentials stops at its limit of three (R9), a company scheduled to move to
    Essentials too (store.plans.team_limit). Owners and admins manage teams."""
    with refusals_recorded(actor, company_id, "team.create", tried={"team": name}):
        if not (actor.kind == "user" and actor.company_id == company_id
                and actor.role in ("owner", "admin")):
            raise Refused(_("Only the company's owner or an admin can create teams."))
        clean = (name or "").strip()
        if not clean or len(clean) > 100 or any(ord(c) < 32 for c in clean):
            raise InvalidInput({"name": _("Enter a team name of 1 to 100 characters.")})
        with transaction():
            require_company(company_id)
            _subscription(company_id)  # NotFound without one
            # The plan's limit, or a plan's it is scheduled to move to (store.plans.team_limit)
            limit = team_limit(company_id)
            count = Team.select().where((Team.company == company_id) & Team.active).count()
            if limit is not None and count >= limit.limit:
                raise Refused(limit.refusal())
            team = Team.create(company=company_id, name=clean)
            record(actor, company_id, "team.create", field="team", new=clean)
    return team.id
