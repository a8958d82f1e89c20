"""Each payment of an invoice with its amount (#17 trial: after Pay now with an open credit
note, the detail and the PDF said "Paid on Dec 1, 2026 with CN-000002-0001, Visa •••• 4242"
without amounts): the credit note's share and the card's, on the detail (Billing, `invoices
show`), its JSON and the PDF."""

from __future__ import annotations

import io
from decimal import Decimal

from pypdf import PdfReader

import store.invoicing.credit_notes
import store.invoicing.invoice_detail
import store.invoicing.invoices
import store.invoicing.payments
from store.invoicing.payment_parts import split

BILLING = "billing@mycompany.example"
JONAS = "jonas@nordwind.de"
CARD = "Visa •••• 4242"


def test_credits_go_oldest_first_and_the_card_pays_the_rest():
    assert split([Decimal(50), Decimal(80)], [("CN-1", Decimal(70))], CARD) == [
        [("CN-1", Decimal(50))], [("CN-1", Decimal(20)), (CARD, Decimal(60))]]
    assert split([Decimal(50)], [("CN-1", Decimal(50))], None) == [[("CN-1", Decimal(50))]]


def test_pay_now_with_a_credit_note_says_each_payment_and_its_amount(demo, as_):
    nordwind = demo["nordwind"]
    credit = store.invoicing.credit_notes.credit_invoice(
        as_(BILLING), nordwind, "INV-000002-0012", {"reason": "Goodwill"}, amount="100")
    jonas = as_(JONAS)
    preview = store.invoicing.payments.pay_preview(jonas, nordwind)
    assert (preview.credits, preview.total) == ([credit], Decimal("5034.00"))
    store.invoicing.payments.pay_invoices(jonas, nordwind, preview.numbers, preview.total)

    oldest = store.invoicing.invoice_detail.invoice_detail(jonas, nordwind, "INV-000002-0013")
    assert [(p.paid_by, p.amount) for p in oldest.payments] == [
        (credit, Decimal("100.00")), (CARD, Decimal("2467.00"))]
    newest = store.invoicing.invoice_detail.invoice_detail(jonas, nordwind, "INV-000002-0014")
    assert [(p.paid_by, p.amount) for p in newest.payments] == [(CARD, Decimal("2567.00"))]
    assert oldest.model_dump(mode="json")["payments"][0]["paid_by"] == credit

    from tui.invoices_cli import detail_text

    said = "€100.00 by CN-000002-0001, €2,467.00 by Visa •••• 4242"
    assert f"Paid on Nov 27, 2026: {said}" in detail_text(oldest, "en")
    data = store.invoicing.invoices.invoice_pdf(jonas, nordwind, "INV-000002-0013")
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(data)).pages)
    assert "€100.00 by CN-000002-0001" in text and "€2,467.00 by Visa" in text, text

    from datetime import UTC, datetime

    from store.invoicing.delivery_message import invoice_message
    from store.persistence.models import Invoice

    message = invoice_message(Invoice.get(Invoice.number == "INV-000002-0013"), locale="en",
                              seller="Seller SAS", sender="b@x.example",
                              recipient="jonas@nordwind.de", pdf=b"%PDF",
                              now=datetime(2026, 11, 27, tzinfo=UTC))
    body = message.get_body(("plain",)).get_content()
    assert f"Paid on November 27, 2026: {said}; nothing to pay." in body, body


def test_a_card_alone_reads_as_before(demo, as_):
    jonas = as_(JONAS)
    preview = store.invoicing.payments.pay_preview(jonas, demo["nordwind"])
    store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], preview.numbers,
                                          preview.total)
    view = store.invoicing.invoice_detail.invoice_detail(jonas, demo["nordwind"],
                                                         "INV-000002-0013")
    assert [(p.paid_by, p.amount) for p in view.payments] == [(CARD, Decimal("2567.00"))]
    from tui.invoices_cli import detail_text

    assert f"Paid on Nov 27, 2026 with {CARD}" in detail_text(view, "en")
