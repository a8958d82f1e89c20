"""Credit notes (SPEC §5, §11): an issued invoice is never edited; a credit note corrects it.

A credit note is numbered in the company's own series (CN-000002-0001, without gaps: taken in
the issuing transaction, as the billing run takes invoice numbers), keeps its invoice's tax
rule, rate and mention, and the reason the billing team gave (History's line, printed on its
PDF). It is e-mailed to the company's recipients as an invoice is
(store.invoicing.delivery.queue_invoice, in the same transaction).

What it credits, smallest honest form:
- the whole invoice (no amount): the same lines with amounts negated; after partial credit
  notes, what is left of it, on one line;
- part of it (`amount`): an amount excluding tax, in the invoice's currency, on one line, with
  the invoice's rate applied to it (store.invoicing.tax.tax_amount, half up); never more than is
  left uncredited. Several partial credit notes may follow one another up to the invoice's total;
  the one that reaches it takes exactly the tax left, so the notes add up to the invoice.

What it does to what is owed:
- an invoice credited in full has its e-mails not sent yet (queued or failing) cancelled: they
  say so and are never retried (a resend by the billing team still sends it); open (or past
  due), it is settled: it reads Credited, its credit notes Applied, nothing is left to pay;
- an invoice credited in part keeps its status and its e-mails (it still stands), and its
  credit notes stay Open: Pay now deducts them (store.invoicing.payments), as it does the credit of
  a paid invoice, which leaves the customer a credit (a refund or a later invoice uses it).
A credited invoice, in full or in part, still holds its billing period: the run counts the
month invoiced and never bills it again by itself (#17 trial r2: four partial credit notes
cancelled INV-000002-0001, and the next routine run issued and charged INV-000002-0002). The
billing team asks for the corrected invoice explicitly (`reissue`): the invoice, credited in
full, then frees its month, and the next run of that month issues the corrected invoice (with
a plan change from that month first, when the plan was wrong: store.plans.plan_changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from store.errors import FORM_WIDE, InvalidInput
from store.forms.fields import Values
from store.i18n import N_, _
from store.invoicing.invoices import find_invoice
from store.invoicing.series import next_number, series_day
from store.invoicing.tax import tax_amount
from store.money import exponent, from_minor, money_text, typed_minor
from store.people.access import ensure_billing_team, ensure_can_read
from store.persistence.db import retried, transaction
from store.persistence.models import AuditEvent, Invoice, InvoiceLine
from store.persistence.models_delivery import InvoiceDelivery
from store.places.zones import company_today
from store.trail.audit import record, refusals_recorded
from store.views import Actor, View

PARTIAL_LINE = N_("Partial credit")
REST_LINE = N_("Credit of the amount left")


@dataclass(frozen=True, kw_only=True)
class Credited(View):
    """What the credit notes of invoice `invoice` took off it, excluding tax (`subtotal`) and in
    all (`total`), both positive (zero: nothing), in its `currency`, against its
    `invoice_total`; `numbers`: the credit notes, oldest first; `reissue`: the month (YYYY-MM)
    the invoice no longer holds, its corrected invoice asked for (credit_invoice's `reissue`),
    else None."""

    invoice: str
    currency: str
    invoice_total: Decimal
    subtotal: Decimal
    total: Decimal
    numbers: list[str] = field(default_factory=list)
    reissue: str | None = None


@retried
def credit_invoice(actor: Actor, company_id: int, number: str, reason: Values,
                   amount: str | Decimal | None = None, *, reissue: bool = False) -> str | None:
    """Correct invoice `number` of company `company_id` with a credit note; returns its number.

    `reason` maps "reason" (required) and "ticket" to the text typed (InvalidInput otherwise);
    both go to History with the credit note. `amount`: None credits what is left of the invoice;
    else an amount excluding tax ("120.50"), more than zero, in the invoice's currency, at most
    what is left uncredited (InvalidInput {"amount": ...} otherwise). Billing and admin staff
    only (Refused, exit 3, recorded); NotFound (exit 5) for a number the company has no invoice
    under; InvalidInput for a credit note or an invoice already credited in full.

    `reissue`: the billing team asks for the corrected invoice of the invoice's month: credited
    in full (what is left; an `amount` short of it is InvalidInput {"amount": ...}), the invoice
    frees its month and the next billing run of it issues the corrected invoice; History says so
    ("invoice.reissue", the month, with the reason). An invoice credited in full already frees
    its month the same way, with no new credit note: None is returned. Without it, a credited
    month stays invoiced: the run never bills it again (#17 trial r2).
    """
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    with refusals_recorded(actor, company_id, "invoice.credit",
                           tried={"invoice": (number or "").strip()[:40]}, given=reason):
        ensure_billing_team(actor, company_id, "invoice.credit")
        checked = validate(ReasonForm, reason)
        wanted = (number or "").strip().upper()
        with transaction():
            invoice = find_invoice(company_id, number)
            if invoice.kind != "invoice":
                raise InvalidInput({FORM_WIDE: _("{number} is a credit note: it is not "
                                                 "credited again.").format(number=wanted)})
            notes = _notes(invoice.id)
            left = (invoice.subtotal_minor + sum(n.subtotal_minor for n in notes),
                    invoice.tax_minor + sum(n.tax_minor for n in notes))
            credit = None
            if left[0] > 0 or left[1] > 0:
                net = _amount(amount, invoice.currency, left[0])
                if reissue and net is not None and net != left[0]:
                    raise InvalidInput({"amount": _(
                        "A corrected invoice replaces an invoice credited in full: credit all "
                        "that is left ({left} excluding tax).").format(
                            left=money_text(from_minor(left[0], invoice.currency),
                                            invoice.currency))})
                credit = _write(invoice, notes, left, net, company_today(company_id))
                record(actor, company_id, "invoice.credit", field="invoice",
                       old=invoice.number, new=credit, reason=checked.reason,
                       ticket=checked.ticket)
                from store.invoicing.delivery import queue_invoice

                queue_invoice(Invoice.get(Invoice.number == credit).id)
            elif not reissue or invoice.billing_period is None:
                raise InvalidInput({FORM_WIDE: _("Invoice {number} is already credited.")
                                    .format(number=wanted)})
            if reissue:
                _free_month(actor, company_id, invoice, checked.reason, checked.ticket)
    return credit


def _free_month(actor: Actor, company_id: int, invoice: Invoice, reason: str,
                ticket: str | None) -> None:
    """Invoice `invoice`, credited in full, no longer holds its billing period: the next run
    of the month issues the corrected invoice; History says which month, and why."""
    Invoice.update(billing_period=None).where(Invoice.id == invoice.id).execute()
    record(actor, company_id, "invoice.reissue", field="invoice", old=invoice.number,
           new=invoice.billing_period, reason=reason, ticket=ticket)


def _amount(amount: str | Decimal | None, currency: str, left: int) -> int | None:
    """`amount` in minor units (None: all that is left), or InvalidInput {"amount": ...}."""
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        return None
    left_text = money_text(from_minor(left, currency), currency)
    try:
        minor = typed_minor(str(amount), currency)
    except ValueError:
        places = exponent(currency)
        raise InvalidInput({"amount": _(
            "Enter the amount to credit excluding tax, with at most {places} decimals and a "
            "point, like {example}; at most {left} is left on this invoice.").format(
                places=places, example=from_minor(12050 if places == 2 else 120, currency),
                left=left_text)}) from None
    if minor <= 0:
        raise InvalidInput({"amount": _("The amount to credit must be more than zero.")})
    if minor > left:
        raise InvalidInput({"amount": _(
            "At most {left} excluding tax is left to credit on this invoice.").format(
                left=left_text)})
    return minor


def _write(invoice: Invoice, notes: list[Invoice], left: tuple[int, int], net: int | None,
           day: date) -> str:
    number = next_number(_company_id(invoice), "credit_note")
    # The company's day, never before its series' latest date nor the invoice it corrects.
    day = max(series_day(_company_id(invoice), "credit_note", day), invoice.issued_on)
    if net is None or net == left[0]:
        whole, (subtotal, tax) = True, left
    else:  # the invoice's rate on the part credited, never more tax than is left
        rate = Decimal(invoice.tax_rate_permille) / 10
        whole, subtotal, tax = False, net, min(tax_amount(net, rate), left[1])
    settled = whole and invoice.status == "open"
    fields = {name: getattr(invoice, name) for name in (
        "company", "currency", "tax_rate_permille", "period_start", "period_end", "bill_to_name",
        "bill_to_line1", "bill_to_line2", "bill_to_postal_code", "bill_to_city",
        "bill_to_state", "bill_to_country", "bill_to_vat_number", "tax_rule", "tax_mention",
        "seller_details")}  # the parties as the invoice was issued between them
    credit = Invoice.create(
        **fields, number=number, kind="credit_note", issued_on=day, due_on=day,
        subtotal_minor=-subtotal, tax_minor=-tax, total_minor=-(subtotal + tax),
        status="applied" if settled else "open", billing_period=None, corrects=invoice.id)
    if whole and not notes:  # the invoice cancelled line by line
        InvoiceLine.insert_many([
            {"invoice": credit.id, "position": line.position, "description": line.description,
             "quantity": line.quantity, "unit_minor": -line.unit_minor,
             "amount_minor": -line.amount_minor}
            for line in InvoiceLine.select().where(InvoiceLine.invoice == invoice.id)]).execute()
    else:
        InvoiceLine.insert(invoice=credit.id, position=1, quantity=1, unit_minor=-subtotal,
                           amount_minor=-subtotal,
                           description=REST_LINE if whole else PARTIAL_LINE).execute()
    if settled:  # the invoice's figures and its period stay as issued; what is owed changes
        Invoice.update(status="credited").where(Invoice.id == invoice.id).execute()
    if settled:  # nothing is owed on it: its partial credit notes are used up
        Invoice.update(status="applied").where((Invoice.corrects == invoice.id)
                                               & (Invoice.status == "open")).execute()
    if whole:  # cancelled, paid or not: its e-mails not sent yet would send a void invoice
        _cancel_deliveries(invoice.id, number)
    return number


def _cancel_deliveries(invoice_id: int, credit: str) -> None:
    """The invoice's e-mails not sent yet (pending, failing, or left mid-attempt) marked
    cancelled with the reason: send_queued never picks them again."""
    InvoiceDelivery.update(
        status="cancelled",
        last_error=_("not sent: the invoice was credited by {number}").format(number=credit),
    ).where((InvoiceDelivery.invoice == invoice_id)
            & InvoiceDelivery.status.in_(["pending", "failed", "sending"])).execute()


def _company_id(invoice: Invoice) -> int:
    """The id behind `invoice.company`, read without a query (peewee's stubs omit it)."""
    return int(getattr(invoice, "company_id"))  # noqa: B009


def _notes(invoice_id: int) -> list[Invoice]:
    return list(Invoice.select().where((Invoice.corrects == invoice_id)
                                       & (Invoice.kind == "credit_note"))
                .order_by(Invoice.issued_on, Invoice.id))


def credited(invoice: Invoice) -> Credited:
    """What was credited on `invoice` (an invoice, not a credit note). One query."""
    notes = _notes(invoice.id)
    cur = invoice.currency
    return Credited(invoice=invoice.number, currency=cur,
                    invoice_total=from_minor(invoice.total_minor, cur),
                    subtotal=from_minor(-sum(n.subtotal_minor for n in notes), cur),
                    total=from_minor(-sum(n.total_minor for n in notes), cur),
                    numbers=[n.number for n in notes],
                    reissue=None if invoice.billing_period else f"{invoice.period_start:%Y-%m}")


def credited_on(actor: Actor, company_id: int, number: str) -> Credited:
    """What was credited on invoice `number` of company `company_id`, for whoever may read the
    company (Refused otherwise); NotFound for a number the company has no invoice under."""
    ensure_can_read(actor, company_id, "invoice.read")
    return credited(find_invoice(company_id, number, kind="invoice"))


def credit_reason(credit: Invoice, company_id: int | None = None) -> str | None:
    """The reason given for credit note `credit` (of company `company_id`: default its own
    column) as History keeps it ("invoice.credit")."""
    reason = (AuditEvent.select(AuditEvent.reason)
              .where((AuditEvent.company == (company_id or _company_id(credit)))
                     & (AuditEvent.action == "invoice.credit")
                     & (AuditEvent.new_value == credit.number)
                     & (AuditEvent.outcome == "done"))
              .order_by(AuditEvent.id.desc()).scalar())
    return reason if isinstance(reason, str) else None


def document_credits(invoice: Invoice) -> dict[str, object]:
    """What an invoice's PDF says of credits (store.documents.pdf.InvoiceDocument's fields): a
    credit note's invoice (number, issue date) and reason; an invoice's credited total and
    credit notes. Two queries at most."""
    corrected: Invoice | None = invoice.corrects  # no query for an invoice (a NULL key)
    if corrected is not None:
        return {"corrects": corrected.number, "corrects_on": corrected.issued_on,
                "reason": credit_reason(invoice)}
    done = credited(invoice)
    return {"credited": done.total, "credit_notes": done.numbers} if done.numbers else {}
