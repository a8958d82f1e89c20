"""`mycompany prices list|set`: the price catalogue, and its prices changed from a month (SPEC §4,
§11, #18). Admin staff set prices (store.people.access.STAFF_ACTIONS decides); anyone signed
in lists them. A refused value prints as "option: message" on stderr (exit 1).
"""

from __future__ import annotations

import argparse
import sys

import store.views
from store.i18n import _, colon

from .formatting import money, safe_text

COMMANDS = ("prices",)

# The store's field names, as the options that set them.
OPTIONS = {"plan": "--plan", "frequency": "--frequency", "currency": "--currency",
           "item": "--item", "amount": "--amount", "from": "--from", "reason": "--reason"}


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`prices list` and `prices set`."""
    prices = commands.add_parser("prices", help=_("the price catalogue; admin staff: a price "
                                                  "changed from a month"))
    actions = prices.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("the prices in force, per licence or product "
                                                "per month"))
    listing.add_argument("--on", metavar="YYYY-MM-DD", help=_("the prices in force that day"))
    listing.add_argument("--plan", help=_("one plan's prices"))
    listing.add_argument("--scheduled", action="store_true",
                         help=_("also the prices set from a later month"))
    change = actions.add_parser(
        "set", help=_("admin staff: a price from a month on"),
        description=_("Set a price of the catalogue from the first day of a month: invoices of "
                      "that month and after use it; invoices issued keep theirs."))
    change.add_argument("--plan", required=True, help=_("essentials or professional"))
    change.add_argument("--frequency", required=True, help=_("the price list: monthly or annual"))
    change.add_argument("--currency", required=True, help=_("EUR or USD"))
    change.add_argument("--item", required=True,
                        help=_("user, extra_user, number, extra_number or product:CODE"))
    change.add_argument("--amount", required=True,
                        help=_("per unit per month, in the currency, like 45.00"))
    change.add_argument("--from", dest="start", required=True, metavar="YYYY-MM",
                        help=_("the first month it applies to"))
    change.add_argument("--reason", required=True, help=_("why (kept in History)"))
    change.add_argument("--ticket", help=_("optional, like SUP-1234"))
    for parser in (listing, change):
        parser.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """Run `prices list` or `prices set` as `actor`; returns the exit status."""
    from datetime import date

    import store.errors
    import store.plans.prices

    from . import textout

    if args.action == "list":
        try:
            on = date.fromisoformat(args.on) if args.on else None
        except ValueError:
            sys.stderr.write(colon("--on") + " " + _("Give the day as YYYY-MM-DD.") + "\n")
            return 1
        views = store.plans.prices.list_prices(actor, on=on, plan=args.plan,
                                         scheduled=args.scheduled)
    else:
        try:
            views = [store.plans.prices.set_price(
                actor, plan=args.plan, frequency=args.frequency, currency=args.currency,
                item=args.item, amount=args.amount, start=args.start, reason=args.reason,
                ticket=args.ticket)]
        except store.errors.InvalidInput as exc:
            for name, message in exc.errors.items():
                label = "mycompany" if name == store.errors.FORM_WIDE \
                    else OPTIONS.get(name, safe_text(name))
                sys.stderr.write(f"{colon(label)} {safe_text(message)}\n")
            return int(exc.exit_status)
    if args.json:
        print(textout.dumps([view.model_dump(mode="json") for view in views]))
    else:
        print(prices_text(views))
    return 0


def prices_text(views: list) -> str:
    """A table: plan, price list, currency, item, amount, from."""
    from .formatting import day
    from .textout import table

    if not views:
        return _("No prices.")
    return table([_("Plan"), _("Price list"), _("Currency"), _("Item"), _("Amount"), _("From")],
                 [[safe_text(v.plan), safe_text(v.frequency), v.currency, safe_text(v.item),
                   money(v.amount, v.currency),
                   "—" if v.effective_from.year == 1970 else day(v.effective_from)]
                  for v in views])
