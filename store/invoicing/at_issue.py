"""The billing run's charge at issue (SPEC §5 Paying: a card on file pays what is issued; Pay now
is for what is still open), and what it would charge on a dry run: one decision for both
(`issue_charge`; #17 trial: a dry run reported no charge where the run then charged 75
invoices, issued earlier and never charged), and one rule of which invoices a run charges at
all (`still_to_charge`: decided when each is issued; #17 trial r2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from store.invoicing.gateway import CardDeclined, Gateway, SandboxGateway
from store.invoicing.payment_claim import claimed
from store.invoicing.payments import (
    PayPreview,
    charge_tried,
    credits_against,
    paid_with,
    write_outcome,
)
from store.money import from_minor
from store.persistence.models import Invoice, PaymentMethod
from store.profile.billing import card_label
from store.views import Actor


@dataclass(kw_only=True)
class Collected:
    """What charging the card on file at issue did: invoices paid (`paid`, all of them; of
    which `by_credits`: settled by open credit notes alone, no card charged, and
    `after_credits`: credit notes deducted, the card charged the rest), invoices whose charge
    the bank declined (left open, due on their due date), invoices left open for want of a
    card, invoices another payer was charging at that moment (`under_way`: it says how it
    went). On a dry run (would_collect), what the run would do: `paid` the invoices it would
    charge or settle, the bank not asked (none `declined`, none `under_way`)."""

    paid: list[str] = field(default_factory=list)
    by_credits: list[str] = field(default_factory=list)
    after_credits: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)
    no_card: list[str] = field(default_factory=list)
    under_way: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class IssueCharge:
    """How one invoice is paid at issue: the company's open credit notes deducted first
    (`credits`, oldest first, as Pay now deducts them), what is left for the card (`left`, in
    the invoice's currency; zero: the credit notes cover it), and the card it goes on (`card`,
    None when nothing is left to charge)."""

    credits: list[str]
    left: Decimal
    card: PaymentMethod | None


def issue_charge(company_id: int, total: Decimal) -> IssueCharge | None:
    """How an invoice of `total` (major units) of company `company_id` is paid at issue, read now
    (nothing written, the gateway not asked); None when something is left to charge and the
    company has no card on file saved with the gateway's token (a direct debit, a bank transfer,
    nothing: the invoice stays open). The one decision of the run's charge and of its dry run."""
    card = PaymentMethod.get_or_none((PaymentMethod.company == company_id)
                                     & (PaymentMethod.kind == "card"))
    credits, left = credits_against(company_id, total)
    if left and (card is None or card.token is None):
        return None
    return IssueCharge(credits=credits, left=left, card=card if left else None)


def payable_at_issue(company_id: int, total_minor: int, currency: str) -> bool:
    """Whether the run charges at issue a new invoice of `total_minor` (minor units of
    `currency`) of company `company_id`: the company can pay it now (issue_charge: a card on
    file, or credit notes covering it). Decided once, in the transaction that issues the
    invoice, and kept on it (invoice.charge_at_issue, store.invoicing.billing_run): a card added
    after the invoice was issued charges nothing by itself (SPEC §5: Pay now)."""
    return issue_charge(company_id, from_minor(total_minor, currency)) is not None


def still_to_charge(invoice: Invoice) -> bool:
    """Whether the billing run charges `invoice` (an invoice row) at issue, now or in a later run
    of its period: the one rule of what a run charges (README, "The billing run"). Only an open
    invoice whose issuing decided it would be charged at issue (invoice.charge_at_issue) and
    whose charge no one tried yet (History: store.invoicing.payments.charge_tried): a run
    stopped before charging it (Ctrl-C, a busy database) leaves it so, and the next run finishes
    it. Never one issued while the company could not pay it (no card: a card added since
    included), nor one declined at issue, nor an older invoice of the company: the owner pays
    those (Pay now; #17 trial r2: a re-run charged an invoice issued before the company had a
    card to the card its owner had just added, and been told to pay it with Pay now)."""
    return (invoice.kind == "invoice" and invoice.status == "open"
            and bool(invoice.charge_at_issue)
            and not charge_tried(int(getattr(invoice, "company_id")),  # noqa: B009
                                 invoice.number))


