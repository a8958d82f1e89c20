"""Every script a customer may write is legible on a default install (#17): fonts from pip,
right-to-left lines in the order a reader reads them, a visible "?" for what no font draws.

Text is read back with pypdf (`text_of`), poppler's pdftotext (`pdftotext_text`) and, for whole
right-to-left lines, as a PDF reader copies them, with PDFium (`reader_text`): pypdf and poppler
put each right-to-left run in logical order but leave a number or a Latin word where it was drawn
("12 רחוב הרצל" for "רחוב הרצל 12"), PDFium reorders the line."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from store.documents.pdf import render_invoice_pdf
from tests.documents.factories import (
    make_document,
    needs_pdftotext,
    pdftotext_text,
    reader_text,
    text_of,
)


def embedded_fonts(data: bytes) -> set[str]:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return {str(font.get_object()["/BaseFont"]).split("+")[-1]
            for font in page["/Resources"]["/Font"].values()}


@pytest.mark.parametrize("name", ["Ωmega Τηλεπικοινωνίες ΑΕ", "ООО Связь Zürich",
                                  "Ελληνική Εταιρεία"])
def test_greek_and_cyrillic_names_read_as_typed(name):
    assert name in text_of(render_invoice_pdf(make_document(company_name=name)))


@pytest.mark.parametrize(("name", "country"), [
    ("北京电信有限公司", "CN"), ("株式会社東京通信", "JP"), ("서울텔레콤 주식회사", "KR"),
    ("台灣電信股份有限公司", "TW"),
])
def test_chinese_japanese_and_korean_names_read_as_typed(name, country):
    data = render_invoice_pdf(make_document(company_name=name, bill_to_country=country,
                                            bill_to_vat_number=None))

    assert name in text_of(data) and name in reader_text(data)
    assert "NotoSansCJK" + {"CN": "SC", "JP": "JP", "KR": "KR", "TW": "TC"}[country] in \
        embedded_fonts(data)


def test_a_chinese_name_on_a_french_invoice_keeps_french_number_spacing():
    data = render_invoice_pdf(make_document(company_name="北京电信有限公司"), locale="fr")

    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "北京电信有限公司" in text and "25\u202f200,00\xa0€" in text


def test_a_latin_invoice_does_not_carry_the_cjk_font():
    data = render_invoice_pdf(make_document())

    assert embedded_fonts(data) <= {"FiraGO", "FiraGOBold", "NotoSans"}
    assert len(data) < 60_000  # subset fonts: tens of kilobytes, not megabytes


def test_a_hebrew_name_and_street_read_right_to_left_with_the_number_where_a_reader_expects():
    data = render_invoice_pdf(make_document(company_name='שלום תקשורת בע"מ',
                                            bill_to_line1="רחוב הרצל 12", bill_to_city="תל אביב",
                                            bill_to_postal_code="6100000", bill_to_country="IL",
                                            bill_to_vat_number=None))

    # pypdf reorders each right-to-left run on its own: the name, with no digits, reads as typed.
    assert 'שלום תקשורת בע"מ' in text_of(data)
    # A reader copies the whole line in logical order: the house number after the street.
    assert "רחוב הרצל 12" in reader_text(data)


def test_an_arabic_name_and_street_read_as_typed():
    data = render_invoice_pdf(make_document(company_name="شركة النور للتجارة",
                                            bill_to_line1="شارع التحرير 15", bill_to_city="دبي",
                                            bill_to_postal_code=None, bill_to_country="AE",
                                            bill_to_vat_number=None))

    assert "شركة النور للتجارة" in text_of(data)
    assert "شركة النور للتجارة" in reader_text(data)
    assert "شارع التحرير 15" in reader_text(data)


def test_a_character_no_font_has_shows_as_a_visible_question_mark():
    text = text_of(render_invoice_pdf(make_document(company_name="ሰላም Ethiopia PLC")))

    assert "??? Ethiopia PLC" in text


def test_fonts_come_from_the_installed_packages_not_the_system():
    data = render_invoice_pdf(make_document(company_name="Ωmega 北京 שלום"))

    fonts = embedded_fonts(data)
    assert {"FiraGO", "FiraGOBold", "NotoSansCJKSC"} <= fonts
    assert fonts <= {"FiraGO", "FiraGOBold", "NotoSansCJKSC", "NotoSans"}


def test_fonts_are_written_again_when_the_temporary_folder_was_cleaned():
    from store.documents.fonts import latin_fonts

    chinese = make_document(company_name="北京电信有限公司")
    render_invoice_pdf(chinese)
    shutil.rmtree(latin_fonts()[0].parent)  # as a tmp cleaner would, under a long-running server

    assert "Nordwind Logistik GmbH" in text_of(render_invoice_pdf(make_document()))
    assert "北京电信有限公司" in text_of(render_invoice_pdf(chinese))


NAMES = [  # (name, country): every script a customer may write, as pdftotext reads it
    ('שלום תקשורת בע"מ', "IL"), ("שירותי תקשורת מתקדמים", "IL"),
    ("شركة السلام للاتصالات", "AE"),  # lam-alef twice: "السلام", "للاتصالات"
    ("مؤسسة الأمل والإخلاص", "SA"),  # lam-alef with hamza
    ("北京电信有限公司", "CN"), ("Ωmega Τηλεπικοινωνίες ΑΕ", "GR"), ("ООО Связь Сибирь", "RU"),
]


@needs_pdftotext
@pytest.mark.parametrize(("name", "country"), NAMES)
def test_a_company_name_reads_as_typed_in_pdftotext_pypdf_and_a_reader(name, country):
    data = render_invoice_pdf(make_document(company_name=name, bill_to_country=country,
                                            bill_to_vat_number=None))

    assert name in pdftotext_text(data)
    assert name in text_of(data)
    assert name in reader_text(data)


@needs_pdftotext
def test_pdftotext_adds_nothing_inside_a_right_to_left_name_but_its_own_embedding():
    name = "شركة السلام للاتصالات"
    data = render_invoice_pdf(make_document(company_name=name, bill_to_country="AE",
                                            bill_to_vat_number=None))

    # poppler wraps the run in RLE ... PDF (U+202B, U+202C); the name inside is whole.
    assert "\u202b" + name + "\u202c" in pdftotext_text(data, keep_embeddings=True)


def test_a_lam_alef_ligature_is_drawn_as_before_only_read_back_differently(monkeypatch):
    import pypdfium2

    import store.documents.fonts

    def page_image(data: bytes) -> bytes:
        document = pypdfium2.PdfDocument(data)
        try:
            return document[0].render(scale=2).to_pil().tobytes()
        finally:
            document.close()

    document = make_document(company_name="شركة السلام للاتصالات", bill_to_country="AE",
                             bill_to_line1="شارع الاستقلال 15", bill_to_vat_number=None)
    readable = render_invoice_pdf(document)
    monkeypatch.setattr(store.documents.fonts, "readable_right_to_left", lambda font: None)
    as_shaped = render_invoice_pdf(document)

    assert readable != as_shaped  # one code per character: the file differs...
    assert page_image(readable) == page_image(as_shaped)  # ...the page, to the pixel, does not
    assert "شركة السالم" in reader_text(as_shaped)  # what a reader copied before
