"""An invoice's or a credit note's state in words, one wording for every surface: the Billing list
and `show invoices` (tui.formatting), the invoice in full (Billing, `invoices show`) and the PDF
(store.documents.pdf), in the reader's language or the document's (#17 trial: a credit note left
by a paid invoice read "Open" in all four, which an owner reads as money owed).

An invoice is Open, Past due, Paid or Credited. A credit note is named for what it does for the
customer: not used yet, "Credit available" (Pay now and the billing run deduct it from the next
payment: store.invoicing.payments); used, "Deducted from INV-…" (the invoices it paid, as
store.invoicing.payment_parts kept them), else "Applied" (it settled the invoice it corrects, or
was used before those payments were kept)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from peewee import SQL, Case, fn

from store.i18n import N_, _
from store.persistence.db import is_postgres
from store.persistence.models import Invoice
from store.persistence.models_payment import InvoicePayment

INVOICE_STATES = {"open": N_("Open"), "past_due": N_("Past due"), "paid": N_("Paid"),
                  "credited": N_("Credited")}
CREDIT_NOTE_STATES = {"open": N_("Credit available"), "applied": N_("Applied")}
# A list too narrow for them (tui.formatting.fitted_state): the CN- number and the amount
# below zero say the rest
CREDIT_NOTE_SHORT = {"open": N_("Credit"), "applied": N_("Applied")}
DEDUCTED_FROM = N_("Deducted from {numbers}")


def state_words(status: str, kind: str = "invoice", deducted_from: Iterable[str] = (),
                gettext: Callable[[str], str] = _, *, short: bool = False) -> str:
    """`status` as shown (store.invoicing.invoices.shown_status: open, past_due, paid,
    credited; a credit note's open, applied) of a document of `kind` (invoice, credit_note) in
    words, translated by `gettext` (default: the reader's language; a PDF passes its
    document's): a credit note used on invoices `deducted_from` names them; `short`, a credit
    note's word alone (Credit, Applied) for a list too narrow for more. A status the store
    does not know is given back as it is (the caller makes it safe to show)."""
    if kind == "credit_note":
        numbers = list(deducted_from)
        if status == "applied" and numbers and not short:
            return gettext(DEDUCTED_FROM).format(numbers=", ".join(numbers))
        known = (CREDIT_NOTE_SHORT if short else CREDIT_NOTE_STATES).get(status)
    else:
        known = INVOICE_STATES.get(status)
    return gettext(known) if known is not None else status


def deducted_from(company_id: int, credit_notes: Iterable[str]) -> dict[str, list[str]]:
    """The invoices of company `company_id` that each of `credit_notes` (numbers) paid part of,
    oldest first, as kept when they were paid (store.invoicing.payment_parts); a credit note
    that paid none is left out. One query (none for no credit note)."""
    numbers = list(dict.fromkeys(credit_notes))
    if not numbers:
        return {}
    rows = cast("Iterable[tuple[str, str]]", InvoicePayment.select(
        InvoicePayment.paid_by, Invoice.number).join(
        Invoice, on=(InvoicePayment.invoice == Invoice.id)).where(
        (Invoice.company == company_id) & InvoicePayment.paid_by.in_(numbers))
        .order_by(Invoice.issued_on, Invoice.id).tuples())
    used: dict[str, list[str]] = {}
    for credit, invoice in rows:
        if invoice not in used.setdefault(credit, []):
            used[credit].append(invoice)
    return used


def deducted_column() -> Case:
    """A column for a select of Invoice: for an applied credit note, the numbers of the
    invoices it paid part of, comma-separated (`deducted_numbers` reads it); NULL for any other
    row. deducted_from's answer inside the row's own query, so that a page of the invoice list
    stays one query (bench/README); one indexed look-up (migration 0031) per applied credit note
    of the page, none for the other rows."""
    paid = Invoice.alias("paid")
    joined = (fn.string_agg(paid.number, SQL("','")) if is_postgres()
              else fn.group_concat(paid.number, ","))
    numbers = (InvoicePayment.select(joined)
               .join(paid, on=(InvoicePayment.invoice == paid.id))
               .where((InvoicePayment.paid_by == Invoice.number)
                      & (paid.company == Invoice.company)))
    return Case(None, [(((Invoice.kind == "credit_note") & (Invoice.status == "applied")),
                         numbers)], None)


def deducted_numbers(column: str | None) -> list[str]:
    """The invoice numbers deducted_column gave, oldest first (a company's series numbers its
    invoices in the order they are issued: store.invoicing.series), each once."""
    return sorted(set(column.split(","))) if column else []
