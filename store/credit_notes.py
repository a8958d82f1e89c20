"""Credit notes (SPEC §5, §11): an issued invoice is never edited; a credit note corrects it.

A credit note here cancels its invoice in full: the same lines, tax rule, rate and mention, with
amounts negated, numbered in the company's own series (CN-000002-0001, without gaps: taken in
the issuing transaction, as the billing run takes invoice numbers). What it does to what is
owed:
- an invoice still open (or past due) is settled by it: the invoice reads Credited and the
  credit note Applied, nothing is left to pay;
- an invoice already paid leaves the customer a credit: the credit note stays Open (a refund or
  a later invoice uses it; neither is made here).
The period of a credited invoice is free again, so the billing run may issue the corrected one.
Partial credit notes (one line, part of an amount) are not made here.
"""

from __future__ import annotations

from datetime import date

from store.access import ensure_billing_team
from store.audit import record, refusals_recorded
from store.billing_run import next_number
from store.errors import FORM_WIDE, InvalidInput, NotFound
from store.forms.fields import Values
from store.i18n import _
from store.invoices import INVOICE_NUMBER
from store.persistence.db import retried, transaction
from store.persistence.models import Invoice, InvoiceLine
from store.views import Actor
from store.zones import company_today


@retried
def credit_invoice(actor: Actor, company_id: int, number: str, reason: Values) -> str:
    """Cancel invoice `number` of company `company_id` with a credit note; returns its number.

    `reason` maps "reason" (required) and "ticket" to the text typed (InvalidInput otherwise);
    both go to History with the credit note. Billing and admin staff only (Refused, exit 3,
    recorded); NotFound (exit 5) for a number the company has no invoice under; InvalidInput for
    a credit note or an invoice already credited.
    """
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    with refusals_recorded(actor, company_id, "invoice.credit"):
        ensure_billing_team(actor, company_id, "invoice.credit")
        checked = validate(ReasonForm, reason)
        wanted = (number or "").strip().upper()
        with transaction():
            invoice = None
            if INVOICE_NUMBER.match(wanted):
                invoice = Invoice.get_or_none((Invoice.company == company_id)
                                              & (Invoice.number == wanted))
            if invoice is None:
                raise NotFound(_("Company {id} has no invoice {number}.").format(
                    id=company_id, number=(number or "")[:40]))
            if invoice.kind != "invoice":
                raise InvalidInput({FORM_WIDE: _("{number} is a credit note: it is not "
                                                 "credited again.").format(number=wanted)})
            if Invoice.select().where(Invoice.corrects == invoice.id).exists():
                raise InvalidInput({FORM_WIDE: _("Invoice {number} is already credited.")
                                    .format(number=wanted)})
            credit = _write(company_id, invoice, company_today(company_id))
            record(actor, company_id, "invoice.credit", field="invoice", old=invoice.number,
                   new=credit, reason=checked.reason, ticket=checked.ticket)
    return credit


def _write(company_id: int, invoice: Invoice, day: date) -> str:
    number = next_number(company_id, "credit_note")
    settled = invoice.status == "open"
    fields = {name: getattr(invoice, name) for name in (
        "company", "currency", "tax_rate_permille", "period_start", "period_end", "bill_to_name",
        "bill_to_line1", "bill_to_line2", "bill_to_postal_code", "bill_to_city",
        "bill_to_state", "bill_to_country", "bill_to_vat_number", "tax_rule", "tax_mention")}
    credit = Invoice.create(
        **fields, number=number, kind="credit_note", issued_on=day, due_on=day,
        subtotal_minor=-invoice.subtotal_minor, tax_minor=-invoice.tax_minor,
        total_minor=-invoice.total_minor, status="applied" if settled else "open",
        billing_period=None, corrects=invoice.id)
    InvoiceLine.insert_many([
        {"invoice": credit.id, "position": line.position, "description": line.description,
         "quantity": line.quantity, "unit_minor": -line.unit_minor,
         "amount_minor": -line.amount_minor}
        for line in InvoiceLine.select().where(InvoiceLine.invoice == invoice.id)]).execute()
    # The invoice's figures stay as issued; what is owed on it, and its period, change.
    Invoice.update(status="credited" if settled else invoice.status, billing_period=None).where(
        Invoice.id == invoice.id).execute()
    return number
