"""What the billing run (store.invoicing.billing_run) notes about each invoice once it is issued
(#17 trial):
an invoice its run stopped before charging or e-mailing, older invoices of the company still
open (the run charges only the new one: the owner pays the others with Pay now, SPEC §5), the
run stopped by the person (Ctrl-C) with what it had done, and the earlier months a company was
never invoiced for; and a company whose billing failed, listed with the reason while the run
goes on with the others (#18 trial: one company's plan of 2**63 - 1 licences stopped the run).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, cast

from peewee import IntegrityError

from store.errors import Busy, StorageError, StoreError
from store.i18n import _
from store.invoicing.at_issue import Collected, still_to_charge
from store.persistence.models import Invoice
from store.persistence.models_delivery import InvoiceDelivery

if TYPE_CHECKING:
    from store.invoicing.billing_run import RunSummary
    from store.invoicing.gateway import Gateway
    from store.persistence.models import Subscription
    from store.views import Actor


class RunStopped(KeyboardInterrupt):
    """The run was interrupted (Ctrl-C): `summary` holds what it did until then, every invoice
    of it issued whole (one transaction per company), so running it again finishes the period.
    `emailing`: it was stopped after every company, while e-mailing the invoices."""

    def __init__(self, summary: RunSummary, *, emailing: bool = False) -> None:
        super().__init__()
        self.summary = summary
        self.emailing = emailing


@contextlib.contextmanager
def one_company(summary: RunSummary, cid: int) -> Iterator[None]:
    """Company `cid`'s part of the run, whose failure ends that company's part only: Busy lists
    it in `summary.busy` (run again); a refusal of the store, a number too large for the
    database or an amount (OverflowError, ArithmeticError), a value or a constraint it breaks
    lists it in `summary.not_billed` with the reason and in `summary.failed` (its transaction
    rolled back: nothing of it written), and the run goes on with the next company. A failure of
    the database itself (StorageError: disk full, read-only) and Ctrl-C still end the run."""
    try:
        yield
    except Busy:  # another program held the database past the busy timeout
        summary.busy.append(cid)
    except StorageError:
        raise
    except (StoreError, ArithmeticError, ValueError, LookupError, IntegrityError) as exc:
        summary.not_billed.append((cid, _("failed, nothing written: {reason}").format(
            reason=failure_reason(exc))))
        summary.failed.append(cid)


def failure_reason(exc: Exception) -> str:
    """Why a company's billing failed, in the reader's language: a refusal's own message, a
    number too large named so, else the error's own words."""
    if isinstance(exc, StoreError):
        return exc.message
    if isinstance(exc, ArithmeticError):
        return _("a number of its plan is too large to invoice; correct its plan (mycompany "
                 "plans) and run again")
    return str(exc).strip() or type(exc).__name__


def stopped_run(summary: RunSummary, cid: int | None, before: int,
                collected: Collected | None) -> RunStopped:
    """The RunStopped to raise when Ctrl-C stopped the run at company `cid` (None: before the
    first): should the company's invoice have been committed in the instant before the
    interrupt, before the run noted it, it is noted now (an invoice of the period with an id
    above `before`, the highest id when the run began), so that every invoice issued is said
    (#17 trial). `collected`: what the charges at issue did so far (None: no charging)."""
    from store.invoicing.billing_run import RunInvoice

    noted = {i.company_id for i in summary.issued} | set(summary.already)
    invoice = None if cid is None or cid in noted or summary.dry_run else Invoice.get_or_none(
        (Invoice.company == cid) & (Invoice.kind == "invoice")
        & (Invoice.billing_period == summary.period) & (Invoice.id > before))
    if invoice is not None:
        recipients = InvoiceDelivery.select().where(InvoiceDelivery.invoice == invoice.id)
        summary.issued.append(RunInvoice(
            company_id=cast(int, cid), company_name=invoice.bill_to_name, number=invoice.number,
            period=summary.period, currency=invoice.currency,
            subtotal_minor=invoice.subtotal_minor, tax_minor=invoice.tax_minor,
            total_minor=invoice.total_minor, tax_rule=invoice.tax_rule,
            due_on=invoice.due_on or invoice.issued_on,
            invoice_id=invoice.id, recipients=recipients.count()))
    if collected is not None and not summary.dry_run:
        summary.collected = collected
    return RunStopped(summary)


class Due(NamedTuple):
    """An invoice the run charges at issue: issued now (on a dry run, to be issued: no id, the
    number it would take) or earlier and never charged; its total in minor units."""

    invoice_id: int | None
    number: str
    total_minor: int
    currency: str


def invoiced_before(summary: RunSummary, cid: int, *, charging: bool) -> Due | None:
    """Company `cid`'s part of a run of `summary.period`, invoiced already (by an earlier run;
    its invoice credited, in full or in part, included: never billed again by itself, #17 trial
    r2), noted in `summary`: listed in `already`, the e-mails a stopped run left waiting to be
    sent by this one (`unsent`), and the invoice a stopped run was to charge and did not,
    returned: this run charges it (never_charged). Else, `charging`, the company's invoices
    still open are named (`still_open`): the owner pays them."""
    summary.already.append(cid)
    waiting = None if summary.dry_run else never_emailed(cid, summary.period)
    if waiting is not None:
        summary.unsent.append(waiting)
    due = never_charged(cid, summary.period)
    if due is None and charging:
        note_still_open(summary, cid, None)
    return due


