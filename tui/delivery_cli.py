"""`mycompany invoices resend | deliveries | send-queued`: invoices e-mailed to their recipients
(SPEC §5 Billing); the store decides who may and what happened (store.invoicing.delivery)."""

from __future__ import annotations

import argparse
import sys

from store.i18n import _, colon, ngettext

from .formatting import safe_text, timestamp

ACTIONS = ("resend", "deliveries", "send-queued")


def add_parsers(isub: argparse._SubParsersAction) -> None:
    """The three actions under `invoices`, each with --json."""
    resend = isub.add_parser(
        "resend", help=_("billing team: e-mail an invoice to an address now"),
        description=_("E-mail invoice NUMBER, its PDF attached, to ADDRESS now (any address, "
                      "not only the recipients), in the company's document language. Recorded "
                      "in the company's History."),
        epilog=_("Exit status: 0 sent, 1 not sent (the reason is printed; the e-mail stays "
                 "queued), 3 refused, 5 no such invoice."))
    resend.add_argument("number", metavar="NUMBER")
    resend.add_argument("--to", required=True, metavar="ADDRESS", dest="to",
                        help=_("the e-mail address to send it to"))
    deliveries = isub.add_parser(
        "deliveries", help=_("how an invoice's e-mails went, per recipient"))
    deliveries.add_argument("number", metavar="NUMBER")
    send = isub.add_parser(
        "send-queued", help=_("billing team: send the invoice e-mails that are due"),
        description=_("Send the invoice e-mails waiting to go: new ones, and failed ones whose "
                      "next attempt is due (at most 5 attempts, 5 minutes after the first "
                      "failure, then 20 minutes, 80 minutes, 5 hours 20). Every company's, or "
                      "--company's. Settings: MYCOMPANY_SMTP_URL and MYCOMPANY_MAIL_FROM "
                      "(README, Configuration)."),
        epilog=_("Exit status: 0 every e-mail due was sent, 1 some failed or none could be "
                 "sent (the reason is printed), 3 refused."))
    for parser in (resend, deliveries, send):
        parser.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor) -> int:
    """Run one of ACTIONS as `actor`; the exit status."""
    import store.invoicing.delivery

    if args.action == "send-queued":
        from .progress import progress_bar, stopped_line

        with progress_bar(_("Sending invoices"), stopped=stopped_line) as step:
            summary = store.invoicing.delivery.send_queued(actor, company_id=args.company,
                progress=step)
        return print_summary(args, summary)
    from .company_arg import company_for

    company_id = company_for(args, actor)  # staff naming an invoice: the invoice's
    if args.action == "resend":
        summary = store.invoicing.delivery.resend_invoice(actor, company_id, args.number, args.to)
        return print_summary(args, summary)
    views = store.invoicing.delivery.deliveries(actor, company_id, args.number)
    if args.json:
        print(_dumps([view.model_dump(mode="json") for view in views]))
    elif not views:
        print(_("Invoice {number} has not been queued for e-mail.").format(
            number=safe_text(args.number.strip().upper())))
    else:
        print(_table(views))
    return 0


def status_label(status: str, permanent: bool = False, *, sent_at=None,
                 tried_at=None) -> str:
    """A delivery's status as people read it; a failure its server refused for good reads so
    (it is not tried again: store.invoicing.delivery). `sent_at`, for a resend of an e-mail
    delivered then (store.invoicing.delivery.DeliveryView.sent_before), says both: that it went, and
    how the resend went; with their dates when `tried_at` is given (a line of its own), without them
    in a
    table whose columns show them."""
    if sent_at is not None and status in ("pending", "sending", "failed"):
        key = "refused" if status == "failed" and permanent else status
        if tried_at is None:
            resent = {"pending": _("Sent; resend waiting"),
                      "sending": _("Sent; resend under way"),
                      "failed": _("Sent; resend failed"),
                      "refused": _("Sent; resend refused for good")}[key]
        else:
            resent = {"pending": _("Sent on {sent}; resend waiting"),
                      "sending": _("Sent on {sent}; resend under way"),
                      "failed": _("Sent on {sent}; resend failed on {tried}"),
                      "refused": _("Sent on {sent}; resend refused for good on {tried}")}[key]
        return resent.format(sent=timestamp(sent_at), tried=timestamp(tried_at))
    if status == "failed" and permanent:
        return _("Refused for good")
    labels = {"pending": _("Pending"), "sending": _("Sending"), "sent": _("Sent"),
              "failed": _("Failed"), "cancelled": _("Cancelled")}
    return labels.get(status, safe_text(status))


