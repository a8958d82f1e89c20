"""Invoice PDFs: what they show, hostile text drawn literally, and saving without overwriting."""

from __future__ import annotations

import io
import os
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from store.documents import pdf as pdf_module
from store.documents.pdf import InvoiceDocument, InvoiceLineDoc, render_invoice_pdf, save_new_file
from store.errors import InvalidInput, StorageError

DEJAVU = pdf_module.FONT_DIR / "DejaVuSans.ttf"
needs_dejavu = pytest.mark.skipif(not DEJAVU.is_file(), reason=f"{DEJAVU} is not installed")


def make_document(**changes) -> InvoiceDocument:
    fields = {
        "number": "INV-2024-0042",
        "kind": "invoice",
        "issued_on": date(2024, 3, 1),
        "period_start": date(2024, 2, 1),
        "period_end": date(2024, 2, 29),
        "currency": "EUR",
        "status": "paid",
        "lines": [
            InvoiceLineDoc(
                description="Business plan",
                quantity=1,
                unit=Decimal("20000.00"),
                amount=Decimal("20000.00"),
            ),
            InvoiceLineDoc(
                description="Extra users",
                quantity=13,
                unit=Decimal("400.00"),
                amount=Decimal("5200.00"),
            ),
            InvoiceLineDoc(
                description="Call recording",
                quantity=2,
                unit=Decimal("0.50"),
                amount=Decimal("1.00"),
            ),
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
    }
    fields.update(changes)
    return InvoiceDocument(**fields)


def text_of(data: bytes) -> str:
    """The PDF's text with every run of whitespace (narrow no-break spaces too) made one space."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_r12_invoice_shows_number_company_vat_amounts_and_status():
    text = text_of(render_invoice_pdf(make_document()))

    for expected in (
        "Invoice",
        "INV-2024-0042",
        "Nordwind Logistik GmbH",
        "VAT: DE136695976",
        "Germany",
        "10117 Berlin",
        "Paid",
        "Mar 1, 2024",
        "Feb 1, 2024",
        "Feb 29, 2024",
        "Business plan",
        "Call recording",
        "€20,000.00",
        "€5,200.00",
        "€0.50",
        "€1.00",
        "€25,200.00",
        "Tax (19%)",
        "€4,788.00",
        "€29,988.00",
    ):
        assert expected in text


def test_r12_french_locale_formats_money_dates_and_country_the_french_way():
    text = text_of(render_invoice_pdf(make_document(), locale="fr"))

    for expected in (
        "25 200,00 €",
        "4 788,00 €",
        "29 988,00 €",
        "1 mars 2024",
        "Allemagne",
        "TVA (19 %)",
    ):
        assert expected in text
    assert "€25,200.00" not in text


def test_r12_credit_note_has_its_own_title_and_status():
    text = text_of(render_invoice_pdf(make_document(kind="credit_note", status="applied")))

    assert "Credit note" in text
    assert "Applied" in text


def test_r12_same_invoice_gives_same_bytes_with_number_as_title():
    first = render_invoice_pdf(make_document())

    assert render_invoice_pdf(make_document()) == first
    metadata = PdfReader(io.BytesIO(first)).metadata
    assert metadata.title == "INV-2024-0042"
    assert metadata.creation_date == datetime(2024, 3, 1, tzinfo=UTC)


def test_hostile_company_name_is_drawn_literally_without_control_characters():
    name = "[bold]ACME [EU] GmbH\x1b[31m\u202eevil"
    data = render_invoice_pdf(make_document(company_name=name, bill_to_line2="*not bold* <b>x</b>"))
    text = text_of(data)

    assert "[bold]ACME [EU] GmbH[31mevil" in text
    assert "*not bold* <b>x</b>" in text
    assert "\x1b" not in text and "\u202e" not in text


def test_ten_thousand_character_name_is_cut_and_stays_on_one_page():
    data = render_invoice_pdf(make_document(company_name="W" * 10_000, bill_to_line1="a " * 5000))

    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert "…" in text_of(data)


@needs_dejavu
def test_unicode_names_render_with_dejavu():
    text = text_of(render_invoice_pdf(make_document(company_name="Ωmega Связь Zürich")))

    assert "Ωmega Связь Zürich" in text


@needs_dejavu
def test_chinese_name_renders_or_shows_visible_placeholders():
    text = text_of(render_invoice_pdf(make_document(company_name="北京电信有限公司 Ltd")))

    if any(path.is_file() for path in pdf_module.CJK_FONTS):
        assert "北京电信有限公司 Ltd" in text
    else:
        # DejaVu has no Chinese glyphs: a visible "?" beats a name that silently vanishes.
        assert "???????? Ltd" in text


def test_without_dejavu_helvetica_keeps_euro_and_replaces_what_it_cannot_draw(
    monkeypatch, tmp_path
):
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path / "no-fonts")
    monkeypatch.setattr(pdf_module, "CJK_FONTS", ())
    document = make_document(company_name="Связь [EU] Zürich\x1b")

    english = text_of(render_invoice_pdf(document))
    french = text_of(render_invoice_pdf(document, locale="fr"))

    assert "€25,200.00" in english
    assert "????? [EU] Zürich" in english
    assert "25 200,00 €" in french


def test_r12_save_never_overwrites(tmp_path):
    first = save_new_file(tmp_path, "INV-1.pdf", b"one")
    second = save_new_file(tmp_path, "INV-1.pdf", b"two")
    third = save_new_file(tmp_path, "INV-1.pdf", b"three")

    assert first == tmp_path / "INV-1.pdf"
    assert second == tmp_path / "INV-1 (1).pdf"
    assert third == tmp_path / "INV-1 (2).pdf"
    assert first.read_bytes() == b"one"
    assert second.read_bytes() == b"two"


def test_r12_saved_file_is_private(tmp_path):
    path = save_new_file(tmp_path, "INV-1.pdf", b"x")

    assert os.stat(path).st_mode & 0o777 == 0o600


def test_r12_save_does_not_follow_a_symlink_planted_at_the_name(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    (tmp_path / "INV-1.pdf").symlink_to(victim)
    (tmp_path / "INV-1 (1).pdf").symlink_to(tmp_path / "does-not-exist")

    path = save_new_file(tmp_path, "INV-1.pdf", b"pdf")

    assert path == tmp_path / "INV-1 (2).pdf"
    assert path.read_bytes() == b"pdf"
    assert victim.read_bytes() == b"precious"
    assert not (tmp_path / "does-not-exist").exists()


@pytest.mark.parametrize(
    "name",
    [
        "../x.pdf",
        "a/b.pdf",
        "a\\b.pdf",
        ".",
        "..",
        ".hidden.pdf",
        "",
        "bad\x00.pdf",
        "esc\x1b.pdf",
        "new\nline.pdf",
    ],
)
def test_r12_save_refuses_names_that_are_not_plain_file_names(tmp_path, name):
    with pytest.raises(InvalidInput) as refusal:
        save_new_file(tmp_path, name, b"x")

    assert "number" in refusal.value.errors
    assert list(tmp_path.iterdir()) == []


def test_r12_save_needs_an_existing_folder(tmp_path):
    with pytest.raises(StorageError, match="not an existing folder"):
        save_new_file(tmp_path / "missing", "INV-1.pdf", b"x")
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(StorageError, match="not an existing folder"):
        save_new_file(tmp_path / "file", "INV-1.pdf", b"x")
