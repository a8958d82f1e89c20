"""A period of two months goes on two lines in the invoice list at 80 columns, and the paid
statuses of a list take one form (verification v2, new defect 5: Nordwind's page 2 put "Sep 28 –
Oct 31, 2025" on three lines, "Sep 28 –" / "Oct 31," / "2025"; the French list says "Payée"
where English says "Paid Oct 1, 2025", since its 12 cells of status cannot hold "Payée 1 oct.
2025", 17, and at 85 columns it held "Payée 1 oct. 2026" but not "Payée 1 sept. 2026").
tui/sections/invoice_lines.laid_out, tui.formatting.fitted_states."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widgets import DataTable

from store.views import InvoiceRowView
from tests.i18n.conftest import screens_in
from tests.snapshots.settle import settle
from tui.sections import invoice_lines as lines

JONAS = "jonas@nordwind.de"  # Nordwind: 15 invoices, the oldest from Sep 28, 2025 (page 2)


def drawn(table: DataTable) -> list[str]:
    return [strip.text.rstrip() for strip in table.render_lines(
        Region(0, 0, table.size.width, table.size.height))]


def invoice(number: str, start: date, end: date, paid_on: date) -> InvoiceRowView:
    return InvoiceRowView(number=number, kind="invoice", issued_on=paid_on, due_on=paid_on,
                          period_start=start, period_end=end, currency="EUR",
                          total=Decimal("2823.70"), status="paid", paid_on=paid_on,
                          paid_with="Visa •••• 4242")


def test_a_two_month_period_takes_two_lines_and_reads_back_whole():
    items = [invoice("INV-000002-0002", date(2025, 11, 1), date(2025, 11, 30),
                     date(2025, 11, 1)),
             invoice("INV-000002-0001", date(2025, 9, 28), date(2025, 10, 31),
                     date(2025, 10, 1))]
    rows, columns = lines.laid_out(items, "en", 76)
    assert rows[1][3].split("\n") == ["Sep 28\u2009–", "Oct 31, 2025"]
    assert [r[-1] for r in rows] == ["Paid Nov 1, 2025", "Paid Oct 1, 2025"]
    text = lines.line(rows[1], "paid", columns).plain.split("\n")
    assert len(text) == 2 and all(cell_len(part) <= 76 for part in text)
    # The second line starts under the period and runs on under the amount.
    assert text[1].index("Oct 31, 2025") == text[0].index("Sep 28")
    assert lines.split("\n".join(text), columns)[3] == "Sep 28\u2009– Oct 31, 2025"
    assert lines.split("\n".join(text), columns)[4:] == ("€2,823.70", "Paid Oct 1, 2025")


def test_the_paid_day_shows_on_every_row_of_a_list_or_on_none():
    items = [invoice("INV-000002-0002", date(2026, 10, 1), date(2026, 10, 31),
                     date(2026, 10, 1)),
             invoice("INV-000002-0001", date(2026, 9, 1), date(2026, 9, 30),
                     date(2026, 9, 1))]
    with screens_in("fr"):
        from tui.formatting import invoice_state

        full = [invoice_state(item, "fr", method=False) for item in items]
        assert [cell_len(state) for state in full] == [17, 18]  # « 1 oct. », « 1 sept. »
        for room in (81, 82):  # a status of 17 cells, then 18
            rows, _columns = lines.laid_out(items, "fr", room)
            states = [r[-1] for r in rows]
            assert states in (full, ["Payée", "Payée"]), (room, states)
        assert [r[-1] for r in lines.laid_out(items, "fr", 81)[0]] == ["Payée", "Payée"]
        assert [r[-1] for r in lines.laid_out(items, "fr", 82)[0]] == full


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_nordwinds_page_two_at_80x24_has_its_period_on_two_lines(demo, make_app,
                                                                       locale):
    with screens_in(locale):
        app = make_app(JONAS, tab="billing", locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            section = app.screen.query_one("#invoices-section")
            page_one = drawn(section.table)[0]
            await pilot.press("n")
            await settle(pilot)
            assert section.page.page == 2
            shown = drawn(section.table)
            from tui.formatting import invoice_period

            item = section.page.items[-1]  # the oldest: its trial's last days and a month
            assert item.period_start.day != 1 and item.period_end.month != 9
            start, end = invoice_period(item.period_start, item.period_end, locale).split(
                "\u2009–\u2009")
            oldest = shown[-2:]  # its two lines, the last of the list
            assert start + "\u2009– " in oldest[0]
            assert oldest[1].strip() == end
            assert oldest[1].index(end) == oldest[0].index(start)
            assert len(shown) == 1 + len(section.page.items) + 1  # the heading, one more line
            # Every paid status in one form, the page's heading as page 1's.
            statuses = [section.shown_cells(y)[5] for y in range(section.table.row_count)]
            if locale == "en":
                assert all(s.startswith("Paid ") and s[5:8].isalpha() for s in statuses)
                assert statuses[-1] == f"Paid Oct 1, {item.paid_on.year}"
            else:
                assert set(statuses) == {"Payée"}  # 12 cells: no room for « 1 oct. 2025 »
            assert shown[0] == page_one  # the columns of page 1: one layout for the list
            assert all(cell_len(text) <= section.table.size.width for text in shown)
