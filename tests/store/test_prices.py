"""The price catalogue changed from a month (#18, SPEC §4/§11; store.plans.prices): the next
invoices
use the new price, those issued keep theirs, the Plan tab shows the price in force today."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import store.invoicing.billing_run
import store.plans.plan
import store.plans.prices
from store import clock
from store.errors import InvalidInput, Refused
from store.persistence.models import AuditEvent, Invoice, InvoiceLine

BILLING, SUPPORT, OWNER = ("billing@mycompany.example", "support@mycompany.example",
                           "jonas@nordwind.de")
ADMIN = "admin@mycompany.example"  # the price catalogue is admin staff's (SPEC §2, #18 trial)
NEW_USER_PRICE = {"plan": "professional", "frequency": "annual", "currency": "EUR",
                  "item": "user", "amount": "55.00", "start": "2026-12",
                  "reason": "2027 price list", "ticket": "FIN-9"}


def user_line(number: str) -> InvoiceLine:
    invoice = Invoice.get(Invoice.number == number)
    return InvoiceLine.get((InvoiceLine.invoice == invoice.id) & (InvoiceLine.position == 1))


def test_a_price_from_next_month_bills_next_month_and_leaves_issued_invoices(demo, as_):
    before = user_line("INV-000002-0014").unit_minor  # November, issued at €50.00
    view = store.plans.prices.set_price(as_(ADMIN), **NEW_USER_PRICE)
    assert (view.amount, view.effective_from) == (Decimal("55.00"), date(2026, 12, 1))
    # The Plan tab shows today's price, and what the next invoice (Dec 1) charges at the new
    # one (#17 trial: the run charged December's unannounced; #18: the tab priced today's plan
    # at December's prices, matching neither invoice).
    jonas = as_(OWNER)
    tab = store.plans.plan.licence_summary(jonas, demo["nordwind"])
    assert tab.users.unit_price == Decimal(50)
    assert tab.next_invoice_total == store.plans.plan.summary_for(demo["nordwind"],
                                                            date(2026, 12, 1)).total
    assert store.plans.plan.summary_for(demo["nordwind"], date(2026, 11, 27)).users.unit_price == 50
    december = store.plans.plan.summary_for(demo["nordwind"], date(2026, 12, 1))
    assert december.users.unit_price == Decimal(55)
    clock.set_clock(lambda: date(2026, 12, 1))  # December issued once begun (#17)
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12",
        company_id=demo["nordwind"])
    clock.set_clock(lambda: date(2026, 11, 27))
    [issued] = run.issued
    assert user_line(issued.number).unit_minor == 5500
    assert user_line("INV-000002-0014").unit_minor == before == 5000  # as issued (R12)
    line = AuditEvent.get(AuditEvent.action == "price.set")
    assert (line.company, line.actor_email, line.reason, line.ticket) == (
        None, ADMIN, "2027 price list", "FIN-9")
    assert (line.old_value, line.new_value) == (
        "professional/annual/EUR/user 50.00",
        "professional/annual/EUR/user 55.00 from 2026-12-01")
    listed = store.plans.prices.list_prices(jonas, plan="professional", scheduled=True)
    assert [(v.item, v.amount) for v in listed if v.item == "user"
            and v.frequency == "annual" and v.currency == "EUR"] == [
        ("user", Decimal("50.00")), ("user", Decimal("55.00"))]


def test_a_price_never_changes_a_month_already_invoiced(demo, as_):
    # November is invoiced (the demo's run): December is the first month a price may change.
    assert store.plans.prices.first_price_month() == date(2026, 12, 1)
    with pytest.raises(InvalidInput) as refused:
        store.plans.prices.set_price(as_(ADMIN), **{**NEW_USER_PRICE, "start": "2026-11"})
    assert "2026-12" in refused.value.errors["from"]


@pytest.mark.parametrize(("field", "value"), [
    ("plan", "gold"), ("frequency", "weekly"), ("currency", "GBP"), ("item", "seat"),
    ("amount", "-1"), ("amount", "12.345"), ("amount", "lots"), ("start", "2026-13"),
    ("reason", "  ")])
def test_a_value_the_catalogue_does_not_have_is_refused_and_nothing_changes(
        demo, as_, field, value):
    with pytest.raises(InvalidInput) as refused:
        store.plans.prices.set_price(as_(ADMIN), **{**NEW_USER_PRICE, field: value})
    assert {"start": "from"}.get(field, field) in refused.value.errors
    assert not AuditEvent.select().where(AuditEvent.action == "price.set").exists()


@pytest.mark.parametrize("who", [SUPPORT, BILLING, OWNER])
def test_only_admin_staff_set_a_price_and_a_refusal_is_recorded(demo, as_, who):
    # SPEC §2: the price catalogue is admin staff's (#18 trial: billing staff's `prices set`
    # exited 0).
    with pytest.raises(Refused) as refused:
        store.plans.prices.set_price(as_(who), **NEW_USER_PRICE)
    assert refused.value.message == "Only admin staff can do this."
    line = AuditEvent.get(AuditEvent.action == "price.set")
    assert (line.outcome, line.actor_email) == ("refused", who)
    assert store.plans.plan.summary_for(demo["nordwind"], date(2026, 12, 1)).users.unit_price == 50
