"""What an accountant checks on an invoice PDF (SPEC §5, #17): paper by the buyer's country, both
addresses by their country's postal format, the seller's legal details, VAT and its mention, due
date, payment terms and payment."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

import store.invoicing.invoices
import store.people.access
from store.documents.pdf import render_invoice_pdf
from store.persistence.models import Invoice
from tests.documents.factories import SELLER, make_document, text_of

US_BUYER = {
    "company_name": "Blue Harbor Inc.", "bill_to_line1": "1600 Amphitheatre Pkwy",
    "bill_to_postal_code": "94043", "bill_to_city": "Mountain View", "bill_to_state": "CA",
    "bill_to_country": "US", "bill_to_vat_number": None, "currency": "USD",
}
LETTER = (612, 792)  # points: 8.5 × 11 in
A4 = (595, 842)  # points: 210 × 297 mm, rounded


def page_size(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_a_us_invoice_is_letter_and_a_german_one_a4():
    assert page_size(render_invoice_pdf(make_document(**US_BUYER))) == LETTER
    assert page_size(render_invoice_pdf(make_document())) == A4


@pytest.mark.parametrize("country", ["CA", "MX", "PH", "CL", "CO", "VE"])
def test_the_other_letter_countries_get_letter(country):
    document = make_document(bill_to_country=country, bill_to_state=None,
                             bill_to_vat_number=None)

    assert page_size(render_invoice_pdf(document)) == LETTER


def test_a_us_address_reads_as_the_us_post_writes_it():
    text = text_of(render_invoice_pdf(make_document(**US_BUYER)))

    assert "1600 Amphitheatre Pkwy Mountain View, CA 94043 United States" in text
    assert "94043 Mountain View" not in text


def test_the_seller_block_has_its_legal_name_address_vat_number_and_registration():
    text = text_of(render_invoice_pdf(make_document(**US_BUYER)))

    assert ("MyCompany Téléphonie SAS 42 rue de la Roquette 75011 Paris France "
            "VAT: FR11123456782 RCS Paris 123 456 782") in text
    assert "indemnité forfaitaire pour frais de recouvrement : 40 €" in text  # legal mentions
    assert "mycompany Telephony SAS" not in text and "FR40303265045" not in text  # the old literals


def test_the_seller_address_follows_its_own_country():
    seller = SELLER.model_copy(update={
        "legal_name": "Vendor Inc.", "line1": "1 Market St", "postal_code": "94105",
        "city": "San Francisco", "state": "CA", "country": "US"})

    text = text_of(render_invoice_pdf(make_document(seller=seller)))

    assert "Vendor Inc. 1 Market St San Francisco, CA 94105 United States" in text


def test_reverse_charge_says_vat_at_zero_with_its_mention_under_the_totals():
    mention = ("Reverse charge: VAT to be accounted for by the customer "
               "(Article 196 of Directive 2006/112/EC)")
    document = make_document(tax_rule="eu_reverse_charge", tax_mention=mention,
                             tax_rate=Decimal(0), tax=Decimal(0), total=Decimal("25200.00"))

    text = text_of(render_invoice_pdf(document))

    assert "VAT (0%) €0.00 Total €25,200.00 " + mention in text
    assert "Tax (" not in text


def test_an_invoice_issued_before_tax_rules_keeps_the_neutral_word():
    text = text_of(render_invoice_pdf(make_document()))  # tax_rule "legacy"

    assert "Tax (19%) €4,788.00" in text


def test_due_date_and_payment_terms():
    open_invoice = make_document(status="open", due_on=date(2024, 3, 31))

    text = text_of(render_invoice_pdf(open_invoice))
    # The terms the invoice was issued under (30 days), whatever the seller's terms are now.
    assert "Due date Mar 31, 2024" in text and "Payment terms Net 30 days" in text
    assert "Paid on" not in text

    on_receipt = text_of(render_invoice_pdf(make_document(status="open",
                                                          due_on=date(2024, 3, 1))))
    assert "Due date Mar 1, 2024" in on_receipt
    assert "Payment terms Due on receipt" in on_receipt


def test_an_invoice_stored_without_a_due_date_prints_the_sellers_terms_and_no_date():
    seller = SELLER.model_copy(update={"payment_terms_days": 1})

    text = text_of(render_invoice_pdf(make_document(status="open", seller=seller)))

    assert "Payment terms Net 1 day " in text
    assert "Due date" not in text  # none stored: nothing invented


def test_the_totals_are_not_split_from_the_last_page():
    lines = make_document().lines * 14  # 42 lines: the table ends a few lines above a page end

    data = render_invoice_pdf(make_document(lines=lines, tax_rule="eu_reverse_charge",
                                            tax_mention="Reverse charge (Art. 196)"))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]

    last = " ".join(pages[-1].split())
    assert "Subtotal" in last and "Total" in last
    assert "Reverse charge: VAT to be accounted for by the customer" in last  # its rule's


def test_a_paid_invoice_says_when_and_with_what():
    text = text_of(render_invoice_pdf(make_document(paid_on=date(2024, 3, 2),
                                                    paid_with="Visa •••• 4242")))

    assert "Paid on Mar 2, 2024 with Visa •••• 4242" in text


def test_the_downloaded_invoice_prints_the_stored_rule_and_the_sellers_settings(demo, tmp_path):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    invoice = Invoice.select().where(Invoice.company == demo["nordwind"]).first()
    Invoice.update(tax_rule="eu_reverse_charge", tax_mention="Reverse charge (Art. 196)",
                   tax_rate_permille=0).where(Invoice.id == invoice.id).execute()

    document = store.invoicing.invoices.invoice_document(jonas, demo["nordwind"], invoice.number)
    text = text_of(store.invoicing.invoices.invoice_pdf(jonas, demo["nordwind"], invoice.number))

    assert document.seller.vat_number == "FR11123456782"
    assert document.tax_rule == "eu_reverse_charge"
    # The rule's mention, in the PDF's language (whatever was kept at issue: #17 trial).
    assert "VAT (0%)" in text and "Reverse charge: VAT to be accounted for by the customer" in (
        " ".join(text.split()))
    assert "RCS Paris 123 456 782" in text
    assert page_size(store.invoicing.invoices.invoice_pdf(jonas, demo["nordwind"],
        invoice.number)) == A4


def test_the_downloaded_invoice_says_its_due_date_past_due_and_how_it_was_paid(demo):
    maria = store.people.access.resolve_actor("maria@blueharbor.com")
    paid = Invoice.select().where((Invoice.company == demo["blue"])
                                  & (Invoice.status == "paid")).first()
    overdue = Invoice.select().where((Invoice.company == demo["blue"])
                                     & (Invoice.id != paid.id)).first()
    Invoice.update(status="open", paid_on=None, paid_with=None,
                   due_on=date(2026, 11, 26)).where(Invoice.id == overdue.id).execute()

    paid_text = text_of(store.invoicing.invoices.invoice_pdf(maria, demo["blue"], paid.number))
    overdue_text = text_of(store.invoicing.invoices.invoice_pdf(maria, demo["blue"],
        overdue.number))

    assert f"Paid on {paid.paid_on:%b} {paid.paid_on.day}, {paid.paid_on.year} with " \
           f"{paid.paid_with}" in paid_text
    # The test clock says 2026-11-27: a day after the due date.
    assert "Due date Nov 26, 2026" in overdue_text and "Status Past due" in overdue_text
    assert "Paid on" not in overdue_text


def test_a_credit_note_names_the_invoice_it_corrects_and_owes_nothing(demo):
    """#17 trial: the credit note's PDF never named its invoice, and showed a due date."""
    import store.invoicing.credit_notes

    bea = store.people.access.resolve_actor("billing@mycompany.example")
    credit = store.invoicing.credit_notes.credit_invoice(bea, demo["blue"], "INV-000003-0006",
                                               {"reason": "Wrong licence count"})
    pdf = store.invoicing.invoices.invoice_pdf(bea, demo["blue"], credit)
    text = text_of(pdf)
    assert "Credit note" in text and "INV-000003-0006 (Nov 1, 2026)" in text
    assert "Due date" not in text and "Payment terms" not in text


def test_a_credit_note_gives_its_reason_and_its_invoice_what_was_credited(demo):
    """#17: the reason lived in History only; an invoice credited in part said nothing of it."""
    import store.invoicing.credit_notes

    bea = store.people.access.resolve_actor("billing@mycompany.example")
    credit = store.invoicing.credit_notes.credit_invoice(
        bea, demo["nordwind"], "INV-000002-0014",
        {"reason": "Zwei Lizenzen doppelt berechnet", "ticket": "SUP-9"}, "567")
    note = text_of(store.invoicing.invoices.invoice_pdf(bea, demo["nordwind"], credit))
    assert "Reason: Zwei Lizenzen doppelt berechnet" in note
    assert "Partial credit" in note and "-€567.00" in note
    invoice = text_of(store.invoicing.invoices.invoice_pdf(bea, demo["nordwind"],
        "INV-000002-0014"))
    # Still owed (past due on the test clock's day), with what was credited beside it.
    assert f"Status Past due Credited €567.00 by {credit}" in invoice
    assert "Reason:" not in invoice
