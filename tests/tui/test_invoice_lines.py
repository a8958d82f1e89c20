"""The invoice list draws each invoice as one line in fixed columns (tui/sections/invoice_lines.py):
the headings stand over their columns, the amount is aligned right, and a column's values read
back whole, wide characters included."""

from __future__ import annotations

from rich.cells import cell_len

from tui.sections import invoice_lines as lines

ROWS = [("INV-000002-0014", "11/1/26", "11/1/26", "Nov 2026", "€2,567.00", "Past due"),
        ("CN-000002-0001", "3/2/26", "", "請求 2026", "-€12.00", "Applied")]


def test_each_value_stands_under_its_heading_and_reads_back_whole():
    columns = lines.widths(ROWS, "en")
    header = lines.heading(columns).plain
    drawn = [lines.line(row, "past_due", columns).plain for row in ROWS]
    assert {cell_len(text) for text in [header, *drawn]} == {cell_len(header)}  # one grid
    assert lines.split(header, columns) == lines.labels()
    for row, text in zip(ROWS, drawn, strict=True):
        assert lines.split(text, columns) == row
    # The amount is aligned right: both amounts end where the column ends.
    amount_end = sum(columns[:5]) + len(lines.GAP) * 4
    assert [text[:amount_end].rstrip()[-1] for text in drawn[:1]] == ["0"]
    assert header.index("Status") == drawn[0].index("Past due")


def test_something_to_pay_is_drawn_in_bold_and_a_settled_invoice_is_not():
    columns = lines.widths(ROWS, "en")
    open_line = lines.line(ROWS[0], "past_due", columns)
    paid_line = lines.line(ROWS[0], "paid", columns)
    assert [str(span.style) for span in open_line.spans] == ["bold"]
    assert not [span for span in paid_line.spans if str(span.style)]
