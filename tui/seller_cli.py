"""`mycompany seller show|set`: the vendor's own settings printed on every invoice and deciding
its tax (SPEC §5 Tax, §11): legal name, address, VAT number, registration, legal mentions,
payment terms and the bank account (IBAN, BIC). Admin staff change them (store.invoicing.seller
decides); anyone signed in reads them.
"""

from __future__ import annotations

import argparse
import sys

import store.views
from store.i18n import _, colon

from .formatting import safe_text

COMMANDS = ("seller",)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`seller show` and `seller set`, whose options are the seller form's fields
    (store/forms/seller.py), each optional: what is not given stays as it is."""
    from store.forms.seller import SELLER

    from .cli import add_form_command

    seller = commands.add_parser(
        "seller", help=_("the vendor's legal details printed on every invoice"))
    actions = seller.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help=_("print the seller's settings"))
    change = add_form_command(
        actions, "set", SELLER, help=_("admin staff: change the seller's settings"),
        description=_("Change the seller's settings; a field not given stays as it is. The "
                      "next invoices print them and take their tax from the seller's country "
                      "and VAT number; those issued keep what they printed."))
    for parser in (show, change):
        parser.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """Run `seller show` or `seller set` as `actor`; returns the exit status."""
    import store.errors
    import store.invoicing.seller

    from . import textout

    view: store.invoicing.seller.SellerView | None
    if args.action == "set":
        current = store.invoicing.seller.get_seller(actor)
        values = {name: "" if getattr(current, name, None) is None
                  else str(getattr(current, name)) for name in store.invoicing.seller.SELLER_FIELDS}
        values.update({name: getattr(args, name) for name in store.invoicing.seller.SELLER_FIELDS
                       if getattr(args, name, None) is not None})
        try:
            view = store.invoicing.seller.save_seller(actor, values,
                                            current.version if current else None)
        except store.errors.InvalidInput as exc:
            return _print_invalid(exc)
        if not args.json:
            print(_("The seller's settings are saved."))
    else:
        view = store.invoicing.seller.get_seller(actor)
    if args.json:
        print(textout.dumps(view.model_dump(mode="json") if view else None))
    else:
        print(seller_text(view))
    return 0


def seller_text(view) -> str:
    """Each setting on its line, labelled as the form labels it."""
    from store.forms.seller import SELLER
    from store.i18n import country_name

    if view is None:
        return _("The seller's settings are not set yet.")
    from store.invoicing.seller import iban_as_printed

    shown = {"country": country_name(view.country)}
    if view.iban:  # in groups of four, as the invoices print it
        shown["iban"] = iban_as_printed(view.iban)
    return "\n".join(
        f"{colon(field.label)} {safe_text(shown.get(field.name, getattr(view, field.name)))}"
        for field in SELLER.fields if getattr(view, field.name) not in (None, ""))


def _print_invalid(exc) -> int:
    """Each refused field on its line: "Label (--option): message"; exit 1."""
    from store.errors import FORM_WIDE
    from store.forms.seller import SELLER

    for name, message in exc.errors.items():
        field = next((f for f in SELLER.fields if f.name == name), None)
        label = "mycompany" if name == FORM_WIDE or field is None \
            else f"{field.label} ({field.option})"
        sys.stderr.write(f"{colon(label)} {safe_text(message)}\n")
    return int(exc.exit_status)
