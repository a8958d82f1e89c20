"""Which company a command acts on (the command line): --company, else the person's own, else,
for staff naming an invoice, the invoice's (store.invoicing.invoices.invoice_company)."""

from __future__ import annotations

import argparse

import store.views
from store.i18n import _


def company_for(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """The company id `args` and `actor` name; UsageError (exit 2) when staff name none."""
    if args.company is not None:
        return int(args.company)
    if actor.company_id is not None:
        return actor.company_id
    number = getattr(args, "number", None)
    if isinstance(number, str) and number:
        import store.invoicing.invoices

        # What the command does with it, asked before the number is looked up: a person who
        # may not do it is refused whether or not the invoice exists (#18 trial).
        command = str(getattr(args, "action", ""))
        action = INVOICE_ACTIONS.get(command, f"invoice.{command}")
        tried = {"invoice": number.strip().upper()[:40]}
        if getattr(args, "to", None) is not None:
            tried["recipient"] = args.to.strip().lower()
        given = {"reason": args.reason, "ticket": args.ticket} \
            if getattr(args, "reason", None) is not None else None
        return store.invoicing.invoices.invoice_company(actor, number, action, tried=tried,
                                                        given=given)
    from .cli import UsageError  # cli.py imports the modules that import this one

    raise UsageError(_("Staff members choose a company with --company ID."))


# The trail's action of each command that names an invoice by its number (`invoices credit
# NUMBER`); one missing here is asked as "invoice.<command>", which store.people.access refuses
# to everyone until it is named (deny by default).
INVOICE_ACTIONS = {"show": "invoice.read", "download": "invoice.read",
                   "deliveries": "invoice.read", "credit": "invoice.credit",
                   "resend": "invoice.resend"}

# The commands on one company's data (tui.company_commands runs them): each of their actions
# takes --company after it too (#15 trial: `set general --company 3` was "unrecognized").
COMPANY_COMMANDS = ("show", "set", "recipients", "card", "payment-method", "logo", "invoices",
                    "requests")


def add_company_option(parser: argparse.ArgumentParser) -> None:
    """`--company ID` on `parser`, as the global option reads it (tui.cli_input.whole_number);
    SUPPRESS: left out, it keeps the global option's value (`mycompany --company 2 show plan`),
    where a default would overwrite it. A parser that takes --company already keeps its own."""
    if "--company" in parser._option_string_actions:
        return
    from .cli_input import whole_number

    parser.add_argument("--company", type=whole_number, metavar="ID", default=argparse.SUPPRESS,
                        help=_("the company (staff; an owner acts on their own company)"))


def add_to_company_commands(commands: argparse._SubParsersAction) -> None:
    """add_company_option on every action of COMPANY_COMMANDS (`set general`, `show`,
    `recipients add`...), the one place that offers it after the command."""
    def leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
        nested = [action for action in parser._actions
                  if isinstance(action, argparse._SubParsersAction)]
        if not nested:
            return [parser]
        return [leaf for action in nested for sub in dict.fromkeys(action.choices.values())
                for leaf in leaves(sub)]

    for name in COMPANY_COMMANDS:
        for leaf in leaves(commands.choices[name]):
            add_company_option(leaf)
