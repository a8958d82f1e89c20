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

        return store.invoicing.invoices.invoice_company(actor, number)
    from .cli import UsageError  # cli.py imports the modules that import this one

    raise UsageError(_("Staff members choose a company with --company ID."))
