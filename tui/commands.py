"""What each command does: open the store, find the acting person, call one service, print."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

import store.backup
import store.billing
import store.company
import store.database
import store.demo
import store.demo.keys
import store.errors
import store.history
import store.i18n
import store.identity
import store.invoices
import store.plan
import store.requests
import store.search
import store.setup
import store.views
from store.forms import fields
from store.forms.fields import ADDRESS, CARD, CHANGE_REQUEST
from store.forms.postal import region_kept
from store.i18n import _, colon

from . import console_commands, delivery_cli, invoices_cli
from .cli import UsageError
from .company_arg import company_for
from .formatting import display_locale, error_text, safe_text

DEMO_OWNER = "jonas@nordwind.de"


def _textout():
    """The printing helpers, loaded by the commands that print (opening the screens does not)."""
    from . import textout
    return textout


def demo_database_url() -> str:
    """The demo database of `mycompany --demo`: its own file, next to the default one."""
    return store.database.database_url_for(
        store.database.default_database_path().with_name("demo.sqlite3"))


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; store refusals become their exit status and one line each."""
    try:
        return _run(args)
    except store.errors.InvalidInput as exc:
        for field, message in exc.errors.items():
            sys.stderr.write(f"{colon(_field_named(field, args.command))} "
                             f"{safe_text(message)}\n")
        return exc.exit_status
    except store.errors.StoreError as exc:
        sys.stderr.write(f"mycompany: {safe_text(error_text(exc))}\n")
        return exc.exit_status


def _field_named(name: str, command: str | None) -> str:
    """A refused field as the command line names it: its label from store/forms/fields.py and the
    option that sets it ("VAT number (--vat)"), as the screens and the option's help name it.
    `mycompany init` names its staff form first (its "name" is the person's, not the company's)."""
    if name == store.errors.FORM_WIDE:
        return "mycompany"
    forms = list(fields.FORMS.values())
    if command == "init":
        forms.insert(0, fields.STAFF)
    field = next((spec[name] for spec in forms if name in spec), None)
    if field is None:
        return name
    return f"{field.label} ({field.option})" if field.option.startswith("--") else field.label


def _run(args: argparse.Namespace) -> int:
    url = args.db or os.environ.get("MYCOMPANY_DATABASE_URL") or None
    # Naming someone else: a claim the store grants only on a demo database or to admin staff.
    claimed = args.actor or os.environ.get("MYCOMPANY_USER") or None
    if args.command == "demo" and args.keys is not None:
        # The keys' folder first: one that cannot be made costs nothing. Should anything fail
        # after, neither the folder nor a database file this command made is left behind.
        demo_keys = store.demo.keys
        made = demo_keys.make_key_folder(args.keys)
        new_file = demo_keys.new_sqlite_file((args.db or demo_database_url()) if args.demo else url)
        try:
            return _open_and_run(args, url, claimed)
        except BaseException:
            if new_file is not None:
                demo_keys.remove_sqlite_file(new_file)
            demo_keys.remove_folders(made)
            raise
    return _open_and_run(args, url, claimed)


def _open_and_run(args: argparse.Namespace, url: str | None, claimed: str | None) -> int:
    if args.command == "backup":  # PostgreSQL is refused before any connection is tried
        store.backup.ensure_supported((args.db or demo_database_url()) if args.demo else url)
    if args.demo:
        url = args.db or demo_database_url()
        store.database.open_database(url)
        if not store.company.has_companies():
            store.demo.create_demo()
        claimed = claimed or DEMO_OWNER
    else:
        # Only `init` and `demo` make a database; anything else names one that exists (SPEC §2).
        store.database.open_database(url, create=args.command in ("init", "demo"))
    if args.command == "demo":
        return _demo(args)
    if args.command == "serve":
        from . import serve
        return serve.run(args, url)
    if args.command == "init":
        admin = store.setup.init_database(args.admin_email, args.admin_name)
        login = store.identity.os_login()
        _answer(args, {"admin": admin.email, "login": login},
                lambda: _("Database ready; its first admin is {who} (login {login}).").format(
                    who=safe_text(admin.email), login=safe_text(login)))
        return 0
    if args.command == "grant-app-role":  # the database login's own right, not a person's
        grant = store.database.grant_app_role(args.role)
        print(_("{role} may now run mycompany: read and write {count} tables, read and append "
                "to the audit trail; no schema changes.").format(
                    role=safe_text(grant.role), count=len(grant.read_write)))
        return 0
    actor = sign_in(claimed)
    if args.command is None:
        return _open_app(args, actor)
    console = console_commands.module_for(args.command)
    if console is not None:
        return console.run(args, actor)
    if args.command == "search":
        return _search(args, actor)
    if args.command == "keys":
        from . import keys_cli
        return keys_cli.run(args, actor)
    if args.command == "invoices" and args.action in delivery_cli.ACTIONS:
        return delivery_cli.run(args, actor)  # staff: with --company or without
    if args.command == "backup":
        path = store.backup.backup_database(actor, args.path)
        _answer(args, {"path": str(path)}, lambda: safe_text(str(path)))
        return 0
    if args.command == "invoices" and args.action == "issue":  # across companies (staff)
        return invoices_cli.run_issue(args, actor, display_locale(args.lang))
    if args.command == "requests" and args.action in ("list", "approve", "reject", "withdraw") \
            and actor.is_staff and args.company is None:
        return _requests(args, actor, None)
    company_id = company_for(args, actor)  # staff naming an invoice: the invoice's
    handler = {"show": _show, "set": _set, "recipients": _recipients, "card": _card,
               "logo": _logo, "invoices": _invoices, "requests": _requests,
               "payment-method": _payment_method}[args.command]
    return handler(args, actor, company_id)


