"""The command line's output: plain text for people, JSON (money as decimal strings) for scripts."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from decimal import Decimal

from store.forms.cards import payment_method_label
from store.forms.fields import field_label
from store.i18n import _, colon, country_name, ngettext, pgettext
from store.places.addresses import address_lines
from store.plans.terms import term_name

from . import audit_text
from .formatting import (
    catalogue_name,
    day,
    display_locale,
    fitted_states,
    invoice_cells,
    money,
    plan_dates,
    safe_json,
    safe_text,
    subscription_status,
    timestamp,
    when_title,
    who_with_role,
)
from .request_blocks import requests_text
from .trail_words import origin_label, outcome_label


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def dumps(data: object) -> str:
    """`data` as indented JSON for a terminal or a script: readable text (ensure_ascii=False), but
    every character store.forms.unsafe.UNSAFE names (controls, bidi marks, separators, lone
    surrogates) escaped as \\uXXXX, so the JSON stays valid and parses back to the stored value
    exactly, and nothing raw reaches the terminal. Decimals as strings, dates in ISO 8601."""
    return safe_json(json.dumps(data, default=_default, ensure_ascii=False, indent=2))


def plan_json(view) -> dict:
    """The documented shape of `show plan --json`."""
    def row(r):
        return {"active": r.active, "included": r.included, "price": r.price, "extras": r.extras,
                "extras_cost": r.extras_cost, "total": r.total}

    return {
        "plan": view.plan, "term": view.term,
        "next_invoice_on": view.next_invoice_on, "trial_ends_on": view.trial_ends_on,
        # None in the trial and until its first invoice: no contract to renew yet
        "renews_on": view.contract_renewal,
        "currency": view.currency, "period": view.period,
        "rows": {"users": row(view.users), "numbers": row(view.numbers),
                 # limit_from: the limit of a plan it moves to, kept already (R9)
                 "teams": {"active": view.teams.active, "limit": view.teams.limit,
                           "limit_from": view.teams.limit_from}},
        "add_ons": [{"name": p.name, "price": p.price} for p in view.add_ons],
        "call_plans": [{"name": p.name, "price": p.price} for p in view.call_plans],
        "total": view.total,
        "scheduled": [{"id": c.id, "from": c.effective_from, "changes": c.words}
                      for c in view.scheduled],  # plan changes waiting for their month
        # What the next invoice charges excl. VAT, changes and later prices applied.
        "next_invoice_total": view.next_invoice_total,
        "next_invoice_period": view.next_invoice_period,
        "prices_change_on": view.prices_change_on,  # the catalogue's, before that invoice
    }


def billing_json(view) -> dict:
    """`show billing --json`: address, what is editable now, recipients, card, requests."""
    pm = view.payment_method
    card = None
    if pm and pm.kind == "card":
        # The expiry as numbers, for scripts; the text writes it MM/YY (store.views.card_expiry).
        card = {"brand": pm.brand, "last4": pm.last4, "exp_month": pm.exp_month,
                "exp_year": pm.exp_year, "holder": pm.holder}
    return {
        "in_trial": view.in_trial, "trial_ends_on": view.trial_ends_on,
        "address": view.address.model_dump(mode="json") if view.address else None,
        "editable_fields": view.editable_fields, "locked_fields": view.locked_fields,
        "lock_reason": view.lock_reason, "recipients": view.recipients, "card": card,
        "payment_method": pm.kind if pm else None,
        "change_requests": [r.model_dump(mode="json") for r in view.change_requests],
    }


def to_json(what: str, view) -> str:
    if what == "plan":
        return dumps(plan_json(view))
    if what == "billing":
        return dumps(billing_json(view))
    return dumps(view.model_dump(mode="json"))  # invoices, history, general: the view as it is


def table(headers: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Columns padded to their widest cell, as every list of the command line prints them;
    wrapped at word boundaries to fit `width` terminal cells (default: the terminal's width
    when the output is one, else no limit: a pipe gets one line per row)."""
    return _table(headers, rows, width)


def output_width() -> int | None:
    """The terminal's width in cells when stdout is a terminal (COLUMNS, else the terminal's
    own size: shutil.get_terminal_size); None for a pipe or a file."""
    import shutil
    import sys

    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):  # replaced or closed stdout
        return None
    return shutil.get_terminal_size().columns


