"""The support console's start: one input that searches as you type, the top 50 companies."""

from __future__ import annotations

from collections.abc import Callable
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
from ..type_ahead import TypeAhead, stays_in_place
from ..widgets.key_footer import KeyFooter
from ..widgets.list_table import ListTable
from ..widgets.safe_input import SafeInput
from ..widgets.search_columns import column_widths, heading
from ..widgets.store_call import SLOW_AFTER, Outcome, read_off_loop

DEBOUNCE_SECONDS = 0.15


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
        # and the list's would hide the key from the key line). Down and Up too, so that every
        # key that acts on the highlighted company is read in the order typed, and each acts
        # on the answer to the text typed before it (when_listed).
        Binding("enter", "open", pgettext("footer", "Open"),
                tooltip=_("Open the highlighted company"), id="search.open", priority=True),
        Binding("down", "move(1)", _("Next company"), tooltip=_("Highlight the next company"),
                show=False, id="search.next", priority=True),
        Binding("up", "move(-1)", _("Previous company"),
                tooltip=_("Highlight the previous company"), show=False, id="search.previous",
                priority=True),
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
        self._asked: str | None = None  # the text of the newest search sent to the store
        self._ticket = self._done = 0  # searches sent; the newest of them answered
        # Keys (Enter, Down/Up) waiting for the answer to a text: (text, action, let_go), where
        # let_go is None for a key that stays on the screen (when_listed).
        self._waiting: list[tuple[str, Callable[[], object], Callable[[], object] | None]] = []
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
        """The debounce's end: the text in the box searched, unless it is the text the newest
        search was sent for already (an Enter sent it, or it was typed back)."""
        self._timer = None
        text = self.query_one("#search-input", Input).value
        if text != self._asked:
            self._search(text)

    def _search(self, text: str) -> None:
        """`text` searched off the event loop (on PostgreSQL a round trip: the keys stay live);
        "Searching…" after SLOW_AFTER seconds without an answer. The answer shows if it is the
        newest search's, or a key waits for it (`when_listed`)."""
        self._asked, self._ticket = text, self._ticket + 1
        self.queries += 1
        ticket, actor = self._ticket, self.actor
        read_off_loop(self, lambda: store.profile.search.search_companies(actor, text),
                      lambda outcome: self._answered(ticket, text, outcome))

        def still_searching() -> None:
            if self._done < ticket == self._ticket:
                self.query_one("#search-status", Static).update(_("Searching…"))

        self.set_timer(SLOW_AFTER, still_searching)

    def _answered(self, ticket: int, text: str, outcome: Outcome[list[store.views.CompanyHit]]
                  ) -> None:
        newest = ticket == self._ticket
        waiting = [entry for entry in self._waiting if entry[0] == text]
        if not (newest or waiting):
            return  # a newer search's answer is on its way: no flicker of this one
        self._waiting = [entry for entry in self._waiting if entry[0] != text]
        if newest:
            self._done = ticket
        status = self.query_one("#search-status", Static)
        try:
            hits = outcome.unwrap()
        except store.errors.StoreError as exc:  # a session ended closes the screens (tui.app)
            status.update(exc.message)
            if newest:
                self._asked = None  # the same text typed again, or Enter, asks again
            for _text, _action, let_go in waiting:  # nothing to act on: the keys go on
                if let_go is not None:
                    let_go()
            return
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
        left = False  # one company opens, even for two Enters that waited
        for _text, action, let_go in waiting:
            # Not under a screen opened meanwhile (History, a dialog).
            if self.is_current and not left:
                action()
            if let_go is not None:
                left = True
                let_go()

    def when_listed(self, action: Callable[[], object], *, leaves: bool = False) -> None:
        """Run `action`, which acts on the highlighted company (Enter, Down/Up), once the list
        shows the answer to the text in the box as typed when its key came: never on the list of
        an older text (#15 trial: `Blue⏎` typed in one burst over Nordwind's list opened
        Nordwind; Enter after backspaces was lost).

        A priority key (Enter, Down/Up) runs when the App reads it, ahead of the keys typed
        before it that the box (or the list) has not taken in yet: `action` is queued behind
        them, in the focused widget where they went. Then, if the list shows another text's
        answer, that text's search is sent now (the debounce cut short) or, already sent,
        awaited; `action` runs with its answer (none, if the search failed: its status line
        says why). `leaves`: the action may leave the screen; the keys typed after it wait until
        it has (tui/type_ahead.py `hold`), so that they go to the company opened, not into the
        box."""
        field = self.query_one("#search-input", Input)

        def typed_in() -> None:
            text = field.value
            if text == self._searched:
                action()
                return
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self._waiting.append((text, action, self._hold_keys() if leaves else None))
            if text != self._asked:
                self._search(text)

        (self.focused or field).call_later(typed_in)

    def _hold_keys(self) -> Callable[[], object]:
        """Hold the keys typed from now on; the function returned lets them go once what the
        action posted (a company to open) has reached the App."""
        type_ahead: TypeAhead | None = getattr(self.app, "type_ahead", None)
        if type_ahead is None:
            return lambda: None
        turn = type_ahead.hold()
        return lambda: self.call_later(self.app.call_later, type_ahead.let_go, turn)

    def action_open(self) -> None:
        """One Enter, from the box or the list: the highlighted company of the answer to the
        text as typed (`when_listed`) opens, as the status line says; with nothing listed,
        nothing opens ("No company matches.")."""
        self.when_listed(self._open_highlighted, leaves=True)

    def _open_highlighted(self) -> None:
        company_id = self.highlighted_id()
        if company_id is not None:
            self.post_message(self.Open(company_id))

    @on(DataTable.RowSelected, "#results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.Open(int(str(event.row_key.value))))

    @stays_in_place
    def action_move(self, step: int) -> None:
        """Down/Up, in the box or the list: the highlight moves in the list of the text as
        typed (`when_listed`; Enter opens it)."""
        table = self.query_one("#results", DataTable)

        def move() -> None:
            if table.row_count:
                table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

        self.when_listed(move)

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
                self._search(str(detail.id))  # even if that text was searched: it is new

        self.app.push_screen(new_company_dialog(self.actor), created)

    def action_requests(self) -> None:
        """Billing team: the queue of change requests across companies."""
        from .requests import RequestQueueScreen

        self.app.push_screen(RequestQueueScreen(self.actor))