def sign_in(claimed: str | None) -> store.views.Actor:
    """The person acting (SPEC §2): the SSH session `mycompany serve` opened for this process,
    else this process's operating-system login; `claimed` only where the store allows it."""
    token = os.environ.pop("MYCOMPANY_SESSION_TOKEN", None)  # not inherited any further
    if token is not None:
        return store.identity.redeem_session(token, claimed)
    return store.identity.sign_in_local(claimed)


def _open_app(args: argparse.Namespace, actor: store.views.Actor) -> int:
    try:
        from .app import run_app
    except ImportError:
        sys.stderr.write(_("The screens are not built yet; use a command, e.g. "
                           "`mycompany show plan` (see --help).") + "\n")
        return 2
    return run_app(actor, company_id=args.company, lang=args.lang, tab=args.tab)


def _demo(args: argparse.Namespace) -> int:
    if args.companies < 0:
        raise UsageError(_("--companies takes a number of 0 or more."))

    from .progress import progress_bar

    with progress_bar(_("Creating companies")) as step:
        ids = store.demo.create_demo(extra_companies=args.companies, progress=step)
    # The keys before a word is printed: when they cannot be written, the demo is taken away.
    written = None if args.keys is None else store.demo.keys.write_demo_keys(args.keys)
    print(_("Demo data created: companies {ids}; owners camille@atelier-lumiere.fr, "
            "jonas@nordwind.de, maria@blueharbor.com; staff support@mycompany.example, "
            "billing@mycompany.example, admin@mycompany.example.").format(
                ids=", ".join(map(str, ids))))
    if written is not None:
        from .keys_cli import demo_keys_text

        print(demo_keys_text(written, args.db))
    return 0


def _search(args: argparse.Namespace, actor: store.views.Actor) -> int:
    hits = store.search.search_companies(actor, args.text)
    print(_textout().dumps([h.model_dump() for h in hits]) if args.json
          else _textout().hits_text(hits))
    return 0


