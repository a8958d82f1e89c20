"""`mycompany staff add|list|set-role|remove`: the vendor's staff accounts (SPEC §2, §11).

Who may do what is the store's rule (store/people/staff.py): admin staff only, the last admin kept.
A form's refused fields print as "Label (--option): message", one line each (exit 1); other
refusals reach tui.commands.run, which prints them and returns their exit status.
"""

from __future__ import annotations

import argparse

import store.views
from store.i18n import _

from .formatting import safe_text

COMMANDS = ("staff",)
ROLES = ("support", "billing", "admin")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`staff` and its actions."""
    from store.forms.console import STAFF_ACCOUNT

    from .cli import add_field

    staff = commands.add_parser("staff", help=_("admin staff: the vendor's staff accounts"))
    actions = staff.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=_("add a member of staff"))
    add_field(add, STAFF_ACCOUNT["email"])
    add_field(add, STAFF_ACCOUNT["name"], required=True)
    add_field(add, STAFF_ACCOUNT["role"], required=True, choices=ROLES)
    add_field(add, STAFF_ACCOUNT["login"])
    listing = actions.add_parser("list", help=_("list the members of staff"))
    role = actions.add_parser("set-role", help=_("change a member of staff's role"))
    role.add_argument("email", metavar="EMAIL")
    # A role outside the three is usage (exit 2), as for `staff add --role` (#18 trial: 1 here)
    role.add_argument("role", choices=ROLES, help=_("support, billing or admin"))
    remove = actions.add_parser(
        "remove", help=_("remove a member of staff; their keys and sessions end"))
    remove.add_argument("email", metavar="EMAIL")
    for parser in (add, listing, role, remove):
        parser.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """Run one `staff` action as `actor`; returns the exit status."""
    import store.errors
    import store.people.staff

    from . import textout

    try:
        if args.action == "list":
            views = store.people.staff.list_staff(actor)
            print(textout.dumps([v.model_dump(mode="json") for v in views]) if args.json
                  else staff_table(views))
            return 0
        if args.action == "add":
            view = store.people.staff.add_staff(actor, {"email": args.email, "name": args.name,
                                                 "role": args.role, "login": args.login})
            message = _("{who} added as {role}.")
        elif args.action == "set-role":
            view = store.people.staff.set_role(actor, args.email, args.role)
            message = _("{who} is now {role}.")
        else:
            view = store.people.staff.remove_staff(actor, args.email)
            message = _("{who} removed; their keys and sessions ended.")
    except store.errors.InvalidInput as exc:
        return print_invalid(exc, "staff_account")
    if args.json:
        print(textout.dumps(view.model_dump(mode="json")))
    else:
        print(message.format(who=safe_text(f"{view.name} <{view.email}>"),
                             role=role_text(view.role)))
    return 0


def role_text(role: str) -> str:
    """A staff role as a person reads it."""
    from store.people.access import role_label

    return safe_text(role_label(role))


def staff_table(views: list) -> str:
    """The members of staff: e-mail, name, role, login, keys."""
    from .textout import table

    if not views:
        return _("No staff.")
    return table([_("E-mail"), _("Name"), _("Role"), _("Login"), _("Sign-in keys")],
                 [[safe_text(v.email), safe_text(v.name), role_text(v.role),
                   safe_text(v.login or "—"), str(v.keys)] for v in views])


def print_invalid(exc, form: str) -> int:
    """A refused form's fields, one line each on stderr, named by their label and option as the
    console's forms define them (store/forms/console.py); returns the exit status (1)."""
    import sys

    from store.errors import FORM_WIDE
    from store.forms.console import CONSOLE_FORMS
    from store.forms.fields import ADDRESS
    from store.i18n import colon

    spec = next(s for s in CONSOLE_FORMS if s.name == form)
    for name, message in exc.errors.items():
        if name == FORM_WIDE:
            label = "mycompany"
        elif name in spec or name in ADDRESS:  # a new company's billing address too
            field = spec[name] if name in spec else ADDRESS[name]
            label = f"{field.label} ({field.option})" if field.option.startswith("--") \
                else field.label
        else:
            label = safe_text(name)
        sys.stderr.write(f"{colon(label)} {safe_text(message)}\n")
    return int(exc.exit_status)