def _table(headers: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Every cell through safe_text (one line, nothing raw), padded by the terminal cells it
    takes (rich.cells.cell_len: a CJK character takes two), not by its characters. Wider than
    `width` (None: output_width()), the columns share the width by one rule for every table
    (tui.columns.fit_widths: words whole, long text given the room), their cells wrapped at
    spaces (tui.columns.wrap_cell)."""
    from rich.cells import cell_len

    from .columns import fit_widths, wrap_cell

    headers = [safe_text(h) for h in headers]
    rows = [[safe_text(c) for c in r] for r in rows]
    widths = [max(cell_len(h), *(cell_len(r[i]) for r in rows)) if rows else cell_len(h)
              for i, h in enumerate(headers)]
    limit = output_width() if width is None else width
    gap = GAP
    if limit is not None:
        widths, gap = fit_widths(widths, [headers, *rows], limit, GAP)

    def lines(cells: list[str]) -> list[str]:
        wrapped = [wrap_cell(c, w) for c, w in zip(cells, widths, strict=True)]
        height = max(len(column) for column in wrapped)
        padded = [column + [""] * (height - len(column)) for column in wrapped]
        return [(" " * gap).join(column[i] + " " * (w - cell_len(column[i]))
                                 for column, w in zip(padded, widths, strict=True)).rstrip()
                for i in range(height)]

    return "\n".join(line for cells in [headers, *rows] for line in lines(cells))


GAP = 2  # spaces between columns


def printable(text: str) -> str:
    """Text the command line prints, each of its lines through safe_text: whatever a caller left
    raw is escaped here (a second pass changes nothing safe_text already escaped)."""
    return "\n".join(safe_text(line) for line in text.split("\n"))


def plan_text(v, locale: str) -> str:
    from . import periods

    per = periods.per_period(v.period)
    m = lambda amount: money(amount, v.currency, locale)
    head = [
        f"{safe_text(v.company_name)} — "
        + _("Plan: {plan}").format(plan=safe_text(catalogue_name(v.plan))),
        "   ".join([term_name(v.term), *plan_dates(v, locale)]),  # as the Plan tab's header
        *(_("From {date}: {changes}").format(date=day(c.effective_from, locale),
                                             changes=safe_text(c.words)) for c in v.scheduled),
        *([periods.next_invoice_line(v, m, locale)] if v.next_invoice_differs else []),
        *([note] if (note := periods.prices_note(v, locale)) is not None else []),
        "",
        _("Amounts per {period} excl. VAT, in {currency}").format(  # as the Plan tab says it
            period=periods.period_word(v.period), currency=v.currency),
    ]
    headers = ["", _("Active"), _("Included"), _("Price"), _("Extras"), _("Extras cost"),
               pgettext("licence table column", "Total")]
    teams_limit = _("unlimited") if v.teams.limit is None else str(v.teams.limit)
    rows = [
        [_("Users"), str(v.users.active), str(v.users.included), m(v.users.price),
         str(v.users.extras), m(v.users.extras_cost), m(v.users.total)],
        [_("Numbers"), str(v.numbers.active), str(v.numbers.included), m(v.numbers.price),
         str(v.numbers.extras), m(v.numbers.extras_cost), m(v.numbers.total)],
        [_("Teams"), str(v.teams.active), teams_limit, "—", "—", "—", "—"],
        [_("Account total"), "", "", "", "", "", periods.per(m(v.total), v.period)],
    ]
    lines = head + [_table(headers, rows)]
    if v.teams.limit_from is not None:  # the limit of a plan it moves to, kept already (R9)
        lines.append(_("Teams: at most {limit}, as {plan} allows, the company's plan from "
                       "{date}.").format(limit=v.teams.limit, plan=catalogue_name(
                           v.teams.limit_plan or ""), date=day(v.teams.limit_from, locale)))
    lines += ["", _("Prices are indicative only."), _("Call usage is not included.")]
    lines += ["", colon(_("Special features"))]
    lines += [f"  {safe_text(catalogue_name(p.name))}  {m(p.price)} {per}"
              for p in v.add_ons] or ["  —"]
    lines += [colon(_("Calls"))]
    lines += [f"  {safe_text(catalogue_name(p.name))}  {m(p.price)} {per}"
              for p in v.call_plans] or ["  —"]
    return "\n".join(lines)


def payment_line(pm) -> str:
    if pm is None:
        return _("No payment method on file.")
    method = safe_text(payment_method_label(pm.kind, pm.brand, pm.last4))
    if pm.kind != "card":
        return _("{method} (set by the billing team)").format(method=method)
    return _("{card}, expires {expiry}, {holder}").format(
        card=method, expiry=pm.expiry or "—", holder=safe_text(pm.holder))


def billing_text(v, locale: str) -> str:
    lines = []
    a = v.address
    if a:
        # Laid out by the country's format (store.places.addresses: the screens and the PDF too).
        lines.append(colon(_("Billing address")))
        lines += [f"  {safe_text(line)}" for line in address_lines(a, locale,
                                                                   with_country=False)]
        lines.append(f"  {safe_text(country_name(a.country, locale))} ({safe_text(a.country)})")
        lines.append(f"  {colon(field_label('vat_number'))} {safe_text(a.vat_number) or '—'}")
    else:
        lines.append(_("No billing address yet."))
    if v.in_trial:
        lines.append(_("Trial until {date}: every billing field can be changed.").format(
            date=day(v.trial_ends_on, locale)))
    elif v.lock_reason:
        lines.append("🔒 " + safe_text(v.lock_reason))
    lines += ["", colon(_("Invoice recipients"))] + [f"  {safe_text(r)}" for r in v.recipients]
    lines += ["", colon(_("Payment method")) + " " + payment_line(v.payment_method),
              _("Other payment methods: contact the billing team.")]
    if v.change_requests:
        lines += ["", colon(_("Change requests")), requests_text(v.change_requests)]
    return "\n".join(lines)


def hits_text(hits) -> str:
    if not hits:
        return _("No company matches.")
    rows = [[str(h.id), safe_text(h.name), h.country or "—", catalogue_name(h.plan) or "—",
             subscription_status(h.status) or "—", str(h.active_users)] for h in hits]
    return _table([_("Id"), _("Company"), _("Country"), _("Plan"), _("Status"),
                   _("Active users")], rows)


def requests_json(views) -> str:
    return dumps([r.model_dump(mode="json") for r in views])


def to_text(what: str, view, locale: str) -> str:
    """`show WHAT` for people, every line through printable()."""
    return printable(_to_text(what, view, locale))


def _to_text(what: str, view, locale: str) -> str:
    if what == "plan":
        return plan_text(view, locale)
    if what == "billing":
        return billing_text(view, locale)
    if what == "general":
        return "\n".join([
            f"{colon(field_label('name'))} {safe_text(view.name)}",
            f"{colon(field_label('website'))} {safe_text(view.website) or '—'}",
            f"{colon(_('Logo'))} " + (f"{view.logo_width}×{view.logo_height}"
                                      if view.logo_filename else _("none")),
        ])
    if what == "invoices":
        return invoices_text(view, locale)
    return history_text(view)


def invoices_text(view, locale: str) -> str:
    """`show invoices`: a row an invoice (number, dates, period, amount, status), then which page
    of how many."""
    rows = [list(invoice_cells(i, locale)) for i in view.items]  # the Billing tab's cells
    headers = [_("Number"), _("Date"), _("Due"), _("Period"), _("Amount"), _("Status")]
    page = ngettext("Page {page} of {pages} ({count} invoice)",
                    "Page {page} of {pages} ({count} invoices)",
                    view.total_count).format(page=view.page, pages=view.pages,
                                             count=view.total_count)
    return _table(headers, _status_fitted(headers, rows, view.items, locale)) + "\n" + page


def _status_fitted(headers: list[str], rows: list[list[str]], items: list,
                   locale: str) -> list[list[str]]:
    """`show invoices`' rows, a paid invoice's status shortened in a terminal too narrow for
    it rather than wrapped, all in one form (fitted_states), as the Billing tab's list
    (invoice_lines.laid_out)."""
    from rich.cells import cell_len

    width = output_width()
    if width is None or not rows:
        return rows
    others = sum(max(cell_len(h), *(cell_len(r[x]) for r in rows))
                 for x, h in enumerate(headers[:-1])) + GAP * (len(headers) - 1)
    states = fitted_states(items, locale, width - others)
    return [[*r[:-1], state] for r, state in zip(rows, states, strict=True)]


def history_text(view) -> str:
    """`show history`: each line's time in the reader's zone, named once in the column's
    title as the History tab names it (SPEC §2, #17); who
    ("admin X as Y" when admin staff acted as them); where it came from (SPEC §2, §6)."""
    rows = [[timestamp(e.at),
             who_with_role(e),
             audit_text.title(e), audit_text.change(e), outcome_label(e.outcome),
             " · ".join(x for x in (audit_text.reason_text(e), safe_text(e.ticket)) if x),
             origin_label(e.origin)] for e in view.items]
    return _table([when_title(), _("Who"), _("What"), _("Change"), _("Outcome"),
                   _("Reason"), _("From")], rows)


def answer(args: argparse.Namespace, data: object, text: Callable[[], str],
           what: str | None = None, view: object = None) -> None:
    """A write command's answer: `text()` for people; with --json, `data` (or `view` as `show
    WHAT --json` prints it), what a script needs next (README, "JSON answers")."""
    if not getattr(args, "json", False):
        print(text())
    elif what is not None:
        print(to_json(what, view))
    else:
        print(dumps(data))


def answer_view(args: argparse.Namespace, what: str, view: object) -> None:
    """`show WHAT` of the saved view, in text or (--json) as `show WHAT --json` prints it."""
    answer(args, None, lambda: to_text(what, view, display_locale(args.lang)), what, view)
