"""The History tab: the company's audit trail, newest first, a page at a time."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

import store
import store.errors
import store.i18n
import store.trail.history
from store.i18n import _, ngettext
from store.views import AuditPage

from .. import audit_text
from ..formatting import safe_text, timestamp, when_title, who_acted
from ..history_lines import entry_lines, pane_rows, short, tab_widths
from ..trail_words import audit_field_label
from ..type_ahead import stays_in_place
from ..widgets.list_table import ListTable
from ..widgets.store_call import LatestRead, Outcome
from .base import CompanyTab, TabContext

PAGE_SIZE = 50


class HistoryTab(CompanyTab):
    """When, who, what (a refused attempt's says so), old → new, reason; refused attempts
    included."""

    DEFAULT_CSS = """
    HistoryTab #history-table {
        height: 1fr;
    }
    HistoryTab #history-detail {
        height: auto;
        max-height: 6;
        border-top: solid $primary 50%;
    }
    HistoryTab #history-page {
        height: 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "page(1)", _("Next page"), tooltip=_("Older entries"), id="history.next"),
        Binding("p", "page(-1)", _("Previous page"), tooltip=_("Newer entries"),
                id="history.previous"),
        Binding("slash", "filter", _("Filter"),
                tooltip=_("Show only the lines about a field, or by a person"),
                id="history.filter"),
    ]

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(context, id=id)
        self.page = 1
        self.total = 0
        self.entries: dict = {}
        self.field: str | None = None  # the filters (store.trail.history.company_history)
        self.field_label: str | None = None  # the field as the company's country names it
        self.person: str | None = None
        self._reads: LatestRead[AuditPage] = LatestRead()  # reload(): off the loop

    def compose(self) -> ComposeResult:
        yield ListTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-detail", markup=False)
        yield Static("", id="history-page", markup=False)

    def on_mount(self) -> None:
        self._show(store.trail.history.company_history(  # the first page, drawn with the tab
            self.context.actor, self.context.company_id, page=self.page, page_size=PAGE_SIZE))

    def reload(self) -> None:
        """Read the page again off the event loop (the first read, on mount, is not): the page
        line says "Loading…" if it takes a while; only the newest read shows."""
        actor, company_id = self.context.actor, self.context.company_id
        page, field, person = self.page, self.field, self.person

        def answered(outcome: Outcome[AuditPage]) -> None:
            try:
                self._show(outcome.unwrap())
            except store.errors.StoreError as exc:
                self.query_one("#history-page", Static).update(exc.message)

        self._reads.read(self, lambda: store.trail.history.company_history(
            actor, company_id, page=page, page_size=PAGE_SIZE, field=field, person=person),
            answered, slow=lambda: self.query_one("#history-page", Static).update(_("Loading…")))

    def _show(self, view: AuditPage) -> None:
        self.total = view.total_count
        self.field_label = view.field_label
        self.screen.refresh_bindings()  # the page keys (check_action) follow the page shown
        table = self.query_one("#history-table", DataTable)
        # Times in the reader's zone (SPEC §2), named once in the column's title (#17 trial).
        # A refused line's What says so ("Refused: …"): no column of its own for the outcome.
        labels = [when_title(), _("Who"), _("What"), _("Change"), _("Reason")]
        self.entries = {str(e.id): e for e in view.items}
        rows = [(entry, [timestamp(entry.at), short(who_acted(entry, short=True), 12),
                         audit_text.what(entry), audit_text.change(entry),
                         audit_text.reason_text(entry)]) for entry in view.items]
        # Every column whole at the screen's width, in every language (history_lines).
        widths = tab_widths(self.app.size.width, labels, [texts for _entry, texts in rows])
        table.clear(columns=True)
        for label, width in zip(labels, widths, strict=True):
            if width:
                table.add_column(label, width=width)
        for entry, texts in rows:
            table.add_row(*(Text(short(text, width))
                            for text, width in zip(texts, widths, strict=True) if width),
                          key=str(entry.id))
        self._show_detail()
        pages = max(1, -(-self.total // PAGE_SIZE))
        line = ngettext("Page {page} of {pages} · {count} entry",
                        "Page {page} of {pages} · {count} entries", self.total).format(
            page=self.page, pages=pages, count=self.total)
        if self.field or self.person:
            line += " · " + _("only {what} (/ changes it)").format(what=self._filter_text())
        self.query_one("#history-page", Static).update(line)

    def _filter_text(self) -> str:
        """The filter as the person gave it: the field's label as the company's address names
        it (the store's `field_label`: ZIP code in the US), or the person typed."""
        if self.field:
            return safe_text(self.field_label or audit_field_label(self.field))
        return safe_text(self.person or "")

    def _highlighted(self):
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.entries[key]

    @on(DataTable.RowHighlighted, "#history-table")
    def _show_detail(self) -> None:
        """The highlighted entry under the list; Enter shows it whole, wrapped."""
        detail = self.query_one("#history-detail", Static)
        e = self._highlighted()
        if e is None:
            detail.update(_("No entries match {filter}.").format(
                filter=self._filter_text()) if self.field or self.person
                else _("Nothing has happened here yet."))
            return
        detail.update("\n".join(pane_rows(entry_lines(e), detail.content_size.width)))

    @on(DataTable.RowSelected, "#history-table")
    def _open_entry(self, event: DataTable.RowSelected) -> None:
        event.stop()
        e = self._highlighted()
        if e is not None:
            from ..screens.entry import EntryModal

            self.app.push_screen(EntryModal(entry_lines(e)))

    def action_filter(self) -> None:
        """Ask for a field or a person to show the lines of; empty shows every line again."""
        from ..screens.prompt import PromptModal

        def chosen(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            try:
                self.field, self.person = store.trail.history.field_named(text), None
            except store.errors.InvalidInput:
                self.field, self.person = None, text or None
            self.page = 1
            self.reload()

        self.app.push_screen(PromptModal(
            _("Filter the History"), _("Field or person"),
            _("a field (VAT number), an e-mail or a name; empty: everything"),
            value=((self.field_label or audit_field_label(self.field)) if self.field
                   else self.person) or "",
            submit_label=_("Filter"), replace_value=True),
            chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """n and p as Billing's page keys (#15 trial: shown enabled on History's one page):
        out of the key line with one page, dimmed at the first or the last."""
        if action != "page":
            return True
        pages = max(1, -(-self.total // PAGE_SIZE))
        if pages <= 1:
            return False
        step = int(parameters[0])  # type: ignore[call-overload]
        return True if 1 <= self.page + step <= pages else None

    @stays_in_place  # turns the page of the focused list (the keys after it need not wait)
    def action_page(self, step: int) -> None:
        pages = max(1, -(-self.total // PAGE_SIZE))
        new = min(max(1, self.page + step), pages)
        if new != self.page:
            self.page = new
            self.reload()
