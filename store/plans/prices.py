"""The price catalogue changed from a month (SPEC §4, §11, #18): admin staff (SPEC §2; who may is
store.people.access.STAFF_ACTIONS's to say) set a price of the catalogue — a plan's user
licence, extra user, number, extra number or a product, per price list (monthly, annual) and
currency — from the first day of a month, and it applies to every invoice of that month or later;
invoices issued keep the prices they were computed with (their lines hold the amounts: R12).
Prices are indicative, as R7 says; they are per licence or per product per month, in minor units.

A price is a row of `price` with its `effective_from` (migration 0021); the one in force on a
day is the latest from on or before it (store.plans.plan_query reads it so). A price may change from
this month (UTC) at the earliest, and never from a month a billing run has invoiced already
(an invoice of that month would then disagree with the others): `first_price_month` names it.
Each change is a trail line of no company (the vendor's own, like the seller's settings), with
its reason; a refusal likewise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import cast

from peewee import fn

from store import clock
from store.errors import InvalidInput
from store.i18n import _
from store.money import from_minor, typed_minor
from store.people.access import ensure_staff_may
from store.people.identity import ensure_signed_in
from store.persistence.db import retried, transaction
from store.persistence.models import Invoice, Price
from store.plans.catalogue import CURRENCIES, PLANS, PRODUCTS
from store.trail.audit import record, refusals_recorded
from store.views import Actor, View

FREQUENCIES = ("monthly", "annual")
ITEMS = ("user", "extra_user", "number", "extra_number",
         *(f"product:{product['code']}" for product in PRODUCTS))


@dataclass(frozen=True, kw_only=True)
class PriceView(View):
    """One price of the catalogue: plan code, price list, currency, item (ITEMS), the amount
    per unit per month (a Decimal in the currency's units) and the first day it applies."""

    plan: str
    frequency: str  # FREQUENCIES
    currency: str
    item: str
    amount: Decimal
    effective_from: date


PLAN_CODES = tuple(str(cast("dict[str, object]", plan)["code"]) for plan in PLANS)


def _plan_code(row: Price) -> str:
    """The plan's code as stored (`row.plan_id`, which peewee's stubs do not know)."""
    return str(row.plan_id)  # type: ignore[attr-defined]


def _view(row: Price) -> PriceView:
    return PriceView(plan=_plan_code(row), frequency=row.frequency, currency=row.currency,
                     item=row.item, amount=from_minor(row.monthly_minor, row.currency),
                     effective_from=row.effective_from)


def list_prices(actor: Actor, *, on: date | None = None, plan: str | None = None,
                scheduled: bool = False) -> list[PriceView]:
    """The prices in force on `on` (default today, UTC), by plan, price list, currency and
    item; with `scheduled`, those set from a later month too (each with its first day). Anyone
    signed in may read the catalogue (the Plan tab shows its prices)."""
    ensure_signed_in(actor)
    day = on or clock.now().date()
    rows = Price.select().order_by(Price.plan, Price.frequency, Price.currency, Price.item,
                                   Price.effective_from)
    if plan is not None:
        rows = rows.where(Price.plan == plan)
    in_force: dict[tuple[str, str, str, str], Price] = {}
    later: list[Price] = []
    for row in rows:
        key = (_plan_code(row), row.frequency, row.currency, row.item)
        if row.effective_from <= day:
            in_force[key] = row  # ordered by date: the latest on or before `day` stays
        elif scheduled:
            later.append(row)
    return [_view(row) for row in [*in_force.values(), *later]]


def first_price_month() -> date:
    """The first month a price may change from: this month (UTC), or the month after the last
    one a billing run invoiced, whichever is later."""
    this_month = clock.now().date().replace(day=1)
    last = Invoice.select(fn.MAX(Invoice.period_start)).where(
        Invoice.kind == "invoice").scalar()
    if isinstance(last, str):  # SQLite hands an aggregate's date back as text
        last = date.fromisoformat(last)
    if last is None:
        return this_month
    after = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
    return cast(date, max(this_month, after))


@retried
def set_price(actor: Actor, *, plan: str, frequency: str, currency: str, item: str,
              amount: str, start: str, reason: str, ticket: str | None = None) -> PriceView:
    """Set the price of `item` on `plan`'s `frequency` list in `currency` to `amount` (text
    as typed, "45.00", in the currency's units, per unit per month) from the month `start`
    (YYYY-MM) on; admin staff only (SPEC §2: the price catalogue is admin staff's; who may is
    store.people.access.STAFF_ACTIONS's to say). Returns the price as kept.

    InvalidInput for a value the catalogue does not have (plan, price list, currency, item),
    an amount that is not a positive or zero amount of the currency, a month not given as
    YYYY-MM or before `first_price_month`, an empty reason; Refused (exit 3) for anyone else,
    recorded. The same item, list, currency and month set again replaces that month's price."""
    key = f"{plan}/{frequency}/{currency}/{item}"
    # A refusal keeps what was tried as a line done keeps what was set (#18 trial).
    with refusals_recorded(actor, None, "price.set",
                           tried={"price": f"{key} {amount} from {start}"},
                           given={"reason": reason, "ticket": ticket}):
        ensure_staff_may(actor, None, "price.set")
        errors: dict[str, str] = {}
        if plan not in PLAN_CODES:
            errors["plan"] = _("Choose a plan of the catalogue: {plans}.").format(
                plans=", ".join(PLAN_CODES))
        if frequency not in FREQUENCIES:
            errors["frequency"] = _("Choose monthly or annual.")
        if currency not in CURRENCIES:
            errors["currency"] = _("Choose a currency of the catalogue: {currencies}.").format(
                currencies=", ".join(CURRENCIES))
        if item not in ITEMS:
            errors["item"] = _("Choose an item of the catalogue: {items}.").format(
                items=", ".join(ITEMS))
        minor = _minor(amount, currency, errors)
        first = first_price_month()
        day = _month(start, errors)
        if day is not None and day < first:
            errors["from"] = _("Prices change from {month} at the earliest: invoices of the "
                               "months before keep theirs.").format(month=f"{first:%Y-%m}")
        if not (reason or "").strip():
            errors["reason"] = _("Say why (kept in History).")
        if errors or minor is None or day is None:
            raise InvalidInput(errors)
        with transaction():
            before = Price.select().where(
                (Price.plan == plan) & (Price.frequency == frequency)
                & (Price.currency == currency) & (Price.item == item)
                & (Price.effective_from <= day)).order_by(Price.effective_from.desc()).first()
            Price.insert(plan=plan, frequency=frequency, currency=currency, item=item,
                         monthly_minor=minor, effective_from=day).on_conflict(
                conflict_target=[Price.plan, Price.frequency, Price.currency, Price.item,
                                 Price.effective_from],
                update={Price.monthly_minor: minor}).execute()
            record(actor, None, "price.set", field="price",
                   old=f"{key} {from_minor(before.monthly_minor, currency)}" if before else None,
                   new=f"{key} {from_minor(minor, currency)} from {day:%Y-%m-%d}",
                   reason=reason.strip(), ticket=(ticket or "").strip() or None)
            row = Price.get((Price.plan == plan) & (Price.frequency == frequency)
                            & (Price.currency == currency) & (Price.item == item)
                            & (Price.effective_from == day))
    return _view(row)


def _minor(amount: str, currency: str, errors: dict[str, str]) -> int | None:
    try:
        minor = typed_minor(amount, currency)
    except ValueError as exc:  # not digits and a point, or finer than the currency's unit
        errors["amount"] = str(exc)
        return None
    if minor < 0:
        errors["amount"] = _("Enter an amount of 0 or more, like 45.00.")
        return None
    return minor


def _month(text: str, errors: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(f"{(text or '').strip()}-01")
    except ValueError:
        errors["from"] = _("Give the month as YYYY-MM, for example 2026-12.")
        return None
