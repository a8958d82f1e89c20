"""`mycompany requests ...`: change requests for the locked address (SPEC §5): list, show, create,
withdraw, approve, reject. Each calls one service of store.profile.requests and prints the requests
as label/value blocks (tui.request_blocks.requests_text) or, with --json, as a script reads them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from store.forms.fields import CHANGE_REQUEST, REASON
from store.i18n import _, colon

from .cli_input import whole_number

if TYPE_CHECKING:
    import store.views

# What staff do without naming a company (--company): the request's number names it.
WITHOUT_COMPANY = ("list", "show", "approve", "reject", "withdraw")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The `requests` command and its actions."""
    from .cli import add_field, add_form_command, field_help

    requests = commands.add_parser("requests", help=_("change requests for locked fields"))
    qsub = requests.add_subparsers(dest="action", metavar="ACTION", required=True)
    qlist = qsub.add_parser("list", help=_("pending requests"))
    qlist.add_argument("--all", action="store_true", help=_("include decided requests"))
    show = qsub.add_parser("show", help=_("one request in full: what it asks, who sent it, "
                                          "its state"))
    show.add_argument("id", type=whole_number)
    create = add_form_command(
        qsub, "create", CHANGE_REQUEST,
        help=_("owner: ask the billing team to move the locked address"),
        description=_("Ask the billing team for state, country or VAT number after the trial, "
                      "with the street, postal code and city that go with them: one request, "
                      "checked as one address. Fields left out stay as they are."))
    withdraw = qsub.add_parser("withdraw", help=_("owner: take back a request not decided yet"))
    withdraw.add_argument("id", type=whole_number)
    approve = qsub.add_parser("approve", help=_("billing team: apply a request"))
    approve.add_argument("id", type=whole_number)
    add_field(approve, REASON["reason"])
    add_field(approve, REASON["ticket"])
    approve.add_argument("--if-version", type=whole_number, metavar="N", dest="if_version",
                         help=_("approve a request whose address was saved since it was sent, "
                                "on the address's version N now (shown by requests list)"))
    reject = qsub.add_parser("reject", help=_("billing team: refuse a request"))
    reject.add_argument("id", type=whole_number)
    reject.add_argument(REASON["reason"].option, dest="reason", metavar="REASON", required=True,
                        help=field_help(REASON["reason"]))
    add_field(reject, REASON["ticket"])
    qlist.add_argument("--json", action="store_true")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    # A write answers a script in JSON too: the request's id and state (README, "JSON").
    for writer in (create, withdraw, approve, reject):
        writer.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor, company_id: int | None) -> int:
    """The action `args` names; refusals are raised as the store's errors (exit 3 refused, 4
    decided already or stale, 5 no such request: tui.commands prints them). Loads the
    services and the printing only here: building the parser (the screens too) loads neither."""
    import store.errors
    import store.profile.requests

    from . import request_blocks, textout

    if args.action == "list":
        views = store.profile.requests.list_requests(actor, company_id,
                                             status=None if args.all else "pending")
        if not views and not args.json and not actor.is_staff:  # an owner: what to do next
            print(_("No change request has been sent yet.") if args.all else _(
                "No change request is waiting for the billing team."), _(
                "To ask for a new state, country or VAT number: mycompany requests create "
                "--help"), sep="\n")
        else:
            print(textout.requests_json(views) if args.json else list_text(views))
        return 0
    reason = {"reason": getattr(args, "reason", None), "ticket": getattr(args, "ticket", None)}
    if args.action == "show":
        view = store.profile.requests.get_request(actor, args.id)
        print(textout.dumps(view.model_dump(mode="json")) if args.json else request_text(view))
        return 0
    if args.action == "create":
        assert company_id is not None  # only what WITHOUT_COMPANY names goes without one
        try:
            view = store.profile.requests.request_change(actor, company_id, {
                name: getattr(args, name) for name in CHANGE_REQUEST.names
                if getattr(args, name) is not None})
        except store.errors.InvalidInput:
            if args.country is None:  # checked in the address's country: named as it names them
                args.address_country = _address_country(actor, company_id)
            raise
    elif args.action == "withdraw":
        view = store.profile.requests.withdraw_request(actor, args.id)
    elif args.action == "approve":
        try:
            view = store.profile.requests.approve_request(actor, args.id,
                reason if args.reason or args.ticket else None,
                                                  address_version=args.if_version)
        # the command to run once both are seen
        except store.profile.requests.StaleRequest as stale:
            stale.message += " " + request_blocks.approve_on(args.id, stale.version)
            raise
    else:
        view = store.profile.requests.reject_request(actor, args.id, reason)
    print(textout.dumps(view.model_dump(mode="json")) if args.json
          else request_text(view, version=False))
    return 0


def list_text(views: list[store.views.ChangeRequestView], width: int | None = None) -> str:
    """`requests list`: a block a request as `requests show` prints it, the address's version
    aside: who sent it and when, who decided it and when, in the reader's zone, named
    (`request_text`; #18 trial: a billing team member could not tell an old request from a new
    one); each line at most `width` cells (None: the terminal's; a pipe gets whole lines)."""
    from .request_blocks import requests_text

    if not views:
        return requests_text(views)
    return "\n\n".join(request_text(view, width, version=False) for view in views)


def request_text(view: store.views.ChangeRequestView, width: int | None = None, *,
                 version: bool = True) -> str:
    """`requests show N`: the request's block as `requests list` prints it (what it asks, the
    note, the reason), with who sent it and when and who decided it and when, each time in the
    reader's zone (SPEC §2), named (read in a mail, a ticket), and, `version`, the address's
    version it was asked on; each line at most `width` cells (None: the
    terminal's; a pipe gets whole lines)."""
    from .formatting import request_status, safe_text, timestamp
    from .request_blocks import requests_text, wrapped
    from .textout import output_width

    limit = output_width() if width is None else width
    # request_blocks' block without the decision's time: said below, on its own line, zone named
    undecided = view.model_copy(update={"decided_at": None})
    first, *rest = requests_text([undecided], 10**6).split("\n")
    head = wrapped(first, limit)
    rest = requests_text([undecided], width).split("\n")[len(head):]
    lines = ["  " + _("Sent by {who} on {when}").format(
        who=safe_text(view.requested_by),
        when=timestamp(view.requested_at, zone_name=True))]
    if view.status != "pending" and view.decided_at is not None:
        lines.append("  " + request_status(view.status) + " " + _("by {who} on {when}").format(
            who=safe_text(view.decided_by or "—"),
            when=timestamp(view.decided_at, zone_name=True)))
    if version and view.address_version is not None:
        lines.append("  " + colon(_("Asked on address version")) + f" {view.address_version}")
    return "\n".join([*head, *(part for line in lines for part in wrapped(line, limit)),
                      *rest])


def _address_country(actor: store.views.Actor, company_id: int) -> str | None:
    """The country (ISO code) of the company's billing address, or the company's own before it
    has one; None when it cannot be read."""
    import store.errors
    import store.profile.billing

    try:
        billing = store.profile.billing.get_billing(actor, company_id)
    except store.errors.StoreError:
        return None
    return billing.address.country if billing.address else billing.country
