"""#17: an invoice issued on Dec 1 (the company's date) and paid with the card showed "Paid Nov
30" once the company's zone was west of the zone it was issued in: the paid date is a date on the
invoice, the company's day at payment and never before the invoice's own date
(store.invoicing.payments.mark_paid), and every surface reads that one stored date."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

import store.profile.billing
from store import clock
from store.invoicing.billing_run import issue_period
from store.invoicing.invoice_detail import invoice_detail
from store.invoicing.invoices import invoice_document, list_invoices
from store.invoicing.payments import pay_invoices, pay_preview
from store.persistence.models import Company, Invoice
from store.trail.exports import ExportFilters, export

BILLING = "billing@mycompany.example"
# Dec 1 in Berlin, Nov 30 in California (America/Los_Angeles: Blue Harbor's zone).
MOMENT = datetime(2026, 12, 1, 2, 53)
LOS_ANGELES = "America/Los_Angeles"


@pytest.fixture
def early_on_dec_1(demo):
    clock.set_clock(lambda: MOMENT.date(), lambda: MOMENT)
    return demo


def paid_dates(as_, email: str, company_id: int, number: str) -> set[date | None]:
    """The paid date of `number` as each surface reads it: the list, the invoice in full, the
    PDF's document, the invoices export."""
    actor = as_(email)
    row = next(i for i in list_invoices(actor, company_id).items if i.number == number)
    rows: list[dict] = []
    export(as_(BILLING), "invoices", rows.append, ExportFilters())
    exported = next(r for r in rows if r["number"] == number)
    return {row.paid_on, invoice_detail(actor, company_id, number).paid_on,
            invoice_document(actor, company_id, number).paid_on,
            date.fromisoformat(str(exported["paid_on"]))}


def test_paid_at_issue_in_los_angeles_on_a_series_dated_ahead(early_on_dec_1, as_):
    blue = early_on_dec_1["blue"]
    assert Company.get_by_id(blue).time_zone == LOS_ANGELES
    newest = Invoice.select().where(Invoice.company == blue).order_by(Invoice.number.desc()).get()
    Invoice.update(issued_on=date(2026, 12, 2)).where(Invoice.id == newest.id).execute()
    later = datetime(2026, 12, 1, 9)  # Dec 1 there too: December is billed (#17)
    clock.set_clock(lambda: later.date(), lambda: later)
    (made,) = issue_period(as_(BILLING), "2026-12", company_id=blue).issued
    issued = Invoice.get(Invoice.number == made.number)
    assert (issued.status, issued.issued_on) == ("paid", date(2026, 12, 2))
    assert issued.paid_on == date(2026, 12, 2)  # not Dec 1, the day it is in California
    assert paid_dates(as_, "maria@blueharbor.com", blue, made.number) == {date(2026, 12, 2)}


def test_paid_at_issue_in_los_angeles_is_the_company_s_day(early_on_dec_1, as_):
    blue = early_on_dec_1["blue"]
    # Still Nov 30 there: December is not issued (#17 trial: dated and paid Nov 30).
    assert issue_period(as_(BILLING), "2026-12", company_id=blue).issued == []
    later = datetime(2026, 12, 1, 9)
    clock.set_clock(lambda: later.date(), lambda: later)
    (made,) = issue_period(as_(BILLING), "2026-12", company_id=blue).issued
    issued = Invoice.get(Invoice.number == made.number)
    assert (issued.issued_on, issued.paid_on) == (date(2026, 12, 1), date(2026, 12, 1))


def test_paid_with_pay_now_after_the_company_moved_to_los_angeles(early_on_dec_1, as_):
    nordwind, jonas = early_on_dec_1["nordwind"], as_("jonas@nordwind.de")
    store.profile.billing.set_card(jonas, nordwind, {  # taken, every charge declined: left open
        "number": "4000 0000 0000 0341", "expiry": "12/29", "security_code": "123",
        "holder": "Jonas Weber"})
    (made,) = issue_period(as_(BILLING), "2026-12", company_id=nordwind).issued
    assert Invoice.get(Invoice.number == made.number).issued_on == date(2026, 12, 1)  # Berlin
    Company.update(time_zone=LOS_ANGELES).where(Company.id == nordwind).execute()
    store.profile.billing.set_card(jonas, nordwind, {
        "number": "4242 4242 4242 4242", "expiry": "12/29", "security_code": "123",
        "holder": "Jonas Weber"})
    preview = pay_preview(jonas, nordwind)
    pay_invoices(jonas, nordwind, preview.numbers, preview.total)
    paid = {i.number: i.paid_on for i in Invoice.select().where(
        Invoice.number.in_(preview.numbers))}
    assert paid[made.number] == date(2026, 12, 1)  # its issue date, not Nov 30
    older = [n for n in preview.numbers if n != made.number]
    assert older and all(paid[n] == date(2026, 11, 30) for n in older)  # the company's day
    assert paid_dates(as_, "jonas@nordwind.de", nordwind, made.number) == {date(2026, 12, 1)}
    assert preview.total > Decimal(0)
