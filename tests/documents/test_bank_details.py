"""The seller's bank account on the invoice (#17 trial: a customer paying by transfer could not):
the IBAN in groups of four as people read it, and the BIC, when the seller has them."""

from __future__ import annotations

import dataclasses

from store.documents.pdf import render_invoice_pdf
from tests.documents.factories import (
    SELLER,
    make_document,
    needs_pdftotext,
    pdftotext_text,
    text_of,
)

BANKED = dataclasses.replace(SELLER, iban="FR7630006000011234567890189", bic="BNPAFRPP")


@needs_pdftotext
def test_the_iban_is_printed_in_groups_of_four_with_the_bic():
    data = render_invoice_pdf(make_document(seller=BANKED))

    for text in (pdftotext_text(data), text_of(data)):
        assert "IBAN: FR76 3000 6000 0112 3456 7890 189" in text
        assert "BIC: BNPAFRPP" in text


def test_an_iban_without_a_bic_and_in_french():
    data = render_invoice_pdf(make_document(seller=dataclasses.replace(BANKED, bic=None)),
                              locale="fr")

    text = text_of(data)
    assert "FR76 3000 6000 0112 3456 7890 189" in text and "BIC" not in text


def test_a_seller_without_a_bank_account_prints_none():
    assert "IBAN" not in text_of(render_invoice_pdf(make_document()))
