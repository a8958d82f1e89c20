"""The unit an amount of a plan is labelled with (SPEC §4: amounts labelled "/month" or
"/year"), one place for the Plan tab (tui.tabs.plan, tui.widgets.licence_table) and `show plan`
(tui.textout): the Plan tab's Account total row read "€120.00" where `show plan` read
"€120.00 /month" (#18 trial); and the sentences both say about the next invoice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from store.i18n import _
from store.plans.terms import add_months, months_invoiced

if TYPE_CHECKING:
    from store.plans.plan_views import LicenceSummary


def per_period(period: str | None) -> str:
    """"/year" for a plan billed by the year (`period` "year"), else "/month", in the reader's
    language."""
    return _("/year") if period == "year" else _("/month")


def period_word(period: str | None) -> str:
    """"year" or "month", as "Amounts per {period} excl. VAT" says it."""
    return _("year") if period == "year" else _("month")


def per(amount: str, period: str | None) -> str:
    """An amount already written ("€120.00") with its unit: "€120.00 /month"."""
    return f"{amount} {per_period(period)}"


def next_invoice_line(v: LicenceSummary, money: Callable[[Decimal], str],
                      locale: str | None = None) -> str:
    """What the next invoice charges when it is not today's total (a change or a price from a
    later day, or the first invoice's days of the trial month, store.plans.plan.summary_for), one
    sentence for the Plan tab and `show plan`: "Next invoice, Jan 1, 2027: €201.30 excl. VAT,
    for Nov 15, 2026 – Jan 31, 2027" or "…: €120.00 /month excl. VAT"; "First invoice, …" when
    it is the company's first, as the Plan header names its date (the store's
    LicenceSummary.next_invoice_is_first: in the trial, and after it until that invoice)."""
    from store.i18n.dates import span_ends

    from .formatting import day

    on = day(v.next_invoice_on, locale)
    total = money(v.next_invoice_total or Decimal(0))
    first = v.next_invoice_is_first
    if v.next_invoice_from is None or v.next_invoice_on is None:
        text = (_("First invoice, {date}: {total} {per} excl. VAT") if first
                else _("Next invoice, {date}: {total} {per} excl. VAT"))
        return text.format(date=on, total=total, per=per_period(v.next_invoice_period))
    last = add_months(v.next_invoice_on, months_invoiced(v.term)) - timedelta(days=1)
    # The days worded by the sentence, each language its own way (« du … au … »): a span
    # written alone ("Nov 15 – Jan 31, 2027") reads badly after "for" in French.
    since, until = span_ends(v.next_invoice_from, last, locale)
    text = (_("First invoice, {date}: {total} excl. VAT, for {first} – {last}") if first
            else _("Next invoice, {date}: {total} excl. VAT, for {first} – {last}"))
    return text.format(date=on, total=total, first=since, last=until)


def prices_note(v: LicenceSummary, locale: str | None = None) -> str | None:
    """Why the next invoice's line (next_invoice_line) differs from the table below it when the
    catalogue's prices change before that invoice (the store's `prices_change_on`), one sentence
    under that line in the Plan tab and `show plan`; None otherwise (#18 trial t18: "Next
    invoice, Jan 1, 2027: €166.00 /month" above a table of €160.00, nothing said why)."""
    if v.prices_change_on is None or not v.next_invoice_differs:
        return None
    from .formatting import day

    return _("The catalogue's prices change on {date}; the table shows today's.").format(
        date=day(v.prices_change_on, locale))
