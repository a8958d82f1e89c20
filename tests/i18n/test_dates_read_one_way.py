"""Every date a person reads is written one way, its month a word (#17 trial: an English reader
of a German company saw "11/1/26" in the invoice list: 1 Nov or 11 Jan?). store.i18n.dates is
that one way; the screens' helpers (tui.formatting.day, which the invoice lists' cells use: the
Billing tab's list and `show invoices`, #17) and the PDFs use it."""

from __future__ import annotations

import io
import re
from datetime import date

import store.invoicing.invoices
from store.documents.pdf import render_invoice_pdf
from store.i18n.dates import day_span, day_text
from tui.formatting import day

NUMERIC = re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b")


def test_the_first_of_november_reads_as_november_in_every_language():
    first = date(2026, 11, 1)
    assert [day(first, "en"), day_text(first, "en")] == ["Nov 1, 2026"] * 2
    assert day(first, "fr_FR") == "1 nov. 2026"
    # The invoice lists too, at 80 columns (#17: the Billing tab wrote 2026-11-01 where `show
    # invoices` wrote Nov 1, 2026): tests/tui/test_invoice_dates_one_way.py.
    assert day_text(None) == "—"
    assert day_span(date(2026, 11, 15), date(2026, 11, 30), "fr_FR") == "15–30 nov. 2026"


def test_a_german_company_s_pdf_writes_no_numeric_date(demo, as_):
    doc = store.invoicing.invoices.invoice_document(as_("billing@mycompany.example"),
        demo["nordwind"],
                                          "INV-000002-0014")
    from pypdf import PdfReader

    for locale in ("en", "fr_FR", "de_DE"):
        text = "".join(page.extract_text() for page in PdfReader(
            io.BytesIO(render_invoice_pdf(doc, locale=locale))).pages)
        assert not NUMERIC.search(text), (locale, NUMERIC.findall(text))
    assert "Nov 1, 2026" in text  # de_DE: German documents are in English (no catalogue)
