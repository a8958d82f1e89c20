"""The rest of the month a trial ends in, billed by days on the company's first invoice (#17
trial: a trial ending on 14 Nov was first invoiced for December, 16 days of paid service free
and said nowhere).

The rule, as SaaS billing does it: service is paid from the day after the last free day (the
trial's last day; for a company created without a trial, the day before it started:
store.plans.trial.first_billed_month). When that day is not a month's first, the first invoice — the
one of the first billed month, store.invoicing.billing_run.contract_start — also charges the days
left of the month before it: each line of the figures in force on the first of those days
(store.invoicing.billing_run.invoice_lines of store.plans.plan.summary_on: the plan, term and
licences the company has then, at that day's prices — not those of a change from the invoice's
month, #18 trial t18: December's days of a Professional company were charged at January's
Essentials), for one month of its term's price list, times the days used over the days of that
month.

- Monthly and annual invoiced monthly: the month's unit price x days / days of the month.
- Annual paid upfront: the same, from one month of the annual price list (the invoice's
  twelve-month amount / 12); the contract year still starts with the first billed month, so
  the first invoice charges those days and twelve whole months.

Amounts are exact in minor units: the prorated unit price is rounded half up to the unit (the
cent), as store.invoicing.tax.tax_amount rounds VAT, and the line's amount is that unit price times
the quantity, so quantity x unit price = amount on every line an accountant checks.

A prorated line's description is stored in English with its days in ISO 8601 ("User licences,
2026-11-15 to 2026-11-30 (16/30 days)"), like every stored description; line_text writes it
for a reader ("User licences, Nov 15 – 30, 2026 (16/30 days)"). Every other line covering a
period is read naming it (with_period: "User licences, December 2026"), so that the first
invoice's two periods are told apart on the PDF, the invoice detail and the e-mail (#17).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from store.i18n import N_
from store.plans.terms import add_months, months_invoiced

if TYPE_CHECKING:
    from store.invoicing.billing_run import RunLine
    from store.persistence.models import Subscription
    from store.plans.plan_views import LicenceSummary

_PRORATED_TEXT = N_("{item}, {days} ({used}/{month} days)")  # item, day_span, 16, 30
_PRORATED = re.compile(r"^(?P<item>.+), (?P<first>\d{4}-\d{2}-\d{2}) to "
                       r"(?P<last>\d{4}-\d{2}-\d{2}) \((?P<days>\d+)/(?P<of>\d+) days\)$")
# A line of a whole period, named (with_period): "User licences, 2026-12-01 to 2026-12-31".
_COVERS_TEXT = N_("{item}, {period}")  # item, "December 2026"
_COVERS = re.compile(r"^(?P<item>.+), (?P<first>\d{4}-\d{2}-\d{2}) to "
                     r"(?P<last>\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Remainder:
    """The days of one month billed by days: `first` to `last` included (the month's last
    day), `days` of the month's `of`."""

    first: date
    last: date
    days: int
    of: int


def remainder_before(sub: Subscription, start: date) -> Remainder | None:
    """The days billed by days on the invoice of the month starting `start`: the rest of the
    month before it when that month held the last free day and `start` is the first billed
    month (so only the first invoice has them); None otherwise (a trial ending on a month's
    last day leaves nothing to prorate)."""
    from store.plans.trial import last_free_day

    free = last_free_day(sub)
    if free is None or add_months(free.replace(day=1), 1) != start:
        return None
    of = calendar.monthrange(free.year, free.month)[1]
    if free.day == of:
        return None
    return Remainder(first=free + timedelta(days=1), last=free.replace(day=of),
                     days=of - free.day, of=of)


