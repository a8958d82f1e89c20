"""Invoice PDFs drawn from the stored invoice, and saving them without overwriting a file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from store.documents.fonts import FAMILY, WHITESPACE_CONTROLS, set_up_fonts
from store.errors import FileFailure, InvalidInput
from store.forms.unsafe import UNSAFE
from store.i18n import _, language_of, translation
from store.places.addresses import ADDRESS_PARTS, address_lines
from store.views import InvoiceRowView, View

if TYPE_CHECKING:
    from fpdf import FPDF

    from store.invoicing.seller import SellerDetails

# Paper by the buyer's country: US Letter where Unicode CLDR says people use it
# (supplementalData.xml, <paperSize type="US-Letter" territories="BZ CA CL CO CR GT MX NI PA PH
# PR SV US VE"/>), A4 everywhere else (CLDR's "001", the world).
LETTER_COUNTRIES = frozenset({"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR",
                              "SV", "US", "VE"})
# The rules of store.invoicing.tax are VAT rules: their tax line says "VAT". Invoices issued before
# the rule was stored (tax_rule "legacy") keep the neutral word.
VAT_RULES = frozenset({"domestic", "eu_reverse_charge", "eu_consumer", "outside_eu"})
_MENTIONS_LIMIT = 2000  # the seller's legal mentions are a paragraph, not a field

_PAGE_MARGIN = 18
_GREY = 100
_LIGHT = 235


def paper_for(country: str | None) -> Literal["A4", "Letter"]:
    """"Letter" for a buyer in a LETTER_COUNTRIES country (US, CA, MX…), else "A4"."""
    return "Letter" if (country or "").upper() in LETTER_COUNTRIES else "A4"


@dataclass(frozen=True, kw_only=True)
class InvoiceLineDoc(View):
    """One line of the document: what (written for the reader, in the document's language:
    store.invoicing.invoices.shown_lines), how many, unit price, amount."""

    description: str
    quantity: int
    unit: Decimal
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class InvoiceDocument(InvoiceRowView):
    """Everything an invoice PDF shows, as it was when the invoice was issued: the invoice as the
    Billing tab lists it (store.views.InvoiceRowView: number, kind, dates, currency, total, the
    status as shown, due and paid dates, `paid_with` as printed: "Visa •••• 4242"), and more.

    `tax_rule` is store.invoicing.tax's rule code ("legacy" before rules were stored) and
    `tax_mention` the mention as printed at issue; `seller` the seller's legal details
    (store.invoicing.seller).
    """

    lines: list[InvoiceLineDoc]
    subtotal: Decimal
    tax_rate: Decimal  # percent: Decimal("19") is 19 %
    tax: Decimal
    company_name: str
    bill_to_line1: str
    bill_to_line2: str | None = None
    bill_to_postal_code: str | None = None
    bill_to_city: str
    bill_to_state: str | None = None
    bill_to_country: str  # ISO 3166-1 alpha-2
    bill_to_vat_number: str | None = None
    seller: SellerDetails
    tax_rule: str = "legacy"
    tax_mention: str | None = None
    corrects: str | None = None  # a credit note's invoice number, and its issue date
    corrects_on: date | None = None
    reason: str | None = None  # why a credit note was issued (the billing team's, in History)
    credited: Decimal | None = None  # an invoice's credit notes: what they took off, tax in
    credit_notes: list[str] = field(default_factory=list)
    # What paid it, each with its amount: (paid_by, amount), store.invoicing.payment_parts (#17)
    payments: list[tuple[str, Decimal]] = field(default_factory=list)


def mention_in(rule: str, stored: str | None, seller_country: str, buyer_country: str,
               locale: str) -> str | None:
    """The invoice's tax mention in `locale`: its rule's (store.invoicing.tax.mention) for a rule
    the store knows, so that a French PDF of a German company's invoice says it in French (#17
    trial: the mention kept in the company's language printed in English); else the mention
    as stored at issue ("legacy" invoices)."""
    from store.invoicing.tax import MENTIONS, mention

    if rule in MENTIONS:
        return mention(rule, seller_country, buyer_country, locale) or None
    return stored


def render_invoice_pdf(doc: InvoiceDocument, *, locale: str = "en") -> bytes:
    """The invoice or credit note as a PDF on the buyer's country's paper (paper_for), in the
    language of `locale`, with money, dates and countries written for it (whatever language the
    screens are in); both addresses laid out by their country's postal format.

    A document with characters the Latin fonts lack is drawn twice: the first pass finds them,
    the second draws them with a Noto Sans CJK font made for exactly those characters
    (store.documents.fonts)."""
    pdf, missing = _draw(doc, locale, "")
    if missing:
        pdf, _missing = _draw(doc, locale, missing)
    return bytes(pdf.output())


def _draw(doc: InvoiceDocument, locale: str, cjk: str) -> tuple[FPDF, str]:
    """The document drawn, not yet output, and the characters no font it was given could draw
    (`cjk`: the characters to draw with Noto Sans CJK)."""
    from babel.numbers import format_currency, format_decimal, format_percent
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from store.i18n.dates import day_text
    from store.invoicing.invoice_states import state_words
    from store.invoicing.seller import iban_as_printed

    catalogue = translation(language_of(locale))
    _ = catalogue.gettext  # this document's language, not the screens'
    seller = doc.seller

    def money(amount: Decimal) -> str:
        return format_currency(amount, doc.currency, locale=locale)

    def day(d: date) -> str:  # the month a word: "Nov 1, 2026" (store.i18n.dates, #17)
        return day_text(d, locale)

    vat_line = _("VAT: {number}")

    class InvoicePDF(FPDF):
        def footer(self) -> None:
            # Every page says whose and which document it is, should the pages get separated.
            self.set_y(-12)
            self.set_font(family, "", 7.5)
            self.set_text_color(_GREY)
            vendor = f"{seller.legal_name} · " + vat_line.format(number=seller.vat_number)
            page = _("{number} · page {page} of {pages}").format(
                number=doc.number, page=self.page_no(), pages="{nb}"
            )
            self.cell(self.epw * 0.65, 4, pen(vendor), markdown=False)
            self.cell(self.epw * 0.35, 4, pen(page), align="R", markdown=False)

    pdf = InvoicePDF(format=paper_for(doc.bill_to_country))
    family = FAMILY
    pen = set_up_fonts(pdf, doc.bill_to_country, cjk)
    pdf.set_margins(_PAGE_MARGIN, _PAGE_MARGIN)
    pdf.set_auto_page_break(True, margin=_PAGE_MARGIN)
    pdf.set_title(pen(doc.number))
    pdf.set_author(pen(seller.legal_name))
    pdf.set_creator("mycompany")
    pdf.set_lang(locale.replace("_", "-"))
    # A fixed date makes the same invoice give the same bytes every time it is downloaded.
    pdf.set_creation_date(datetime.combine(doc.issued_on, time(), tzinfo=UTC))
    pdf.add_page()

    def write(texts: list[str], width: float, height: float, align: str = "L",
              limit: int | None = None) -> None:
        x = pdf.get_x()
        for text in texts:
            pdf.set_x(x)
            pdf.multi_cell(width, height, pen(text) if limit is None else pen(text, limit),
                           align=align, markdown=False, new_x="LEFT", new_y="NEXT")

    # Band 1: who sends it (left, by its country's postal format), what it is (right).
    half = pdf.epw / 2
    top = pdf.get_y()
    pdf.set_font(family, "B", 13)
    write([seller.legal_name], half - 4, 6.5)
    pdf.set_font(family, "", 9)
    pdf.set_text_color(_GREY)
    seller_lines = address_lines({name: getattr(seller, name) for name in ADDRESS_PARTS}, locale)
    seller_lines.append(vat_line.format(number=seller.vat_number))
    if seller.registration:
        seller_lines.append(seller.registration)
    # Where a customer pays by transfer, the IBAN in groups of four as people read and copy it.
    if seller.iban:
        seller_lines.append(_("IBAN: {iban}").format(iban=iban_as_printed(seller.iban)))
    if seller.bic:
        seller_lines.append(_("BIC: {bic}").format(bic=seller.bic))
    write(seller_lines, half - 4, 4.5)
    left_bottom = pdf.get_y()

    title = _("Credit note") if doc.kind == "credit_note" else _("Invoice")
    pdf.set_xy(pdf.l_margin + half, top)
    pdf.set_text_color(0)
    pdf.set_font(family, "B", 22)
    write([title], half, 10, align="R")
    pdf.ln(2)
    # The terms the invoice was issued under: its own due date says them; the seller's current
    # settings only for an invoice stored without one.
    days = (doc.due_on - doc.issued_on).days if doc.due_on else seller.payment_terms_days
    terms = (_("Due on receipt") if days <= 0 else catalogue.ngettext(
        "Net {days} day", "Net {days} days", days).format(days=days))
    # A credit note names the invoice it corrects and owes nothing: no due date, no terms.
    credit = doc.kind == "credit_note"
    facts = [
        (_("Number"), doc.number),
        (_("Issue date"), day(doc.issued_on)),
        *([(_("Corrects invoice"), f"{doc.corrects} ({day(doc.corrects_on)})"
            if doc.corrects_on else doc.corrects)] if credit and doc.corrects else []),
        *([(_("Due date"), day(doc.due_on))] if doc.due_on and not credit else []),
        (_("Period"), f"{day(doc.period_start)} – {day(doc.period_end)}"),
        # Worded as every surface words it, in this document's language (#17 trial: a credit
        # note left by a paid invoice printed "Open", read as owed)
        (_("Status"), state_words(doc.status.lower(), doc.kind, doc.deducted_from, _)),
        *([(catalogue.pgettext("amount", "Credited"), _("{amount} by {numbers}").format(
            amount=money(doc.credited), numbers=", ".join(doc.credit_notes)))]
          if doc.credited and not credit else []),
        *([] if credit else [(_("Payment terms"), terms)]),
    ]
    for label, value in facts:
        pdf.set_x(pdf.l_margin + half)
        pdf.set_font(family, "", 9)
        pdf.set_text_color(_GREY)
        pdf.cell(32, 5, pen(label), align="R", markdown=False)
        pdf.set_font(family, "B", 9)
        pdf.set_text_color(0)
        pdf.multi_cell(
            half - 32, 5, pen(value), align="R", markdown=False, new_x="LMARGIN", new_y="NEXT"
        )
    pdf.set_y(max(left_bottom, pdf.get_y()) + 10)

    # Band 2: who pays, laid out by the buyer's country's format (as the screens show it).
    address = address_lines({name: getattr(doc, f"bill_to_{name}") for name in ADDRESS_PARTS},
                            locale)
    if doc.bill_to_vat_number:
        address.append(vat_line.format(number=doc.bill_to_vat_number))
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
                    # As store.invoicing.invoices.shown_lines wrote it in the document's
                    # language: the one reading of an invoice's lines (#17).
                    pen(line.description),
                    pen(format_decimal(line.quantity, locale=locale)),
                    pen(money(line.unit)),
                    pen(money(line.amount)),
                ]
            )
    pdf.ln(4)

    # Band 4: totals, right-aligned under the amount column, kept on one page with the mention.
    if pdf.get_y() > pdf.page_break_trigger - 45:
        pdf.add_page()
    rate = format_percent(doc.tax_rate / 100, locale=locale, decimal_quantization=False)
    tax_label = _("VAT ({rate})") if doc.tax_rule in VAT_RULES else _("Tax ({rate})")
    totals = [
        (_("Subtotal"), money(doc.subtotal), ""),
        (tax_label.format(rate=rate), money(doc.tax), ""),
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

    # Band 5: the tax mention (reverse charge…), the payment, the seller's legal mentions.
    pdf.ln(4)
    if credit and doc.reason:
        pdf.set_font(family, "B", 9.5)
        write([_("Reason: {reason}").format(reason=doc.reason)], pdf.epw, 5,
              limit=_MENTIONS_LIMIT)
        pdf.ln(2)
    pdf.set_font(family, "", 9)
    said = mention_in(doc.tax_rule, doc.tax_mention, doc.seller.country, doc.bill_to_country,
                      locale)
    if said:
        write([said], pdf.epw, 4.5, limit=_MENTIONS_LIMIT)
    if doc.paid_on:
        paid = (_("Paid on {date} with {method}") if doc.paid_with else _("Paid on {date}"))
        pdf.ln(2)
        pdf.set_font(family, "B", 9.5)
        said_paid = paid.format(date=day(doc.paid_on), method=doc.paid_with or "")
        if len(doc.payments) > 1:  # each payment with its amount (#17 trial)
            said_paid = _("Paid on {date}: {payments}").format(
                date=day(doc.paid_on), payments=", ".join(
                    _("{amount} by {method}").format(amount=money(amount), method=paid_by)
                    for paid_by, amount in doc.payments))
        write([said_paid], pdf.epw, 5)
    if seller.legal_mentions:
        pdf.ln(8)
        pdf.set_font(family, "", 7.5)
        pdf.set_text_color(_GREY)
        write([seller.legal_mentions], pdf.epw, 3.6, limit=_MENTIONS_LIMIT)

    # The last page's footer is drawn by output(): its words are looked at now.
    pen(_("{number} · page {page} of {pages}"))
    return pdf, pen.missing()


def save_new_file(folder: Path, filename: str, data: bytes) -> Path:
    """Write `data` to a new file in `folder`, adding " (1)", " (2)"... rather than overwriting."""
    if (
        not filename
        or filename.startswith(".")
        or "/" in filename
        or "\\" in filename
        or UNSAFE.search(filename)
        or WHITESPACE_CONTROLS.search(filename)
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
