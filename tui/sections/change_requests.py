"""The change requests section (R16): the owner's requests and outcomes; the team's decisions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Label, Static

import store
import store.errors
import store.profile.billing
import store.profile.requests
import store.views
from store.forms.fields import REASON
from store.i18n import _, colon
from store.views import BillingView, ChangeRequestView

from ..formatting import day, error_text, reader_time, request_status, safe_text
from ..tabs.base import CompanyTab
from ..widgets.form_section import SAVING
from ..widgets.indented_text import IndentedText
from ..widgets.list_table import ListTable
from ..widgets.store_call import Outcome, call_off_loop
from .base import BillingSection
from .decisions import change_cell, change_lines, decide

CHANGE_WIDTH = 40  # with By and When, the pending list fits 80 columns; the change wraps
BY_WIDTH = 18


class ChangeRequestsSection(BillingSection):
    """The owner's requests with their outcome; for the billing team, the pending ones as a list
    to approve (v) or reject (j), and the decided ones under it."""

    DEFAULT_CSS = """
    ChangeRequestsSection #change-requests {
        height: auto;
    }
    ChangeRequestsSection #pending-requests {
        height: auto;
        max-height: 6;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label(_("Change requests"), classes="section-title", id="requests-title")
        if self.is_billing_team:
            pending: DataTable = ListTable(id="pending-requests", cursor_type="row")
            pending.add_column(_("Now → requested"), key="change", width=CHANGE_WIDTH)
            pending.add_column(_("By"), key="by", width=BY_WIDTH)
            pending.add_column(_("When"), key="when")
            with Vertical(classes="list-box"):
                yield pending
            yield Static(_("v approves the highlighted request · j rejects it with a reason"),
                         id="pending-note", classes="note", markup=False)
            yield Static("", id="requests-error", classes="section-error", markup=False)
        yield IndentedText("", id="change-requests", markup=False)

    @property
    def pending(self) -> list[ChangeRequestView]:
        return [r for r in (self.view.change_requests if self.view else [])
                if r.status == "pending"]

    def show(self, view: BillingView) -> None:
        super().show(view)
        requests = self.query_one("#change-requests", Static)
        # The billing team acts on the pending ones in their list; the text tells the outcomes.
        shown = sorted((r for r in view.change_requests  # the waiting one first (#16 trial)
                        if not self.is_billing_team or r.status != "pending"),
                       key=lambda r: r.status != "pending")
        requests.update(self._requests_text(shown))
        self.query_one("#requests-title").display = bool(view.change_requests)
        requests.display = bool(shown)
        if self.is_billing_team:
            self._show_pending()
            self.query_one("#pending-note").display = view.can_decide_requests

    def _show_pending(self) -> None:
        table = self.query_one("#pending-requests", DataTable)
        row = table.cursor_row
        table.clear()
        for request in self.pending:
            table.add_row(
                change_cell(request),
                Text(safe_text(request.requested_by), overflow="fold"),
                Text(day(reader_time(request.requested_at).date(), self.context.locale)),
                key=str(request.id), height=None,
            )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        shown = bool(table.row_count)
        if table.parent is not None:
            table.parent.display = shown
        self.query_one("#pending-note").display = shown

    def _requests_text(self, requests: list[ChangeRequestView]) -> Text:
        """Each request: its number, state and date, then one line per field asked for, the
        owner's note and documents reference, and the billing team's reason and ticket id."""
        text = Text()
        for n, request in enumerate(requests):
            if n:
                text.append("\n")
            text.append(_("Request {id}").format(id=request.id), style="bold")
            text.append("  " + request_status(request.status),
                        style="italic" if request.status == "pending" else "bold")
            text.append("  " + day(reader_time(request.requested_at).date(), self.context.locale))
            if request.status != "pending" and request.decided_at is not None:  # who, when
                text.append("  " + _("by {who} on {when}").format(
                    who=safe_text(request.decided_by or "—"),
                    when=day(reader_time(request.decided_at).date(), self.context.locale)))
            for line in change_lines(request, now=False):
                text.append("\n  " + line)
            # What the owner sent with it, as the billing team reads it (#16 trial: the owner
            # did not see their own note and documents reference).
            if request.note:
                text.append("\n  " + _("Note: {note}").format(note=safe_text(request.note)))
            if request.documents:
                text.append("\n  " + _("Documents: {where}").format(
                    where=safe_text(request.documents)))
            if request.decision_reason:
                text.append("\n  " + colon(_("Reason")) + " " + safe_text(request.decision_reason))
            if request.decision_ticket:  # beside the reason, as History has it (#16 trial t16)
                text.append("\n  " + colon(REASON["ticket"].label) + " "
                            + safe_text(request.decision_ticket))
        return text

    # -- the owner asks --------------------------------------------------------------------

    def request_change(self) -> None:
        """Send the billing team a change request for the locked fields (x)."""
        view = self.view
        if view is None or not view.can_request_change:
            return
        from ..screens.change_request import ChangeRequestModal

        def sent(request: ChangeRequestView | None) -> None:
            # Read again either way: a refusal in the dialog ("request 8 is already waiting")
            # may have shown that the requests changed since the tab read them (#16 trial).
            self.reload()
            if request is not None:
                self.notify(_("Change request sent to the billing team"), markup=False)

        self.app.push_screen(ChangeRequestModal(
            self.context.actor, self.context.company_id, view.locked_fields, view.address), sent)

    def withdraw(self) -> None:
        """Take back the owner's waiting request (w), after asking."""
        view = self.view
        waiting = next((r for r in (view.change_requests if view else [])
                        if r.status == "pending"), None)
        if view is None or not view.can_withdraw_request or waiting is None:
            return
        from ..screens.confirm import ConfirmModal

        actor = self.context.actor

        def withdrawn(outcome: Outcome[object]) -> None:
            try:
                outcome.unwrap()
            except store.errors.StoreError as exc:
                self.notify(error_text(exc), severity="error", markup=False)
            else:
                self.notify(_("Request {id} withdrawn").format(id=waiting.id), markup=False)
            self.reload()

        def answered(yes: bool | None) -> None:
            if yes:  # off the event loop: the screen stays live while the database answers
                call_off_loop(self, lambda: store.profile.requests.withdraw_request(actor,
                    waiting.id),
                              withdrawn, group=SAVING)

        self.app.push_screen(ConfirmModal(
            "\n".join([_("Withdraw request {id}?").format(id=waiting.id),
                       *change_lines(waiting, now=False)]),
            confirm_label=_("Withdraw")), answered)

    def reload(self) -> None:
        """Read the tab's view again, off the event loop (BillingTab.reload), so that every
        section shows it; typed address input stays (AddressSection.show)."""
        self.query_ancestor(CompanyTab).reload()

    # -- the billing team decides ----------------------------------------------------------

    def highlighted(self) -> ChangeRequestView | None:
        """The pending request under the cursor of the billing team's list, if there is one."""
        pending = self.pending
        if self.view is None or not self.view.can_decide_requests or not pending:
            return None
        table = self.query_one("#pending-requests", DataTable)
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
        return next((r for r in pending if str(r.id) == key), None)

    def decide(self, *, approve: bool) -> None:
        """Approve (v) or reject (j) the highlighted request, through the shared dialog."""
        request = self.highlighted()
        if request is None:
            return

        def decided(_request: ChangeRequestView) -> None:
            for error in self.query("#requests-error").results(Static):
                error.update("")
                error.remove_class("-shown")
            self.reload()

        decide(self, self.context.actor, request, approve=approve, then=decided)
