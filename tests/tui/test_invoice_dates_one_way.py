"""#17: the Billing tab's list wrote 2026-12-01 where `mycompany show invoices` wrote "Dec 1,
2026". A date of an invoice is written one way on every surface of a language (tui.formatting.day,
Babel's "yMMMd" in the person's locale; JSON keeps ISO): the list's cells and `show invoices`' are
one function's (tui.formatting.invoice_cells), the paid day in the status too, at 80x24, English
and French, and the invoice in full (`invoices show`, Enter on the tab) writes them so too."""

from __future__ import annotations

import json
import re
from unittest import mock

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

import store.invoicing.invoice_detail
import store.invoicing.invoices
import store.people.access
from tui.formatting import day, invoice_period
from tui.invoices_cli import detail_text
from tui.textout import to_json, to_text

from .helpers import cells

JONAS = "jonas@nordwind.de"
ISO = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b")


def cli_rows(page, locale: str) -> dict[str, list[str]]:
    """`show invoices`' rows by number as a pipe gets them, split on the two-space gaps."""
    with mock.patch("tui.textout.output_width", lambda: None):
        text = to_text("invoices", page, locale).splitlines()[1:-1]
    return {row.split("  ")[0].strip(): [c.strip() for c in row.split("  ") if c.strip()]
            for row in text}


@pytest.mark.parametrize("locale", ["en", "fr_FR"])
async def test_the_tab_and_show_invoices_write_each_date_one_way(make_app, demo, locale):
    jonas = store.people.access.resolve_actor(JONAS)
    page = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"], page_size=10)
    cli = cli_rows(page, locale)
    app = make_app(JONAS, tab="billing", locale=locale)
    async with app.run_test(size=(80, 24)):
        table = app.company_screen().query_one("#invoices", DataTable)
        numbers = cells(table, 0)
        assert numbers == [item.number for item in page.items]
        for y, item in enumerate(page.items):
            shown = [cells(table, x)[y] for x in range(6)]
            expected = [day(item.issued_on, locale), day(item.due_on, locale),
                        invoice_period(item.period_start, item.period_end, locale)]
            assert shown[1:4] == expected == cli[item.number][1:4]
            assert not ISO.search(" ".join(shown)), shown
            assert cli[item.number][-1].startswith(shown[5])  # as much as 80 columns hold
        widest = max(cell_len(str(table.get_row_at(y)[0])) for y in range(table.row_count))
        assert widest <= table.size.width
    # Programs keep ISO 8601.
    first = json.loads(to_json("invoices", page))
    rows = first["items"] if isinstance(first, dict) else first
    assert rows[0]["issued_on"] == page.items[0].issued_on.isoformat()


def test_the_invoice_in_full_writes_its_dates_the_same_way(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    paid = next(item for item in store.invoicing.invoices.list_invoices(
        jonas, demo["nordwind"]).items if item.status == "paid")
    view = store.invoicing.invoice_detail.invoice_detail(jonas, demo["nordwind"], paid.number)
    for locale in ("en", "fr_FR"):
        text = detail_text(view, locale, 72)
        assert day(view.issued_on, locale) in text and day(view.paid_on, locale) in text
        assert not ISO.search(text.split("\n", 1)[1]), text
