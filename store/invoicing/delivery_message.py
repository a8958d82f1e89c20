"""The e-mail that carries an invoice (SPEC §5 Billing): subject, body and the PDF attached, in
the company's document language."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import cast

from store.forms.unsafe import UNSAFE
from store.i18n import colon, gettext_for
from store.money import from_minor
from store.persistence.models import Invoice, InvoiceLine
from store.views import Actor

_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u0085\u2028\u2029]+")


def one_line(text: str | None) -> str:
    """Stored text fit for a header or a line of the body: no line break (a header cannot be
    injected through a company name), no control or bidi-override character."""
    return UNSAFE.sub("", _LINE_BREAKS.sub(" ", text or "")).strip()


def invoice_message(invoice: Invoice, *, locale: str, seller: str | None, sender: str,
                    recipient: str, pdf: bytes, now: datetime) -> EmailMessage:
    """The e-mail of `invoice` to `recipient`, from `sender` under the seller's name, in `locale`
    (the company's document locale): the subject names the document and its number, the seller
    (as the invoice keeps it, else `seller`) and the amount; the body the invoice a credit note
    corrects, the amount, the period, the issue date and the due date when the invoice has one
    (`due_on`, the billing run's); the PDF attached as NUMBER.pdf."""
    from babel.dates import format_date
    from babel.numbers import format_currency

    _ = gettext_for(locale)  # this e-mail's language, not the sender's screens'

    def day(d: date) -> str:
        return format_date(d, format="long", locale=locale)

    amount = format_currency(from_minor(invoice.total_minor, invoice.currency), invoice.currency,
                             locale=locale)
    if invoice.seller_details is not None:  # the seller as the invoice was issued (#17)
        from store.invoicing.seller import issued_seller

        seller = issued_seller(invoice.seller_details).legal_name
    seller_name = one_line(seller)
    company = one_line(invoice.bill_to_name)
    credit = invoice.kind == "credit_note"
    document = (_("Credit note {number}") if credit else _("Invoice {number}")).format(
        number=invoice.number)
    subject = " · ".join(part for part in (document, seller_name, amount) if part)
    if credit:
        intro = _("{seller} sends you credit note {number} for {company}; the PDF is attached.")
    else:
        intro = _("{seller} sends you invoice {number} for {company}; the PDF is attached.")
    facts = [
        f"{colon(_('Amount'), locale)} {amount}",
        f"{colon(_('Period'), locale)} {_periods(invoice, locale, day)}",
        f"{colon(_('Issue date'), locale)} {day(invoice.issued_on)}",
    ]
    due_on = getattr(invoice, "due_on", None)  # the billing run's column (migration 0009)
    if invoice.status == "paid" and invoice.paid_on is not None and not credit:
        # Paid already (the card on file, at issue): said in the body too, so that nobody
        # pays it a second time by bank transfer (#17 trial).
        from store.invoicing.payment_parts import payments_of

        parts = payments_of(invoice)  # each payment with its amount when several (#17 trial)
        facts.append(_("Paid on {date}: {payments}; nothing to pay.").format(
            date=day(invoice.paid_on), payments=", ".join(
                _("{amount} by {method}").format(
                    amount=format_currency(p.amount, invoice.currency, locale=locale),
                    method=one_line(p.paid_by)) for p in parts))
            if len(parts) > 1 else _("Paid on {date} with {method}: nothing to pay.").format(
                date=day(invoice.paid_on), method=one_line(invoice.paid_with) or "—"))
    elif due_on is not None and not credit:
        facts.append(f"{colon(_('Due date'), locale)} {day(due_on)}")
    if credit and invoice.corrects_id is not None:  # which invoice it corrects (#17 trial)
        corrected = Invoice.select(Invoice.number).where(Invoice.id == invoice.corrects_id)
        facts.insert(0, f"{colon(_('Corrects invoice'), locale)} {corrected.scalar()}")
    body = "\n".join([
        _("Hello,"), "",
        intro.format(seller=seller_name or sender, number=invoice.number, company=company), "",
        *facts, "",
        _("Kind regards,"), seller_name or sender, "", "-- ",
        _("You receive this e-mail at {email} as a recipient of the invoices of {company}"
          ).format(email=recipient, company=company),
    ]) + "\n"

    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr((seller_name, sender)) if seller_name else sender
    message["To"] = recipient
    message["Date"] = format_datetime(now.replace(tzinfo=UTC))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    message.add_attachment(pdf, maintype="application", subtype="pdf",
                           filename=f"{invoice.number}.pdf")
    message["Content-Language"] = locale.replace("_", "-")  # after: set_content clears it
    return message


def _periods(invoice: Invoice, locale: str, day: Callable[[date], str]) -> str:
    """The periods `invoice`'s lines charge, each named once as its PDF names them
    (store.plans.proration.periods_text), listed as the language lists (CLDR, Babel; #17 trial:
    French read "…2026; janvier 2027", its semicolon unspaced): "Nov 15 – 30, 2026 and December
    2026" for a first
    invoice that bills the trial month's days then a month (#17 trial: one span, "November 15
    – December 31", did not say the two apart); a credit note of an amount, whose line names
    none, the days of the invoice it corrects: "November 1, 2026 – November 30, 2026"."""
    from store.invoicing.invoices import service_period
    from store.plans.proration import lines_with_periods, periods_text

    stored = [line.description for line in InvoiceLine.select(InvoiceLine.description).where(
        InvoiceLine.invoice == invoice.id).order_by(InvoiceLine.position)]
    periods = periods_text(lines_with_periods(invoice.period_start, invoice.period_end, stored),
                           locale)
    if periods:  # "Nov 15 – 30, 2026 and December 2026", « … et janvier 2027 » (CLDR lists)
        from babel.lists import format_list

        from store.i18n import babel_locale
        return format_list(periods, locale=babel_locale(locale))
    first, last = service_period(invoice.period_start, invoice.period_end, stored)  # as the PDF
    return f"{day(first)} – {day(last)}"


def invoice_pdf(actor: Actor, invoice: Invoice) -> bytes:
    """The PDF attached to `invoice`'s e-mail (read with its company, as
    store.invoicing.delivery reads it): the one `invoices download` makes
    (store.invoicing.invoices: the same document, rendering and language, document_language),
    whatever the sender's --lang."""
    from store.invoicing.invoices import _render, invoice_document

    company_id = invoice.company.id
    return _render(invoice_document(actor, company_id, invoice.number), company_id)


def seller_name() -> str | None:
    """The seller's legal name now (store.invoicing.seller), the sender's display name; None
    before the seller is set."""
    from store.invoicing.seller import SELLER_ID
    from store.persistence.models_seller import Seller

    name = Seller.select(Seller.legal_name).where(Seller.id == SELLER_ID).scalar()
    return cast("str | None", name)
