"""`mycompany invoices issue --period YYYY-MM [--company ID] [--dry-run]`: the billing run
(SPEC §11) on the command line. Who may run it, and what it makes, is the store's
(store.billing_run); this prints what it did."""

from __future__ import annotations

import argparse

import store.billing_run
import store.views
from store.i18n import _, ngettext
from store.money import from_minor

from .formatting import money, safe_text
from .progress import progress_bar


def add_parsers(actions: argparse._SubParsersAction) -> None:
    """The run's subcommand under `invoices`."""
    issue = actions.add_parser("issue", help=_("billing team: issue the invoices of a month"))
    issue.add_argument("--period", required=True, metavar="YYYY-MM",
                       help=_("the month to invoice, e.g. 2026-12"))
    issue.add_argument("--dry-run", action="store_true",
                       help=_("show what would be issued; nothing is written"))
    issue.add_argument("--json", action="store_true", help=_("print JSON"))


def run_issue(args: argparse.Namespace, actor: store.views.Actor, locale: str) -> int:
    """Run the billing run for `args.period` (every company, or --company's) and print it."""
    with progress_bar(_("Issuing")) as step:
        summary = store.billing_run.issue_period(actor, args.period, company_id=args.company,
                                                 dry_run=args.dry_run, progress=step)
    if args.json:
        from . import textout

        print(textout.dumps(summary_json(summary)))
    else:
        print(summary_text(summary, locale))
    return 0


def summary_json(summary: store.billing_run.RunSummary) -> dict:
    """The documented shape of `invoices issue --json` (README)."""
    return {
        "period": summary.period, "dry_run": summary.dry_run,
        "issued": [{"company": i.company_id, "number": i.number, "currency": i.currency,
                    "subtotal": from_minor(i.subtotal_minor, i.currency),
                    "tax": from_minor(i.tax_minor, i.currency),
                    "total": from_minor(i.total_minor, i.currency), "tax_rule": i.tax_rule,
                    "due_on": i.due_on} for i in summary.issued],
        "already_invoiced": summary.already,
        "not_billed": [{"company": cid, "reason": reason} for cid, reason in summary.not_billed],
    }


def summary_text(summary: store.billing_run.RunSummary, locale: str) -> str:
    """One line per invoice made, then the counts of the others."""
    lines = []
    for i in summary.issued:
        total = money(from_minor(i.total_minor, i.currency), i.currency, locale)
        lines.append(f"{i.number or _('(dry run)')}  {safe_text(i.company_name)}  {total}")
    made = len(summary.issued)
    if summary.dry_run:
        lines.append(ngettext("{count} invoice would be issued for {period}; nothing was written.",
                              "{count} invoices would be issued for {period}; nothing was "
                              "written.", made).format(count=made, period=summary.period))
    else:
        lines.append(ngettext("{count} invoice issued for {period}.",
                              "{count} invoices issued for {period}.", made).format(
                                  count=made, period=summary.period))
    if summary.already:
        lines.append(ngettext("{count} company already invoiced for this period.",
                              "{count} companies already invoiced for this period.",
                              len(summary.already)).format(count=len(summary.already)))
    if summary.not_billed:
        lines.append(ngettext("{count} company not billed for this period.",
                              "{count} companies not billed for this period.",
                              len(summary.not_billed)).format(count=len(summary.not_billed)))
    return "\n".join(lines)
