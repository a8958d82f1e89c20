"""The commands on one company's data: show, set, recipients, card, payment-method, logo,
invoices, requests; and the staff's search. Each finds the company (tui.company_arg), calls one
service and prints (tui.textout). tui.commands opens the store, signs the person in and hands
these on; opening the screens never loads this module nor the services it calls.
"""

from __future__ import annotations

import argparse
import sys

import store.errors
import store.invoicing.invoices
import store.people.access
import store.places.pasted
import store.plans.plan
import store.profile.billing
import store.profile.company
import store.profile.requests
import store.profile.search
import store.trail.history
import store.views
from store.forms.fields import ADDRESS, CARD, GENERAL, typed_values
from store.forms.postal import country_code, region_kept
from store.i18n import _
from store.profile.lock import tried_as_stored

from . import invoices_cli, requests_cli, textout
from .cli import UsageError
from .cli_input import asked, page_that_exists
from .company_arg import company_for
from .formatting import display_locale, safe_text
from .history_lines import no_lines_note


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """The command `args` names on the company it names (--company, the person's own, or the
    invoice's for staff); refusals are raised as the store's errors (tui.commands.run prints
    them)."""
    if args.command == "search":
        return search(args, actor)
    if args.command == "requests" and args.action in requests_cli.WITHOUT_COMPANY \
            and actor.is_staff and args.company is None:
        return requests_cli.run(args, actor, None)
    company_id = company_for(args, actor)  # staff naming an invoice: the invoice's
    handler = {"show": _show, "set": _set, "recipients": _recipients, "card": _card,
               "logo": _logo, "invoices": _invoices, "requests": requests_cli.run,
               "payment-method": _payment_method}[args.command]
    return handler(args, actor, company_id)


def search(args: argparse.Namespace, actor: store.views.Actor) -> int:
    hits = store.profile.search.search_companies(actor, args.text)
    print(textout.dumps([h.model_dump() for h in hits]) if args.json
          else textout.hits_text(hits))
    return 0


