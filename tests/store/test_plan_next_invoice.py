"""The Plan tab after a change scheduled from a later day (#18 trial, SPEC §4): it shows the plan
in force today at today's prices, and what the next invoice charges — the change applied, at
that invoice's prices — which is what the billing run then issues (store.plans.plan.summary_for)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import store.invoicing.billing_run
import store.plans.plan
import store.plans.plan_changes
import store.plans.prices
from store import clock
from store.persistence.models import Invoice

BILLING = "billing@mycompany.example"
ADMIN = "admin@mycompany.example"  # the price catalogue is admin staff's (SPEC §2)
REASON = {"reason": "Upgrade asked by phone", "ticket": "SUP-18"}
TODAY = date(2026, 11, 27)


def issued_subtotal(as_, company_id: int) -> Decimal:
    clock.set_clock(lambda: date(2026, 12, 1))  # December issued once begun (#17)
    try:
        run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12",
                                                       company_id=company_id)
    finally:
        clock.set_clock(lambda: TODAY)
    [issued] = run.issued
    return Decimal(Invoice.get(Invoice.number == issued.number).subtotal_minor) / 100


def test_a_scheduled_change_shows_today_as_is_and_the_next_invoice_as_it_will_be(demo, as_):
    blue = demo["blue"]
    before = store.plans.plan.licence_summary(as_("maria@blueharbor.com"), blue)
    assert before.next_invoice_total == before.total  # nothing changes: one figure
    store.plans.plan_changes.schedule_change(as_(BILLING), blue, {
        "from": "2026-12", "plan": "professional", "term": "annual_monthly", "users": 8,
        **REASON})
    # December's user price of the new plan changes too: the next invoice uses both.
    store.plans.prices.set_price(as_(ADMIN), plan="professional", frequency="annual",
                           currency="USD", item="user", amount="57.00", start="2026-12",
                           reason="2027 price list", ticket="FIN-9")
    summary = store.plans.plan.licence_summary(as_("maria@blueharbor.com"), blue)
    # Today: Essentials as it is, at today's prices — the figures of today's own reading.
    assert (summary.plan_code, summary.users.included) == ("essentials", 5)
    assert summary.total == before.total == store.plans.plan.summary_for(blue, TODAY).total
    # The next invoice: Professional, 8 licences at December's $57.00, as the run issues it.
    assert summary.next_invoice_total is not None
    assert summary.next_invoice_total != summary.total
    assert summary.next_invoice_total == issued_subtotal(as_, blue)
    # Applied by the run: the plan in force now, still at today's (November's) price.
    after = store.plans.plan.licence_summary(as_("maria@blueharbor.com"), blue)
    assert (after.plan_code, after.users.included, after.users.unit_price) == (
        "professional", 8, Decimal(50))


def test_a_price_from_a_later_month_shows_today_s_price_and_the_next_invoice_s(demo, as_):
    nordwind = demo["nordwind"]
    jonas = as_("jonas@nordwind.de")
    before = store.plans.plan.licence_summary(jonas, nordwind)
    store.plans.prices.set_price(as_(ADMIN), plan="professional", frequency="annual",
                           currency="EUR", item="user", amount="55.00", start="2026-12",
                           reason="2027 price list", ticket="FIN-9")
    summary = store.plans.plan.licence_summary(jonas, nordwind)
    assert summary.users.unit_price == before.users.unit_price == Decimal(50)
    assert summary.total == before.total
    assert summary.next_invoice_total == store.plans.plan.summary_for(nordwind, date(2026, 12,
        1)).total
    assert summary.next_invoice_total == before.total + summary.users.included * 5
    assert summary.next_invoice_total == issued_subtotal(as_, nordwind)
