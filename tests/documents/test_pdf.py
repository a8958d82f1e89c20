"""Invoice PDFs: what they show, hostile text drawn literally, and saving without overwriting."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from store.documents.pdf import render_invoice_pdf, save_new_file
from store.errors import InvalidInput, StorageError
from tests.documents.factories import make_document, text_of


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
