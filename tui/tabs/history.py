"""The History tab: the company's audit trail, newest first, a page at a time."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

import store
import store.history
import store.i18n
from store.i18n import _, colon, ngettext

from ..formatting import (
    action_label,
    audit_field_label,
    outcome_label,
    role_label,
    safe_text,
    timestamp,
    who_acted,
)
from ..widgets.list_table import ListTable
from .base import CompanyTab, TabContext

PAGE_SIZE = 50


def _short(text: str, width: int) -> str:
    text = safe_text(text)
    return text if len(text) <= width else text[: width - 1] + "…"



class HistoryTab(CompanyTab):
    """When, who, what, old → new, outcome, reason; refused attempts included."""

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
    ]

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(context, id=id)
        self.page = 1
        self.total = 0
        self.entries: dict = {}

    def compose(self) -> ComposeResult:
        yield ListTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-detail", markup=False)
        yield Static("", id="history-page", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns(_("When"), _("Who"), _("What"), _("Old → new"), "", _("Reason"))
        self.reload()

    def reload(self) -> None:
        view = store.history.company_history(self.context.actor, self.context.company_id,
                                     page=self.page, page_size=PAGE_SIZE)
        self.total = view.total_count
        table = self.query_one("#history-table", DataTable)
        table.clear()
        self.entries = {str(e.id): e for e in view.items}
        for entry in view.items:
            refused = entry.outcome == "refused"
            table.add_row(
                timestamp(entry.at),  # in the reader's zone; the detail names it
                Text(_short(who_acted(entry, short=True), 14)),
                Text(_short(audit_field_label(entry.field) or action_label(entry.action), 16)),
                Text(_short(f"{entry.old_value or '—'} → {entry.new_value or '—'}", 22)),
                Text("✗" if refused else "✓"),
                Text(_short(entry.reason or "", 20)),
                key=str(entry.id),
            )
        self._show_detail()
        pages = max(1, -(-self.total // PAGE_SIZE))
        self.query_one("#history-page", Static).update(
            ngettext("Page {page} of {pages} · {count} entry",
                     "Page {page} of {pages} · {count} entries", self.total).format(
                page=self.page, pages=pages, count=self.total))

    @on(DataTable.RowHighlighted, "#history-table")
    def _show_detail(self) -> None:
        """The whole of the highlighted entry: nothing in the table is cut for good."""
        detail = self.query_one("#history-detail", Static)
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            detail.update(_("Nothing has happened here yet."))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        e = self.entries[key]
        outcome = outcome_label(e.outcome)
        lines = [
            (f"{timestamp(e.at, zone_name=True)} · "
             f"{audit_field_label(e.field) or action_label(e.action)} · {outcome}"),
            f"{safe_text(who_acted(e))} ({role_label(e.actor_role)}, {safe_text(e.actor_email)})",
            safe_text(f"{e.old_value or '—'} → {e.new_value or '—'}"),
        ]
        if e.origin:
            lines.append(f"{colon(_('From'))} {safe_text(e.origin)}")
        if e.reason or e.ticket:
            lines.append(safe_text(" · ".join(x for x in (e.reason, e.ticket) if x)))
        detail.update("\n".join(lines))

    def action_page(self, step: int) -> None:
        pages = max(1, -(-self.total // PAGE_SIZE))
        new = min(max(1, self.page + step), pages)
        if new != self.page:
            self.page = new
            self.reload()
