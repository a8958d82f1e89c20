"""`mycompany plans change|list|cancel|trial`: a company's plan, term, included licences and
products changed from a month, and its trial's end, from the vendor's console (SPEC §11, #18).

Who may do what is the store's rule (store/plans/plan_changes.py, store/plans/trial.py): the billing
team and admin staff change, cancel and set trials; staff and the company's owner list. A refused
value prints as "option: message" on stderr (exit 1); other refusals reach tui.commands.run.
"""

from __future__ import annotations

import argparse
import sys

import store.views
from store.i18n import _

from .formatting import safe_text

COMMANDS = ("plans",)

# The store's field names, as the options that set them.
OPTIONS = {"from": "--from", "plan": "--plan", "term": "--term", "users": "--users",
           "numbers": "--numbers", "add": "--add", "remove": "--remove", "reason": "--reason",
           "ticket": "--ticket", "ends": "--ends", "now": "--now"}


def _plan_count(text: str) -> int:
    """argparse's type for --users and --numbers: the store's one limit (store.forms.console.
    plan_count, 0 to 100,000), said alike for 100001 and 99999999999999999999 (#18 trial: the
    second said "at most 9223372036854775807"); a usage error, exit 2."""
    from store.forms.console import plan_count

    try:
        return plan_count(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`plans` and its actions."""
    from store.plans.terms import TERMS

    from .cli_input import whole_number

    plans = commands.add_parser("plans", help=_("billing team: plans changed from a month, "
                                                "trial ends"))
    actions = plans.add_subparsers(dest="action", metavar="ACTION", required=True)
    change = actions.add_parser("change", help=_("change a company's plan from a month"))
    change.add_argument("--from", dest="start", required=True, metavar="YYYY-MM",
                        help=_("the first month the change applies to, not invoiced yet"))
    change.add_argument("--plan", help=_("the new plan: essentials or professional"))
    change.add_argument("--term", choices=TERMS, help=_("the new contract term"))
    change.add_argument("--users", type=_plan_count, metavar="N",
                        help=_("user licences included"))
    change.add_argument("--numbers", type=_plan_count, metavar="N",
                        help=_("numbers included"))
    change.add_argument("--add", nargs="+", default=[], metavar="PRODUCT",
                        help=_("products to add (add-ons, call plans)"))
    change.add_argument("--remove", nargs="+", default=[], metavar="PRODUCT",
                        help=_("products to remove"))
    listing = actions.add_parser("list", help=_("a company's plan changes"))
    cancel = actions.add_parser("cancel", help=_("take back a change before it applies"))
    cancel.add_argument("change", type=whole_number, metavar="CHANGE_ID")
    trial = actions.add_parser("trial", help=_("set the end of a company's trial, or end it"))
    when = trial.add_mutually_exclusive_group(required=True)
    when.add_argument("--ends", metavar="YYYY-MM-DD", help=_("the trial's last day"))
    when.add_argument("--now", action="store_true",
                      help=_("end the trial now: its last day yesterday, or today for a "
                             "company created today"))
    for parser in (change, listing, cancel, trial):
        # SUPPRESS: `mycompany --company 2 plans list` keeps the global option's value.
        parser.add_argument("--company", type=whole_number, metavar="ID",
                            default=argparse.SUPPRESS, help=_("the company"))
        if parser is not listing:
            parser.add_argument("--reason", required=True, help=_("why (kept in History)"))
            parser.add_argument("--ticket", help=_("optional, like SUP-1234"))
        parser.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """Run one `plans` action as `actor`; returns the exit status."""
    import store.errors
    import store.plans.plan_changes
    import store.plans.trial

    from . import textout

    company = getattr(args, "company", None)
    if company is None:
        sys.stderr.write(_("mycompany: give the company: --company ID") + "\n")
        return 2
    reason = {"reason": getattr(args, "reason", None), "ticket": getattr(args, "ticket", None)}
    try:
        if args.action == "list":
            changes = store.plans.plan_changes.list_changes(actor, company)
            print(textout.dumps([c.model_dump(mode="json") for c in changes]) if args.json
                  else changes_text(changes))
            return 0
        if args.action == "trial":
            summary = store.plans.trial.set_trial(actor, company, {
                "ends": args.ends, "now": args.now, **reason})
            if args.json:
                print(textout.dumps({"status": summary.status,
                                     "trial_ends_on": summary.trial_ends_on,
                                     "next_invoice_on": summary.next_invoice_on}))
            else:
                print(trial_text(summary))
            return 0
        if args.action == "cancel":
            view = store.plans.plan_changes.cancel_change(actor, company, args.change, reason)
            done = _("Plan change {id} of company {company} cancelled.")
        else:
            view = store.plans.plan_changes.schedule_change(actor, company, {
                "from": args.start, "plan": args.plan, "term": args.term, "users": args.users,
                "numbers": args.numbers, "add": args.add, "remove": args.remove, **reason})
            done = _("Plan change {id} of company {company} scheduled.")
    except store.errors.InvalidInput as exc:
        return print_invalid(exc)
    if args.json:
        print(textout.dumps(view.model_dump(mode="json")))
    else:
        print(done.format(id=view.id, company=company))
        print(changes_text([view]))
    return 0


def print_invalid(exc) -> int:
    """Each refused value on a line of stderr, named by its option; returns the exit status."""
    from store.errors import FORM_WIDE
    from store.i18n import colon

    for name, message in exc.errors.items():
        label = "mycompany" if name == FORM_WIDE else OPTIONS.get(name, safe_text(name))
        sys.stderr.write(f"{colon(label)} {safe_text(message)}\n")
    return int(exc.exit_status)


def change_line(change) -> str:
    """"From 1 Dec 2026: plan Professional; 8 user licences" (the Plan tab says it too)."""
    from .formatting import day

    return _("From {date}: {changes}").format(date=day(change.effective_from),
                                              changes=safe_text(change.words))


def changes_text(changes: list) -> str:
    """One line per change: its id, what became of it, the line the Plan tab shows."""
    if not changes:
        return _("No plan changes.")
    from store.i18n import pgettext

    status = {"scheduled": pgettext("plan change", "scheduled"),
              "applied": pgettext("plan change", "applied"),
              "cancelled": pgettext("plan change", "cancelled")}
    return "\n".join(f"#{c.id} {status[c.status]:<9}  {change_line(c)}" for c in changes)


def trial_text(summary) -> str:
    """The trial's end and the first invoice after it."""
    from .formatting import day

    # The first invoice since the trial is called so, as the Plan header calls it (#17).
    text = (_("Company {id}: in its trial until {ends}; first invoice {next}.")
            if summary.status == "trial" else
            _("Company {id}: trial ended on {ends}; first invoice {next}.")
            if summary.next_invoice_is_first else
            _("Company {id}: trial ended on {ends}; next invoice {next}."))
    return text.format(id=summary.company_id, ends=day(summary.trial_ends_on),
                       next=day(summary.next_invoice_on))