def _show(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    locale = display_locale(args.lang)
    view: object = {
        "general": lambda: store.company.get_general(actor, company_id),
        "plan": lambda: store.plan.licence_summary(actor, company_id),
        "billing": lambda: store.billing.get_billing(actor, company_id),
        "invoices": lambda: store.invoices.list_invoices(actor, company_id, page=args.page),
        "history": lambda: store.history.company_history(
            actor, company_id, page=args.page, field=args.field, person=args.person),
    }[args.what]()
    if args.json:
        print(_textout().to_json(args.what, view))
    else:
        print(_textout().to_text(args.what, view, locale))
    return 0


def _set(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    if args.target == "general":
        current = store.company.get_general(actor, company_id)
        data = {"name": current.name if args.name is None else args.name,
                "website": current.website if args.website is None else args.website}
        expected = current.version if args.if_version is None else args.if_version
        view = store.company.save_general(actor, company_id, data, expected)
        _answer_view(args, "general", view)
        return 0
    billing = store.billing.get_billing(actor, company_id)
    data = {name: getattr(billing.address, name) for name in ADDRESS.names} \
        if billing.address else {}
    for name in ADDRESS.names:
        value = getattr(args, name)
        if value is not None:
            data[name] = value
    if args.country is not None and args.state is None:  # another country's region goes
        data["state"] = region_kept(data.get("state"), args.country)
    reason = None
    if args.reason is not None or args.ticket is not None or actor.is_staff:
        reason = {"reason": args.reason, "ticket": args.ticket}
    expected = billing.address.version if billing.address else None
    if args.if_version is not None:
        if billing.address is None and args.if_version != 0:
            raise store.errors.InvalidInput({"if_version": _(
                "There is no billing address yet: give --if-version 0 or leave it out.")})
        expected = args.if_version
    saved = store.billing.save_address(actor, company_id, data, expected, reason=reason)
    _answer_view(args, "billing", saved)
    return 0


def _recipients(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    why = {"reason": args.reason, "ticket": args.ticket} if args.action != "list" else None
    if args.action == "add":
        view = store.billing.add_recipient(actor, company_id, {"email": args.email}, why)
    elif args.action == "remove":
        view = store.billing.remove_recipient(actor, company_id, args.email, why)
    else:
        view = store.billing.get_billing(actor, company_id)
    if args.json:
        print(_textout().to_json("billing", view))
    else:
        for email in view.recipients:
            print(safe_text(email))
    return 0


def _read_card() -> dict:
    """Number and code without echo from a terminal, or four lines from stdin; never argv.
    Input that ends early, ctrl-D at a prompt or too few lines, is EOFError: exit 1 (cli.py)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return {
            "number": getpass.getpass(_("Card number: ")),
            "expiry": input(_("Expiry (MM/YY): ")),
            "security_code": getpass.getpass(_("Security code: ")),
            "holder": input(_("Cardholder name: ")),
        }
    lines = sys.stdin.read(4096).splitlines() if sys.stdin is not None else []  # None: <&-
    if len(lines) < 4:
        raise EOFError(_("give four lines on stdin: number, expiry (MM/YY), security code, "
                         "holder"))
    return dict(zip(CARD.names, lines[:4], strict=True))


def _card(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    store.billing.get_billing(actor, company_id)  # refuse before asking for a card number
    view = store.billing.set_card(actor, company_id, _read_card())  # the number: no name here
    _answer(args, None, lambda: _textout().payment_line(view.payment_method), "billing", view)
    return invoices_cli.after_card(args, actor, company_id, display_locale(args.lang))


def _payment_method(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    reason = {"reason": args.reason, "ticket": args.ticket}
    view = store.billing.set_other_payment_method(actor, company_id, args.kind, reason)
    _answer(args, None, lambda: _textout().payment_line(view.payment_method), "billing", view)
    return 0


def _logo(args: argparse.Namespace, actor: store.views.Actor, company_id: int) -> int:
    if args.action == "set":
        view = store.company.set_logo(actor, company_id, _stdin_image() if args.path == "-"
                                      else args.path)
        _answer(args, None, lambda: _("Logo saved ({width}×{height}).").format(
            width=view.logo_width, height=view.logo_height), "general", view)
    else:
        store.company.delete_logo(actor, company_id)
        _answer(args, None, lambda: _("Logo deleted."), "general",
                store.company.get_general(actor, company_id) if args.json else None)
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
    # --lang, else MYCOMPANY_LANG, else the company's document locale (the store decides).
    if args.out == "-":  # the PDF to stdout (over SSH: `... --out - > invoice.pdf`)
        if sys.stdout.isatty():
            raise UsageError(_("The PDF goes to stdout with --out -: redirect it to a file."))
        data = store.invoices.invoice_pdf(actor, company_id, args.number, locale=args.lang)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    path = store.invoices.download_invoice(actor, company_id, args.number, args.out,
                                           locale=args.lang)
    _answer(args, {"number": args.number, "path": str(path)}, lambda: safe_text(path))
    return 0


def _requests(args: argparse.Namespace, actor: store.views.Actor, company_id: int | None) -> int:
    if args.action == "list":
        views = store.requests.list_requests(actor, company_id,
                                             status=None if args.all else "pending")
        if not views and not args.json and not actor.is_staff:  # an owner: what to do next
            print(_("No change request has been sent yet.") if args.all else _(
                "No change request is waiting for the billing team."), _(
                "To ask for a new state, country or VAT number: mycompany requests create "
                "--help"), sep="\n")
        else:
            print((_textout().requests_json if args.json else _textout().requests_text)(views))
        return 0
    reason = {"reason": getattr(args, "reason", None), "ticket": getattr(args, "ticket", None)}
    if args.action == "create":
        assert company_id is not None  # only list, approve and reject go without a company
        view = store.requests.request_change(actor, company_id, {
            name: getattr(args, name) for name in CHANGE_REQUEST.names
            if getattr(args, name) is not None})
    elif args.action == "withdraw":
        view = store.requests.withdraw_request(actor, args.id)
    elif args.action == "approve":
        try:
            view = store.requests.approve_request(actor, args.id, reason if args.reason else None,
                                                  address_version=args.if_version)
        except store.requests.StaleRequest as stale:  # the command to run once both are seen
            stale.message += " " + _textout().approve_on(args.id, stale.version)
            raise
    else:
        view = store.requests.reject_request(actor, args.id, reason)
    print(_textout().dumps(view.model_dump(mode="json")) if args.json
          else _textout().requests_text([view]))
    return 0


def _answer(args: argparse.Namespace, data: object, text: Callable[[], str],
            what: str | None = None, view: object = None) -> None:
    """A write command's answer: `text()` for people; with --json, `data` (or `view` as `show
    WHAT --json` prints it), what a script needs next (README, "JSON answers")."""
    if not getattr(args, "json", False):
        print(text())
    elif what is not None:
        print(_textout().to_json(what, view))
    else:
        print(_textout().dumps(data))


def _answer_view(args: argparse.Namespace, what: str, view: object) -> None:
    """`show WHAT` of the saved view, in text or (--json) as `show WHAT --json` prints it."""
    _answer(args, None, lambda: _textout().to_text(what, view, display_locale(args.lang)),
            what, view)