def view_status(view, *, dated: bool = True) -> str:
    """status_label of a store.invoicing.delivery.DeliveryView: both facts for a resend of an e-mail
    already delivered (`sent_before`), with their dates unless not `dated`."""
    sent_at = view.sent_at if view.sent_before else None
    tried_at = (view.last_attempt_at or view.queued_at) if dated else None
    return status_label(view.status, view.permanent, sent_at=sent_at, tried_at=tried_at)


def _table(views) -> str:
    from .textout import table

    headers = [_("Recipient"), _("Status"), _("Attempts"), _("Last attempt"), _("Sent at"),
               _("Next attempt"), _("Reason")]
    rows = [[view.email, view_status(view, dated=False), str(view.attempts),
             timestamp(view.last_attempt_at), timestamp(view.sent_at),
             timestamp(view.next_attempt_at), view.last_error or "—"] for view in views]
    return table(headers, rows)


def print_summary(args: argparse.Namespace, summary) -> int:
    """A sending run's answer: counts, then the e-mails that failed; exit 1 when any failed or
    none could be sent (the store's rule for a command asked to send: DeliverySummary.went_wrong);
    a command that sends as it does something else reads its own status from the summary."""
    status = 1 if summary.went_wrong(asked_to_send=True) else 0
    if args.json:
        print(_dumps(summary.model_dump(mode="json")))
        return status
    if summary.not_sent:
        sys.stderr.write("mycompany: " + safe_text(summary.not_sent) + "\n")
    parts = [ngettext("{count} e-mail sent", "{count} e-mails sent", summary.sent),
             ngettext("{count} failed", "{count} failed", summary.failed)]
    if summary.waiting:
        parts.append(ngettext("{count} waiting", "{count} waiting", summary.waiting))
    if summary.later:
        parts.append(ngettext("{count} to retry later", "{count} to retry later",
                              summary.later))
    if summary.under_way:
        parts.append(ngettext("{count} being sent by another run",
                              "{count} being sent by another run", summary.under_way))
    if summary.given_up:
        parts.append(ngettext("{count} given up after 5 attempts",
                              "{count} given up after 5 attempts", summary.given_up))
    if summary.refused:
        parts.append(ngettext("{count} address refused for good (resend once it is fixed)",
                              "{count} addresses refused for good (resend once they are fixed)",
                              summary.refused))
    print(" · ".join(part.format(count=n)
                     for part, n in zip(parts, _counts(summary), strict=True)))
    failed = [view for view in summary.deliveries if view.status == "failed"]
    if failed:
        print(colon(_("Not sent")))
        print(_failures(failed))
    return status


def _counts(summary) -> list[int]:
    counts = [summary.sent, summary.failed]
    counts += [n for n in (summary.waiting, summary.later, summary.under_way, summary.given_up,
                           summary.refused) if n]
    return counts


def _failures(views) -> str:
    from .textout import table

    return table([_("Invoice"), _("Recipient"), _("Attempts"), _("Reason")],
                 [[view.invoice_number, view.email, str(view.attempts), view.last_error or "—"]
                  for view in views])


def _dumps(data: object) -> str:
    from .textout import dumps

    return dumps(data)
