"""RequestQueueScreen: the billing team's queue of the owners' pending change requests."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

import store
import store.errors
import store.i18n
import store.profile.billing
import store.profile.requests
import store.views
from store.i18n import _, ngettext, pgettext
from store.views import Actor, ChangeRequestView, company_label

from ..formatting import day, reader_time, role_label, safe_text
from ..palette import Command, ScreenCommands, key_commands
from ..sections.decisions import change_cell, change_lines, changed_since_lines, decide
from ..widgets.indented_text import IndentedText
from ..widgets.key_footer import KeyFooter
from ..widgets.list_table import ListTable
from .search import SearchScreen

COMPANY_WIDTH = 20
CHANGE_WIDTH = 40


class RequestQueueScreen(Screen):
    """Pending requests of every company, newest first; v approves, j rejects, Enter opens."""

    OPENS_COMPANIES: ClassVar[bool] = True  # escape on a company opened here comes back

    DEFAULT_CSS = """
    RequestQueueScreen #queue-status {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    RequestQueueScreen #queue-status.-error {
        color: $text-error;
    }
    RequestQueueScreen #queue {
        height: 1fr;
    }
    RequestQueueScreen #queue-detail {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    RequestQueueScreen #queue-note {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "approve", _("Approve"),
                tooltip=_("Apply the highlighted request's change and close it"),
                id="queue.approve"),
        Binding("j", "reject", _("Reject"),
                tooltip=_("Close the highlighted request unchanged, with a reason"),
                id="queue.reject"),
        # Ahead of the list's own Enter (which would hide this one from the key line).
        Binding("enter", "open", pgettext("verb", "Open"),
                tooltip=_("Open the highlighted request's company"), id="queue.open",
                priority=True),
        Binding("escape", "back", _("Back"), tooltip=_("Back to the company search"),
                id="queue.back"),
    ]

    COMMANDS: ClassVar[set] = {ScreenCommands}

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.requests: list[ChangeRequestView] = []

    def palette_commands(self) -> list[Command]:
        """The queue's keys in the palette, with their tooltips (tui.palette.key_commands)."""
        return key_commands(self, {
            "approve": _("Requests: approve"),
            "reject": _("Requests: reject"),
            "open": _("Requests: open company"),
            "back": _("Requests: back to the search"),
        }, lambda name, _parameters: name == "back" or bool(self.check_action("approve", ())))

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="queue-status", markup=False)
        table: DataTable = ListTable(id="queue", cursor_type="row", zebra_stripes=True)
        # Widths that fit 80 columns, the change wrapping (locked fields first); who asked, every
        # field and the note go in the lines under the table.
        table.add_column(_("Company"), key="company", width=COMPANY_WIDTH)
        table.add_column(_("Now → requested"), key="change", width=CHANGE_WIDTH)
        table.add_column(_("When"), key="when")
        yield table
        # Its lines under the heading wrap under their indent, as the owner's Billing box does
        # (verify v1: the Note's continuation started at column 1).
        yield IndentedText("", id="queue-detail", markup=False)
        yield Static(_("v approves · j rejects with a reason · Enter opens the company"),
                     id="queue-note", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("My company")
        self.sub_title = _("Change requests — {name} ({role})").format(
            name=safe_text(self.actor.name), role=role_label(self.actor.role))
        self.load()
        self.query_one("#queue", DataTable).focus()

    def on_screen_resume(self) -> None:
        # Back from a company: its requests may have been decided there.
        self.load()

    def load(self) -> None:
        try:
            self.requests = store.profile.requests.list_requests(self.actor, None, status="pending")
        except store.errors.StoreError as exc:
            self.requests = []
            self._status(exc.message, error=True)
        else:
            self._status(ngettext("{count} pending request", "{count} pending requests",
                                  len(self.requests)).format(count=len(self.requests))
                         if self.requests else _("No pending requests."), error=False)
        table = self.query_one("#queue", DataTable)
        row = table.cursor_row
        table.clear()
        for request in self.requests:
            table.add_row(
                # Its number first: two names alike, cut, still read apart (#18 trial).
                Text(safe_text(company_label(request.company_id, request.company_name)),
                     no_wrap=True, overflow="ellipsis"),
                change_cell(request),
                Text(day(reader_time(request.requested_at).date())),
                key=str(request.id), height=None,
            )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#queue")
    def _show_detail(self) -> None:
        """Who asked and when, then under it each field, what was saved since, the note and
        the documents, for the highlighted request."""
        detail = self.query_one("#queue-detail", IndentedText)
        request = self.highlighted()
        detail.display = request is not None
        if request is None:
            return
        lines = list(change_lines(request, now=True))
        if request.stale:
            lines.append(_("The address was saved after this request was sent."))
            lines += changed_since_lines(request)
        if request.note:
            lines.append(_("Note: {note}").format(note=safe_text(request.note)))
        if request.documents:
            lines.append(_("Documents: {where}").format(where=safe_text(request.documents)))
        detail.update(Text("\n").join([
            Text(_("Requested by {who} on {when}").format(
                who=safe_text(request.requested_by),
                when=day(reader_time(request.requested_at).date()))),
            *(Text("  " + line) for line in lines)]))

    def _status(self, message: str, *, error: bool) -> None:
        status = self.query_one("#queue-status", Static)
        status.update(message)
        status.set_class(error, "-error")

    def highlighted(self) -> ChangeRequestView | None:
        """The request under the cursor, if there is one."""
        table = self.query_one("#queue", DataTable)
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
        return next((r for r in self.requests if str(r.id) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("approve", "reject", "open"):
            return self.actor.is_billing_team and bool(self.requests)
        return True

    def action_approve(self) -> None:
        self._decide(approve=True)

    def action_reject(self) -> None:
        self._decide(approve=False)

    def _decide(self, *, approve: bool) -> None:
        request = self.highlighted()
        if request is not None:
            decide(self, self.actor, request, approve=approve, then=lambda _request: self.load())

    def action_open(self) -> None:
        request = self.highlighted()
        if request is not None:
            self._open(request.company_id)

    @on(DataTable.RowSelected, "#queue")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def _open(self, company_id: int) -> None:
        # The app opens companies for the search; the queue asks it the same way.
        self.post_message(SearchScreen.Open(company_id, "billing"))

    def action_back(self) -> None:
        self.dismiss()
