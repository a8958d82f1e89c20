"""The invoice list's rows, each laid out as one line in fixed columns.

Textual's DataTable draws every cell apart (a console render, padding and styles per cell): a
page of six columns is 66 cells with its header, and drawing them again on a page turn took
21–33 ms of the 40 ms a page change may take (bench/README.md, 2026-11-30). The list therefore
has one column whose cell is the whole row, laid out here in columns one cell apart (GAP), so
the screen reads as a table and a page turn draws 11 cells. The columns stay columns for the
reader; `split` gives them back.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from store.i18n import _
from store.views import InvoiceRowView

from ..formatting import day, fitted_states, invoice_cells, invoice_period, invoice_status

# Between two columns one cell, and none at the list's edges (the table's cell padding is 0):
# at 80 columns every column stays whole, dates written as on every surface ("Dec 1, 2026",
# « 1 déc. 2026 », #17), a paid invoice's status as much of "Paid Sep 1, 2026 · card" as fits,
# in one form for the page (tui.formatting.fitted_states), and a period longer than a month's
# name goes on more lines (`laid_out`).
GAP = " "
PERIOD = 3  # the one column that gives way: its value wraps onto more lines
AMOUNT = 4  # the one column aligned to the right
# Where a period may go on the next line: after the thin space beside its dash, and at a space
# (a no-break space keeps its words together, as it does in print).
_BREAK = re.compile(r"(?<=[ \u2009])")
URGENT = ("open", "past_due")  # statuses drawn in bold: something is to pay


def labels() -> tuple[str, ...]:
    """The column headings, in the reader's language: number, date, due, period, amount,
    status."""
    return _("Number"), _("Date"), _("Due"), _("Period"), _("Amount"), _("Status")


@functools.cache
def _widest(locale: str | None) -> tuple[int, int, int]:
    """Cells of the widest first day of a month, month and invoice status in `locale` (once per
    process): the billing run issues on a month's first day, due on issue by default; a page
    with a later day widens its date columns itself (`widths`)."""
    day_cells = max(cell_len(day(date(2026, month, 1), locale)) for month in range(1, 13))

    def last_day(month: int) -> date:
        return (date(2026, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)

    months = max(cell_len(invoice_period(date(2026, month, 1), last_day(month), locale))
                 for month in range(1, 13))
    statuses = max(cell_len(invoice_status(status)) for status in (
        "open", "past_due", "paid", "credited", "applied"))
    return day_cells, months, statuses


def cells(item: InvoiceRowView, locale: str | None) -> tuple[str, ...]:
    """One invoice's six column values, `show invoices`' own (tui.formatting.invoice_cells)."""
    return invoice_cells(item, locale)


def laid_out(items: list[InvoiceRowView], locale: str | None,
             room: int | None) -> tuple[list[tuple[str, ...]], tuple[int, ...]]:
    """`items`' rows (`cells`) and their columns' widths (`widths`) within `room` cells (None:
    no limit). The one rule when a line would be wider (#17 trial, 80 columns: a first
    invoice's "12 déc. 2026 – 31 janv. 2027" cut its amount to "236,9" and its status off):
    the amount and the status never give way to the period.

    The status is as much of it as fits beside a period of one month, in one form for the page
    (fitted_states: without the method, then without the day, the invoice in full names both),
    as on every other page. At 80 columns in French that is the status alone: the number (15
    cells), two dates ("1 févr. 2026", 12 each), a month (10), an amount ("2 567,00 €", 10)
    and the gaps leave the status 12 cells, where "Payée 1 oct. 2025" takes 17.

    The period takes the room left and goes on more lines (`wrapped`: at its dash first, "12
    déc. 2026 –" over "31 janv. 2027"), a row being as many lines as its period. Its first line
    fits its column; the next ones, under an amount and a status that take one line, may run
    on under them to the line's end: "Sep 28 –" over "Oct 31, 2025", two lines, where the
    column alone held "Oct 31," and "2025" on two more (verification v2, Nordwind's page 2)."""
    rows = [cells(item, locale) for item in items]
    columns = widths(rows, locale)
    if room is None or line_width(columns) <= room:
        return rows, columns
    usual = _usual_period(locale)
    beside = columns[:PERIOD] + (usual,) + columns[PERIOD + 1:-1]
    left = room - line_width(beside) - len(GAP)
    rows = [row[:-1] + (state,) for row, state in zip(rows, fitted_states(items, locale, left),
                                                      strict=True)]
    columns = widths(rows, locale)
    period_room = max(usual, room - line_width(columns) + columns[PERIOD])
    under = room - line_width(columns[:PERIOD]) - len(GAP)  # from the period's column on
    rows = [row[:PERIOD] + (wrapped(row[PERIOD], period_room, then=under),) + row[PERIOD + 1:]
            for row in rows]
    return rows, widths(rows, locale)


def _usual_period(locale: str | None) -> int:
    """The period column's width on a page of whole months: its heading or its widest month."""
    return max(cell_len(labels()[PERIOD]), _widest(locale)[1])


def wrapped(period: str, width: int, *, then: int | None = None) -> str:
    """`period` in lines of at most `width` cells, the second and later ones of at most `then`
    (None: `width`), joined by newlines: whole when it fits, else broken at its dash ("Sep 28
    –" over "Oct 31, 2025"), each side then at its spaces; a word wider than its line alone is
    cut with "…" (a terminal far narrower than 80 columns)."""
    if cell_len(period) <= width:
        return period
    room = [width, max(width, then or width)]  # the first line's, the others'
    sides = [side for side in re.split(r"(?<=–[ \u2009])", period) if side]
    lines: list[str] = []
    for side in sides:
        current = ""
        for word in _BREAK.split(side):
            if current and cell_len((current + word).rstrip()) > room[bool(lines)]:
                lines.append(current.rstrip())
                current = ""
            current += word
        lines.append(current.rstrip())
    lines = [line for line in lines if line]
    return "\n".join(line if cell_len(line) <= room[bool(y)] else _cut(line, room[bool(y)])
                     for y, line in enumerate(lines))


def _cut(value: str, width: int) -> str:
    """`value` cut to `width` cells, its last one "…"."""
    kept = ""
    for char in value:
        if cell_len(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


def height(row: tuple[str, ...]) -> int:
    """The lines row `row` (from `laid_out`) takes: as many as its tallest cell."""
    return max(value.count("\n") + 1 for value in row)


def line_width(columns: tuple[int, ...]) -> int:
    """The cells a line laid out in `columns` takes, the gaps between them included."""
    return sum(columns) + len(GAP) * max(0, len(columns) - 1)


def widths(rows: list[tuple[str, ...]], locale: str | None) -> tuple[int, ...]:
    """Each column's width in cells: dates, months and statuses at least their widest usual
    value in `locale` (`_widest`: the pages of a list keep one layout), wider for a page that
    needs it; the number and the amount the widest on this page, or their heading. A value's
    first line only: its next lines run on under the columns after it (`line`)."""
    day, month, status = _widest(locale)
    fixed = (0, day, day, month, 0, status)
    return tuple(max([cell_len(heading), fixed[x]] + [cell_len(row[x].split("\n")[0])
                                                       for row in rows])
                 for x, heading in enumerate(labels()))


def _fit(value: str, width: int, *, right: bool = False) -> str:
    pad = " " * max(0, width - cell_len(value))
    return pad + value if right else value + pad


def heading(columns: tuple[int, ...]) -> Text:
    """The header line, each heading over its column."""
    return Text(GAP.join(_fit(label, width) for label, width in zip(labels(), columns,
                                                                    strict=True)))


def line(row: tuple[str, ...], status: str, columns: tuple[int, ...]) -> Text:
    """One invoice's line: `row` from `cells`, its store `status` (bold when there is
    something to pay), laid out in `columns` (from `widths`); a cell on more lines (a period
    `wrapped`, the one value that goes on more) adds lines that start under its column and may
    run on under the columns after it, blank there."""
    parts = [value.split("\n") for value in row]
    text = Text()
    for y in range(height(row)):
        if y:
            text.append("\n")
        values = [part[y] if y < len(part) else "" for part in parts]
        if y and not any(values[x] for x in range(len(values)) if x != PERIOD):
            start = line_width(columns[:PERIOD]) + len(GAP)
            text.append(" " * start + _fit(values[PERIOD], line_width(columns) - start))
            continue
        text.append(GAP.join(_fit(value, width, right=x == AMOUNT)
                             for x, (value, width) in enumerate(zip(values[:-1], columns,
                                                                    strict=False))) + GAP)
        text.append(_fit(values[-1], columns[-1]),
                    style="bold" if status in URGENT and values[-1] else "")
    return text


def split(shown: str, columns: tuple[int, ...]) -> tuple[str, ...]:
    """The column values of a drawn line (`line`'s text), by the widths in cells it was laid
    out in (a CJK character takes two); a value on more lines reads back as one, its lines
    joined by a space (the lines after the first are the period's, which may run on under the
    columns after it)."""
    start = line_width(columns[:PERIOD]) + len(GAP)
    first, *more = shown.split("\n")
    lines = [_split_line(first, columns)] + [
        ("",) * PERIOD + (text[start:].strip(),) + ("",) * (len(columns) - PERIOD - 1)
        for text in more]
    return tuple(" ".join(value for value in values if value) for values in zip(*lines,
                                                                                strict=True))


def _split_line(shown: str, columns: tuple[int, ...]) -> tuple[str, ...]:
    values: list[str] = []
    current, at, column = "", 0, 0
    end = columns[0]
    for char in shown:
        if at >= end:
            values.append(current.strip())
            current, column = "", column + 1
            if column == len(columns):
                break
            end = at + len(GAP) + columns[column]
        current += char
        at += cell_len(char)
    if column < len(columns):
        values.append(current.strip())
    return tuple(values) + ("",) * (len(columns) - len(values))
