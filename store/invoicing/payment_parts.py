"""What paid each part of an invoice, with its amount (#17 trial: after Pay now with an open
credit note, the invoice said "Paid on Dec 1, 2026 with CN-000002-0001, Visa •••• 4242" without
saying €100.00 by the credit note and €2,467.00 by the card).

Written once, when invoices are paid (store.invoicing.payments), into `invoice_payment`
(migration 0029); read by every surface that says how an invoice was paid (the detail in
Billing and `invoices show`, its JSON, the PDF) through `payments_of`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from store.money import from_minor, to_minor
from store.persistence.models import AuditEvent, Invoice
from store.persistence.models_payment import InvoicePayment
from store.views import View


@dataclass(frozen=True, kw_only=True)
class PaymentView(View):
    """One payment of an invoice: what paid it (`paid_by`: a credit note's number, or the card
    as "Visa •••• 4242", in no one's language) and how much (`amount`, the invoice's
    currency)."""

    paid_by: str
    amount: Decimal


def split(totals: list[Decimal], credits: list[tuple[str, Decimal]],
          card: str | None) -> list[list[tuple[str, Decimal]]]:
    """How invoices of `totals` (in the order they are paid: oldest first) are paid by the
    credit notes `credits` (number, amount > 0, used in that order, one spanning two invoices
    when it must) and `card` for what is left: per invoice, its payments (what, amount). A
    credit note is used whole over the invoices paid together (store.invoicing.payments), so
    the credits never exceed the totals; `card` None: the credits cover everything."""
    numbers = [number for number, _amount in credits]
    left = [amount for _number, amount in credits]
    parts: list[list[tuple[str, Decimal]]] = []
    for total in totals:
        due, mine = total, []
        while due > 0 and left:
            take = min(due, left[0])
            mine.append((numbers[0], take))
            due -= take
            left[0] -= take
            if left[0] <= 0:
                numbers.pop(0)
                left.pop(0)
        if due > 0:
            mine.append((card or "", due))
        parts.append(mine)
    return parts


def write_payments(company_id: int, invoices: list[Invoice], credits: list[str],
                   card: str | None) -> None:
    """Keep what paid each of `invoices` (paid together now, oldest first) from the company's
    credit notes `credits` (numbers) and the card (`card`, its label; None: not charged).
    Inside the paying transaction."""
    if not invoices:
        return
    amounts = {row.number: -from_minor(row.total_minor, row.currency)  # a credit note's < 0
               for row in Invoice.select().where((Invoice.company == company_id)
                                                 & Invoice.number.in_(credits))}
    shares = split([from_minor(inv.total_minor, inv.currency) for inv in invoices],
                   [(n, amounts[n]) for n in credits if n in amounts], card)
    InvoicePayment.insert_many([
        {"invoice": inv.id, "position": position, "paid_by": paid_by[:64],
         "amount_minor": to_minor(amount, inv.currency)}
        for inv, parts in zip(invoices, shares, strict=True)
        for position, (paid_by, amount) in enumerate(parts, start=1)]).execute()


def payments_of(inv: Invoice) -> list[PaymentView]:
    """What paid invoice `inv`, in order, with the amounts (empty when it is not paid). An
    invoice paid before they were kept (migration 0029) reads from its `paid_with`: each credit
    note named there for its whole amount, the card for the rest."""
    if inv.status != "paid" or inv.kind != "invoice":
        return []
    kept = list(InvoicePayment.select().where(InvoicePayment.invoice == inv.id)
                .order_by(InvoicePayment.position))
    if kept:
        return [PaymentView(paid_by=row.paid_by,
                            amount=from_minor(row.amount_minor, inv.currency)) for row in kept]
    total = from_minor(inv.total_minor, inv.currency)
    named = [part.strip() for part in (inv.paid_with or "").split(",") if part.strip()]
    credits = [n for n in named if n.startswith("CN-") and " " not in n]
    others = [n for n in named if n not in credits]
    if not credits or len(others) > 1 or any(n.startswith("CN-") for n in others):
        return [PaymentView(paid_by=inv.paid_with or "", amount=total)]  # as it was kept
    amounts = {row.number: -from_minor(row.total_minor, row.currency)
               for row in Invoice.select().where((Invoice.company == inv.company)
                                                 & Invoice.number.in_(credits))}
    [parts] = split([total], [(n, amounts.get(n, Decimal(0))) for n in credits],
                    others[0] if others else None)
    return [PaymentView(paid_by=paid_by, amount=amount) for paid_by, amount in parts]


@dataclass(frozen=True, kw_only=True)
class DeclinedView(View):
    """The last charge of an unpaid invoice the bank declined, as History keeps it: when (`at`,
    UTC), to which card (`card`, its label; None when not known), in `currency`. `amount` is
    this invoice's share of it (what the card was to pay for this invoice: its total less the
    credit notes deducted from it in that payment); `charge_amount` the whole charge and
    `charge_invoices` the invoices it was for, oldest first, this one included (#17 trial: an
    invoice of €2,567.00 read "the charge of €5,134.00 … was declined", the charge of two)."""

    at: datetime
    card: str | None
    amount: Decimal
    currency: str
    charge_amount: Decimal
    charge_invoices: list[str]


def last_declined(inv: Invoice) -> DeclinedView | None:
    """Why open invoice `inv` is still unpaid, when a charge of it was tried: its last payment
    attempt in History, if the bank declined it (the billing run's at issue, or Pay now); None
    for a paid invoice or one never charged (#17 trial: "Past due" said nothing of why).
    Its share of a charge of several invoices is split as a payment's parts are (`split`:
    oldest first, the credit notes of that payment first); an invoice or credit note no longer
    there counts for nothing. Two queries (one when the charge was for this invoice alone)."""
    if inv.kind != "invoice" or inv.status != "open":
        return None
    line = (AuditEvent.select().where(
        (AuditEvent.company == inv.company) & (AuditEvent.action == "invoice.pay")
        & AuditEvent.new_value.contains(f'"{inv.number}"'))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).first())
    if line is None or line.outcome != "refused":
        return None
    try:
        kept = json.loads(line.new_value)
        charge = Decimal(kept["total"])
        numbers = [str(n) for n in kept.get("numbers") or [inv.number]]
        credits = [str(n) for n in kept.get("credits") or []]
    except (ValueError, KeyError, TypeError, ArithmeticError):
        return None  # not a charge's line: nothing said rather than a guess
    share = charge
    if numbers != [inv.number] or credits:
        share = _share_of(inv, numbers, credits, charge)
    return DeclinedView(at=line.at, card=kept.get("card"), amount=share,
                        currency=kept.get("currency") or inv.currency, charge_amount=charge,
                        charge_invoices=numbers)


def _share_of(inv: Invoice, numbers: list[str], credits: list[str], charge: Decimal) -> Decimal:
    """What the card was to pay for `inv` in a charge of `charge` for the invoices `numbers`
    less the credit notes `credits` (their amounts as stored now: documents are never
    edited once issued)."""
    rows = list(Invoice.select(Invoice.number, Invoice.kind, Invoice.total_minor,
                               Invoice.currency, Invoice.issued_on, Invoice.id).where(
        (Invoice.company == inv.company) & Invoice.number.in_(numbers + credits))
        .order_by(Invoice.issued_on, Invoice.id))
    invoices = [row for row in rows if row.number in numbers and row.kind == "invoice"]
    notes = {row.number: -from_minor(row.total_minor, row.currency) for row in rows
             if row.number in credits}
    parts = split([from_minor(row.total_minor, row.currency) for row in invoices],
                  [(n, notes[n]) for n in credits if n in notes], "card" if charge else None)
    mine = next((part for row, part in zip(invoices, parts, strict=True)
                 if row.number == inv.number), [])
    return sum((amount for paid_by, amount in mine if paid_by == "card"), Decimal(0))
