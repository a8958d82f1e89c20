"""The support console's start: one input that searches as you type, the top 50 companies."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import ColumnKey

import store
import store.i18n
import store.search
import store.views
from store.i18n import _, ngettext

from ..formatting import catalogue_name, role_label, safe_text, subscription_status
from ..widgets.key_footer import KeyFooter
from ..widgets.list_table import ListTable
from ..widgets.safe_input import SafeInput

DEBOUNCE_SECONDS = 0.15


class ScreenCommands(Provider):
    """Palette entries from the calling screen's `palette_commands()` (title, help, callback)."""

    def _commands(self):
        commands = getattr(self.screen, "palette_commands", None)
        return list(commands()) if commands is not None else []

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class SearchScreen(Screen):
    """Search by name, company id, VAT number or recipient e-mail domain; Enter opens one."""

    DEFAULT_CSS = """
    SearchScreen #search-input {
        margin: 0 1;
    }
    SearchScreen #search-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    SearchScreen DataTable {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", _("Open"), tooltip=_("Open the highlighted company"),
                id="search.open"),
        Binding("ctrl+f", "focus_search", _("Search"), tooltip=_("Back to the search field"),
                id="search.focus"),
        Binding("ctrl+r", "requests", _("Requests"),
                tooltip=_("Billing team: the owners' pending change requests, every company"),
                id="search.requests"),
    ]

    COMMANDS: ClassVar[set] = {ScreenCommands}

    class Open(Message):
        """The person chose a company."""

        def __init__(self, company_id: int) -> None:
            super().__init__()
            self.company_id = company_id

    def __init__(self, actor: store.views.Actor) -> None:
        super().__init__()
        self.actor = actor
        self._timer: Timer | None = None
        self._searched: str | None = None  # the text the list shows the results of
        self._hits: list[store.views.CompanyHit] = []
        self.queries = 0  # searches sent to the store, for tests

    def compose(self) -> ComposeResult:
        yield Header()
        yield SafeInput(placeholder=_("Company name, id, VAT number or e-mail domain"),
                        id="search-input", max_length=100)
        yield Static(_("Type to search; Enter opens the highlighted company."),
                     id="search-status", markup=False)
        table = ListTable(id="results", cursor_type="row", zebra_stripes=True)
        table.add_column(_("Id"), key="id")
        # The name takes what the other columns leave (set in _fill), so every column fits.
        table.add_column(_("Company"), key="company", width=len(_("Company")))
        for key, label in (("country", _("Country")), ("plan", _("Plan")),
                           ("status", _("Status")), ("users", _("Active users"))):
            table.add_column(label, key=key)
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Support console — {name} ({role})").format(
            name=safe_text(self.actor.name), role=role_label(self.actor.role))
        self.query_one("#search-input", Input).focus()

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.run_search)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        """One Enter: the results of the text as typed (searched now if the debounce has not run
        yet), then the highlighted company opens, as the status line says."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._searched != self.query_one("#search-input", Input).value:
            self.run_search()
        self.action_open()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """The hits into the table, the name cut (…) to what the other columns leave."""
        from rich.cells import cell_len

        table = self.query_one("#results", DataTable)
        rows = [(Text(str(hit.id)), Text(safe_text(hit.name), no_wrap=True, overflow="ellipsis"),
                 # Every cell a Text of safe_text: a str cell would be read as markup ("[/b]"
                 # as a stored country raised MarkupError).
                 Text(safe_text(hit.country) or "—"), Text(catalogue_name(hit.plan) or "—"),
                 Text(subscription_status(hit.status) or "—"),
                 Text(str(hit.active_users), justify="right")) for hit in self._hits]
        others = 0
        for x, column in enumerate(table.ordered_columns):
            if str(column.key.value) != "company":
                widest = max((cell_len(row[x].plain) for row in rows), default=0)
                others += max(column.content_width, widest) + 2 * table.cell_padding
        bar = table.styles.scrollbar_size_vertical
        room = table.scrollable_content_region.width or self.size.width
        if table.show_vertical_scrollbar:
            room += bar  # the width without the bar the rows had...
        if len(rows) + 1 > table.size.height:
            room -= bar  # ...less the bar these rows will have
        company = table.columns[ColumnKey("company")]
        company.width = max(company.label.cell_len,
                            room - others - 2 * table.cell_padding)
        highlighted = self.highlighted_id()
        table.clear()
        for hit, row in zip(self._hits, rows, strict=True):
            table.add_row(*row, key=str(hit.id))
        keys = [hit.id for hit in self._hits]
        if highlighted in keys:  # the same company stays highlighted as more is typed
            table.move_cursor(row=keys.index(highlighted))

    def highlighted_id(self) -> int | None:
        """The id of the highlighted company, None when the list is empty."""
        table = self.query_one("#results", DataTable)
        if not table.row_count:
            return None
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def run_search(self) -> None:
        text = self.query_one("#search-input", Input).value
        self._timer = None
        hits = store.search.search_companies(self.actor, text)
        self.queries += 1
        self._searched, self._hits = text, hits
        self._fill()
        status = self.query_one("#search-status", Static)
        if not text.strip():
            status.update(_("Type to search; Enter opens the highlighted company."))
        elif not hits:
            status.update(_("No company matches."))
        else:
            status.update(ngettext("{count} company", "{count} companies (the first 50 at most)",
                                   len(hits)).format(count=len(hits)))

    def action_open(self) -> None:
        company_id = self.highlighted_id()
        if company_id is not None:
            self.post_message(self.Open(company_id))

    @on(DataTable.RowSelected, "#results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.Open(int(str(event.row_key.value))))

    def action_focus_search(self) -> None:
        self.query_one("#search-input", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "requests":
            return self.actor.is_billing_team
        return True

    def palette_commands(self) -> list[tuple[str, str, object]]:
        if not self.check_action("requests", ()):
            return []
        return [(_("Change requests"),
                 _("Billing team: the owners' pending change requests, every company"),
                 self.action_requests)]

    def action_requests(self) -> None:
        """Billing team: the queue of change requests across companies."""
        from .requests import RequestQueueScreen

        self.app.push_screen(RequestQueueScreen(self.actor))
