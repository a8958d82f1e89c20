"""The invoices section (R12): a page of invoices and paging; the highlighted one shown in full
or saved as a PDF (tui/sections/invoice_open.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Label, Static

import store
import store.errors
import store.invoicing.invoices
import store.views
from store.i18n import _, ngettext
from store.views import InvoicePage

from ..tabs.base import TabContext
from ..widgets.list_table import ListTable
from ..widgets.store_call import LatestRead, Outcome
from . import invoice_lines as lines
from . import invoice_open

if TYPE_CHECKING:  # the invoice in full loads when Enter shows one
    from ..screens.invoice_entry import Payer

# The rows the list shows (11 lines with its heading, more when a long period takes more lines:
# tui/sections/invoice_lines.py): a page is what is seen.
PAGE_SIZE = 10


class InvoiceList(ListTable):
    """The invoices, a page at a time: down on the last row shows the next page from its first
    row, up on the first row the page before from its last, so that the list reads as one.
    While a page is on its way (read off the event loop), up and down move the row it will
    show its cursor on: no key is lost, none acts on the page being left."""

    def action_cursor_down(self) -> None:
        section = self.query_ancestor(InvoicesSection)
        if section.step_while_turning(1):
            return
        if self.cursor_row < self.row_count - 1 or not section.turn_page(1, row=0):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        section = self.query_ancestor(InvoicesSection)
        if section.step_while_turning(-1):
            return
        if self.cursor_row > 0 or not section.turn_page(-1, row=-1):
            super().action_cursor_up()


class InvoicesSection(Vertical):
    """The invoice list, its page line and where the last PDF went."""

    DEFAULT_CSS = """
    InvoicesSection {
        height: auto;
    }
    InvoicesSection .list-box {
        height: auto;
    }
    InvoicesSection #invoices {
        height: auto;
    }
    """

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = context
        self.download_folder: Path | None = None
        """Where invoice PDFs go; None is the person's downloads folder (the store decides)."""
        self.page = InvoicePage(items=[], page=1, page_size=PAGE_SIZE, total_count=0)
        self._numbers: list[str] = []
        self._columns: tuple[int, ...] = ()  # the widths the rows shown are laid out in
        self._heights: tuple[int, ...] = ()  # the lines each row shown takes
        self._room = 0  # the cells the lines were laid out to fit in
        self._page_keys: tuple[bool, ...] | None = None  # the page keys the footer shows
        # Pages read off the event loop: the page asked for last, and the row its cursor lands
        # on (-1: the last) moved by the up and down keys pressed while it is on its way.
        self._reads: LatestRead[InvoicePage] = LatestRead()
        self._wanted = 1
        self._landing: tuple[int, int] = (0, 0)
        self.downloading = False  # a PDF is being made off the event loop
        self.payer: Payer | None = None
        """Pays one invoice (the Billing tab's Pay now, set for whoever may use the card on
        file): offered as y on an open invoice shown in full."""

    def compose(self) -> ComposeResult:
        # The first section starts at the top; the others keep their blank line above.
        title = Label(_("Invoices"), classes="section-title", id="invoices-title")
        title.styles.margin = (0, 0, 0, 0)
        yield title
        # One column whose cells are whole lines (tui/sections/invoice_lines.py): a page turn
        # draws 11 cells, not 66.
        table: DataTable = InvoiceList(id="invoices", cursor_type="row", zebra_stripes=True,
                                       cell_padding=0)  # the lines lay out their own gaps
        # Each list in a box of its own: when the tab is left, Textual moves the focus from a
        # hidden widget to a sibling, and a sibling list in this pane would pull the tab back.
        with Vertical(classes="list-box"):
            yield table
        yield Static("", id="invoices-page", classes="note", markup=False)
        yield invoice_open.DownloadLine("", id="download-result", markup=False)

    @property
    def table(self) -> DataTable:
        return self.query_one("#invoices", DataTable)

    def load(self, page: int, *, recount: bool = True) -> None:
        """Read page `page` and show it at once (`recount`: count the invoices again): the
        tab's first page, drawn with the tab."""
        self.page = store.invoicing.invoices.list_invoices(
            self.context.actor, self.context.company_id, page=page, page_size=PAGE_SIZE,
            known_total=None if recount else self.page.total_count,
            known_open=self.page.open_invoices)
        self._wanted = self.page.page
        self._show()

    def fetch(self, page: int, *, recount: bool = True, row: int | None = None) -> None:
        """Read page `page` off the event loop and show it when it comes (`recount`: count the
        invoices again; `row`: where the cursor goes, -1 the last row, None where it is). The
        page line says "Loading…" if it takes a while; only the page asked for last shows."""
        self._wanted = page
        if row is not None:
            self._landing = (row, 0)
        actor, company_id = self.context.actor, self.context.company_id
        known = None if recount else self.page.total_count
        known_open = self.page.open_invoices

        def read() -> InvoicePage:
            return store.invoicing.invoices.list_invoices(actor, company_id, page=page,
                                                page_size=PAGE_SIZE, known_total=known,
                                                known_open=known_open)

        self._reads.read(self, read, lambda outcome: self._fetched(outcome, row is not None),
                         slow=lambda: self.query_one("#invoices-page", Static).update(
                             _("Loading page {page}…").format(page=page)))

    def _fetched(self, outcome: Outcome[InvoicePage], move: bool) -> None:
        try:
            self.page = outcome.unwrap()
        except store.errors.StoreError as exc:
            self._wanted = self.page.page
            self.query_one("#invoices-page", Static).update(exc.message)
            return
        self._wanted = self.page.page
        self._show()
        if move:
            table = self.table
            row, steps = self._landing
            start = row if row >= 0 else table.row_count - 1
            table.move_cursor(row=min(max(start + steps, 0), max(table.row_count - 1, 0)))

    def step_while_turning(self, step: int) -> bool:
        """While a page turned to is on its way: `step` rows more for its cursor (True)."""
        if not self._reads.pending:
            return False
        row, steps = self._landing
        self._landing = (row, steps + step)
        return True

    def _show(self) -> None:
        table, locale = self.table, self.context.locale
        items = self.page.items
        # The room the lines have: the list's width once laid out, else the screen's less the
        # tab's edges and scroll bar (the first page is drawn with the tab).
        self._room = table.size.width or max(1, self.app.size.width - 4)
        rows, columns = lines.laid_out(items, locale, self._room)
        self._numbers = [item.number for item in items]
        shown = [lines.line(row, item.status, columns) for row, item in zip(rows, items,
                                                                             strict=True)]
        heights = tuple(lines.height(row) for row in rows)
        if rows and table.row_count == len(rows) and (columns, heights) == (self._columns,
                                                                              self._heights):
            # A page of the same length laid out in the same columns: new text in the same
            # rows, nothing measured or laid out again (a page change stays under 40 ms).
            for y, text in enumerate(shown):
                table.update_cell_at(Coordinate(y, 0), text)
        else:
            self._columns, self._heights = columns, heights
            table.clear(columns=True)
            table.add_column(lines.heading(columns), key="invoice")
            for y, (text, lines_taken) in enumerate(zip(shown, heights, strict=True)):
                table.add_row(text, key=str(y), height=lines_taken)
        page = self.page
        table.display = bool(page.items)
        self._show_page_line(page)
        # The footer's keys change only at the first or last page, when the list empties, or
        # when the last open invoice is paid (or one comes): a page change in between leaves
        # the footer alone (one message round less).
        keys = (bool(page.items), page.pages <= 1, page.page == 1, page.page >= page.pages,
                page.open_invoices > 0)
        if keys != self._page_keys:
            self._page_keys = keys
            self.screen.refresh_bindings()

    def on_resize(self) -> None:
        """A wider or narrower screen: the lines laid out again in the room they now have."""
        if self.page.items and self.table.size.width and self.table.size.width != self._room:
            self._show()

    def _show_page_line(self, page: InvoicePage) -> None:
        if page.total_count == 0:
            line = _("No invoices yet")
        else:
            line = ngettext("Page {page} of {pages} · {count} invoice",
                            "Page {page} of {pages} · {count} invoices",
                            page.total_count).format(
                page=page.page, pages=page.pages, count=page.total_count)
            if page.pages > 1:
                line += " · " + _("n next page, p previous page")
            if page.items:
                line += " · " + _("Enter shows the highlighted one in full, d saves it as a PDF")
        note = self.query_one("#invoices-page", Static)
        # Same number of lines as before (page 2 of 41 after page 1): repaint, lay nothing out.
        width = max(1, note.content_region.width)
        same_height = -(-len(str(note.render())) // width) == -(-len(line) // width)
        note.update(line, layout=not (same_height and note.content_region.width))

    def shown_cells(self, row: int) -> tuple[str, ...]:
        """What row `row` of the list shows under each column heading (number, date, due,
        period, amount, status), read back from the drawn line."""
        return lines.split(str(self.table.get_row_at(row)[0]), self._columns)

    def highlighted(self) -> str | None:
        """The number of the invoice under the cursor, if there is one."""
        table = self.table
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        return self._numbers[row]

    def can_turn(self, step: int) -> bool | None:
        """For the page keys: False when there is one page, None (dimmed) at an end (of the page
        asked for last: n n p typed at once are three turns)."""
        if self.page.pages <= 1:
            return False
        return True if 1 <= self._wanted + step <= self.page.pages else None

    def turn_page(self, step: int, *, row: int) -> bool:
        """Show the page `step` pages from the one asked for last (a page still on its way
        counts), the cursor on `row` (-1: the last); False at an end. One query, off the event
        loop."""
        wanted = self._wanted + step
        if not 1 <= wanted <= self.page.pages:
            return False
        self.fetch(wanted, recount=False, row=row)
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an invoice: the invoice in full, read off the event loop (invoice_open)."""
        event.stop()
        invoice_open.show_in_full(self)

    def download(self) -> None:
        """d: the highlighted invoice saved as a PDF, and where (invoice_open.download)."""
        invoice_open.download(self)
