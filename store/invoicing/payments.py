"""Paying open invoices with the card on file ("Pay now", SPEC §5 Paying): the amount is shown and
confirmed before anything is charged; a decline says so and leaves the invoices open.

Two steps, so that nobody is charged an amount they did not see: `pay_preview` says which
invoices and how much; `pay_invoices` charges exactly that, refusing (AmountChanged, exit 4)
when what is open changed since the person confirmed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from peewee import Case

from store.errors import FORM_WIDE, InvalidInput, StoreError
from store.i18n import _, ngettext
from store.invoicing.gateway import CardDeclined, Gateway, SandboxGateway
from store.invoicing.payment_claim import claimed
from store.invoicing.payment_parts import write_payments
from store.money import from_minor, money_text, to_minor
from store.people.access import ensure_can_read, ensure_owner
from store.persistence.db import retried, transaction
from store.persistence.models import AuditEvent, Invoice, PaymentMethod
from store.places.zones import company_today
from store.profile.billing import card_label
from store.service_call import service_call
from store.trail.audit import record, refusals_recorded
from store.views import Actor, View

if TYPE_CHECKING:
    from peewee import Expression

PAID_WITH_MAX = 64  # invoice.paid_with's length (store.persistence.models.Invoice)


def paid_with(card: PaymentMethod | None, credits: list[str]) -> str:
    """How an invoice was paid, as it keeps it (invoice.paid_with, in no one's language): the
    credit notes deducted, then the card charged for the rest ("CN-000002-0001, Visa •••• 4242");
    past PAID_WITH_MAX characters the first credit note and how many more ("CN-000002-0001 +2,
    Visa •••• 4242"). `card` None: nothing was charged (credit notes covered it all)."""
    charged = [card_label(card) or ""] if card is not None else []
    text = ", ".join(credits + charged)
    if len(text) > PAID_WITH_MAX and credits:
        text = ", ".join([f"{credits[0]} +{len(credits) - 1}"] + charged)
    return text[:PAID_WITH_MAX]


def mark_paid(company_id: int, which: Expression, label: str) -> int:
    """Mark the open invoices of company `company_id` that `which` selects paid with `label`
    (paid_with), returning how many. The one place a paid date is decided (SPEC §2, §5): the
    company's day at the moment of payment (store.places.zones.company_today), the calendar its
    issue and due dates are on, and never before the invoice's own issue date. An invoice's
    series never dates backwards (store.invoicing.series.series_day), so after the company
    moved west its newest invoice may be dated a day the company has not reached yet: paid
    then, it is paid on its issue date (#17 trial: issued Dec 1, "Paid Nov 30"). Every
    surface (the Billing list, the invoice in full, its PDF and e-mail, `invoices show`, `show
    invoices`, the exports) reads the stored `paid_on`, never an instant."""
    today = company_today(company_id)
    return cast(int, Invoice.update(
        status="paid", paid_with=label,
        paid_on=Case(None, [(Invoice.issued_on > today, Invoice.issued_on)], today),
    ).where(which & (Invoice.kind == "invoice") & (Invoice.status == "open")).execute())


class NoCard(InvalidInput):
    """Something is left to charge and the company has no card on file (exit 1). The message
    names no way to add one: each surface adds its own (the screen's key, the command line's
    `mycompany card set`)."""

    def __init__(self) -> None:
        super().__init__({FORM_WIDE: _("There is no card on file.")})


def ensure_card(preview: PayPreview) -> None:
    """NoCard when `preview` leaves something to charge and there is no card to charge it to
    (credit notes covering it all need none). Ask it before asking the person to confirm."""
    if preview.total and preview.card is None:
        raise NoCard


def not_charged() -> str:
    """What a payment the person did not confirm says, on every surface (`invoices pay`'s
    [y/N] answered no, the screens' Pay now dialog closed by n, escape or its Cancel button):
    nothing was charged (#17 trial: the dialog closed in silence where the command line said
    it)."""
    return _("Nothing was charged.")


class AmountChanged(StoreError):
    """What is open changed between the preview the person confirmed and the charge (another
    payment, a new invoice): nothing was charged; look again (exit 4)."""

    exit_status = 4


@dataclass(frozen=True, kw_only=True)
class PayPreview(View):
    """What "Pay now" would charge: the open invoices (numbers, oldest first), the open credit
    notes deducted from them (`credits`, oldest first, as many whole ones as the invoices
    cover: a credit note is used whole or kept for later), what is charged (`total`, in the
    company's currency, the invoices less the credits), and the card it would go on (its
    label; None without a card)."""

    numbers: list[str]
    currency: str
    total: Decimal
    card: str | None
    credits: list[str] = field(default_factory=list)

    @property
    def total_minor(self) -> int:
        """The total in minor units (what the gateway charges)."""
        return to_minor(self.total, self.currency) if self.currency else 0


def _open(actor: Actor, company_id: int, numbers: list[str] | None) -> list[Invoice]:
    """Company `company_id`'s open invoices, oldest first: all of them, or `numbers` as typed.
    A number the company does not have is looked up as every invoice number is
    (store.invoicing.invoices.find_invoice: NotFound, or Refused and recorded for another
    company's series named by one of its people); one that is not open is InvalidInput."""
    from store.invoicing.invoices import find_invoice

    query = Invoice.select().where((Invoice.company == company_id) & (Invoice.kind == "invoice")
                                   & (Invoice.status == "open"))
    rows = list(query.order_by(Invoice.issued_on, Invoice.id))
    if not numbers:
        return rows
    wanted = [n.strip().upper() for n in numbers]
    by_number = {row.number: row for row in rows}
    for number in wanted:
        if number not in by_number:
            find_invoice(company_id, number, actor=actor)
            raise InvalidInput({FORM_WIDE: _("Invoice {number} is not open: nothing to pay.")
                                .format(number=number)})
    return [by_number[number] for number in dict.fromkeys(wanted)]


def pay_preview(actor: Actor, company_id: int, numbers: list[str] | None = None) -> PayPreview:
    """The open invoices `numbers` (None or empty: every open one, past due included) and their
    total, with the card on file. Readable by whoever may read the company; NotFound for a
    number the company does not have; InvalidInput for one that is not open. Read alone, it
    locks nothing: pay_invoices reads it again under the company's payment claim
    (store.invoicing.payment_claim)."""
    ensure_can_read(actor, company_id, "invoice.pay")
    rows = _open(actor, company_id, numbers)
    card = PaymentMethod.get_or_none((PaymentMethod.company == company_id)
                                     & (PaymentMethod.kind == "card"))
    currency = rows[0].currency if rows else ""
    total = sum((from_minor(row.total_minor, row.currency) for row in rows), Decimal(0))
    credits, total = credits_against(company_id, total) if rows else ([], total)
    return PayPreview(numbers=[row.number for row in rows], currency=currency, total=total,
                      card=card_label(card), credits=credits)


def changed_since_asked(asked: PayPreview, now: PayPreview) -> str:
    """What makes `now` (pay_preview read again) another question than `asked`, the preview
    the person was shown, in sentences ("INV-000002-0014 is no longer open."); "" when it is
    the same charge (the same invoices, credit notes, total and card). Every surface that asks
    before a charge reads the preview again when the answer comes (and the screens while the
    question is open) and, when this is not "", asks again with it in front of the new question:
    a yes is for the charge it was shown (#17 trial: Pay now left open over a payment made in a
    shell still said €5,134.00 for 2 invoices; its y was refused, a second y asked €2,567.00).
    pay_invoices refuses a charge whose invoices or total differ from the confirmed ones
    whatever the surface did."""
    if now == asked:
        return ""
    said: list[str] = []
    gone = [n for n in asked.numbers if n not in now.numbers]
    added = [n for n in now.numbers if n not in asked.numbers]
    if gone:
        said.append(ngettext("{numbers} is no longer open.", "{numbers} are no longer open.",
                             len(gone)).format(numbers=", ".join(gone)))
    if added:
        said.append(ngettext("{numbers} is open now too.", "{numbers} are open now too.",
                             len(added)).format(numbers=", ".join(added)))
    if now.credits != asked.credits:
        said.append(_("The credit notes to deduct changed."))
    if now.card != asked.card and now.card is not None:
        said.append(_("The card on file is now {card}.").format(card=now.card))
    return " ".join(said) or _("The amount due changed.")


def credits_against(company_id: int, total: Decimal) -> tuple[list[str], Decimal]:
    """The company's open credit notes that go against `total` (oldest first, each used whole
    while it fits: a customer who paid twice never pays the credited amount again), and what
    is left to charge."""
    credits: list[str] = []
    for note in Invoice.select().where(
            (Invoice.company == company_id) & (Invoice.kind == "credit_note")
            & (Invoice.status == "open")).order_by(Invoice.issued_on, Invoice.id):
        amount = -from_minor(note.total_minor, note.currency)  # a credit note's total is < 0
        if amount <= total:
            credits.append(note.number)
            total -= amount
    return credits, total


class PaymentUnderWay(StoreError):
    """Another payment of the company's invoices is under way at this moment (another terminal,
    the billing run charging at issue): nothing was charged; look again (exit 4)."""

    exit_status = 4

    def __init__(self) -> None:
        super().__init__(_("Another payment of these invoices is under way: nothing was "
                           "charged; look again in a moment."))


def pay_invoices(actor: Actor, company_id: int, numbers: list[str], confirmed_total: Decimal,
                 gateway: Gateway | None = None) -> PayPreview:
    """Charge the card on file for the open invoices `numbers`, whose total the person saw and
    confirmed (`confirmed_total`, the preview's). Marks them paid today (the company's date)
    with the card, and records it in History. Returns what was paid.

    Refused (exit 3) unless `actor` owns the company (SPEC §5: the owner pays); InvalidInput
    when there is no card or nothing to pay, or when the bank declines (the invoices stay open,
    the refusal is recorded); AmountChanged (exit 4) when the total is not the one confirmed;
    PaymentUnderWay (exit 4) while another payer (the billing run, another terminal) is
    charging the company's card: one charge at a time per company, on SQLite and PostgreSQL
    alike (store.invoicing.payment_claim; #17 trial: the run and Pay now both charged
    INV-000002-0016). The gateway is called outside any transaction, the claim held.
    """
    with service_call(), refusals_recorded(actor, company_id, "invoice.pay",
                                           tried={"invoices": ", ".join(numbers) or "*"}):
        ensure_owner(actor, company_id, "invoice.pay")
        with claimed(company_id) as mine:
            if not mine:
                raise PaymentUnderWay
            # Read once the claim is ours: what another payer paid before is no longer open.
            preview, card = _to_charge(actor, company_id, numbers, confirmed_total)
            try:
                if preview.total and card is not None:  # credit notes may cover it all
                    (gateway or SandboxGateway()).charge(
                        cast(str, card.token), preview.total_minor, preview.currency,
                        ",".join(preview.numbers))
            except CardDeclined:
                # The bank's refusal stays in History (SPEC §6).
                write_outcome(actor, company_id, preview, card_label(card), None)
                raise InvalidInput({FORM_WIDE: _(
                    "The bank declined the charge of {amount}; the invoices stay open. Use "
                    "another card or contact your bank.").format(
                        amount=money_text(preview.total, preview.currency))}) from None
            label = paid_with(card if preview.total else None, preview.credits)
            write_outcome(actor, company_id, preview, label,
                           (Invoice.company == company_id)
                           & Invoice.number.in_(preview.numbers),
                           card=card_label(card) if preview.total else None)
    return preview


@retried
def _to_charge(actor: Actor, company_id: int, numbers: list[str],
               confirmed_total: Decimal) -> tuple[PayPreview, PaymentMethod | None]:
    """What pay_invoices charges and the card it goes on, checked against what was confirmed."""
    with transaction():
        preview = pay_preview(actor, company_id, numbers)
        if not preview.numbers:
            raise InvalidInput({FORM_WIDE: _("No invoice is open: nothing to pay.")})
        if preview.total != confirmed_total:
            raise AmountChanged(_("The amount due is now {amount}, not the {confirmed} you "
                                  "confirmed: nothing was charged; look again.").format(
                amount=money_text(preview.total, preview.currency),
                confirmed=money_text(confirmed_total, preview.currency)))
        card = PaymentMethod.get_or_none((PaymentMethod.company == company_id)
                                         & (PaymentMethod.kind == "card"))
        ensure_card(preview)
        if preview.total and (card is None or card.token is None):
            raise NoCard
    return preview, card


@retried
def write_outcome(actor: Actor, company_id: int, preview: PayPreview, label: str | None,
                   paid: Expression | None, *, card: str | None = None,
                   at_issue: bool = False) -> None:
    """Write what the gateway answered, in one transaction: `paid` (the invoices it selects)
    marked paid with `label`, what paid each part of each with its amount (the credit notes
    used, then `card`, the card charged's label: store.invoicing.payment_parts), the credit
    notes used applied, and the payment in History; or, `paid` None, the decline in History
    (outcome refused, reason declined)."""
    value = paid_trail_value(preview, label, at_issue=at_issue)
    with transaction():
        if paid is None:
            record(actor, company_id, "invoice.pay", field="invoices", outcome="refused",
                   new=value, reason="declined")
            return
        paying = list(Invoice.select().where(
            paid & (Invoice.kind == "invoice") & (Invoice.status == "open"))
            .order_by(Invoice.issued_on, Invoice.id))
        write_payments(company_id, paying, preview.credits, card)
        mark_paid(company_id, paid, cast(str, label))
        Invoice.update(status="applied").where(
            (Invoice.company == company_id) & (Invoice.number.in_(preview.credits))
            & (Invoice.status == "open")).execute()
        # Kept as data, in no one's language: each reader's screen words it.
        record(actor, company_id, "invoice.pay", field="invoices", new=value)


def charge_tried(company_id: int, number: str) -> bool:
    """Whether History holds a payment of invoice `number` of the company, made or declined
    (the billing run's at issue, or Pay now): the run charges an invoice at issue once, and
    never again after a decline (the owner pays it)."""
    return AuditEvent.select().where(
        (AuditEvent.company == company_id) & (AuditEvent.action == "invoice.pay")
        & AuditEvent.new_value.contains(f'"{number}"')).exists()


def paid_trail_value(preview: PayPreview, card: str | None, *, at_issue: bool = False) -> str:
    """The trail's value, kept as data in no one's language (tui.audit_text words it): how
    many invoices, the card, their numbers, the credit notes used, the amount charged (a
    decimal string) and its currency; `at_issue` for the billing run's own charge."""
    data = {"paid": len(preview.numbers), "card": card, "numbers": preview.numbers,
            "credits": preview.credits, "total": str(preview.total),
            "currency": preview.currency}
    if at_issue:
        data["at_issue"] = True
    return json.dumps(data, ensure_ascii=False)
