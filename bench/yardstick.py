"""F, the yardstick of the performance issue: a bare Textual app the program is measured against.

Header, a TabbedContent with three panes (a 50-row DataTable in the first, shown one; three
Inputs in the second; a line of text in the third) and a Footer. The table gets its columns
before its rows. Run it on its own with `python bench/yardstick.py`; the benchmark starts it
through bench/firstframe.py.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane

COLUMNS = ("Number", "Date", "Period", "Amount", "Status")
ROWS = [(f"INV-{n:06d}", f"2026-{n % 12 + 1:02d}-01", f"2026-{n % 12 + 1:02d}",
         f"{n * 17 % 1000 + 0.5:>9.2f} EUR", "paid" if n % 3 else "open") for n in range(1, 51)]


class Yardstick(App[int]):
    """The bare app: what a Textual program of this shape costs before it does anything."""

    TITLE = "Yardstick"

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="table"):
            with TabPane("Table", id="table"):
                table: DataTable = DataTable(cursor_type="row", zebra_stripes=True)
                table.add_columns(*COLUMNS)  # columns before rows: one pass, not quadratic
                table.add_rows(ROWS)
                yield table
            with TabPane("Form", id="form"):
                yield Input(placeholder="Name", id="name")
                yield Input(placeholder="Website", id="website")
                yield Input(placeholder="City", id="city")
            with TabPane("About", id="about"):
                yield Static("A bare Textual app: the yardstick F.")
        yield Footer()


def main() -> int:
    result = Yardstick().run()
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    raise SystemExit(main())
