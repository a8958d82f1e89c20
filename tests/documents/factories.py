"""Invoice documents to print in tests, and the text of a PDF as pypdf and as a reader reads it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from store.documents.pdf import InvoiceDocument, InvoiceLineDoc
from store.invoicing.seller import SellerDetails

# The demo's seller (store/demo/data.py SELLER).
SELLER = SellerDetails(
    legal_name="MyCompany Téléphonie SAS", line1="42 rue de la Roquette", postal_code="75011",
    city="Paris", country="FR", vat_number="FR11123456782", registration="RCS Paris 123 456 782",
    legal_mentions="SAS au capital de 50 000 € – 42 rue de la Roquette, 75011 Paris. Pénalités "
                   "de retard : trois fois le taux d'intérêt légal ; indemnité forfaitaire pour "
                   "frais de recouvrement : 40 € (art. L441-10 du Code de commerce). Pas "
                   "d'escompte pour paiement anticipé.",
    payment_terms_days=0,
)


def make_document(**changes) -> InvoiceDocument:
    fields: dict[str, Any] = {
        "number": "INV-2024-0042",
        "kind": "invoice",
        "issued_on": date(2024, 3, 1),
        "period_start": date(2024, 2, 1),
        "period_end": date(2024, 2, 29),
        "currency": "EUR",
        "status": "paid",
        "lines": [
            InvoiceLineDoc(description="Business plan", quantity=1, unit=Decimal("20000.00"),
                           amount=Decimal("20000.00")),
            InvoiceLineDoc(description="Extra users", quantity=13, unit=Decimal("400.00"),
                           amount=Decimal("5200.00")),
            InvoiceLineDoc(description="Call recording", quantity=2, unit=Decimal("0.50"),
                           amount=Decimal("1.00")),
        ],
        "subtotal": Decimal("25200.00"),
        "tax_rate": Decimal(19),
        "tax": Decimal("4788.00"),
        "total": Decimal("29988.00"),
        "company_name": "Nordwind Logistik GmbH",
        "bill_to_line1": "Friedrichstraße 123",
        "bill_to_postal_code": "10117",
        "bill_to_city": "Berlin",
        "bill_to_country": "DE",
        "bill_to_vat_number": "DE136695976",
        "seller": SELLER,
    }
    fields.update(changes)
    return InvoiceDocument(**fields)


def text_of(data: bytes) -> str:
    """The PDF's text as pypdf reads it, every run of whitespace (narrow no-break spaces too)
    made one space."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def reader_text(data: bytes) -> str:
    """The PDF's text as a reader copies it (PDFium, Chrome's engine: right-to-left lines in
    logical order), every run of whitespace made one space."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return re.sub(r"\s+", " ", text)


# poppler wraps every right-to-left run of a left-to-right page in RIGHT-TO-LEFT EMBEDDING ...
# POP DIRECTIONAL FORMATTING (TextOutputDev.cc, reorderText): they are its own, not the PDF's.
POPPLER_EMBEDDINGS = re.compile("[\u202a\u202b\u202c]")
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext is missing: install poppler-utils (.ci/run does)")


def pdftotext_text(data: bytes, *, keep_embeddings: bool = False) -> str:
    """The PDF's text as `pdftotext` (poppler-utils) prints it, every run of whitespace made one
    space; without poppler's bidi embedding marks unless `keep_embeddings`."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True).stdout.decode()
    if not keep_embeddings:
        text = POPPLER_EMBEDDINGS.sub("", text)
    return re.sub(r"\s+", " ", text)