def prorated_unit(unit_minor: int, days: int, of: int) -> int:
    """A month's unit price (minor units) for `days` of a month of `of` days, rounded half up
    to the minor unit: 4000, 16, 30 -> 2133 (2133.33...)."""
    exact = Decimal(unit_minor) * days / of
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def remainder_lines(lines: list[RunLine], remainder: Remainder, term: str) -> list[RunLine]:
    """Each of the invoice's `lines` (for `months_invoiced(term)` months) once more for the
    days of `remainder`: one month's unit price prorated (prorated_unit) times the quantity,
    its description naming the days (stored form: see the module's docstring)."""
    from store.invoicing.billing_run import RunLine

    months = months_invoiced(term)
    out = []
    for line in lines:
        unit = prorated_unit(line.unit_minor // months, remainder.days, remainder.of)
        text = (f"{line.description}, {remainder.first.isoformat()} to "
                f"{remainder.last.isoformat()} ({remainder.days}/{remainder.of} days)")
        if unit:
            out.append(RunLine(text, line.quantity, unit, unit * line.quantity))
    return out


@dataclass(frozen=True)
class DaysBefore:
    """The days the first invoice bills before its month (`remainder`) and the figures in force
    on the first of them (`figures`, store.plans.plan.summary_on)."""

    remainder: Remainder
    figures: LicenceSummary

    def lines(self) -> list[RunLine]:
        """Each line of `figures` for the days of `remainder` (remainder_lines)."""
        from store.invoicing.billing_run import invoice_lines

        return remainder_lines(invoice_lines(self.figures), self.remainder, self.figures.term)


def days_before(sub: Subscription, start: date) -> DaysBefore | None:
    """The days billed by days on the invoice of the month starting `start` (remainder_before)
    with the figures in force on the first of them: the changes scheduled until then applied,
    at that day's prices (store.plans.plan.summary_on); None when it bills none. The billing run
    reads them before it applies the changes of the month starting `start`."""
    from store.plans.plan import summary_on

    remainder = remainder_before(sub, start)
    if remainder is None:
        return None
    return DaysBefore(remainder, summary_on(sub.company_id,  # type: ignore[attr-defined]
                                            remainder.first))


def period_lines(summary: LicenceSummary, days: DaysBefore | None) -> list[RunLine]:
    """The lines of an invoice: the days before its month when it is the first invoice (`days`,
    days_before, read before the month's changes apply), then the period's own lines, from the
    Plan tab's figures `summary` (store.plans.plan.summary_for,
    store.invoicing.billing_run.invoice_lines)."""
    from store.invoicing.billing_run import invoice_lines

    lines = invoice_lines(summary)
    return lines if days is None else days.lines() + lines


def first_invoice_extra(days: DaysBefore) -> Decimal:
    """What the first invoice charges for `days` (days_before), in the currency's units: for
    the Plan tab's next-invoice line (store.plans.plan), so it says what the billing run will
    charge."""
    from store.money import from_minor

    return from_minor(sum(line.amount_minor for line in days.lines()), days.figures.currency)


def covered_from(period_start: date, descriptions: Iterable[str]) -> date:
    """The first day an invoice charges, for the period its PDF and detail show: `period_start`,
    or the first day of a prorated line before it (the first invoice: "Sep 27 – Oct 31, 2025",
    not "Oct 2025" over lines that charge September's last days). The invoice keeps its
    billing month (period_start, the list's column and the run's key) as issued."""
    firsts = [date.fromisoformat(m["first"]) for text in descriptions
              if (m := _PRORATED.match(text or "")) is not None]
    return min([period_start, *firsts])


def with_period(description: str, first: date, last: date) -> str:
    """A stored line `description` naming the period it covers, `first` to `last` (the
    invoice's own period: a month, or twelve paid upfront), in the stored form line_text
    writes for a reader: "User licences" -> "User licences, 2026-12-01 to 2026-12-31" ->
    "User licences, December 2026". Unchanged when it names its days already (a prorated
    line) or covers no period (a credit note's amount: store.invoicing.credit_notes).

    Every line that covers a period names it (#17 trial: a first invoice charged Nov 11 - 30
    by days, then "User licences" for December without saying so: the accountant could not
    tell the two apart). Stored lines keep the catalogue's name as issued; the invoice detail
    and the PDF name the period when they read them (lines_with_periods)."""
    from store.invoicing.credit_notes import PARTIAL_LINE, REST_LINE

    if (not description or description in (PARTIAL_LINE, REST_LINE)
            or _PRORATED.match(description) or _COVERS.match(description)):
        return description
    return f"{description}, {first.isoformat()} to {last.isoformat()}"


def lines_with_periods(first: date, last: date, descriptions: Iterable[str]) -> list[str]:
    """Each of an invoice's (or a credit note's) stored line `descriptions` naming its period
    (with_period), `first` to `last` being the invoice's period as stored (its `period_start`
    and `period_end`, not covered_from's): the invoice detail, the PDF and the e-mail read the
    lines so."""
    return [with_period(text, first, last) for text in descriptions]


def periods_text(descriptions: Iterable[str], locale: str | None = None) -> list[str]:
    """The periods the lines `descriptions` (lines_with_periods) cover, each once, in order,
    written as line_text writes them: ["Nov 11 – 30, 2026", "December 2026"] (the invoice's
    e-mail says them); [] when no line names one."""
    out: list[str] = []
    for text in descriptions:
        match = _PRORATED.match(text or "") or _COVERS.match(text or "")
        if match is None:
            continue
        first, last = date.fromisoformat(match["first"]), date.fromisoformat(match["last"])
        period = months_text(first, last, locale)
        if period not in out:
            out.append(period)
    return out


def months_text(first: date, last: date, locale: str | None = None) -> str:
    """A period a line covers, for a reader of `locale` (None: the screens' language): its
    month in full when it is one ("December 2026", « décembre 2026 »), the months of a year
    paid upfront ("December 2026 – November 2027"), days otherwise (store.i18n.dates.day_span)."""
    from store.i18n import babel_locale, current_locale
    from store.i18n.dates import day_span

    whole = first.day == 1 and (last + timedelta(days=1)).day == 1 and last > first
    if not whole:
        return day_span(first, last, locale)
    from babel.dates import format_interval, format_skeleton

    where = babel_locale(locale or current_locale())
    try:
        if (first.year, first.month) == (last.year, last.month):
            return format_skeleton("yMMMM", first, locale=where)
        return format_interval(first, last, "yMMMM", locale=where)
    except (ValueError, LookupError):
        return day_span(first, last, locale)


def line_text(description: str, locale: str | None = None,
              gettext: Callable[[str], str] | None = None) -> str:
    """A stored line description written for a reader of `locale`: the catalogue's name
    translated by `gettext` (default: the screens' language, store.i18n._), a prorated line's
    days written as a person reads them (store.i18n.dates.day_span): "User licences, Nov 15 –
    30, 2026 (16/30 days)", « Licences utilisateurs, 15–30 nov. 2026 (16/30 jours) »."""
    from store.i18n import _

    translate = gettext or _
    covers = _COVERS.match(description or "")
    if covers is not None:  # a whole period, named (with_period): "User licences, December 2026"
        return translate(_COVERS_TEXT).format(
            item=translate(covers["item"]), period=months_text(
                date.fromisoformat(covers["first"]), date.fromisoformat(covers["last"]), locale))
    match = _PRORATED.match(description or "")
    if match is None:
        return translate(description) if description else ""
    from store.i18n.dates import day_span

    span = day_span(date.fromisoformat(match["first"]), date.fromisoformat(match["last"]),
                    locale)
    return translate(_PRORATED_TEXT).format(
        item=translate(match["item"]), days=span, used=match["days"], month=match["of"])
