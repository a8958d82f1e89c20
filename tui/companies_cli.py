"""`mycompany companies create|show|list|set-owner|close`: customer companies and their owners
from the vendor's console (SPEC §11).

Who may do what is the store's rule (store/profile/companies.py): admin staff create, change owners
and close; staff list and show, an owner shows their own. A form's refused fields print as
"Label (--option): message" (tui.staff_cli.print_invalid); other refusals reach
tui.commands.run.
"""

from __future__ import annotations

import argparse

import store.views
from store.i18n import _

from .formatting import safe_text

COMMANDS = ("companies",)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`companies` and its actions."""
    from store.forms.console import NEW_COMPANY, NEW_OWNER
    from store.plans.terms import TERMS

    from .cli import add_field
    from .cli_input import whole_number

    companies = commands.add_parser("companies", help=_("staff: customer companies and owners"))
    actions = companies.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help=_("admin staff: a new company and its owner"))
    for field in NEW_COMPANY.fields:
        extra: dict[str, object] = {"required": field.required}
        if field.name == "term":
            extra["choices"] = TERMS
        add_field(create, field, **extra)
    from store.forms.fields import ADDRESS

    for field in ADDRESS.fields:  # the billing address, optional: the owner may enter it
        if field.name != "country":  # the company's country, above
            add_field(create, field)
    show = actions.add_parser("show", help=_("a company, its subscription and owner"))
    show.add_argument("company", type=whole_number, metavar="ID")
    listing = actions.add_parser("list", help=_("every company, closed ones too"))
    owner = actions.add_parser("set-owner", help=_("admin staff: change a company's owner"))
    owner.add_argument("company", type=whole_number, metavar="ID")
    for field in NEW_OWNER.fields:
        add_field(owner, field, required=field.required)
    close = actions.add_parser(
        "close", help=_("admin staff: close a company; its data is kept, read-only"))
    close.add_argument("company", type=whole_number, metavar="ID")
    add_field(close, NEW_OWNER["reason"], required=True)
    for parser in (create, show, listing, owner, close):
        parser.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """Run one `companies` action as `actor`; returns the exit status."""
    import store.errors
    import store.profile.companies

    from . import textout
    from .staff_cli import print_invalid

    if args.action == "list":
        rows = store.profile.companies.list_companies(actor)
        print(textout.dumps([r.model_dump(mode="json") for r in rows]) if args.json
              else companies_table(rows))
        return 0
    form = {"create": "new_company", "set-owner": "new_owner"}.get(args.action, "new_owner")
    try:
        if args.action == "create":
            from store.forms.console import NEW_COMPANY
            from store.forms.fields import ADDRESS

            names = [*NEW_COMPANY.names, *(n for n in ADDRESS.names if n != "country")]
            view = store.profile.companies.create_company(
                actor, {name: getattr(args, name) for name in names})
        elif args.action == "set-owner":
            view = store.profile.companies.set_owner(actor, args.company, {
                "email": args.email, "name": args.name, "login": args.login,
                "reason": args.reason})
        elif args.action == "close":
            view = store.profile.companies.close_company(actor, args.company, {
                "reason": args.reason})
        else:
            view = store.profile.companies.show_company(actor, args.company)
    except store.errors.InvalidInput as exc:
        return print_invalid(exc, form)
    if args.json:
        print(textout.dumps(view.model_dump(mode="json")))
        return 0
    done = {"create": _("Company {id} created."), "set-owner": _("Company {id}'s owner changed."),
            "close": _("Company {id} closed; its data is kept, read-only.")}.get(args.action)
    if done:
        print(done.format(id=view.id))
    print(company_text(view))
    if getattr(view, "zone_note", None):  # the country's main zone, said when chosen (#18)
        print(safe_text(view.zone_note))
    return 0


def _status(row) -> str:
    from .formatting import subscription_status

    return subscription_status(row.status) if row.status else "—"  # "closed": the store's


def companies_table(rows: list) -> str:
    """Every company: id, name, plan, term, status (closed), owner."""
    from store.plans.terms import term_name

    from .formatting import catalogue_name
    from .textout import table

    if not rows:
        return _("No companies.")
    return table([_("Id"), _("Name"), _("Plan"), _("Term"), _("Status"), _("Owner")],
                 [[str(r.id), safe_text(r.name), catalogue_name(r.plan_name) if r.plan else "—",
                   safe_text(term_name(r.term)) if r.term else "—", _status(r),
                   safe_text(r.owner_email or "—")] for r in rows])


def _trial_row(view, day) -> tuple[str, str]:
    """The trial's last day whenever there was a trial, past or to come, in the company's own
    dates (SPEC §2: a rule date): "Trial ends" up to that day in its zone, "Trial ended" after
    (#18 trial: a trial that had ended read "Trial ends: —"); "—" for a company made without
    one."""
    from store.plans.trial import trial_has_ended

    if view.trial_ends_on is None:
        return _("Trial ends"), "—"
    ended = trial_has_ended(view.trial_ends_on, view.time_zone)
    return (_("Trial ended") if ended else _("Trial ends")), day(view.trial_ends_on)


def company_text(view) -> str:
    """One company as labelled lines."""
    from store.i18n import colon, country_name
    from store.plans.terms import term_name

    from .formatting import catalogue_name, day, timestamp

    owner = f"{view.owner_name} <{view.owner_email}>" if view.owner_email else "—"
    if view.owner_login:
        owner = _("{owner} (login {login})").format(owner=owner, login=view.owner_login)
    lines = [
        (_("Company"), f"{view.id} {safe_text(view.name)}"),
        (_("Status"), _status(view)),
        (_("Plan"), catalogue_name(view.plan_name) if view.plan else "—"),
        (_("Term"), safe_text(term_name(view.term)) if view.term else "—"),
        _trial_row(view, day),
        (_("Next invoice"), day(view.next_invoice_on)),
        (_("Renews"), day(view.renews_on)),
        (_("Users included"), str(view.included_users)),
        (_("Numbers included"), str(view.included_numbers)),
        (_("Owner"), safe_text(owner)),
        (_("Country"), safe_text(country_name(view.country)) if view.country else "—"),
        (_("Time zone"), safe_text(view.time_zone)),
        (_("Currency"), safe_text(view.currency)),
        (_("Invoices"), str(view.invoices)),
        # instants, in the reader's zone, named (#18 trial: "Created: 2026-12-01 16:47")
        (_("Created"), timestamp(view.created_at, zone_name=True)),
        (_("Closed"), timestamp(view.closed_at, zone_name=True)),
    ]
    return "\n".join(f"{colon(label)} {value}" for label, value in lines)
