"""The command line: arguments -> acting person -> the same store services the screens call."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from store.forms.fields import (
    ADDRESS,
    GENERAL,
    REASON,
    RECIPIENT,
    STAFF,
    Field,
    FormSpec,
)
from store.i18n import _, ngettext, set_language

from . import (
    collector,
    company_arg,
    console_commands,
    delivery_cli,
    invoices_cli,
    requests_cli,
)
from .cli_input import (
    ShowVersion,
    Unanswered,
    has_terminal,
    history_field,
    page_number,
    whole_number,
)
from .cli_parser import EXIT_USAGE, Parser, _argparse_text


class UsageError(Exception):
    """The command line itself is wrong (exit 2)."""


class _QuickParser(Parser):
    """The global options alone: anything it cannot take goes to the whole parser instead."""

    def error(self, message: str) -> NoReturn:
        raise _NotQuick(message)


class _NotQuick(Exception):
    pass


def field_help(field: Field) -> str:
    """An option's help from fields.py: the field's label, what to enter, its maximum length
    ("Postal code. At most 20 characters.")."""
    parts = [field.label, field.help]
    if field.max_length:
        parts.append(ngettext("At most {count} character", "At most {count} characters",
                              field.max_length).format(count=field.max_length))
    text = ". ".join(part[:1].upper() + part[1:].rstrip(".") for part in parts if part) + "."
    return text.replace("%", "%%")  # argparse formats help with %


def add_field(parser: argparse.ArgumentParser, field: Field, **kwargs: object) -> None:
    """A form field as an option (`--postal-code POSTAL_CODE`) or, when fields.py names it in
    capitals, a positional argument (`EMAIL`): its help and metavar from fields.py, its value
    in `args.<field name>`."""
    if field.option.startswith("--"):
        parser.add_argument(field.option, dest=field.name, metavar=field.name.upper(),
                            help=field_help(field), **kwargs)  # type: ignore[arg-type]
    else:  # a choice shows its choices instead of a name
        parser.add_argument(field.name, metavar=None if "choices" in kwargs else field.option,
                            help=field_help(field), **kwargs)  # type: ignore[arg-type]


def add_form_command(actions: argparse._SubParsersAction, name: str, form: FormSpec, *,
                     help: str, description: str | None = None) -> argparse.ArgumentParser:
    """The command `name` whose options are `form`'s fields in the form's order, each by
    add_field: `set general`, `set address`, `requests create`, `seller set`."""
    parser = actions.add_parser(name, help=help, description=description)
    for field in form.fields:
        add_field(parser, field)
    return parser


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = (Parser if with_commands else _QuickParser)(
        prog="mycompany",
        add_help=with_commands,  # "--hel" and the like: the whole parser's help, with commands
        description=_("The My company console: profile, plan and billing of a company."),
    )
    parser.add_argument("--db", metavar="URL",
                        help=_("database URL (sqlite:///FILE or postgresql://...); default "
                               "$MYCOMPANY_DATABASE_URL, then the file in your data folder"))
    parser.add_argument("--as", dest="actor", metavar="EMAIL",
                        help=_("act as this person (default $MYCOMPANY_USER): on a demo "
                               "database, or for admin staff; otherwise you are your login"))
    parser.add_argument("--company", type=whole_number, metavar="ID",
                        help=_("the company to open (staff; owners open their own)"))
    parser.add_argument("--lang", metavar="LANG", help=_("language of messages (en, fr)"))
    parser.add_argument("--tab", choices=["general", "plan", "billing", "history"],
                        default="general",
                        help=_("the tab the screens open on"))
    parser.add_argument("--demo", action="store_true",
                        help=_("open the demo database as the Nordwind owner (created on first "
                               "use)"))
    if not with_commands:
        return parser
    parser.add_argument("--version", action=ShowVersion)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=_("create the demo data in --db"))
    demo.add_argument("--companies", type=whole_number, default=0, metavar="N",
                      help=_("also generate N companies for scale work"))
    demo.add_argument("--keys", metavar="DIR",
                      help=_("also write an SSH key pair per demo person into DIR (new or "
                             "empty), for `ssh -i DIR/jonas -p 2222 localhost`"))

    serve = commands.add_parser(
        "serve", help=_("the SSH front door: people sign in with their own keys"))
    serve.add_argument("--listen", default="127.0.0.1:2222", metavar="HOST:PORT",
                       help=_("address to listen on (default 127.0.0.1:2222)"))
    serve.add_argument("--host-key", metavar="PATH", dest="host_key",
                       help=_("the server's host key (default: made on first start, 0600, in "
                              "your data folder)"))
    serve.add_argument("--idle-timeout", type=whole_number, default=1800, metavar="SECONDS",
                       dest="idle_timeout",
                       help=_("end a session after this long without input, and a connection "
                              "after this long without a session (default 1800)"))
    serve.add_argument("--max-sessions", type=whole_number, default=8, metavar="N",
                       dest="max_sessions",
                       help=_("sessions one person may have open at once (default 8)"))

    keys = commands.add_parser("keys", help=_("SSH sign-in keys"))
    ksub = keys.add_subparsers(dest="action", metavar="ACTION", required=True)
    kadd = ksub.add_parser("add", help=_("add a public key (admin staff: anyone's; you: yours)"))
    kadd.add_argument("email")
    kadd.add_argument("pubkey_file", metavar="PUBKEY_FILE", help=_("an OpenSSH .pub file, or -"))
    klist = ksub.add_parser("list", help=_("list keys: yours; admin staff: EMAIL's, or * for "
                                           "everyone's"))
    klist.add_argument("email", nargs="?", metavar="EMAIL",
                       help=_("whose keys (admin staff; default: yours); * lists everyone's, "
                              "with whose each is (quote it in a shell: '*')"))
    klist.add_argument("--json", action="store_true", help=_("print JSON"))
    kremove = ksub.add_parser("remove", help=_("remove a key"))
    kremove.add_argument("fingerprint")

    init = commands.add_parser(
        "init", help=_("make a new, empty database whose first admin is your login"))
    init.add_argument(STAFF["email"].option, required=True, metavar="EMAIL", dest="admin_email",
                      help=field_help(STAFF["email"]))
    init.add_argument(STAFF["name"].option, required=True, metavar="NAME", dest="admin_name",
                      help=field_help(STAFF["name"]))

    grant = commands.add_parser(
        "grant-app-role", help=_("PostgreSQL: let ROLE run mycompany (run with the owner's URL)"),
        description=_("Run with the owner role's database URL: migrate the database, then grant "
                      "ROLE exactly what the program needs: read and write its tables, read "
                      "and append to the audit trail, and nothing that changes the schema or "
                      "its triggers. Run it again after each upgrade."))
    grant.add_argument("role", metavar="ROLE", help=_("an existing PostgreSQL login role"))

    search = commands.add_parser("search", help=_("staff: find companies"))
    search.add_argument("text", help=_("name, company id, VAT number or e-mail domain"))
    search.add_argument("--json", action="store_true", help=_("print JSON"))

    show = commands.add_parser("show", help=_("print a tab"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    # Each tab takes only the options it uses (#15 trial: `show general --page 2` was taken).
    tabs = show.add_subparsers(dest="what", metavar="TAB", required=True)
    for tab, tab_help in (("general", _("company name, website and logo")),
                          ("plan", _("plan, licences and what they cost")),
                          ("billing", _("billing address, recipients and payment method")),
                          ("invoices", _("invoices, newest first")),
                          ("history", _("what was done, newest first"))):
        shown = tabs.add_parser(tab, help=tab_help)
        # SUPPRESS: `show --json general` keeps the --json given before the tab.
        shown.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                           help=_("print JSON"))
        if tab in ("invoices", "history"):
            shown.add_argument("--page", type=page_number, default=1, help=_("page"))
        if tab == "history":
            shown.add_argument("--field", type=history_field,
                               help=_("only the lines about this field"))
            shown.add_argument("--person",
                               help=_("only what this person did (e-mail or name)"))

    set_ = commands.add_parser("set", help=_("change the profile or the billing address"))
    targets = set_.add_subparsers(dest="target", metavar="WHAT", required=True)
    general = add_form_command(targets, "general", GENERAL, help=_("company name and website"))
    general.add_argument("--if-version", type=whole_number, metavar="N", dest="if_version",
                         help=_("save only if the profile is still at version N (the "
                                "\"version\" of show general --json); otherwise exit 4 and "
                                "nothing is written"))
    address = add_form_command(targets, "address", ADDRESS,
                               help=_("billing address and VAT number"))
    address.add_argument(REASON["reason"].option, dest="reason", metavar="REASON",
                         help=field_help(REASON["reason"]) + " "
                         + _("Required for the billing team."))
    add_field(address, REASON["ticket"])
    address.add_argument("--if-version", type=whole_number, metavar="N", dest="if_version",
                         help=_("save only if the address is still at version N (the "
                                "\"version\" of show billing --json; 0: no address yet); "
                                "otherwise exit 4 and nothing is written"))

    recipients = commands.add_parser("recipients", help=_("invoice e-mail recipients"))
    rsub = recipients.add_subparsers(dest="action", metavar="ACTION", required=True)
    radd = rsub.add_parser("add", help=_("add a recipient"))
    add_field(radd, RECIPIENT["email"])
    rremove = rsub.add_parser("remove", help=_("remove a recipient"))
    rremove.add_argument("email")
    for changing in (radd, rremove):  # the billing team, for a customer (SPEC §2): why
        add_field(changing, REASON["reason"])
        add_field(changing, REASON["ticket"])
    rlist = rsub.add_parser("list", help=_("list the recipients"))

    card = commands.add_parser("card", help=_("the card on file"))
    csub = card.add_subparsers(dest="action", metavar="ACTION", required=True)
    cset = csub.add_parser("set", help=_("read a card from the terminal or four stdin lines"))

    payment = commands.add_parser("payment-method", help=_("billing team: other payment methods"))
    psub = payment.add_subparsers(dest="action", metavar="ACTION", required=True)
    pset = psub.add_parser("set", help=_("record direct debit or bank transfer"))
    pset.add_argument("kind", choices=["direct_debit", "bank_transfer"])
    add_field(pset, REASON["reason"], required=True)
    add_field(pset, REASON["ticket"])

    logo = commands.add_parser("logo", help=_("the company logo"))
    lsub = logo.add_subparsers(dest="action", metavar="ACTION", required=True)
    lset = lsub.add_parser("set", help=_("upload a PNG or JPEG"))
    lset.add_argument("path", help=_("the image file, or - to read it from stdin"))
    ldelete = lsub.add_parser("delete", help=_("remove the logo"))

    invoices = commands.add_parser("invoices", help=_("invoices"))
    isub = invoices.add_subparsers(dest="action", metavar="ACTION", required=True)
    download = isub.add_parser("download", help=_("save an invoice as PDF"))
    download.add_argument("number")
    download.add_argument("--out", metavar="DIR",
                          help=_("folder (default: your downloads), or - for stdout"))
    delivery_cli.add_parsers(isub)  # resend, deliveries, send-queued
    invoices_cli.add_parsers(isub)

    requests_cli.add_parsers(commands)  # list, show, create, withdraw, approve, reject

    console_commands.add_parsers(commands)  # staff, companies, sync, export (SPEC §11)

    company_arg.add_to_company_commands(commands)  # --company after the command too

    backup = commands.add_parser(
        "backup", help=_("copy the SQLite database into a new file"),
        description=_("Copy the SQLite database (--db) into a new file, 0600, with SQLite's "
                      "online backup: a consistent snapshot holding every committed change, "
                      "taken while others keep working. Staff members may back up; a "
                      "company's owner only while the database holds their company alone. "
                      "PATH is never overwritten: if a file, folder or link is there, nothing "
                      "is written. PostgreSQL databases are backed up with pg_dump."),
        epilog=_("Exit status: 0 done, 1 PATH exists or cannot be written, 2 not a SQLite "
                 "database, 3 refused (who may back up), 4 database busy, 6 database "
                 "unusable."))
    backup.add_argument("path", metavar="PATH", help=_("the new file"))
    # Every command that changes something answers a script in JSON too, with what it needs
    # next: the new version, the request's id and state, the file written (README, "JSON").
    for writer in (general, address, radd, rremove, rlist, cset, pset, lset, ldelete, download,
                   backup, kadd, kremove, init):
        writer.add_argument("--json", action="store_true", help=_("print JSON"))
    return parser


def _skip_unused_database_drivers(url: str) -> None:
    """Peewee imports every PostgreSQL driver it can find as it is imported (psycopg alone takes
    about 80 ms); on SQLite none is used, so they are marked absent before peewee is imported.
    Only at the very start of a process (`_main`'s first step): once peewee is loaded this changes
    nothing (tests/cli/test_no_unused_driver.py)."""
    if "peewee" in sys.modules or url.split(":", 1)[0].lower().startswith("postgres"):
        return
    for driver in ("psycopg", "psycopg2", "psycopg2cffi"):
        sys.modules.setdefault(driver, None)  # type: ignore[arg-type]  # None: "not installed"


def _early_option(argv: Sequence[str], name: str) -> str | None:
    """The value of option `name` (e.g. "--lang"), read from argv before the parser is built:
    what must be decided before any module is imported or any string translated."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == name and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith(name + "="):
            return arg.partition("=")[2]
    return None


def _parse(argv: list[str]) -> argparse.Namespace:
    """The arguments; opening the screens (no command) skips building the 26 sub-parsers, about
    10 ms of every start."""
    if not {"-h", "--help"} & set(argv):
        try:
            args, rest = build_parser(with_commands=False).parse_known_args(argv)
        except _NotQuick:
            rest = argv
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def stdout_gone() -> None:
    """Stdout's reader went away (`| head`): what is left in its buffer goes nowhere, so that
    the exit's flush does not fail again with a second BrokenPipeError."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mycompany` command; returns the exit status."""
    collector.pause()  # until the first frame, or the command's start (tui/collector.py)
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        collector.release()


def _main(argv: list[str]) -> int:
    # First of all: building the commands' parsers imports modules that import peewee.
    _skip_unused_database_drivers(_early_option(argv, "--db")
                                  or os.environ.get("MYCOMPANY_DATABASE_URL") or "")
    # Before anything that holds a translated string is built or imported (the parser, and
    # the screens' modules, whose key bindings are translated as their classes are made).
    set_language(_early_option(argv, "--lang"))
    # argparse's own words (usage, errors) too; argparse reads its module-level `_` to translate.
    english = argparse._  # type: ignore[attr-defined]
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    try:
        args = _parse(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        argparse._ = english  # type: ignore[attr-defined]
    if args.command is None and not has_terminal():  # before a database is opened or made
        sys.stderr.write("mycompany: " + _("no terminal to draw the screens on: use ssh -t, or "
                                           "give a command (see --help).") + "\n")
        return EXIT_USAGE
    if args.command is not None:
        collector.resume_for_command()
    from . import commands

    try:
        return commands.run(args)
    except UsageError as exc:
        sys.stderr.write(f"mycompany: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, as other command-line tools do.
        stdout_gone()
        return 1
    except KeyboardInterrupt as stop:
        sys.stderr.write("\n")  # off the ^C's line
        if isinstance(stop, Unanswered):  # at a question: nothing is written before them all
            sys.stderr.write("mycompany: " + _("stopped before every answer was given; "
                                               "nothing was changed.") + "\n")
        return 130
    except EOFError as exc:  # ctrl-D at a prompt, or too few lines on stdin (card set)
        if sys.stdin is not None and sys.stdin.isatty():
            sys.stderr.write("\n")  # off the prompt's line
        hint = f" ({exc})" if str(exc) else ""  # what was expected, when commands.py says
        sys.stderr.write("mycompany: " + _("input ended before every answer was given{hint}; "
                                           "nothing was changed.").format(hint=hint) + "\n")
        return 1
    except Exception as exc:  # the database, the disk or a number: one line, never a trace
        import store.database

        from .formatting import safe_text

        failure = store.database.failure_of(exc)
        if failure is None:
            raise  # a bug: its traceback is what a report needs
        sys.stderr.write(f"mycompany: {safe_text(failure.message)}\n")
        return failure.exit_status
