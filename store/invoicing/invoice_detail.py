"""One invoice in full (SPEC §5: the detail view): lines, tax and the rule applied, status, due
date and payment, for Billing's detail pane and `mycompany invoices show NUMBER`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from store.invoicing.delivery import DeliveryView, invoice_deliveries
from store.invoicing.invoice_states import deducted_from
from store.invoicing.invoices import due_date, find_invoice, shown_lines, shown_status
from store.invoicing.payment_parts import DeclinedView, PaymentView, last_declined, payments_of
from store.money import from_minor
from store.people.access import ensure_can_read
from store.persistence.models import Invoice
from store.places.zones import company_today
from store.views import Actor, View


@dataclass(frozen=True, kw_only=True)
class InvoiceLineView(View):
    """One line: what, naming the period it covers, written for the reader as every surface
    writes it ("User licences, December 2026": store.invoicing.invoices.shown_lines), how many,
    the unit price and the amount for the period."""

    description: str
    quantity: int
    unit: Decimal
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class InvoiceDetailView(View):
    """An invoice as issued. `status` as the list shows it (open, past_due, paid, credited; a
    credit note's open, applied: store.invoicing.invoice_states words them); `tax_rate` in
    percent; `tax_rule` store.invoicing.tax's code ("legacy" before the rule was stored) and
    `tax_mention` as printed; `paid_with` the card or method used."""

    number: str
    kind: str
    issued_on: date
    due_on: date | None
    period_start: date
    period_end: date
    currency: str
    lines: list[InvoiceLineView]
    subtotal: Decimal
    tax_rate: Decimal
    tax: Decimal
    total: Decimal
    tax_rule: str
    tax_mention: str | None
    status: str
    paid_on: date | None
    paid_with: str | None
    corrects: str | None  # a credit note's invoice number
    reason: str | None = None  # a credit note's reason, as History keeps it
    credited: Decimal | None = None  # an invoice's total credited so far (tax included)
    credited_by: list[str] = field(default_factory=list)  # the credit notes that did
    deliveries: list[DeliveryView] = field(default_factory=list)  # its e-mails, by recipient
    # What paid it, each with its amount (store.invoicing.payment_parts; #17 trial: a credit
    # note and the card named without amounts).
    payments: list[PaymentView] = field(default_factory=list)
    # An unpaid invoice's last charge, declined by the bank: why it is still open (#17 trial)
    declined: DeclinedView | None = None
    # A credit note used: the invoices it paid part of (store.invoicing.invoice_states, #17)
    deducted_from: list[str] = field(default_factory=list)


def invoice_detail(actor: Actor, company_id: int, number: str) -> InvoiceDetailView:
    """Invoice `number` of company `company_id`. NotFound (exit 5) for a number the company has
    no invoice under (another company's reads the same); Refused (exit 3) when `actor` may not
    read the company. The invoice with its company, its lines, and its e-mails
    (store.invoicing.delivery: how each recipient's went); for an invoice, what credit notes
    credited (store.invoicing.credit_notes), for a credit note its reason."""
    from store.documents.pdf import mention_in
    from store.i18n import current_locale
    from store.invoicing.seller import current_seller

    ensure_can_read(actor, company_id, "invoice.read")
    inv = find_invoice(company_id, number, actor=actor)  # a reach is recorded (#18)
    cur = inv.currency
    covered, lines = shown_lines(inv, current_locale())  # the reader's words, JSON too (#17)
    today = company_today(company_id)  # the calendar the billing run issues on (SPEC §2)
    corrects = (Invoice.select(Invoice.number).where(Invoice.id == inv.corrects_id).scalar()
                if inv.corrects_id else None)
    from store.invoicing.credit_notes import credit_reason, credited

    credit = credited(inv) if inv.kind == "invoice" else None
    return InvoiceDetailView(
        number=inv.number, kind=inv.kind, issued_on=inv.issued_on,
        due_on=due_date(inv.kind, inv.due_on),
        period_start=covered, period_end=inv.period_end, currency=cur,
        # Each line names the period it covers (store.plans.proration.with_period, #17).
        lines=[InvoiceLineView(**line._asdict()) for line in lines],
        subtotal=from_minor(inv.subtotal_minor, cur),
        tax_rate=Decimal(inv.tax_rate_permille) / 10, tax=from_minor(inv.tax_minor, cur),
        total=from_minor(inv.total_minor, cur), tax_rule=inv.tax_rule,
        tax_mention=mention_in(inv.tax_rule, inv.tax_mention, current_seller().country,
                               inv.bill_to_country, current_locale()),
        status=shown_status(inv.status, inv.kind, inv.due_on, today),
        paid_on=inv.paid_on, paid_with=inv.paid_with, corrects=corrects,
        reason=credit_reason(inv, company_id) if inv.kind == "credit_note" else None,
        credited=credit.total if credit is not None and credit.numbers else None,
        credited_by=credit.numbers if credit is not None else [],
        deliveries=[d if actor.is_staff else replace(d, last_error=None)  # the vendor's mail
                    for d in invoice_deliveries(inv.id, inv.number)],  # server: staff's
        payments=payments_of(inv), declined=last_declined(inv),
        deducted_from=deducted_from(company_id, [inv.number] if inv.kind == "credit_note"
                                    else []).get(inv.number, []))