def never_charged(cid: int, period: str) -> Due | None:
    """The company's invoice for `period` that its run was to charge at issue and stopped before
    charging (Ctrl-C, a busy database: store.invoicing.at_issue.still_to_charge), or None: one
    issued while the company had no card, or declined, is the owner's to pay (#17 trial r2)."""
    invoice = Invoice.get_or_none((Invoice.company == cid) & (Invoice.kind == "invoice")
                                  & (Invoice.billing_period == period)
                                  & (Invoice.status == "open") & Invoice.charge_at_issue)
    # Read again under the company's payment claim before charging (collect_at_issue): a
    # payer at the same moment may be charging it now (#17 trial).
    if invoice is None or not still_to_charge(invoice):
        return None
    return Due(invoice.id, invoice.number, invoice.total_minor, invoice.currency)


def never_emailed(cid: int, period: str) -> int | None:
    """The company's invoice for `period` when an e-mail of it still waits to be sent (pending,
    or failed and to be tried again: not refused for good), or None. A run stopped (Ctrl-C)
    after issuing it but before e-mailing it leaves them so; the next run of the period sends
    them as `invoices send-queued` does (store.invoicing.delivery.send_queued, #17 trial)."""
    waiting = (InvoiceDelivery.status.in_(["pending", "sending"])
               | ((InvoiceDelivery.status == "failed") & ~InvoiceDelivery.permanent))
    return cast("int | None", Invoice.select(Invoice.id).join(
        InvoiceDelivery, on=(InvoiceDelivery.invoice == Invoice.id))
        .where((Invoice.company == cid) & (Invoice.kind == "invoice")
               & (Invoice.billing_period == period) & waiting).limit(1).scalar())


def older_open(cid: int, invoice_id: int | None) -> list[str]:
    """The company's invoices still open (past due, declined before) other than `invoice_id`
    (None: every one; a dry run's invoice is not issued), oldest first: numbers."""
    others = Invoice.id != invoice_id if invoice_id is not None else Invoice.id.is_null(False)
    return [row.number for row in Invoice.select(Invoice.number).where(
        (Invoice.company == cid) & (Invoice.kind == "invoice") & (Invoice.status == "open")
        & others).order_by(Invoice.issued_on, Invoice.id)]


def charge_due(actor: Actor, due: Due, cid: int, summary: RunSummary, collected: Collected,
               gateway: Gateway | None) -> None:
    """The run's charge at issue of `due`, company `cid`'s invoice, added to `collected`
    (store.invoicing.at_issue.collect_at_issue); on a dry run (`summary.dry_run`) what it would
    be, decided as the charge is, nothing written and the gateway not asked (would_collect; #17
    trial: a dry run said no charge, and the run then charged 75 invoices issued earlier and
    never charged). The company's older invoices still open are noted in `summary` (said, not
    charged: the owner pays them, #17 trial)."""
    from store.invoicing.at_issue import collect_at_issue, would_collect

    if summary.dry_run:
        would_collect(collected, cid, due.number, due.total_minor, due.currency)
    else:
        merge(collected, collect_at_issue(actor, [cast(int, due.invoice_id)], gateway))
    note_still_open(summary, cid, due.invoice_id)


def note_still_open(summary: RunSummary, cid: int, invoice_id: int | None) -> None:
    """Company `cid`'s invoices still open other than `invoice_id` (the one the run charges;
    None: none, every open one is named), noted in `summary.still_open`: not charged by the
    run, the owner pays them (SPEC §5)."""
    still = older_open(cid, invoice_id)
    if still:
        summary.still_open.append((cid, still))


def merge(into: Collected, more: Collected) -> None:
    """Add what one company's charge at issue did to the run's."""
    into.paid += more.paid
    into.declined += more.declined
    into.no_card += more.no_card
    into.by_credits += more.by_credits
    into.after_credits += more.after_credits
    into.under_way += more.under_way


def missing_before(company_id: int, sub: Subscription, start: date) -> list[str]:
    """The billable months before `start` (YYYY-MM, oldest first) with no invoice, from its
    first invoice here on (not before: a company brought from another system): a failed or
    forgotten run. The run reports them for the billing team to issue."""
    from store.invoicing.billing_run import contract_start
    from store.invoicing.not_billed import not_billed_reason
    from store.plans.terms import add_months, months_invoiced

    first = contract_start(sub)
    step = months_invoiced(sub.term)
    invoiced = {p for (p,) in cast("Iterable[tuple[str]]", Invoice.select(
        Invoice.billing_period).where((Invoice.company == company_id)
                                      & (Invoice.kind == "invoice")).tuples()) if p}
    if invoiced and first is not None:
        first = max(first, date(int(min(invoiced)[:4]), int(min(invoiced)[5:7]), 1))
    if first is None or first >= start:
        return []
    missing, month = [], first
    while month < start:
        if f"{month:%Y-%m}" not in invoiced and not_billed_reason(sub, month) is None:
            missing.append(f"{month:%Y-%m}")
        month = add_months(month, step)
    return missing
