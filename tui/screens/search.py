"""The support console's start: one input that searches as you type, the top 50 companies."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

import store
import store.errors
import store.i18n
import store.profile.search
import store.views
from store.i18n import _, ngettext, pgettext

from ..formatting import catalogue_name, role_label, safe_text, subscription_status
from ..palette import Command, ScreenCommands, key_commands
from ..widgets.key_footer import KeyFooter
from ..widgets.list_table import ListTable
from ..widgets.safe_input import SafeInput

DEBOUNCE_SECONDS = 0.15


# The company name comes before the other headings up to this many cells (French names of 20-30
# characters were cut at 19 while "Utilisateurs actifs" took 19 cells for a 2-digit number);
# a name longer than that, cut in any case, gives way down to NAME_MIN for the headings.
NAME_FIRST, NAME_MIN = 32, 24


def folded_width(label: str) -> int:
    """The cells `label` takes on two lines, broken at the space that makes it narrowest
    ("Utilisateurs actifs": 12); its own width when it has no space."""
    from rich.cells import cell_len

    words = label.split(" ")
    return min([cell_len(label)] + [
        max(cell_len(" ".join(words[:n])), cell_len(" ".join(words[n:])))
        for n in range(1, len(words))])


def column_widths(labels: list[str], contents: list[int], room: int, first: int) -> list[int]:
    """The cells of each column (padding apart) in `room` cells, by priority: every column
    its widest value, column `first` (the company name) up to NAME_FIRST cells; then the other
    headings, the name giving way down to NAME_MIN for them: on one line if all can be, else
    on two (`folded_width`); what room is left widens the name.
    A value or heading wider than its column is cut with "…" (`heading`); the name never
    gets fewer cells than its own heading.

    >>> column_widths(["Id", "Company", "Active users"], [2, 60, 2], 40, first=1)
    [2, 26, 12]
    """
    from rich.cells import cell_len

    widths = [max(1, content) for content in contents]
    widths[first] = max(min(widths[first], NAME_FIRST), cell_len(labels[first]))
    spare = room - sum(widths)
    if spare < 0:  # the name gives way, down to its heading
        widths[first] = max(cell_len(labels[first]), widths[first] + spare)
        return widths
    others = [x for x in range(len(labels)) if x != first]
    yields = max(0, widths[first] - max(NAME_MIN, cell_len(labels[first])))  # the name's
    full = {x: max(widths[x], cell_len(labels[x])) for x in others}
    folded = {x: max(widths[x], folded_width(labels[x])) for x in others}
    wanted = full if sum(full[x] - widths[x] for x in others) <= spare + yields else folded
    short = sum(wanted[x] - widths[x] for x in others) - spare
    if short > 0:  # the name gives way for the headings, down to NAME_MIN
        widths[first] -= min(short, yields)
        spare += min(short, yields)
    for x in others:
        grow = min(spare, wanted[x] - widths[x])
        widths[x] += grow
        spare -= grow
    widths[first] += spare
    return widths


def heading(label: str, width: int) -> Text:
    """A heading in `width` cells: whole, else on two lines (`folded_width`), else cut with
    "…"."""
    text = Text(label, no_wrap=True)
    if text.cell_len <= width:
        return text
    if folded_width(label) <= width:
        words = label.split(" ")
        n = min(range(1, len(words)), key=lambda n: max(
            Text(" ".join(words[:n])).cell_len, Text(" ".join(words[n:])).cell_len))
        return Text(" ".join(words[:n]) + "\n" + " ".join(words[n:]), no_wrap=True)
    text.truncate(width, overflow="ellipsis")
    return text


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
        # Priority: the same Enter from the search box and from the list (the box's own Enter
        # and the list's would hide the key from the key line).
        Binding("enter", "open", pgettext("footer", "Open"),
                tooltip=_("Open the highlighted company"), id="search.open", priority=True),
        # From the search box; in the list its own cursor keys come first.
        Binding("down", "move(1)", _("Next company"),
                tooltip=_("Highlight the next company"), show=False, id="search.next"),
        Binding("up", "move(-1)", _("Previous company"),
                tooltip=_("Highlight the previous company"), show=False, id="search.previous"),
        Binding("ctrl+f", "focus_search", _("Search"), tooltip=_("Back to the search field"),
                id="search.focus"),
        Binding("ctrl+r", "requests", _("Requests"),
                tooltip=_("Billing team: the owners' pending change requests, every company"),
                id="search.requests"),
        Binding("ctrl+t", "history", _("History"),
                tooltip=_("Staff: the History of every company, with filters"),
                id="search.history"),
        Binding("ctrl+n", "new_company", _("New company"),
                tooltip=_("Admin staff: a new company, its plan and owner"),
                id="search.new_company"),
    ]

    COMMANDS: ClassVar[set] = {ScreenCommands}

    class Open(Message):
        """The person chose a company; `tab`: the tab it opens on (the request queue opens
        Billing, where the address and its requests are)."""

        def __init__(self, company_id: int, tab: str = "general") -> None:
            super().__init__()
            self.company_id = company_id
            self.tab = tab

    def __init__(self, actor: store.views.Actor) -> None:
        super().__init__()
        self.actor = actor
        self._timer: Timer | None = None
        self._searched: str | None = None  # the text the list shows the results of
        self._hits: list[store.views.CompanyHit] = []
        self.queries = 0  # searches sent to the store, for tests
        self._left_for_page = False  # a company or the queue covered the search (not a dialog)
        self._labels = {"id": _("Id"), "company": _("Company"), "country": _("Country"),
                        "plan": _("Plan"), "status": _("Status"), "users": _("Active users")}

    def compose(self) -> ComposeResult:
        yield Header()
        yield SafeInput(placeholder=_("Company name, id, VAT number or e-mail domain"),
                        id="search-input", max_length=100)
        yield Static(_("Type to search; Enter opens the highlighted company."),
                     id="search-status", markup=False)
        table = ListTable(id="results", cursor_type="row", zebra_stripes=True)
        # Widths set in _fill (column_widths): the name first, so every column fits.
        for key, label in self._labels.items():
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
        self.refresh_bindings()  # Enter searches what is typed: ⏎ Open is live (check_action)

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
        bar = table.styles.scrollbar_size_vertical
        room = table.scrollable_content_region.width or self.size.width
        if table.show_vertical_scrollbar:
            room += bar  # the width without the bar the rows had...
        if len(rows) + 1 > table.size.height:
            room -= bar  # ...less the bar these rows will have
        columns = table.ordered_columns
        widths = column_widths(
            [self._labels[str(column.key.value)] for column in columns],
            [max((cell_len(row[x].plain) for row in rows), default=0)
             for x in range(len(columns))],
            room - 2 * table.cell_padding * len(columns),
            first=[str(column.key.value) for column in columns].index("company"))
        for column, width in zip(columns, widths, strict=True):
            label = self._labels[str(column.key.value)]
            column.auto_width = False
            column.width = width
            column.label = heading(label, width)
        table.header_height = max(len(column.label.plain.split("\n")) for column in columns)
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
        status = self.query_one("#search-status", Static)
        try:
            hits = store.profile.search.search_companies(self.actor, text)
        except store.errors.StoreError as exc:  # a session ended closes the screens (tui.app)
            status.update(exc.message)
            return
        self.queries += 1
        self._searched, self._hits = text, hits
        self._fill()
        self.refresh_bindings()  # ⏎ Open dimmed when nothing is listed (check_action)
        if not text.strip():
            status.update(_("Type to search; Enter opens the highlighted company."))
        elif not hits:
            status.update(_("No company matches."))
        else:
            status.update(ngettext("{count} company", "{count} companies (the first 50 at most)",
                                   len(hits)).format(count=len(hits)))

    def action_open(self) -> None:
        """One Enter, from the box or the list: the results of the text as typed (searched now
        if the debounce has not run yet), then the highlighted company opens, as the status
        line says."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._searched != self.query_one("#search-input", Input).value:
            self.run_search()
        company_id = self.highlighted_id()
        if company_id is not None:
            self.post_message(self.Open(company_id))

    @on(DataTable.RowSelected, "#results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.Open(int(str(event.row_key.value))))

    def action_move(self, step: int) -> None:
        """Down/Up typed in the search box: the highlight moves in the list (Enter opens it)."""
        table = self.query_one("#results", DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_focus_search(self) -> None:
        """ctrl+f, and every way back from a company or the request queue: the cursor in the
        search box with its text selected, so typing starts a new search (the list still shows
        the last one: Down and Enter reopen it)."""
        field = self.query_one("#search-input", Input)
        field.focus()
        field.select_all()

    def on_screen_suspend(self) -> None:
        # Covered by a page (a company, the request queue), not by a dialog or the palette.
        self._left_for_page = not self.app.screen.is_modal

    def on_screen_resume(self) -> None:
        if self._left_for_page:
            self._left_for_page = False
            self.action_focus_search()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":  # dimmed with nothing listed and nothing typed to search (#15)
            typed = self.query_one("#search-input", Input).value
            return True if self._hits or (typed.strip() and typed != self._searched) else None
        if action == "requests":
            return self.actor.is_billing_team
        if action == "history":
            return self.actor.is_staff
        if action == "new_company":
            return self.actor.is_admin
        return True

    def palette_commands(self) -> list[Command]:
        """The staff's screens in the palette, each for whoever may open it, with the key's
        tooltip (tui.palette.key_commands)."""
        return key_commands(self, {
            "history": _("History of every company"),
            "new_company": _("New company"),
            "requests": _("Change requests"),
        }, lambda name, parameters: bool(self.check_action(name, parameters)))

    def action_history(self) -> None:
        """Staff: the History across companies (the store refuses anyone else)."""
        from .history_all import AllHistoryScreen

        self.app.push_screen(AllHistoryScreen(self.actor))

    def action_new_company(self) -> None:
        """Admin staff: a new company (the store refuses anyone else); once created, the search
        shows it, highlighted."""
        from .company_admin import new_company_dialog

        def created(detail) -> None:
            if detail is not None:
                self.app.notify(" ".join([_("{company} created, company {id}.").format(
                    company=safe_text(detail.name), id=detail.id),  # its zone's choice (#18)
                    *([safe_text(detail.zone_note)] if detail.zone_note else [])]), markup=False)
                self.query_one("#search-input", Input).value = str(detail.id)
                self.run_search()

        self.app.push_screen(new_company_dialog(self.actor), created)

    def action_requests(self) -> None:
        """Billing team: the queue of change requests across companies."""
        from .requests import RequestQueueScreen

        self.app.push_screen(RequestQueueScreen(self.actor))
