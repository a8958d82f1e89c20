"""How a command runs: open the store, find the acting person (SPEC §2), then open the screens or
hand the command to the module that calls its service and prints (the console's commands,
tui.company_commands, ...), each loaded only by its own commands so that opening the screens
loads none of them. Refusals print here: one line each, and their exit status."""

from __future__ import annotations

import argparse
import os
import sys

import store.database
import store.errors
import store.i18n
import store.people.identity
import store.views
from store.forms import fields
from store.i18n import _, colon

from . import console_commands, delivery_cli, invoices_cli
from .cli import UsageError
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
            sys.stderr.write(f"{colon(_field_named(field, args.command, _country_of(args)))} "
                             f"{safe_text(message)}\n")
        return exc.exit_status
    except store.errors.StoreError as exc:
        sys.stderr.write(f"mycompany: {safe_text(error_text(exc))}\n")
        return exc.exit_status


def _field_named(name: str, command: str | None, country: str | None = None) -> str:
    """A refused field as the command line names it: its label from store/forms/fields.py and the
    option that sets it ("VAT number (--vat)"), as the screens and the option's help name it;
    an address's region and postal code as `country`'s post names them (an ISO code; None: the
    form's own words), as the form and History do: "ZIP code (--postal-code)", "Province
    (--state)" (store.forms.labels.address_field_label, #16 trial).
    `mycompany init` names its staff form first (its "name" is the person's, not the company's)."""
    if name == store.errors.FORM_WIDE:
        return "mycompany"
    forms = list(fields.FORMS.values())
    if command == "init":
        forms.insert(0, fields.STAFF)
    field = next((spec[name] for spec in forms if name in spec), None)
    if field is None:  # an option of the command, not a form's field: "--if-version"
        return "--if-version" if name == "if_version" else name
    label = field.label
    if country and command != "init" and name in fields.ADDRESS:
        from store.forms.labels import address_field_label

        named = address_field_label(name, country)  # the country's word where it has one
        label = named if named != fields.field_label(name) else label
    return f"{label} ({field.option})" if field.option.startswith("--") else label


def _country_of(args: argparse.Namespace) -> str | None:
    """The country (ISO code) whose address a refused command checked: what the command found
    (`args.address_country`: tui.company_commands sets it), else `--country` as typed."""
    found = getattr(args, "address_country", None)
    if found:
        return str(found)
    typed = getattr(args, "country", None)
    if not typed:
        return None
    from store.forms.postal import country_code

    return country_code(str(typed))


def _run(args: argparse.Namespace) -> int:
    url = args.db or os.environ.get("MYCOMPANY_DATABASE_URL") or None
    # Naming someone else: a claim the store grants only on a demo database or to admin staff.
    claimed = args.actor or os.environ.get("MYCOMPANY_USER") or None
    if args.command == "demo" and args.keys is not None:
        # The keys' folder first: one that cannot be made costs nothing. Should anything fail
        # after, neither the folder nor a database file this command made is left behind.
        from store.demo import keys as demo_keys
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
        from store import backup

        backup.ensure_supported((args.db or demo_database_url()) if args.demo else url)
    if args.demo:
        url = args.db or demo_database_url()
        store.database.open_database(url)
        from store import demo
        from store.profile import company

        if not company.has_companies():
            demo.create_demo()
        claimed = claimed or DEMO_OWNER
    else:
        # Only `init` and `demo` make a database; anything else names one that exists (SPEC §2).
        # The SSH server lives on and writes its sessions: a full disk stops it rather than
        # leave it reading only once there is room again.
        store.database.open_database(url, create=args.command in ("init", "demo"),
                                     readable_when_full=args.command != "serve")
    if args.command == "demo":
        return _demo(args)
    if args.command == "serve":
        from . import serve
        return serve.run(args, url)
    if args.command == "init":
        from store.people import setup

        admin = setup.init_database(args.admin_email, args.admin_name)
        login = store.people.identity.os_login()
        _textout().answer(args, {"admin": admin.email, "login": login},
                          lambda: _("Database ready; its first admin is {who} (login "
                                    "{login}).").format(who=safe_text(admin.email),
                                                        login=safe_text(login)))
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
    if args.command == "keys":
        from . import keys_cli
        return keys_cli.run(args, actor)
    if args.command == "invoices" and args.action in delivery_cli.ACTIONS:
        return delivery_cli.run(args, actor)  # staff: with --company or without
    if args.command == "backup":
        from store import backup

        path = backup.backup_database(actor, args.path)
        _textout().answer(args, {"path": str(path)}, lambda: safe_text(str(path)))
        return 0
    if args.command == "invoices" and args.action == "issue":  # across companies (staff)
        return invoices_cli.run_issue(args, actor, display_locale(args.lang))
    from . import company_commands

    return company_commands.run(args, actor)


def sign_in(claimed: str | None) -> store.views.Actor:
    """The person acting (SPEC §2): the SSH session `mycompany serve` opened for this process,
    else this process's operating-system login; `claimed` only where the store allows it."""
    token = os.environ.pop("MYCOMPANY_SESSION_TOKEN", None)  # not inherited any further
    if token is not None:
        return store.people.identity.redeem_session(token, claimed)
    return store.people.identity.sign_in_local(claimed)


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

    from store import demo
    from store.demo import keys as demo_keys

    from .progress import progress_bar

    with progress_bar(_("Creating companies")) as step:
        ids = demo.create_demo(extra_companies=args.companies, progress=step)
    # The keys before a word is printed: when they cannot be written, the demo is taken away.
    written = None if args.keys is None else demo_keys.write_demo_keys(args.keys)
    print(_("Demo data created: companies {ids}; owners camille@atelier-lumiere.fr, "
            "jonas@nordwind.de, maria@blueharbor.com; staff support@mycompany.example, "
            "billing@mycompany.example, admin@mycompany.example.").format(
                ids=", ".join(map(str, ids))))
    if written is not None:
        from .keys_cli import demo_keys_text

        print(demo_keys_text(written, args.db))
    return 0
