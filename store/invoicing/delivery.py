"""Invoices e-mailed to their recipients (SPEC §5 Billing, R13, §11 billing run): queue, send,
retry, resend, and each recipient's delivery status.

- `queue_invoice(invoice_id)`: the company's recipients as they are now, one pending row each
  (store.persistence.models_delivery.InvoiceDelivery). The billing run calls it in the
  transaction that issues the invoice; recipients added or removed later change nothing for
  invoices already queued, so old invoices are never sent again to a new list (R13).
- `send_queued(actor, ...)`: billing and admin staff (SPEC §2 "run billing"); sends every row
  that is pending, or failed and due again, one e-mail per recipient with the PDF attached, in
  the company's document language (store.invoicing.delivery_message). A refused or failed e-mail
  marks its row failed with the reason (one line, never the password) and the run goes on with the
  others. Retries: at most MAX_ATTEMPTS attempts per row; after the n-th failure the row is due
  again FIRST_RETRY × 4^(n-1) later (5 min, 20 min, 80 min, 5 h 20); after the last one, or
  at once when the recipient's server refused the address for good (a 5yz reply, RFC 5321
  §4.2.1), it stays failed until someone resends it. Without settings
  (store.invoicing.delivery_smtp) nothing is sent, rows stay as they are and the summary says why.
- `resend_invoice(actor, company_id, number, email)`: billing and admin staff send invoice N to
  an address now (its row, new or reset, with a fresh count of attempts), recorded in the
  company's History ("invoice.resend"). Not owners: SPEC §2 gives running billing to the billing
  team, and an owner has the PDF already (R12) and chooses the recipients (R13).
- `deliveries(actor, company_id, number)`: per recipient, for whoever may read the company's
  invoices (its owner, any staff).

Rows claimed for an attempt are `sending` (one UPDATE on the status and count read, so two
senders at once never both send a row), naming the process that claimed it
(store.invoicing.delivery_claims). A sender stopped by Ctrl-C or an error gives back the rows it
had not finished, as they were: the next run sends them at once. A row left `sending` by a
process that is gone (killed) is due again at once when that can be proven (a process of this
machine), else after STALE_SENDING; one whose process still runs is left to it. A row is
`cancelled` when its invoice was credited in full before the e-mail went
(store.invoicing.credit_notes; `last_error` says by which credit note): never sent again by
send_queued, only by a resend; should an attempt already under way get through, it reads sent,
as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, cast

from store import clock
from store.errors import NotFound
from store.i18n import _
from store.invoicing.delivery_claims import Before, cancelled_since, claim, free_from, mine, release
from store.invoicing.delivery_message import invoice_pdf, seller_name
from store.invoicing.delivery_smtp import (
    MailNotConfigured,
    SendFailed,
    SmtpConnection,
    smtp_settings,
)
from store.people.access import ensure_billing_team, ensure_can_read, require_company
from store.persistence.db import retried, transaction
from store.persistence.models import Company, Invoice, InvoiceRecipient
from store.persistence.models_delivery import InvoiceDelivery
from store.trail.audit import record, refusals_recorded
from store.views import Actor, View

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=5)
Status = Literal["pending", "sending", "sent", "failed", "cancelled"]
Progress = Callable[[int, int], None]


@dataclass(frozen=True, kw_only=True)
class DeliveryView(View):
    """One recipient of one invoice: how its e-mail went. `next_attempt_at`: when send_queued
    tries a failed one again (None: pending, sent, or no attempts left). `sent_at`: when it was
    last delivered, kept when a later resend does not go; `sent_before`: this is such a resend
    (pending, under way or failed) of an e-mail delivered at `sent_at`, so that whoever reads it
    sees both facts (#17 trial: a failed resend read "Failed" as though it never went)."""

    invoice_number: str
    email: str
    status: Status
    attempts: int  # every attempt, those before a resend included (#17 trial)
    last_error: str | None = None
    last_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    next_attempt_at: datetime | None = None
    queued_at: datetime
    queued_by: str | None = None  # None: the billing run; else who resent it
    permanent: bool = False  # failed: its address refused for good (not tried again)
    sent_before: bool = False


@dataclass(frozen=True, kw_only=True)
class DeliverySummary(View):
    """What a sending run did: e-mails `sent` and `failed` now; `waiting`: due but not tried
    (`not_sent` says why: no SMTP settings; `unusable_settings`, that they are set but cannot
    be used, not that they are missing); `later`: failed ones to retry after their back-off;
    `under_way`: being sent by another run; `given_up`: failed MAX_ATTEMPTS times, until
    someone resends them; `refused`: addresses their server refused for good (`permanent`),
    likewise. `deliveries`: the rows this run tried, as they ended."""

    sent: int = 0
    failed: int = 0
    waiting: int = 0
    later: int = 0
    under_way: int = 0
    given_up: int = 0
    refused: int = 0
    not_sent: str | None = None
    unusable_settings: bool = False
    deliveries: list[DeliveryView] = field(default_factory=list)

    def went_wrong(self, *, asked_to_send: bool) -> bool:
        """Whether the command that sent this failed (README "The command line", exit 1): an
        e-mail failed, or the mail settings are set but unusable (no sender, not an SMTP URL:
        #17 trial, a billing run with no MYCOMPANY_MAIL_FROM exited 0). MYCOMPANY_SMTP_URL unset
        is mail not configured: the e-mails wait, which fails only a command `asked_to_send`
        (send-queued, resend), not one that sends as it issues (the billing run, a credit)."""
        return bool(self.failed or self.unusable_settings
                    or (asked_to_send and self.not_sent))


def gave_up(row: InvoiceDelivery) -> bool:
    """Whether send_queued tries `row` no more, until someone resends it: it failed
    MAX_ATTEMPTS times, or its recipient was refused for good (`permanent`, RFC 5321 5yz), or
    its last allowed attempt's process stopped while sending (it reads as failed, not sending)."""
    if row.status == "sending":
        free = free_from(row)
        return row.attempts >= MAX_ATTEMPTS and free is not None and free <= clock.now()
    return row.status == "failed" and (row.attempts >= MAX_ATTEMPTS or row.permanent)


def next_attempt_at(row: InvoiceDelivery) -> datetime | None:
    """When a failed (or abandoned `sending`) row is due again; None when it is not waiting for
    a retry, or is `sending` by a process of this machine that still runs (a `sending` row is due
    when store.invoicing.delivery_claims.free_from says)."""
    if row.last_attempt_at is None or gave_up(row):
        return None
    if row.status == "failed":
        wait: timedelta = FIRST_RETRY * 4 ** max(0, row.attempts - 1)
        return row.last_attempt_at + wait
    if row.status == "sending":
        return free_from(row)
    return None


def _view(row: InvoiceDelivery, number: str) -> DeliveryView:
    status = "failed" if row.status == "sending" and gave_up(row) else row.status
    return DeliveryView(invoice_number=number, email=row.email, status=cast(Status, status),
                        attempts=row.attempts_before + row.attempts,
                        last_error=row.last_error,
                        last_attempt_at=row.last_attempt_at, sent_at=row.sent_at,
                        next_attempt_at=next_attempt_at(row), queued_at=row.queued_at,
                        queued_by=row.queued_by,
                        permanent=row.status == "failed" and bool(row.permanent),
                        sent_before=row.sent_at is not None
                        and row.status in ("pending", "sending", "failed"))


def queue_invoice(invoice_id: int) -> int:
    """Queue invoice `invoice_id` for its company's current recipients (R13); the number of rows
    queued (an address already queued for it is left as it is). Call inside the transaction
    that issues the invoice: the program's own work, no actor (the billing run checked who
    runs it)."""
    company_id = Invoice.select(Invoice.company).where(Invoice.id == invoice_id).scalar()
    if company_id is None:
        raise NotFound(_("There is no invoice {id}.").format(id=invoice_id))
    emails = [r.email for r in InvoiceRecipient.select(InvoiceRecipient.email).where(
        InvoiceRecipient.company == company_id).order_by(InvoiceRecipient.email)]
    queued = {r.email for r in InvoiceDelivery.select(InvoiceDelivery.email).where(
        InvoiceDelivery.invoice == invoice_id)}
    new = [email for email in emails if email not in queued]
    if new:
        now = clock.now()
        InvoiceDelivery.insert_many([{"invoice": invoice_id, "email": email, "status": "pending",
                                      "attempts": 0, "queued_at": now} for email in new]
                                    ).on_conflict_ignore().execute()
    return len(new)


def send_queued(actor: Actor, invoice_ids: Iterable[int] | None = None, *,
                company_id: int | None = None,
                progress: Progress | None = None) -> DeliverySummary:
    """Send what is due: pending rows, failed ones whose back-off has passed (of `invoice_ids`,
    of `company_id`'s invoices, else all). Billing and admin staff only: Refused (exit 3,
    recorded) for anyone else. `progress(done, total)` after each e-mail. Without SMTP settings
    nothing is sent and `not_sent` says why."""
    with refusals_recorded(actor, company_id, "invoice.send"):
        ensure_billing_team(actor, company_id, "invoice.send")
        if company_id is not None:
            require_company(company_id)
    query = InvoiceDelivery.select().where(  # on the status index: sent rows are most of them
        InvoiceDelivery.status.in_(["pending", "sending", "failed"]))
    if invoice_ids is not None:
        query = query.where(InvoiceDelivery.invoice.in_(list(invoice_ids)))
    if company_id is not None:
        query = query.join(Invoice).where(Invoice.company == company_id)
    now = clock.now()
    due, later, under_way, given_up, refused = [], 0, 0, 0, 0
    for row in query.order_by(InvoiceDelivery.invoice, InvoiceDelivery.email):
        then = next_attempt_at(row)
        if row.status == "pending":
            due.append(row)
        elif row.status == "failed" and row.permanent:
            refused += 1
        elif gave_up(row) or row.attempts >= MAX_ATTEMPTS:
            given_up += 1
        elif then is not None and then <= now:
            due.append(row)
        elif row.status == "sending":
            under_way += 1
        else:
            later += 1
    summary = _send(actor, due, progress)
    return summary.model_copy(update={"later": later, "under_way": under_way,
                                      "given_up": given_up, "refused": refused})


@retried
def _requeue(actor: Actor, company_id: int, invoice: Invoice, email: str) -> InvoiceDelivery:
    with transaction():
        now = clock.now()
        reset = {"status": "pending", "attempts": 0, "last_error": None, "last_attempt_at": None,
                 "queued_at": now, "queued_by": actor.email, "permanent": False}
        # The attempts made so far stay counted (#17 trial: "Attempts 1" after two).
        updated = InvoiceDelivery.update(
            **reset, attempts_before=InvoiceDelivery.attempts_before + InvoiceDelivery.attempts
        ).where(
            (InvoiceDelivery.invoice == invoice.id) & (InvoiceDelivery.email == email)).execute()
        if not updated:
            InvoiceDelivery.insert(invoice=invoice.id, email=email, **reset).execute()
        return InvoiceDelivery.get(
            (InvoiceDelivery.invoice == invoice.id) & (InvoiceDelivery.email == email))


def resend_invoice(actor: Actor, company_id: int, number: str, email: str) -> DeliverySummary:
    """Send invoice `number` to `email` now (any address; validated and lower-cased as a
    recipient is), recorded in the company's History. Billing and admin staff only: Refused
    (exit 3, recorded with the address tried), whatever the address and number; InvalidInput
    for an address that is not one;
    NotFound for a number the company has no invoice under. Without SMTP settings the e-mail
    waits, pending, and `not_sent` says why."""
    from store.forms.schemas import RecipientForm
    from store.forms.validation import validate

    typed = (email or "").strip().lower()
    with refusals_recorded(actor, company_id, "invoice.resend",
                           tried={"invoice": number, "recipient": typed}):
        ensure_billing_team(actor, company_id, "invoice.resend")
        address = validate(RecipientForm, {"email": email}).email
        invoice = _invoice(company_id, number)
        row = _requeue(actor, company_id, invoice, address)
    summary = _send(actor, [row], None)
    # History says whether it went (#17 trial: six resends that never left read "done"); one
    # that did not stays queued, and send-queued tries it again.
    why = summary.not_sent or next((d.last_error for d in summary.deliveries if d.last_error),
                                   None)
    with transaction():
        record(actor, company_id, "invoice.resend", field="invoice",
               new=f"{invoice.number} → {address}", outcome="done" if summary.sent else "refused",
               reason=None if summary.sent else (why or "not sent"))
    return summary


def send_invoice(actor: Actor, company_id: int, number: str) -> DeliverySummary:
    """Send what is due of invoice `number`'s e-mails now (a credit note just issued): as
    send_queued, for that one invoice; NotFound for a number the company has no invoice
    under."""
    return send_queued(actor, [_invoice(company_id, number).id], company_id=company_id)


def deliveries(actor: Actor, company_id: int, number: str) -> list[DeliveryView]:
    """Invoice `number`'s e-mails, one per recipient, by address. Whoever may read the company
    (its owner, staff; store.people.access.ensure_can_read): Refused otherwise; NotFound for a
    number the company has no invoice under."""
    ensure_can_read(actor, company_id, "invoice.read")
    invoice = _invoice(company_id, number, actor)
    return invoice_deliveries(invoice.id, invoice.number)


def invoice_deliveries(invoice_id: int, number: str) -> list[DeliveryView]:
    """The e-mails of the invoice whose id is `invoice_id` (and number `number`), by address:
    one query, for a caller that has checked who reads it (store.invoicing.invoice_detail)."""
    rows = InvoiceDelivery.select().where(InvoiceDelivery.invoice == invoice_id).order_by(
        InvoiceDelivery.email)
    return [_view(row, number) for row in rows]


def _invoice(company_id: int, number: str, reader: Actor | None = None) -> Invoice:
    """The company's invoice `number`; another company's reads as missing (NotFound, exit 5),
    or, named by a company user `reader`, as a recorded reach (find_invoice)."""
    from store.invoicing.invoices import find_invoice

    require_company(company_id)
    return find_invoice(company_id, number, actor=reader)


# ---------------------------------------------------------------- sending


def _send(actor: Actor, rows: list[InvoiceDelivery], progress: Progress | None
          ) -> DeliverySummary:
    """Try each row once: claim it, send its e-mail, record how it went."""
    try:  # first: settings that cannot work are said even when nothing is due
        settings = smtp_settings()
    except MailNotConfigured as missing:
        return DeliverySummary(waiting=len(rows), not_sent=missing.message,
                               unusable_settings=not missing.unset,
                               deliveries=[_view(r, _number(r.invoice_id)) for r in rows])
    if not rows:
        return DeliverySummary()
    connection = SmtpConnection(settings)
    seller = seller_name()
    ended: list[DeliveryView] = []
    held: dict[int, tuple[InvoiceDelivery, Before]] = {}  # claimed, not finished: row id →
    try:
        for invoice_id in dict.fromkeys(r.invoice_id for r in rows):
            claimed = []
            for row in (r for r in rows if r.invoice_id == invoice_id):
                before = claim(row)
                if before is not None:
                    held[row.id] = (row, before)
                    claimed.append(row)
            if not claimed:
                continue
            invoice = Invoice.select(Invoice, Company.id, Company.locale).join(Company).where(
                Invoice.id == invoice_id).get()
            from store.invoicing.invoices import language_of_documents

            locale = language_of_documents(invoice.company.locale)
            pdf, unmade = b"", None
            try:
                pdf = invoice_pdf(actor, invoice)
            except Exception as exc:  # noqa: BLE001 - a row must not stay `sending`
                unmade = settings.without_secret(
                    _("the PDF could not be made: {error}").format(error=exc))
            for row in claimed:
                cancelled = cancelled_since(row)  # its invoice credited since it was claimed
                if cancelled is not None:
                    del held[row.id]
                    ended.append(_view(cancelled, invoice.number))
                    continue
                refusal = _deliver(connection, settings.sender, seller, invoice, locale,
                                   row.email, pdf) if unmade is None else None
                ended.append(_finish(row, invoice.number,
                                     unmade or (refusal.reason if refusal else None),
                                     permanent=refusal is not None and refusal.permanent))
                del held[row.id]
                if progress is not None:
                    progress(len(ended), len(rows))
    except BaseException:  # Ctrl-C, an error: the e-mails not finished go to the next run now
        release(held.values())
        connection.abort()
        raise
    finally:
        connection.close()
    sent = sum(1 for view in ended if view.status == "sent")
    failed = sum(1 for view in ended if view.status == "failed")  # not those cancelled
    return DeliverySummary(sent=sent, failed=failed, deliveries=ended)


def _deliver(connection: SmtpConnection, sender: str, seller: str | None, invoice: Invoice,
             locale: str, email: str, pdf: bytes) -> SendFailed | None:
    """Send one e-mail; None when the server took it, else how it failed."""
    from store.invoicing.delivery_message import invoice_message

    message = invoice_message(invoice, locale=locale, seller=seller, sender=sender,
                              recipient=email, pdf=pdf, now=clock.now())
    try:
        connection.send(message)
    except SendFailed as failed:
        return failed
    return None


def _finish(row: InvoiceDelivery, number: str, failure: str | None, *,
            permanent: bool = False) -> DeliveryView:
    now = clock.now()
    row.permanent = permanent
    if failure is None:
        row.status, row.sent_at, row.last_error = "sent", now, None
    else:
        row.status, row.last_error = "failed", failure
    # A row cancelled meanwhile (its invoice credited) stays so, unless the e-mail went; one
    # another sender took over meanwhile (this process's claim thought stale) is that sender's.
    claimed_as = ["sending", "cancelled"] if failure is None else ["sending"]
    with transaction():
        InvoiceDelivery.update(status=row.status, sent_at=row.sent_at,
                               last_error=row.last_error, permanent=permanent,
                               claimed_by=None).where(
            (InvoiceDelivery.id == row.id) & InvoiceDelivery.status.in_(claimed_as)
            & mine()).execute()
    return _view(row, number)


def _number(invoice_id: int) -> str:
    return cast(str, Invoice.select(Invoice.number).where(Invoice.id == invoice_id).scalar())
