"""Every invoice line that covers a period names it (#17 trial: a first invoice charged the
trial month's last days, then "User licences" for the whole next month without naming it, so
the accountant could not tell the two periods apart). store.plans.proration.with_period: the
invoice detail (Billing and `invoices show`), the PDF and the e-mail read the lines so."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import store.invoicing.billing_run
import store.invoicing.invoice_detail
import store.invoicing.invoices
import store.profile.companies
from store.documents.pdf import render_invoice_pdf
from store.i18n import translation
from store.invoicing.delivery_message import invoice_message
from store.persistence.models import Invoice, Subscription
from store.plans.proration import line_text, months_text, with_period

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
NEW = {"name": "Harbour GmbH", "country": "Germany", "plan": "essentials", "term": "monthly",
       "owner_email": "kim@harbour.example", "owner_name": "Kim", "trial_days": "5",
       "line1": "Hafenstraße 1", "postal_code": "20457", "city": "Hamburg"}


def plain(text: str) -> str:
    return text.replace("\u2009", " ").replace("\u202f", " ").replace("\n", " ")


def first_invoice(as_) -> tuple[int, str]:
    """A trial ending on Nov 10: the December invoice bills Nov 11 - 30 by days, then December."""
    cid = store.profile.companies.create_company(as_(ADMIN), NEW).id
    Subscription.update(trial_ends_on=date(2026, 11, 10), status="subscribed",
                        next_invoice_on=date(2026, 12, 1)).where(
        Subscription.company == cid).execute()
    (made,) = store.invoicing.billing_run.issue_period(
        as_(BILLING), "2026-12", company_id=cid, issued_on=date(2026, 12, 1)).issued
    return cid, str(made.number)


def test_the_first_invoice_s_two_periods_are_each_named(demo, as_):
    cid, number = first_invoice(as_)
    detail = store.invoicing.invoice_detail.invoice_detail(as_(BILLING), cid, number)
    texts = [plain(line.description) for line in detail.lines]  # as written for the reader
    assert texts == ["User licences, Nov 11 – 30, 2026 (20/30 days)",
                     "User licences, December 2026"]
    french = translation("fr").gettext
    _first, lines = store.invoicing.invoices.shown_lines(Invoice.get(Invoice.number == number),
                                                         "fr_FR", french)
    assert plain(lines[1].description) == "Licences utilisateurs, décembre 2026"
    # The PDF, from the same lines.
    from pypdf import PdfReader

    doc = store.invoicing.invoices.invoice_document(as_(BILLING), cid, number)
    pdf = "".join(page.extract_text() for page in
                  PdfReader(io.BytesIO(render_invoice_pdf(doc, locale="en"))).pages)
    assert "User licences, December 2026" in plain(pdf)
    assert "User licences, Nov 11 – 30, 2026 (20/30 days)" in plain(pdf)
    # The e-mail names both periods.
    message = invoice_message(Invoice.get(Invoice.number == number), locale="en",
                              seller="Seller SAS", sender="b@x.example",
                              recipient="kim@harbour.example", pdf=b"%PDF",
                              now=datetime(2026, 12, 1, tzinfo=UTC))
    body = plain(message.get_body(("plain",)).get_content())
    assert "Period: Nov 11 – 30, 2026 and December 2026" in body


def test_invoices_show_names_each_line_s_period(demo, as_):
    from tui.invoices_cli import detail_text

    cid, number = first_invoice(as_)
    detail = store.invoicing.invoice_detail.invoice_detail(as_(BILLING), cid, number)
    shown = plain(detail_text(detail, "en", width=200))
    assert "User licences, December 2026" in shown
    assert "User licences, Nov 11 – 30, 2026 (20/30 days)" in shown


def test_a_line_names_its_month_or_its_year_paid_upfront():
    assert with_period("User licences", date(2026, 12, 1), date(2026, 12, 31)) == \
        "User licences, 2026-12-01 to 2026-12-31"
    prorated = "User licences, 2026-11-11 to 2026-11-30 (20/30 days)"
    assert with_period(prorated, date(2026, 12, 1), date(2026, 12, 31)) == prorated
    assert with_period("Partial credit", date(2026, 12, 1), date(2026, 12, 31)) == \
        "Partial credit"  # a credit note's amount covers no period of its own
    assert plain(months_text(date(2026, 12, 1), date(2027, 11, 30), "en")) == \
        "December 2026 – November 2027"
    assert line_text("Analytics+, 2026-12-01 to 2026-12-31", "en") == "Analytics+, December 2026"
