"""The unit an amount of a plan is labelled with (SPEC §4: amounts labelled "/month" or
"/year"), one place for the Plan tab (tui.tabs.plan, tui.widgets.licence_table) and `show plan`
(tui.textout): the Plan tab's Account total row read "€120.00" where `show plan` read
"€120.00 /month" (#18 trial)."""

from __future__ import annotations

from store.i18n import _


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
