"""The invoice recipients section (R13): the list, adding one address, removing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Label, Static

import store
import store.errors
import store.profile.billing
import store.views
from store.i18n import _, ngettext
from store.views import BillingView

from ..formatting import safe_text
from ..widgets.form_section import SAVING
from ..widgets.list_table import ListTable
from ..widgets.store_call import Outcome, call_off_loop
from .base import BillingSection

Answer = TypeVar("Answer")
# The widest a message about added recipients gets, in cells: the terminal's 80 columns.
MESSAGE_WIDTH = 80


def added_message(emails: list[str], width: int = MESSAGE_WIDTH) -> str:
    """What is said once `emails` (as the store keeps them) were added, in one message: "ap@x.de
    now receives the invoices"; "3 recipients added: a@x.de, b@x.de, c@x.de" (#15 trial: a
    paste of several named only the first), the list cut with "…" to fit `width` cells."""
    names = [safe_text(email) for email in emails]
    if len(names) == 1:
        return _("{email} now receives the invoices").format(email=names[0])
    template = ngettext("{count} recipient added: {emails}", "{count} recipients added: {emails}",
                        len(names))
    for shown in range(len(names), 0, -1):
        listed = ", ".join(names[:shown]) + (", …" if shown < len(names) else "")
        text = template.format(count=len(names), emails=listed)
        if cell_len(text) <= width:
            return text
    text = template.format(count=len(names), emails=names[0])
    while cell_len(text) > width - 1:  # not even one address whole: cut inside it
        text = text[:-1]
    return text + "…"


class RecipientsSection(BillingSection):
    """Who receives the invoices by e-mail; the owner adds and removes them (one always stays)."""

    DEFAULT_CSS = """
    RecipientsSection #recipients {
        height: auto;
        max-height: 8;
        width: 60;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label(_("Invoice recipients"), classes="section-title")
        recipients: DataTable = ListTable(id="recipients", cursor_type="row", show_header=False)
        recipients.add_column(_("E-mail"), key="email")
        with Vertical(classes="list-box"):
            yield recipients
        yield Static("", id="recipients-error", classes="section-error", markup=False)
        yield Static(_("a adds a recipient · r removes the highlighted one "
                       "(one always stays)"), id="recipients-note", classes="note", markup=False)

    removing = False  # a removal is running off the event loop

    @property
    def table(self) -> DataTable:
        return self.query_one("#recipients", DataTable)

    @property
    def can_manage(self) -> bool:
        return self.view is not None and self.view.can_manage_recipients

    def show(self, view: BillingView) -> None:
        super().show(view)
        table = self.table
        current = self.highlighted()
        table.clear()
        for email in view.recipients:
            table.add_row(Text(safe_text(email)), key=email)
        if current in view.recipients:
            table.move_cursor(row=view.recipients.index(current))
        self.query_one("#recipients-note").display = view.can_manage_recipients

    def highlighted(self) -> str | None:
        """The address under the cursor, if there is one."""
        table = self.table
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        return table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value

    def read_again(self) -> None:
        """Read the tab's view again, off the event loop: the store said the list shown is out
        of date (StoreError.outdated: removed or added since it was read, #15 trial)."""
        from ..tabs.base import CompanyTab

        self.query_ancestor(CompanyTab).reload()

    def reading_again(self, action: Callable[[], Answer]) -> Callable[[], Answer]:
        """`action` (a store call, run off the event loop) that, refused as out of date, has the
        tab read its view again (`read_again`, on the event loop), the refusal then shown."""

        def call() -> Answer:
            try:
                return action()
            except store.errors.StoreError as exc:
                if exc.outdated:
                    self.call_later(self.read_again)  # post_message: safe from the thread
                raise

        return call

    def add_recipient(self) -> None:
        """Ask for one more address (a)."""
        if not self.can_manage:
            self.show_error(_("Only the company's owner or the billing team changes the "
                              "recipients."))
            return
        from ..screens.recipient import RecipientModal

        before = set(self.view.recipients if self.view else ())

        def added(view: BillingView | None) -> None:
            if view is None:  # closed unsent: a paste may have been refused as out of date
                self.read_again()  # (#15 trial): the list shows what the store holds
                return
            self.show_error(None)
            self.changed(view)
            new = [e for e in view.recipients if e not in before]
            if new:
                self.table.move_cursor(row=view.recipients.index(new[0]))
                self.notify(added_message(new), markup=False)

        self.app.push_screen(RecipientModal(
            self.context.actor, self.context.company_id,
            with_reason=bool(self.view and self.view.reason_required),
            on_outdated=self.read_again), added)

    def remove_recipient(self) -> None:
        """Stop sending to the highlighted address, once confirmed (r)."""
        if not self.can_manage:
            self.show_error(_("Only the company's owner or the billing team changes the "
                              "recipients."))
            return
        email = self.highlighted()
        if email is None:
            return
        from ..screens.confirm import ConfirmModal

        actor, company_id = self.context.actor, self.context.company_id
        question = _("Stop sending the invoices to {email}?").format(email=safe_text(email))
        if self.view is not None and self.view.reason_required:  # the billing team: why
            from ..screens.reason import ReasonModal

            def done(view: BillingView | None) -> None:
                if view is not None:
                    self.show_error(None)
                    self.changed(view)
                    self.notify(_("{email} no longer receives the invoices").format(
                        email=safe_text(email)), markup=False)

            self.app.push_screen(ReasonModal[BillingView](
                question, save_label=_("Remove"), action=lambda form: self.reading_again(
                    lambda: store.profile.billing.remove_recipient(actor, company_id, email,
                                                                   form))()), done)
            return

        def removed(outcome: Outcome[BillingView]) -> None:
            self.removing = False
            try:
                view = outcome.unwrap()
            except store.errors.StoreError as exc:
                self.show_error(exc.message)
                return
            self.show_error(None)
            self.changed(view)
            self.notify(_("{email} no longer receives the invoices").format(
                email=safe_text(email)), markup=False)

        def answered(remove: bool | None) -> None:
            if not remove or self.removing:
                return
            self.removing = True  # off the event loop: the screen stays live meanwhile
            self.show_error(_("Removing {email}…").format(email=safe_text(email)), working=True)
            call_off_loop(self, self.reading_again(lambda: store.profile.billing.remove_recipient(
                actor, company_id, email)), removed, group=SAVING)

        self.app.push_screen(ConfirmModal(question, confirm_label=_("Remove")), answered)
