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
from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from store.i18n import _
from store.views import InvoiceRowView

from ..formatting import day, invoice_cells, invoice_period, invoice_status

# Between two columns one cell, and none at the list's edges (the table's cell padding is 0):
# at 80 columns every column stays whole, dates written as on every surface ("Dec 1, 2026",
# « 1 déc. 2026 », #17), a paid invoice's status as much of "Paid Sep 1, 2026 · card" as fits
# (tui.formatting.fitted_state).
GAP = " "
AMOUNT = 4  # the one column aligned to the right
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


def cells(item: InvoiceRowView, locale: str | None, *, room: int | None = None
          ) -> tuple[str, ...]:
    """One invoice's six column values, `show invoices`' own (tui.formatting.invoice_cells)."""
    return invoice_cells(item, locale, room=room)


def laid_out(items: list[InvoiceRowView], locale: str | None,
             room: int | None) -> tuple[list[tuple[str, ...]], tuple[int, ...]]:
    """`items`' rows (`cells`) and their columns' widths (`widths`) within `room` cells (None:
    no limit): a paid invoice whose status would push the line past `room` shows as much of it
    as fits (fitted_state: without the method, then without the day; the invoice in full names
    both), so every column stays whole."""
    rows = [cells(item, locale) for item in items]
    columns = widths(rows, locale)
    if room is not None and line_width(columns) > room:
        left = room - line_width(columns[:-1]) - len(GAP)
        rows = [row if cell_len(row[-1]) <= left else cells(item, locale, room=left)
                for row, item in zip(rows, items, strict=True)]
        columns = widths(rows, locale)
    return rows, columns


def line_width(columns: tuple[int, ...]) -> int:
    """The cells a line laid out in `columns` takes, the gaps between them included."""
    return sum(columns) + len(GAP) * max(0, len(columns) - 1)


def widths(rows: list[tuple[str, ...]], locale: str | None) -> tuple[int, ...]:
    """Each column's width in cells: dates, months and statuses at least their widest usual
    value in `locale` (`_widest`: the pages of a list keep one layout), wider for a page that
    needs it; the number and the amount the widest on this page, or their heading."""
    day, month, status = _widest(locale)
    fixed = (0, day, day, month, 0, status)
    return tuple(max([cell_len(heading), fixed[x]] + [cell_len(row[x]) for row in rows])
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
    something to pay), laid out in `columns` (from `widths`)."""
    text = Text(GAP.join(_fit(value, width, right=x == AMOUNT)
                         for x, (value, width) in enumerate(zip(row[:-1], columns,
                                                                strict=False))) + GAP)
    text.append(_fit(row[-1], columns[-1]), style="bold" if status in URGENT else "")
    return text


def split(shown: str, columns: tuple[int, ...]) -> tuple[str, ...]:
    """The column values of a drawn line (`line`'s text), by the widths in cells it was laid
    out in (a CJK character takes two)."""
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
    return tuple(values)
