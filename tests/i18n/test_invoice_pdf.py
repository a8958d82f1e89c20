"""Invoice PDFs in French: French words, numbers as Babel writes them in French (a narrow
no-break space between thousands, a no-break space before €), French dates and country; in the
company's document locale unless the person asked for a language."""

from __future__ import annotations

import io
import re

import pytest
from babel.numbers import format_currency
from pypdf import PdfReader

import store
import store.i18n
import store.invoicing.invoices
import store.people.access
from store.documents.pdf import render_invoice_pdf
from store.money import from_minor
from store.persistence.models import Company, Invoice
from tests.documents.factories import make_document

JONAS = "jonas@nordwind.de"
NUMBER = "INV-000002-0014"


def text_of(data: bytes) -> str:
    """The PDF's text as pypdf reads it: the spaces as drawn, no-break ones included."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_invoice_in_french_has_french_words_numbers_and_dates():
    text = text_of(render_invoice_pdf(make_document(), locale="fr"))

    for expected in (
        "Facture", "Numéro INV-2024-0042", "Date d'émission 1 mars 2024",
        "Période 1 févr. 2024 – 29 févr. 2024", "Statut Payée", "FACTURER À", "Allemagne",
        "Description Qté Prix unitaire Montant", "20\u202f000,00 €",
        "Sous-total 25\u202f200,00\xa0€", "TVA (19\xa0%) 4\u202f788,00\xa0€",
        "Total 29\u202f988,00\xa0€", "TVA\xa0: FR11123456782", "page 1 sur 1",
    ):
        assert expected in text
    assert re.search(r"TVA\s:\sDE136695976", text)  # the buyer's VAT number under the address
    for english in ("Invoice", "Bill to", "Subtotal", "Tax (", "Germany", "Mar 1", "€2"):
        assert english not in text


def test_credit_note_in_french():
    text = text_of(render_invoice_pdf(make_document(kind="credit_note", status="applied"),
                                      locale="fr_FR"))

    assert "Avoir" in text and "Statut Imputé" in text


def test_french_pdf_whatever_language_the_screens_are_in():
    # The screens are in English here; the document is in its own language.
    assert store.i18n._("Invoice") == "Invoice"

    assert "Facture" in text_of(render_invoice_pdf(make_document(), locale="fr"))
    assert store.i18n._("Invoice") == "Invoice"


def stored_total(locale: str) -> str:
    """The demo invoice's total as Babel writes it in `locale` (the demo's arithmetic is the
    billing run's, not this test's)."""
    invoice = Invoice.get(Invoice.number == NUMBER)
    return format_currency(from_minor(invoice.total_minor, invoice.currency), invoice.currency,
                           locale=locale)


@pytest.fixture
def nordwind_in_french(demo):
    """Nordwind's documents in French (its document locale is German in the demo)."""
    Company.update(locale="fr").where(Company.id == demo["nordwind"]).execute()
    return demo["nordwind"]


def test_download_is_in_the_company_s_document_locale(nordwind_in_french, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the screens' language does not choose invoices
    path = store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
        nordwind_in_french,
                                           NUMBER, tmp_path)

    text = text_of(path.read_bytes())
    assert "Facture" in text and stored_total("fr") in text and "1 nov. 2026" in text
    # Lines are stored in English (catalogue names) and drawn in the document's language.
    # Each line names the month it covers (store.plans.proration.with_period, #17).
    assert "Licences utilisateurs, novembre 2026 40" in text
    assert "Europe illimitée, novembre 2026 1" in text


def test_mycompany_lang_does_not_choose_the_invoice_s_language(nordwind_in_french, tmp_path,
                                                                monkeypatch):
    """#17: an issued invoice is one document, in the company's document language, whatever the
    reader's MYCOMPANY_LANG (or --lang) says."""
    jonas = store.people.access.resolve_actor(JONAS)
    monkeypatch.setenv("MYCOMPANY_LANG", "en")
    text = text_of(store.invoicing.invoices.download_invoice(jonas, nordwind_in_french, NUMBER,
                                                   tmp_path).read_bytes())

    assert "Facture" in text and stored_total("fr") in text and "Nov 1, 2026" not in text


def test_a_document_locale_without_a_catalogue_is_english_throughout(demo, tmp_path):
    # Nordwind's locale is German: English words, and English numbers to match them.
    path = store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                           NUMBER, tmp_path)

    text = text_of(path.read_bytes())
    assert "Invoice" in text and stored_total("en") in text and "Germany" in text
    assert "User licences, November 2026 40" in text
    assert "Europe unlimited, November 2026 1" in text


def test_a_french_pdf_of_an_invoice_issued_in_english_says_its_mention_in_french(demo, as_):
    """#17 trial: the mention kept at issue in the company's language printed in English on a
    French PDF; the PDF says its rule's mention in the document's language."""
    import io

    from pypdf import PdfReader

    import store.invoicing.invoices

    Company.update(locale="fr").where(Company.id == demo["nordwind"]).execute()  # after issue
    data = store.invoicing.invoices.invoice_pdf(as_("jonas@nordwind.de"), demo["nordwind"],
                                      "INV-000002-0013")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Autoliquidation" in " ".join(text.split()) and "Reverse charge" not in text
