"""Contract terms as the vendor sells them (SPEC §4 header, R4): the one place that says what a
term means for prices, invoicing and the words that name it.

- monthly: month to month, at the monthly price list, invoiced every month;
- annual_monthly: a year's commitment at the annual price list, invoiced every month;
- annual_upfront: a year's commitment at the annual price list, invoiced once for twelve months.

The catalogue's prices are per licence per month in both lists (store.plans.catalogue); an invoice
for `months_invoiced(term)` months charges that many months of them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from store.errors import InvalidInput
from store.i18n import N_, _

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

Term = Literal["monthly", "annual_monthly", "annual_upfront"]
PriceList = Literal["monthly", "annual"]
TERMS: tuple[Term, ...] = ("monthly", "annual_monthly", "annual_upfront")

_NAMES: dict[str, str] = {
    "monthly": N_("Monthly"),
    "annual_monthly": N_("Annual, invoiced monthly"),
    "annual_upfront": N_("Annual, paid upfront"),
}


def price_list(term: str) -> PriceList:
    """The catalogue price list a term is charged at (Price.frequency): "monthly" for monthly,
    "annual" for both annual terms. KeyError for an unknown term."""
    lists: dict[str, PriceList] = {"monthly": "monthly", "annual_monthly": "annual",
                                   "annual_upfront": "annual"}
    return lists[term]


def months_invoiced(term: str) -> int:
    """How many months one invoice covers: 12 for annual_upfront, else 1."""
    return 12 if term == "annual_upfront" else 1


def period_word(term: str) -> Literal["month", "year"]:
    """The period amounts are shown per ("/month", "/year"): the invoicing period (SPEC §4)."""
    return "year" if months_invoiced(term) == 12 else "month"


def term_name(term: str) -> str:
    """The term in the reader's language: "Annual, invoiced monthly"."""
    return _(_NAMES[term]) if term in _NAMES else term


def period_start(period: str) -> date:
    """The first day of `period` ("2026-12" -> 2026-12-01), a month of 2000-2999.
    InvalidInput (exit 1) otherwise."""
    match = _PERIOD.match((period or "").strip())
    if match is None:
        raise InvalidInput({"period": _("Give the period as YYYY-MM, for example 2026-12.")})
    if not 2000 <= int(match[1]) <= 2999:
        raise InvalidInput({"period": _("Give a period from 2000-01 to 2999-12.")})
    return date(int(match[1]), int(match[2]), 1)


def add_months(first: date, months: int) -> date:  # `first`: a first of a month
    """The first day of the month `months` after `first`."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def first_renewal(term: str, first_paid_day: date) -> date:
    """The day a new contract first renews, `first_paid_day` being its first day paid for (the
    day after its trial, or the day it was made without one). Monthly: the 1st of the month
    after that day's, as the billing run moves it on each month invoiced
    (store.invoicing.billing_run.renewal_after): made on Dec 1 or Dec 15, Jan 1 (#18 trial: a
    monthly company made on Dec 1 read "Contract renewal: Dec 1"). Annual (both terms): a year
    after its first billed month, the month of that day when it is the 1st, else the next (the
    first days are billed by days on that month's invoice): Dec 1 -> Dec 1 next year, Dec 15 ->
    Jan 1 the year after next."""
    month = first_paid_day.replace(day=1)
    if term == "monthly":
        return add_months(month, 1)
    return add_months(month, 12 if first_paid_day.day == 1 else 13)