def _counted(done: Collected, number: str, charge: IssueCharge) -> None:
    done.paid.append(number)
    if charge.credits:
        (done.after_credits if charge.left else done.by_credits).append(number)


def would_collect(done: Collected, company_id: int, number: str, total_minor: int,
                  currency: str) -> None:
    """What collect_at_issue would do with invoice `number` of company `company_id` (issued and
    never charged, or to be issued: the number it would take), of `total_minor` in `currency`,
    noted in `done` (issue_charge decides, as for the charge itself): paid, by the card or by
    credit notes, or left open for want of a card. Nothing is written, the gateway is not asked:
    the bank may still decline."""
    charge = issue_charge(company_id, from_minor(total_minor, currency))
    if charge is None:
        done.no_card.append(number)
    else:
        _counted(done, number, charge)


def collect_at_issue(actor: Actor, invoice_ids: list[int],
                     gateway: Gateway | None = None) -> Collected:
    """Charge each new invoice of `invoice_ids` to its company's card on file, as the billing
    run issues it: only those still_to_charge (issued while the company could pay them, never
    charged yet); one issued while it could not is left open (`no_card`), a card added since
    or not. Each invoice alone and in its own transaction; the company's open credit
    notes go against it first, as Pay now's do, and the card pays what is left (issue_charge).
    Paid: status paid, paid on the company's today, with the card (or the credit notes, when
    they cover it), those credit notes applied; declined: left open and recorded as refused
    (reason "declined"); no card (or another payment method: direct debit, bank transfer): left
    open. Charged at most once whoever runs at the same time (another run, the owner's Pay now:
    #17 trial): under the company's payment claim (store.invoicing.payment_claim), the invoice
    is read again and skipped when it is no longer open or History already holds a payment of
    it (charge_tried); while another payer holds the claim it is left to that payer
    (`under_way`).

    Billing team only (Refused, exit 3). Amounts in minor units go to the gateway."""
    from store.people.access import ensure_billing_team

    ensure_billing_team(actor, None, "invoice.issue")
    done = Collected()
    rows = cast("Iterable[tuple[int, int, str, str, int, str, bool]]", Invoice.select(
        Invoice.id, Invoice.company, Invoice.number, Invoice.status, Invoice.total_minor,
        Invoice.currency, Invoice.charge_at_issue).where(Invoice.id.in_(invoice_ids))
        .order_by(Invoice.id).tuples())
    for invoice_id, company_id, number, status, total_minor, currency, payable in rows:
        if status != "open":
            continue
        if not payable:  # issued while the company could not pay it: the owner pays it
            done.no_card.append(number)
            continue
        with claimed(company_id) as mine:
            if not mine:  # another payer is charging the company now (#17 trial)
                # ... or would be, had the company a means of paying it (issue_charge; #17
                # trial: invoices of companies with no card were named as charged elsewhere)
                payable_now = issue_charge(company_id, from_minor(total_minor, currency))
                (done.under_way if payable_now is not None else done.no_card).append(number)
                continue
            _collect_one(actor, done, invoice_id, company_id, number, gateway)
    return done


def _collect_one(actor: Actor, done: Collected, invoice_id: int, company_id: int, number: str,
                 gateway: Gateway | None) -> None:
    """collect_at_issue's charge of one invoice, the company's payment claim held: read again
    now (another payer may have paid it, or tried to, since it was issued), charged once."""
    invoice = Invoice.get_by_id(invoice_id)
    if not still_to_charge(invoice):
        return
    currency = invoice.currency
    charge = issue_charge(company_id, from_minor(invoice.total_minor, currency))
    if charge is None:
        done.no_card.append(number)
        return
    label = paid_with(charge.card, charge.credits)
    preview = PayPreview(numbers=[number], currency=currency, total=charge.left, card=label,
                         credits=charge.credits)
    try:
        if charge.card is not None:  # credit notes may cover it all
            (gateway or SandboxGateway()).charge(cast(str, charge.card.token),
                                                 preview.total_minor, currency, number)
    except CardDeclined:
        write_outcome(actor, company_id, preview, label, None, at_issue=True)
        done.declined.append(number)
        return
    write_outcome(actor, company_id, preview, label, Invoice.id == invoice_id,
                  card=card_label(charge.card), at_issue=True)
    _counted(done, number, charge)