def _show(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    locale = display_locale(args.lang)
    view: object = {
        "general": lambda: store.profile.company.get_general(actor, company_id),
        "plan": lambda: store.plans.plan.licence_summary(actor, company_id),
        "billing": lambda: store.profile.billing.get_billing(actor, company_id),
        "invoices": lambda: store.invoicing.invoices.list_invoices(actor, company_id,
            page=args.page),
        "history": lambda: store.trail.history.company_history(
            actor, company_id, page=args.page, field=args.field, person=args.person),
    }[args.what]()
    page_that_exists(view)
    if args.json:
        print(textout.to_json(args.what, view))
        return 0
    print(textout.to_text(args.what, view, locale))
    if args.what == "history":  # an empty answer to a filter says so (tui.cli_input)
        note = no_lines_note(getattr(view, "total_count", 1), person=args.person,
                             field=args.field)
        if note:
            print(note)
    return 0


def _set(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    # Who may save comes before the profile or address it starts from is read: a person who may
    # not is refused whether or not the company exists (#18 trial), with what they sent.
    if args.target == "general":
        sent = {name: getattr(args, name) for name in ("name", "website")}
        store.people.access.ensure_may(actor, company_id, "general.save",
                                       tried=typed_values(GENERAL, sent))
        current = store.profile.company.get_general(actor, company_id)
        data = {"name": current.name if args.name is None else args.name,
                "website": current.website if args.website is None else args.website}
        expected = current.version if args.if_version is None else args.if_version
        view = store.profile.company.save_general(actor, company_id, data, expected)
        textout.answer_view(args, "general", view)
        return 0
    sent = {name: getattr(args, name) for name in ADDRESS.names}
    store.people.access.ensure_may(
        actor, company_id, store.people.access.ADDRESS_SAVE,
        tried=typed_values(ADDRESS, tried_as_stored(sent)),
        given={"reason": args.reason, "ticket": args.ticket} if actor.is_staff else None)
    billing = store.profile.billing.get_billing(actor, company_id)
    data = {name: getattr(billing.address, name) for name in ADDRESS.names} \
        if billing.address else {}
    # The options given (a new country needs its street, postal code and city given with it:
    # store.forms.moves), over the address as stored.
    given = {name for name in ADDRESS.names if getattr(args, name) is not None}
    data.update({name: getattr(args, name) for name in given})
    if args.country is not None and args.state is None:  # another country's region goes
        data["state"] = region_kept(data.get("state"), args.country)
    # Its refused fields named as this country's post names them (tui.commands._field_named).
    args.address_country = country_code(data.get("country") or "") or billing.country
    reason = None
    if args.reason is not None or args.ticket is not None or actor.is_staff:
        reason = {"reason": args.reason, "ticket": args.ticket}
    expected = billing.address.version if billing.address else None
    if args.if_version is not None:
        if billing.address is None and args.if_version != 0:
            raise store.errors.InvalidInput({"if_version": _(
                "There is no billing address yet: give --if-version 0 or leave it out.")})
        expected = args.if_version
    saved = store.profile.billing.save_address(actor, company_id, data, expected, reason=reason,
                                               given=given)
    textout.answer_view(args, "billing", saved)
    return 0


def _recipients(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    why = {"reason": args.reason, "ticket": args.ticket} if args.action != "list" else None
    if args.action == "add":
        view = _add_recipients(actor, company_id, args.email, why)
    elif args.action == "remove":
        view = store.profile.billing.remove_recipient(actor, company_id, args.email, why)
    else:
        view = store.profile.billing.get_billing(actor, company_id)
    if args.json:
        print(textout.to_json("billing", view))
    else:
        for email in view.recipients:
            print(safe_text(email))
    return 0


def _add_recipients(actor: store.views.Actor, company_id: int, text: str,
                    why: dict | None) -> store.views.BillingView:
    """`recipients add TEXT`: each address in TEXT, read as the Add recipient dialog reads a
    paste (store.places.pasted.email_addresses: `"AP Team" <ap@x.example>`, lists), added as it
    adds them. Any refused: InvalidInput (exit 1) naming what was added and what was not, why."""
    addresses = store.places.pasted.email_addresses(text)
    if len(addresses) < 2:
        return store.profile.billing.add_recipient(
            actor, company_id, {"email": addresses[0] if addresses else text}, why)
    outcome = store.places.pasted.add_recipients(actor, company_id, addresses, why)
    if outcome.refused or outcome.view is None:
        raise store.errors.InvalidInput({"email": outcome.outcome_text()})
    return outcome.view


def _read_card() -> dict:
    """Number and code without echo from a terminal, or four lines from stdin; never argv.
    Input that ends early, ctrl-D at a prompt or too few lines, is EOFError: exit 1 (cli.py)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return {
            "number": asked(_("Card number: "), secret=True),
            "expiry": asked(_("Expiry (MM/YY): ")),
            "security_code": asked(_("Security code: "), secret=True),
            "holder": asked(_("Cardholder name: ")),
        }
    lines = sys.stdin.read(4096).splitlines() if sys.stdin is not None else []  # None: <&-
    if len(lines) < 4:
        raise EOFError(_("give four lines on stdin: number, expiry (MM/YY), security code, "
                         "holder"))
    return dict(zip(CARD.names, lines[:4], strict=True))


def _card(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    # Who may, before a card number is asked for (#18 trial: the role speaks first).
    store.people.access.ensure_may(actor, company_id, "card.set")
    # the number: no name here
    view = store.profile.billing.set_card(actor, company_id, _read_card())
    textout.answer(args, None, lambda: textout.payment_line(view.payment_method), "billing", view)
    return invoices_cli.after_card(args, actor, company_id, display_locale(args.lang))


def _payment_method(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    reason = {"reason": args.reason, "ticket": args.ticket}
    view = store.profile.billing.set_other_payment_method(actor, company_id, args.kind, reason)
    textout.answer(args, None, lambda: textout.payment_line(view.payment_method), "billing", view)
    return 0


def _logo(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    if args.action == "set":
        view = store.profile.company.set_logo(actor, company_id, _stdin_image() if args.path == "-"
                                      else args.path)
        textout.answer(args, None, lambda: _("Logo saved ({width}×{height}).").format(
            width=view.logo_width, height=view.logo_height), "general", view)
    else:
        store.profile.company.delete_logo(actor, company_id)
        textout.answer(args, None, lambda: _("Logo deleted."), "general",
                store.profile.company.get_general(actor, company_id) if args.json else None)
    return 0


def _stdin_image() -> bytes:
    """`logo set -`: the image from stdin (a pipe or file, as over SSH), read only as far as the
    store's size limit allows; the store checks it as it checks a file."""
    if sys.stdin.isatty():
        raise UsageError(_("Give the image on stdin: mycompany logo set - < logo.png"))
    from store.documents.logo import MAX_BYTES

    return sys.stdin.buffer.read(MAX_BYTES + 1)


def _invoices(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    if args.action in ("show", "pay", "credit"):
        return invoices_cli.run(args, actor, company_id, display_locale(args.lang))
    # In the company's document language, whatever --lang says (the store decides, #17).
    if args.out == "-":  # the PDF to stdout (over SSH: `... --out - > invoice.pdf`)
        if sys.stdout.isatty():
            raise UsageError(_("The PDF goes to stdout with --out -: redirect it to a file."))
        data = store.invoicing.invoices.invoice_pdf(actor, company_id, args.number)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    path = store.invoicing.invoices.download_invoice(actor, company_id, args.number, args.out)
    textout.answer(args, {"number": args.number, "path": str(path)}, lambda: safe_text(path))
    return 0
