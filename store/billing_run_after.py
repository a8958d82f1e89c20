"""What the billing run (store.billing_run) notes about each invoice once it is issued (#17 trial):
an invoice its run stopped before charging or e-mailing, older invoices of the company still
open (the run charges only the new one: the owner pays the others with Pay now, SPEC §5), and
the run stopped by the person (Ctrl-C) with what it had done."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from store.payments import Collected
from store.persistence.models import AuditEvent, Invoice
from store.persistence.models_delivery import InvoiceDelivery

if TYPE_CHECKING:
    from store.billing_run import RunSummary


class RunStopped(KeyboardInterrupt):
    """The run was interrupted (Ctrl-C) between two companies' transactions: `summary` holds
    what it did until then, every invoice of it issued whole (one transaction per company), so
    running it again finishes the period."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__()
        self.summary = summary


def never_charged(cid: int, period: str) -> int | None:
    """The company's open invoice for `period` that no charge at issue was tried on (its run
    stopped before charging it), or None."""
    invoice = Invoice.get_or_none((Invoice.company == cid) & (Invoice.kind == "invoice")
                                  & (Invoice.billing_period == period)
                                  & (Invoice.status == "open"))
    if invoice is None:
        return None
    tried = AuditEvent.select().where(
        (AuditEvent.company == cid) & (AuditEvent.action == "invoice.pay")
        & AuditEvent.new_value.contains(f'"{invoice.number}"')).exists()
    return None if tried else invoice.id


def never_emailed(cid: int, period: str) -> int | None:
    """The company's invoice for `period` when an e-mail of it still waits to be sent (pending,
    or failed and to be tried again: not refused for good), or None. A run stopped (Ctrl-C)
    after issuing it but before e-mailing it leaves them so; the next run of the period sends
    them as `invoices send-queued` does (store.delivery.send_queued, #17 trial)."""
    waiting = (InvoiceDelivery.status.in_(["pending", "sending"])
               | ((InvoiceDelivery.status == "failed") & ~InvoiceDelivery.permanent))
    return cast("int | None", Invoice.select(Invoice.id).join(
        InvoiceDelivery, on=(InvoiceDelivery.invoice == Invoice.id))
        .where((Invoice.company == cid) & (Invoice.kind == "invoice")
               & (Invoice.billing_period == period) & waiting).limit(1).scalar())


def older_open(cid: int, invoice_id: int) -> list[str]:
    """The company's invoices still open (past due, declined before) other than `invoice_id`,
    oldest first: numbers."""
    return [row.number for row in Invoice.select(Invoice.number).where(
        (Invoice.company == cid) & (Invoice.kind == "invoice") & (Invoice.status == "open")
        & (Invoice.id != invoice_id)).order_by(Invoice.issued_on, Invoice.id)]


def merge(into: Collected, more: Collected) -> None:
    """Add what one company's charge at issue did to the run's."""
    into.paid += more.paid
    into.declined += more.declined
    into.no_card += more.no_card
    into.by_credits += more.by_credits
    into.after_credits += more.after_credits
