"""The rest of the month a trial ends in is billed by days on the first invoice (#17 trial: a
trial ending on 14 Nov was first invoiced for December, 16 days of paid service free and said
nowhere). store.plans.proration: one month's unit price x days / days of the month, rounded half up
to the cent per unit, times the quantity."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest

import store.invoicing.billing_run
import store.invoicing.invoice_detail
import store.invoicing.invoices
import store.plans.plan
import store.profile.companies
from store.documents.pdf import render_invoice_pdf
from store.errors import InvalidInput
from store.persistence.models import Invoice, InvoiceLine, Subscription
from store.plans.proration import days_before, first_invoice_extra, line_text, remainder_before
from tui.periods import next_invoice_line

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
NEW = {"name": "Harbour GmbH", "country": "Germany", "plan": "essentials",
       "owner_email": "kim@harbour.example", "owner_name": "Kim", "trial_days": "5",
       "line1": "Hafenstraße 1", "postal_code": "20457", "city": "Hamburg"}


def company(as_, term: str, trial_ends: date) -> int:
    made = store.profile.companies.create_company(as_(ADMIN), {**NEW, "term": term})
    Subscription.update(trial_ends_on=trial_ends, status="subscribed",
                        next_invoice_on=date(2026, 12, 1)).where(
        Subscription.company == made.id).execute()
    return made.id


def lines_of(number: str) -> list[tuple[str, int, int, int]]:
    invoice = Invoice.get(Invoice.number == number)
    return [(ln.description, ln.quantity, ln.unit_minor, ln.amount_minor) for ln in
            InvoiceLine.select().where(InvoiceLine.invoice == invoice.id)
            .order_by(InvoiceLine.position)]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_trial_ending_on_14_nov_bills_15_to_30_nov_by_days_on_the_december_invoice(demo, as_):
    cid = company(as_, "monthly", date(2026, 11, 14))
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=cid)
    (made,) = run.issued
    # 3 user licences at 40.00 a month; 16 of November's 30 days: 40.00 x 16/30 = 21.333.. ->
    # 21.33 a licence (half up), 63.99 for three; then December whole, 120.00.
    assert lines_of(made.number) == [
        ("User licences, 2026-11-15 to 2026-11-30 (16/30 days)", 3, 2133, 6399),
        ("User licences", 3, 4000, 12000)]
    assert made.subtotal_minor == 18399
    detail = store.invoicing.invoice_detail.invoice_detail(as_(BILLING), cid, made.number)
    assert detail.subtotal == Decimal("183.99")
    # Written for a reader (the detail: the screens' language, English here), in French too,
    # and on the PDF.
    assert detail.lines[0].description.replace("\u2009", " ") == \
        "User licences, Nov 15 – 30, 2026 (16/30 days)"
    stored = lines_of(made.number)[0][0]
    assert line_text(stored, "en").replace("\u2009", " ") == \
        "User licences, Nov 15 – 30, 2026 (16/30 days)"
    # "days" in French comes from the catalogue
    assert "15–30 nov. 2026 (16/30 " in line_text(stored, "fr_FR")
    from pypdf import PdfReader

    doc = store.invoicing.invoices.invoice_document(as_(BILLING), cid, made.number)
    text = "".join(page.extract_text() for page in
                   PdfReader(io.BytesIO(render_invoice_pdf(doc, locale="en"))).pages)
    assert "Nov 15 – 30, 2026 (16/30 days)" in text.replace("\n", " ").replace("\u2009", " ")
    # The period shown covers the days charged; the invoice stays December's (the run's key).
    assert (detail.period_start, doc.period_start) == (date(2026, 11, 15), date(2026, 11, 15))
    assert "Nov 15, 2026 – Dec 31, 2026" in text
    assert Invoice.get(Invoice.number == made.number).billing_period == "2026-12"
    # Only the first invoice has those days.
    sub = Subscription.get_by_id(cid)
    assert remainder_before(sub, date(2027, 1, 1)) is None


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_plan_tab_s_next_invoice_and_the_dry_run_agree_on_the_days(demo, as_):
    cid = company(as_, "monthly", date(2026, 11, 14))
    summary = store.plans.plan.summary_for(cid)
    extra = first_invoice_extra(days_before(Subscription.get_by_id(cid), date(2026, 12, 1)))
    dry = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=cid,
        dry_run=True)
    assert extra == Decimal("63.99")
    assert dry.issued[0].subtotal_minor == 6399 + 12000
    # The Plan tab and `show plan` say it: the next invoice is that one, days included, and
    # the days it covers (it read "€120.00 /month" while the run would charge €183.99).
    assert (summary.total, summary.next_invoice_total) == (Decimal("120.00"), Decimal("183.99"))
    assert summary.next_invoice_from == date(2026, 11, 15)
    line = next_invoice_line(summary, lambda amount: f"€{amount}", "en").replace("\u2009", " ")
    # The first invoice since the trial, as the Plan header names its date (#17).
    assert [what for what, _day in summary.header_dates] == ["trial_ends", "first_invoice"]
    assert line == "First invoice, Dec 1, 2026: €183.99 excl. VAT, for Nov 15 – Dec 31, 2026"
    # After the first invoice, the next one is a month's again: no line, no extra read.
    Subscription.update(next_invoice_on=date(2027, 1, 1)).where(
        Subscription.company == cid).execute()
    later = store.plans.plan.summary_for(cid)
    assert (later.next_invoice_total, later.next_invoice_from) == (Decimal("120.00"), None)
    assert not later.next_invoice_differs


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_annual_paid_upfront_bills_the_days_at_one_month_of_the_annual_list(demo, as_):
    cid = company(as_, "annual_upfront", date(2026, 11, 14))
    (made,) = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12",
        company_id=cid).issued
    # The annual list's 30.00 a month: 30.00 x 16/30 = 16.00 a licence; then twelve months.
    assert lines_of(made.number) == [
        ("User licences, 2026-11-15 to 2026-11-30 (16/30 days)", 3, 1600, 4800),
        ("User licences", 3, 36000, 108000)]


def test_a_trial_ending_on_a_month_s_last_day_leaves_nothing_to_prorate(demo, as_):
    cid = company(as_, "monthly", date(2026, 11, 30))
    (made,) = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=cid,
                                             issued_on=date(2026, 12, 1)).issued
    assert lines_of(made.number) == [("User licences", 3, 4000, 12000)]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_first_invoice_s_e_mail_gives_the_period_its_lines_charge(demo, as_):
    """The e-mail said "Period: December 1, 2026 – December 31, 2026" over an invoice that
    charges November's last days too, unlike its PDF (#17)."""
    from datetime import UTC, datetime

    from store.invoicing.delivery_message import invoice_message

    cid = company(as_, "monthly", date(2026, 11, 14))
    (made,) = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12",
        company_id=cid).issued
    invoice = Invoice.get(Invoice.number == made.number)
    message = invoice_message(invoice, locale="en", seller="Seller SAS", sender="b@x.example",
                              recipient="kim@harbour.example", pdf=b"%PDF",
                              now=datetime(2026, 12, 1, tzinfo=UTC))
    body = message.get_body(("plain",)).get_content()
    # Each period named, as the lines name them (#17: one span did not tell the two apart).
    assert "Period: Nov 15 – 30, 2026 and December 2026" in body.replace("\u2009", " ")
    # Listed as French lists (#17 trial: "…2026; janvier 2027", an unspaced semicolon).
    french = invoice_message(invoice, locale="fr", seller="Seller SAS", sender="b@x.example",
                             recipient="kim@harbour.example", pdf=b"%PDF",
                             now=datetime(2026, 12, 1, tzinfo=UTC))
    text = french.get_body(("plain",)).get_content().replace("\u2009", " ")
    assert " et décembre 2026" in text and ";" not in text.split("décembre 2026")[0][-30:]


def test_no_invoice_is_issued_ahead_while_the_trial_runs(demo, as_):
    """A trial ending on Dec 10: January's invoice, issued ahead on Dec 1, was dated and due
    on Dec 1, and the card charged, in the trial (#17 trial). January is issued from Jan 1 on
    (a month is invoiced once begun), and still bills Dec 11 - 31 by days."""
    cid = company(as_, "monthly", date(2026, 12, 10))
    Subscription.update(status="trial", next_invoice_on=date(2027, 1, 1)).where(
        Subscription.company == cid).execute()
    with pytest.raises(InvalidInput):  # January has not begun on Dec 1
        store.invoicing.billing_run.issue_period(as_(BILLING), "2027-01", company_id=cid,
                                                 issued_on=date(2026, 12, 1))
    assert not Invoice.select().where(Invoice.company == cid).exists()
    (made,) = store.invoicing.billing_run.issue_period(as_(BILLING), "2027-01", company_id=cid,
                                             issued_on=date(2027, 1, 1)).issued
    assert made.due_on == date(2027, 1, 1)
    assert lines_of(made.number)[0][0] == \
        "User licences, 2026-12-11 to 2026-12-31 (21/31 days)"
