"""`mycompany invoices issue|show|pay`: the billing run (SPEC §11), one invoice in full, and
paying open invoices with the card on file (SPEC §5) on the command line. What may be done,
and what it costs, is the store's (store.invoicing: billing_run, invoice_detail, payments);
this prints it and asks before a charge. The store modules load when a command runs: the parser
is built at every start."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

import store.views
from store.i18n import _, colon, ngettext, pgettext

from .cli_input import asked
from .formatting import day, invoice_period, invoice_status, money, safe_text
from .progress import progress_bar, stopped_line
from .run_report import summary_json, summary_text

if TYPE_CHECKING:
    from store.errors import InvalidInput
    from store.invoicing.billing_run_after import RunStopped
    from store.invoicing.invoice_detail import InvoiceDetailView
    from store.invoicing.payment_parts import DeclinedView
    from store.invoicing.payments import NoCard, PayPreview


def add_parsers(actions: argparse._SubParsersAction) -> None:
    """`issue`, `show` and `pay` under `invoices`."""
    issue = actions.add_parser("issue", help=_("billing team: issue the invoices of a month"))
    issue.add_argument("--period", required=True, metavar="YYYY-MM",
                       help=_("the month to invoice, e.g. 2026-12"))
    from .cli_input import whole_number

    # Also after the command, as the README writes it (the global --company is read otherwise).
    issue.add_argument("--company", type=whole_number, metavar="ID", default=argparse.SUPPRESS,
                       help=_("only this company"))
    issue.add_argument("--dry-run", action="store_true",
                       help=_("show what would be issued; nothing is written"))
    issue.add_argument("--json", action="store_true", help=_("print JSON"))
    show = actions.add_parser("show", help=_("one invoice in full"))
    show.add_argument("number")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    pay = actions.add_parser("pay", help=_("pay open invoices with the card on file"))
    pay.add_argument("numbers", nargs="*", metavar="NUMBER",
                     help=_("the invoices to pay (default: every open one)"))
    pay.add_argument("--yes", action="store_true",
                     help=_("charge without asking (the amount is still printed)"))
    pay.add_argument("--json", action="store_true", help=_("print JSON"))
    credit = actions.add_parser("credit", help=_("billing team: correct an invoice with a "
                                                 "credit note, e-mailed to its recipients"))
    credit.add_argument("number")
    credit.add_argument("--reason", required=True,
                        help=_("why (kept in History, printed on the credit note)"))
    credit.add_argument("--ticket", help=_("support ticket reference"))
    credit.add_argument("--amount", metavar="AMOUNT",
                        help=_("credit only this amount excluding tax, e.g. 120.50 (the "
                               "invoice's tax rate is added); default: all that is left"))
    credit.add_argument("--reissue", action="store_true",
                        help=_("credit it in full and have the next run of its month issue a "
                               "corrected invoice (without it, the month stays invoiced)"))
    credit.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor, company_id: int,
        locale: str) -> int:
    """`invoices show NUMBER`, `invoices pay [NUMBER…] [--yes]`, `invoices credit NUMBER`."""
    from . import textout

    if args.action == "credit":
        import store.invoicing.credit_notes
        import store.invoicing.delivery
        import store.invoicing.invoice_detail

        credit = store.invoicing.credit_notes.credit_invoice(
            actor, company_id, args.number, {"reason": args.reason, "ticket": args.ticket},
            args.amount, reissue=args.reissue)
        done = store.invoicing.credit_notes.credited_on(actor, company_id, args.number)
        reissued = None if done.reissue is None else _(
            "{month} is no longer invoiced: the next run of {month} issues the corrected "
            "invoice in place of {number}.").format(month=done.reissue,
                                                    number=safe_text(done.invoice))
        if credit is None:  # credited in full before: its month freed, no new credit note
            print(textout.dumps({"invoice_credited": done.model_dump(mode="json")})
                  if args.json else reissued)
            return 0
        sent = store.invoicing.delivery.send_invoice(actor, company_id, credit)  # as the run does
        view = store.invoicing.invoice_detail.invoice_detail(actor, company_id, credit)
        if args.json:
            print(textout.dumps({**view.model_dump(mode="json"),
                                 "invoice_credited": done.model_dump(mode="json"),
                                 "delivery": sent.model_dump(mode="json")}))
            return 1 if sent.went_wrong(asked_to_send=False) else 0
        print(detail_text(view, locale))
        print(_("Invoice {number}: {credited} of {total} credited ({numbers}), {left} left.")
              .format(number=safe_text(done.invoice), credited=money(done.total, done.currency,
                                                                     locale),
                      total=money(done.invoice_total, done.currency, locale),
                      numbers=", ".join(done.numbers),
                      left=money(done.invoice_total - done.total, done.currency, locale)))
        if reissued is not None:
            print(reissued)
        from . import delivery_cli

        delivery_cli.print_summary(args, sent)
        # MYCOMPANY_SMTP_URL unset: the e-mails wait (README), exit 0; set but unusable: 1
        return 1 if sent.went_wrong(asked_to_send=False) else 0
    if args.action == "show":
        import store.invoicing.invoice_detail

        view = store.invoicing.invoice_detail.invoice_detail(actor, company_id, args.number)
        print(textout.dumps(view.model_dump(mode="json")) if args.json
              else detail_text(view, locale))
        return 0
    import store.invoicing.payments
    import store.people.access

    # Who may pay, before what is open or the card is looked at (#18 trial: support was told
    # "There is no card on file", unrecorded, where a card on file gave exit 3).
    store.people.access.ensure_may(actor, company_id, "invoice.pay",
                                   tried={"invoices": ", ".join(args.numbers or []) or "*"})
    preview = store.invoicing.payments.pay_preview(actor, company_id, args.numbers)
    if not preview.numbers:
        print(_("No invoice is open: nothing to pay."))
        return 0
    return ask_and_pay(args, actor, company_id, preview, locale, yes=args.yes,
                       numbers=args.numbers)


def ask_and_pay(args: argparse.Namespace, actor: store.views.Actor, company_id: int,
                preview: PayPreview, locale: str, *, yes: bool,
                numbers: list[str] | None = None) -> int:
    """Charge the card on file for `preview` (store.invoicing.payments.pay_preview of the
    invoices `numbers`, None: every open one; with something open) after showing the amount and
    asking [y/N] at the terminal (`yes`: without asking; no terminal and not `yes`: UsageError,
    exit 2, naming --yes), then say what was paid; no: "Nothing was charged.", exit 0. `invoices
    pay` and `card set` at a terminal (SPEC §5: a new card pays the open invoices after showing
    their total and asking). A yes is for the charge shown: what is open is read again then, and
    when it changed while the question waited (paid in another shell, a new card) it is said and
    asked again (store.invoicing.payments.changed_since_asked); nothing open any more: said,
    exit 0. A decline is InvalidInput (exit 1, the invoices stay open); AmountChanged (exit 4)
    when what is open changed in the moment between that read and the charge."""
    import store.invoicing.payments

    while True:
        try:  # before asking to charge a card there is not
            store.invoicing.payments.ensure_card(preview)
        except store.invoicing.payments.NoCard as exc:
            raise _no_card(exc) from None
        if yes:
            break
        question = _pay_question(preview, locale)
        if not sys.stdin.isatty():
            from .cli import UsageError

            raise UsageError(question + " " + _("Add --yes to charge it without a terminal."))
        answer = asked(question + " " + _("[y/N] ")).strip().casefold()
        if answer not in (_("y"), _("yes"), "y", "yes"):
            print(store.invoicing.payments.not_charged())
            return 0  # declining is an answer, not an error (#17 trial)
        now = store.invoicing.payments.pay_preview(actor, company_id, numbers)
        changed = store.invoicing.payments.changed_since_asked(preview, now)
        if not changed:
            break
        print(safe_text(changed))
        if not now.numbers:
            print(_("No invoice is open: nothing to pay."))
            return 0
        preview = now
    try:
        paid = store.invoicing.payments.pay_invoices(actor, company_id, preview.numbers,
            preview.total)
    except store.invoicing.payments.NoCard as exc:  # the card was removed meanwhile
        raise _no_card(exc) from None
    if args.json:
        from . import textout

        print(textout.dumps({"paid": paid.numbers, "total": paid.total,
                             "currency": paid.currency, "card": paid.card}))
    else:
        print(ngettext("Paid {amount} with {card}: {count} invoice.",
                       "Paid {amount} with {card}: {count} invoices.", len(paid.numbers)).format(
            amount=money(paid.total, paid.currency, locale), card=safe_text(paid.card),
            count=len(paid.numbers)))
    return 0


def _pay_question(preview: PayPreview, locale: str) -> str:
    """What `invoices pay` asks before charging `preview`: the amount, the card, the invoices
    and the credit notes deducted."""
    question = ngettext("Charge {amount} to {card} for {count} invoice ({numbers})?",
                        "Charge {amount} to {card} for {count} invoices ({numbers})?",
                        len(preview.numbers)).format(
        amount=money(preview.total, preview.currency, locale),
        card=safe_text(preview.card or _("no card")),
        count=len(preview.numbers), numbers=", ".join(preview.numbers))
    if preview.credits:
        question += " " + _("Credit notes deducted: {numbers}.").format(
            numbers=", ".join(preview.credits))
    return question


def _no_card(exc: NoCard) -> InvalidInput:
    """The store's NoCard (store.invoicing.payments.ensure_card) with the command line's way to add
    a card, as the screen names its key (InvalidInput, exit 1)."""
    import store.errors

    hint = _("Add one with `mycompany card set`, then run this again.")
    return store.errors.InvalidInput({key: f"{text} {hint}" for key, text in exc.errors.items()})


def after_card(args: argparse.Namespace, actor: store.views.Actor, company_id: int,
               locale: str) -> int:
    """After `card set`, with invoices open (SPEC §5: a new card pays the open invoices after
    showing their total and asking; the screens ask so): at a terminal, their total and the
    question `invoices pay` asks (`ask_and_pay`: yes charges the new card; no, ctrl-C or
    ctrl-D charge nothing and say the card is saved: exit 0, 130, 1). Without a terminal, or
    with --json (a script reads `invoices pay`'s own answer), what is open and the command that
    pays it, on stderr, exit 0."""
    import store.invoicing.payments

    from .cli_input import Unanswered

    preview = store.invoicing.payments.pay_preview(actor, company_id)
    if not preview.numbers or args.json:
        return 0
    if sys.stdin is None or not sys.stdin.isatty():
        sys.stderr.write(ngettext(
            "{count} invoice is open ({amount}): pay it with `mycompany invoices pay`.",
            "{count} invoices are open ({amount}): pay them with `mycompany invoices pay`.",
            len(preview.numbers)).format(count=len(preview.numbers), amount=money(
                preview.total, preview.currency, locale)) + "\n")
        return 0
    try:
        return ask_and_pay(args, actor, company_id, preview, locale, yes=False)
    except (Unanswered, EOFError) as stop:
        sys.stderr.write("\n" + "mycompany: " + _("Nothing was charged; the card is saved.")
                         + "\n")  # off the ^C's line
        return 130 if isinstance(stop, KeyboardInterrupt) else 1


def declined_text(declined: DeclinedView, locale: str) -> str:
    """Why an invoice is unpaid: its last charge, declined by the bank, and, when that charge
    was for several invoices, this invoice's share of it and which invoices it was for (the
    store's: store.invoicing.payment_parts.last_declined; #17 trial: a €2,567.00 invoice read
    "the charge of €5,134.00 … was declined")."""
    from .formatting import reader_time

    m = lambda amount: money(amount, declined.currency, locale)
    card = safe_text(declined.card or "—")
    when = day(reader_time(declined.at).date(), locale)
    covered = declined.charge_invoices
    if len(covered) <= 1:
        return _("Unpaid: the charge of {amount} to {card} on {date} was declined by "
                 "the bank.").format(amount=m(declined.charge_amount), card=card, date=when)
    return ngettext(
        "Unpaid: the bank declined a charge of {amount} to {card} on {date} for {count} "
        "invoice ({numbers}), {share} of it for this invoice.",
        "Unpaid: the bank declined a charge of {amount} to {card} on {date} for {count} "
        "invoices ({numbers}), {share} of it for this invoice.",
        len(covered)).format(share=m(declined.amount), amount=m(declined.charge_amount),
                            count=len(covered), card=card, date=when,
                            numbers=", ".join(safe_text(n) for n in covered))


def detail_text(v: InvoiceDetailView, locale: str, width: int | None = None) -> str:
    """The invoice as `invoices show` prints it: head, lines, totals, tax rule, payment; the
    lines' table wrapped to `width` cells (None: the terminal's, tui.textout.table)."""
    from .textout import table as table_text

    m = lambda amount: money(amount, v.currency, locale)
    issued, due, period = colon(_("Issued")), colon(_("Due")), colon(_("Period"))
    dates = [f"{issued} {day(v.issued_on, locale)}",
             f"{period} {invoice_period(v.period_start, v.period_end, locale)}"]
    if v.kind == "invoice":  # a credit note is due on nothing
        dates.insert(1, f"{due} {day(v.due_on, locale)}")
    head = [f"{safe_text(v.number)}  {invoice_status(v.status, v.kind, v.deducted_from)}",
            "   ".join(dates)]
    if v.corrects:
        head.append(_("Corrects invoice {number}").format(number=safe_text(v.corrects)))
    if v.reason:
        head.append(_("Reason: {reason}").format(reason=safe_text(v.reason)))
    # Each description as the store wrote it for the reader (shown_lines), as the JSON says it.
    rows = [[safe_text(line.description), str(line.quantity), m(line.unit), m(line.amount)]
            for line in v.lines]
    lines = table_text([_("Description"), _("Quantity"), _("Unit price"), _("Amount")], rows,
                       width)
    subtotal, total = colon(_("Subtotal")), colon(_("Total"))
    from babel.numbers import format_decimal

    from store.i18n import babel_locale

    rate = format_decimal(v.tax_rate, locale=babel_locale(locale))  # 20, 5,5 ("2E+1" before)
    vat = colon(_("VAT {rate} %").format(rate=rate))
    totals = [f"{subtotal} {m(v.subtotal)}", f"{vat} {m(v.tax)}", f"{total} {m(v.total)}"]
    if v.tax_mention:
        totals.append(safe_text(v.tax_mention))
    if v.credited is not None:
        totals.append(colon(pgettext("amount", "Credited")) + " "
                      + _("{amount} by {numbers}").format(
            amount=m(v.credited), numbers=", ".join(safe_text(n) for n in v.credited_by)))
    if v.declined is not None:  # why it is still open: its last charge, declined (#17 trial)
        head.append(declined_text(v.declined, locale))
    if v.paid_on and len(v.payments) > 1:  # each payment with its amount (#17 trial)
        totals.append(_("Paid on {date}: {payments}").format(
            date=day(v.paid_on, locale), payments=", ".join(
                _("{amount} by {method}").format(amount=m(p.amount), method=safe_text(p.paid_by))
                for p in v.payments)))
    elif v.paid_on:
        totals.append(_("Paid on {date} with {method}").format(
            date=day(v.paid_on, locale), method=safe_text(v.paid_with or "—")))
    if v.deliveries:
        from .delivery_cli import view_status

        totals += ["", colon(_("E-mailed to"))]
        totals += [f"  {safe_text(d.email)}  {view_status(d)}"
                   + (f" ({safe_text(d.last_error)})"
                      if d.status in ("failed", "cancelled") and d.last_error else "")
                   for d in v.deliveries]
    return "\n".join([*head, "", lines, "", *totals])


def run_issue(args: argparse.Namespace, actor: store.views.Actor, locale: str) -> int:
    """Run the billing run for `args.period` (every company, or --company's) and print it."""
    import store.invoicing.billing_run
    from store.invoicing.billing_run_after import RunStopped

    from . import textout

    try:  # a Ctrl-C before any company was begun: the usual line on stderr
        with progress_bar(_("Issuing"), stopped=_stopped_elsewhere) as step:
            summary = store.invoicing.billing_run.issue_period(
                actor, args.period, company_id=args.company, dry_run=args.dry_run,
                progress=step, emailing=step.then(_("E-mailing")) if step else None)
    except RunStopped as stop:
        # Every invoice issued until then, on stdout as a finished run says them, then the
        # stop: a script or a person knows what was issued (#17 trial: only stderr said it).
        said = _stopped_text(stop)
        print(textout.dumps(summary_json(stop.summary, stopped=said)) if args.json
              else summary_text(stop.summary, locale, stopped=said), flush=True)
        raise
    print(textout.dumps(summary_json(summary)) if args.json else summary_text(summary, locale))
    failed = 1 if summary.failed else 0  # a company failed, listed as not billed (#18 trial)
    if summary.delivery is None:
        return 4 if summary.busy else failed
    if not args.json:
        from . import delivery_cli

        delivery_cli.print_summary(args, summary.delivery)  # the e-mails: as send-queued says them
    if summary.busy:
        return 4  # conflict or busy (README): run again for the companies skipped
    # Issued, but an e-mail failed or the mail settings are set but unusable (no sender, a URL
    # that is not one): exit 1, so that cron says so (#17 trial), as send-queued does. Without
    # MYCOMPANY_SMTP_URL at all the e-mails wait for send-queued, as the README says: exit 0.
    return 1 if summary.delivery.went_wrong(asked_to_send=False) else failed


def _stopped_elsewhere(stop: KeyboardInterrupt) -> str | None:
    """progress_bar's line on stderr for a Ctrl-C the run did not catch (before its first
    company); a RunStopped is said on stdout by run_issue."""
    from store.invoicing.billing_run_after import RunStopped

    return None if isinstance(stop, RunStopped) else stopped_line(stop)


def _stopped_text(stop: RunStopped) -> str:
    """What a Ctrl-C during the billing run leaves: how many invoices were issued (each whole,
    its company's own transaction), and that the same command finishes the period."""
    if stop.emailing:  # after every company
        return _("Stopped while e-mailing the invoices: `mycompany invoices send-queued` "
                 "sends the rest.")
    summary = stop.summary
    if summary.dry_run:
        return _("Stopped: nothing was written.")
    made = len(summary.issued)
    return ngettext("Stopped: {count} invoice issued for {period}. Run the same command again "
                    "to finish the period.",
                    "Stopped: {count} invoices issued for {period}. Run the same command again "
                    "to finish the period.", made).format(count=made, period=summary.period)
