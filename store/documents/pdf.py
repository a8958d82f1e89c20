"""Invoice PDFs drawn from the stored invoice, and saving them without overwriting a file."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from store.addresses import ADDRESS_PARTS, address_lines
from store.errors import FileFailure, InvalidInput
from store.forms.unsafe import UNSAFE
from store.i18n import _, gettext_for

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# DejaVu has no Chinese, Japanese or Korean glyphs; one of these fills the gap when installed.
CJK_FONTS = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)

# Control characters could smuggle terminal escapes or break the PDF text operators, and bidi
# overrides could make an address read differently from what is stored.
_WHITESPACE_CONTROLS = re.compile(r"[\t\n\v\f\r\u0085\u2028\u2029]")
_FIELD_LIMIT = 200  # the longest stored field; anything longer is cut with an ellipsis

_PAGE_MARGIN = 18
_GREY = 100
_LIGHT = 235


class InvoiceLineDoc(BaseModel):
    """One line of the document: what, how many, unit price, amount."""

    description: str
    quantity: int
    unit: Decimal
    amount: Decimal


class InvoiceDocument(BaseModel):
    """Everything an invoice PDF shows, as it was when the invoice was issued."""

    number: str
    kind: Literal["invoice", "credit_note"]
    issued_on: date
    period_start: date
    period_end: date
    currency: str
    status: str
    lines: list[InvoiceLineDoc]
    subtotal: Decimal
    tax_rate: Decimal  # percent: Decimal("19") is 19 %
    tax: Decimal
    total: Decimal
    company_name: str
    bill_to_line1: str
    bill_to_line2: str | None = None
    bill_to_postal_code: str | None = None
    bill_to_city: str
    bill_to_state: str | None = None
    bill_to_country: str  # ISO 3166-1 alpha-2
    bill_to_vat_number: str | None = None
    vendor_name: str = "mycompany Telephony SAS"
    vendor_address: list[str] = Field(
        default_factory=lambda: ["18 rue de Londres", "75009 Paris", "France"]
    )
    vendor_vat: str = "FR40303265045"


def _clean(text: str, limit: int = _FIELD_LIMIT) -> str:
    """`text` safe to draw literally: one line, no control or bidi-override characters, cut."""
    text = UNSAFE.sub("", _WHITESPACE_CONTROLS.sub(" ", text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_invoice_pdf(doc: InvoiceDocument, *, locale: str = "en") -> bytes:
    """The invoice or credit note as an A4 PDF, in the language of `locale`, with money, dates
    and the country written for it (whatever language the screens are in)."""
    from babel.dates import format_date
    from babel.numbers import format_currency, format_decimal, format_percent
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    _ = gettext_for(locale)  # this document's language, not the screens'

    def money(amount: Decimal) -> str:
        return format_currency(amount, doc.currency, locale=locale)

    def day(d: date) -> str:
        return format_date(d, format="medium", locale=locale)

    class InvoicePDF(FPDF):
        def footer(self) -> None:
            # Every page says whose and which document it is, should the pages get separated.
            self.set_y(-12)
            self.set_font(family, "", 7.5)
            self.set_text_color(_GREY)
            vendor = f"{doc.vendor_name} · " + _("VAT: {number}").format(number=doc.vendor_vat)
            page = _("{number} · page {page} of {pages}").format(
                number=doc.number, page=self.page_no(), pages="{nb}"
            )
            self.cell(self.epw / 2, 4, pen(vendor), markdown=False)
            self.cell(self.epw / 2, 4, pen(page), align="R", markdown=False)

    pdf = InvoicePDF(format="A4")
    family, pen = _set_up_fonts(pdf)
    pdf.set_margins(_PAGE_MARGIN, _PAGE_MARGIN)
    pdf.set_auto_page_break(True, margin=_PAGE_MARGIN)
    pdf.set_title(pen(doc.number))
    pdf.set_author(pen(doc.vendor_name))
    pdf.set_creator("mycompany")
    pdf.set_lang(locale.replace("_", "-"))
    # A fixed date makes the same invoice give the same bytes every time it is downloaded.
    pdf.set_creation_date(datetime.combine(doc.issued_on, time(), tzinfo=UTC))
    pdf.add_page()

    def write(texts: list[str], width: float, height: float, align: str = "L") -> None:
        x = pdf.get_x()
        for text in texts:
            pdf.set_x(x)
            pdf.multi_cell(
                width, height, pen(text), align=align, markdown=False, new_x="LEFT", new_y="NEXT"
            )

    # Band 1: who sends it (left), what it is (right).
    half = pdf.epw / 2
    top = pdf.get_y()
    pdf.set_font(family, "B", 13)
    write([doc.vendor_name], half, 6.5)
    pdf.set_font(family, "", 9)
    pdf.set_text_color(_GREY)
    write([*doc.vendor_address, _("VAT: {number}").format(number=doc.vendor_vat)], half, 4.5)
    left_bottom = pdf.get_y()

    title = _("Credit note") if doc.kind == "credit_note" else _("Invoice")
    pdf.set_xy(pdf.l_margin + half, top)
    pdf.set_text_color(0)
    pdf.set_font(family, "B", 22)
    write([title], half, 10, align="R")
    pdf.ln(2)
    statuses = {"open": _("Open"), "paid": _("Paid"), "applied": _("Applied")}
    facts = [
        (_("Number"), doc.number),
        (_("Issue date"), day(doc.issued_on)),
        (_("Period"), f"{day(doc.period_start)} – {day(doc.period_end)}"),
        (_("Status"), statuses.get(doc.status.lower(), doc.status)),
    ]
    for label, value in facts:
        pdf.set_x(pdf.l_margin + half)
        pdf.set_font(family, "", 9)
        pdf.set_text_color(_GREY)
        pdf.cell(28, 5, pen(label), align="R", markdown=False)
        pdf.set_font(family, "B", 9)
        pdf.set_text_color(0)
        pdf.multi_cell(
            half - 28, 5, pen(value), align="R", markdown=False, new_x="LMARGIN", new_y="NEXT"
        )
    pdf.set_y(max(left_bottom, pdf.get_y()) + 10)

    # Band 2: who pays.
    # Laid out by the buyer's country's format (store.addresses, as the screens show it).
    address = address_lines({name: getattr(doc, f"bill_to_{name}") for name in ADDRESS_PARTS},
                            locale)
    if doc.bill_to_vat_number:
        address.append(_("VAT: {number}").format(number=doc.bill_to_vat_number))
    pdf.set_font(family, "B", 8)
    pdf.set_text_color(_GREY)
    write([_("Bill to").upper()], half, 5)
    pdf.set_text_color(0)
    pdf.set_font(family, "B", 10)
    write([doc.company_name], pdf.epw * 0.6, 5.5)
    pdf.set_font(family, "", 10)
    write([part for part in address if part], pdf.epw * 0.6, 5)
    pdf.ln(10)

    # Band 3: the lines; fpdf2 wraps long descriptions and repeats the headings on a new page.
    pdf.set_font(family, "", 9.5)
    pdf.set_draw_color(200)
    with pdf.table(
        col_widths=(96, 18, 30, 30),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", fill_color=_LIGHT),
        line_height=5,
        padding=(2, 2),
        markdown=False,
    ) as table:
        table.row([pen(_("Description")), pen(_("Qty")), pen(_("Unit price")), pen(_("Amount"))])
        for line in doc.lines:
            table.row(
                [
                    # Catalogue names and the usual line names are stored in English (N_).
                    pen(_(line.description) if line.description else ""),
                    pen(format_decimal(line.quantity, locale=locale)),
                    pen(money(line.unit)),
                    pen(money(line.amount)),
                ]
            )
    pdf.ln(4)

    # Band 4: totals, right-aligned under the amount column.
    rate = format_percent(doc.tax_rate / 100, locale=locale, decimal_quantization=False)
    totals = [
        (_("Subtotal"), money(doc.subtotal), ""),
        (_("Tax ({rate})").format(rate=rate), money(doc.tax), ""),
        (_("Total"), money(doc.total), "B"),
    ]
    label_width, value_width = 50, 40
    for label, value, style in totals:
        if style:
            pdf.set_draw_color(0)
            x = pdf.l_margin + pdf.epw - label_width - value_width
            pdf.line(x, pdf.get_y() + 1, pdf.l_margin + pdf.epw, pdf.get_y() + 1)
            pdf.ln(2)
        pdf.set_x(pdf.l_margin + pdf.epw - label_width - value_width)
        pdf.set_font(family, style, 11 if style else 9.5)
        pdf.cell(label_width, 6.5, pen(label), markdown=False)
        pdf.cell(
            value_width, 6.5, pen(value), align="R", markdown=False, new_x="LMARGIN", new_y="NEXT"
        )

    return bytes(pdf.output())


def _set_up_fonts(pdf: FPDF) -> tuple[str, Callable[[str], str]]:
    """Load the best font available; return its family and a function making text drawable."""
    from fpdf.fonts import TTFFont

    def characters(font_name: str) -> set[int]:
        """The code points a font added from a .ttf file can draw."""
        font = pdf.fonts[font_name]
        assert isinstance(font, TTFFont)  # every font added here is a TrueType file
        return set(font.cmap)

    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font("dejavu", "", regular)
        pdf.add_font("dejavu", "B", bold)
        drawable = characters("dejavu") & characters("dejavuB")
        cjk_fonts = [path for path in CJK_FONTS if path.is_file()][:1]

        def pen(text: str) -> str:
            nonlocal drawable
            text = _clean(text)
            # A CJK font takes a third of a second to load: only when a text needs it.
            if cjk_fonts and not drawable.issuperset(map(ord, text)):
                pdf.add_font("cjk", "", cjk_fonts.pop())
                pdf.set_fallback_fonts(["cjk"], exact_match=False)
                drawable = drawable | characters("cjk")
            # fpdf2 silently drops glyphs the font lacks; a visible "?" tells the reader.
            return "".join(c if ord(c) in drawable else "?" for c in text)

        return "dejavu", pen

    # Helvetica only knows Windows-1252, which still has "€", "…" and "–".
    pdf.core_fonts_encoding = "windows-1252"

    def pen_1252(text: str) -> str:
        text = _clean(text).replace("\u202f", "\xa0")
        return text.encode("windows-1252", errors="replace").decode("windows-1252")

    return "helvetica", pen_1252


def save_new_file(folder: Path, filename: str, data: bytes) -> Path:
    """Write `data` to a new file in `folder`, adding " (1)", " (2)"... rather than overwriting."""
    if (
        not filename
        or filename.startswith(".")
        or "/" in filename
        or "\\" in filename
        or UNSAFE.search(filename)
        or _WHITESPACE_CONTROLS.search(filename)
        or len(filename.encode("utf-8", "surrogatepass")) > 200
    ):
        raise InvalidInput(
            {
                "number": _(
                    "This invoice number cannot be used as a file name; it must be a plain name "
                    "such as INV-2024-0001.pdf, without folders or control characters."
                )
            }
        )
    folder = Path(folder)
    if not folder.is_dir():
        raise FileFailure(
            _("Cannot save the file: {folder} is not an existing folder.").format(folder=folder)
        )
    stem, suffix = os.path.splitext(filename)
    # O_EXCL refuses any existing name, symbolic links (even dangling ones) included, so the
    # write never lands on someone else's file; O_NOFOLLOW guards platforms lax about O_EXCL.
    flags = (
        os.O_CREAT
        | os.O_EXCL
        | os.O_WRONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    for attempt in range(1000):
        path = folder / (filename if attempt == 0 else f"{stem} ({attempt}){suffix}")
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as error:
            raise FileFailure(
                _("Cannot save {path}: {reason}.").format(path=path, reason=error.strerror)
            ) from error
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
        except OSError as error:
            path.unlink(missing_ok=True)
            raise FileFailure(
                _("Cannot save {path}: {reason}.").format(path=path, reason=error.strerror)
            ) from error
        return path
    raise FileFailure(
        _("Cannot save the file: {folder} already holds too many copies of {name}.").format(
            folder=folder, name=filename
        )
    )
