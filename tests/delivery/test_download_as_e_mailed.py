"""An issued invoice is one document (#17, an accountant's trial: `--lang fr` or the French
screens downloaded a French PDF, "Facture", of an invoice whose e-mailed copy was English).
Whoever downloads it, in whatever language, gets the document its recipients were e-mailed: in
the company's document language (store.invoicing.invoices.document_language), the one the
e-mail is written in."""

from __future__ import annotations

import pytest

import store.invoicing.delivery
import store.invoicing.invoices
import store.people.access
from store.i18n import set_language
from store.persistence.models import Company
from tests.delivery.conftest import JONAS
from tests.delivery.test_delivery import pdf_text
from tests.i18n.test_invoice_pdf import text_of


@pytest.fixture
def french_reader(monkeypatch):
    """A person whose screens and command line are French (the TUI's --lang fr)."""
    monkeypatch.setenv("MYCOMPANY_LANG", "fr")
    set_language("fr")
    yield
    set_language("en")


def e_mailed(mailbox, billing) -> str:
    store.invoicing.delivery.send_queued(billing)
    return pdf_text(mailbox.to(JONAS)[0])


def downloaded(queued, tmp_path) -> str:
    jonas = store.people.access.resolve_actor(JONAS)
    path = store.invoicing.invoices.download_invoice(jonas, queued.company_id, queued.number,
                                                     tmp_path)
    by_pipe = store.invoicing.invoices.invoice_pdf(jonas, queued.company_id, queued.number)
    assert text_of(by_pipe) == text_of(path.read_bytes())  # `--out -` the same document
    return text_of(path.read_bytes())


def test_a_french_reader_downloads_the_english_invoice_that_was_e_mailed(
        mailbox, queued, billing, french_reader, tmp_path):
    # Nordwind's document locale is German, which has no catalogue: English documents.
    sent, got = e_mailed(mailbox, billing), downloaded(queued, tmp_path)
    assert "Invoice" in sent and "Facture" not in sent
    assert "Invoice" in got and "Facture" not in got
    assert store.invoicing.invoices.document_language(queued.company_id) == "en"


def test_an_english_reader_downloads_the_french_invoice_that_was_e_mailed(
        mailbox, queued, billing, monkeypatch, tmp_path):
    Company.update(locale="fr").where(Company.id == queued.company_id).execute()
    monkeypatch.setenv("MYCOMPANY_LANG", "en")
    sent, got = e_mailed(mailbox, billing), downloaded(queued, tmp_path)
    assert "Facture" in sent and "Facture" in got and "Invoice " not in got
