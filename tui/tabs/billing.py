"""The Billing tab (R12-R16): invoices and their PDFs, recipients, the card, the billing address."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from babel.dates import format_interval
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Label, Static

import store
import store.billing
import store.errors
import store.i18n
import store.invoices
import store.views
from store.billing import ADDRESS_FIELDS, field_label
from store.errors import FORM_WIDE
from store.i18n import _, colon, ngettext
from store.views import BillingView, ChangeRequestView, InvoicePage, InvoiceRowView

from ..formatting import day, error_text, money, reader_time, safe_text
from ..widgets.form_field import FormField
from ..widgets.list_table import ListTable
from .base import CompanyTab, TabContext

if TYPE_CHECKING:
    from store.forms.fields import Values

PAGE_SIZE = 10  # the rows the list shows (its height is 11 lines): a page is what is seen
ADDRESS_INPUT_IDS = {f"field-{name}" for name in ADDRESS_FIELDS}

# Keys shown together in the footer, which is narrow at 80 columns.
PAGES = Binding.Group(_("Page"))
RECIPIENTS = Binding.Group(_("Recipients"))
REQUESTS = Binding.Group(_("Request"))

# Most characters a field can take: the store's rules say the rest (a country is an ISO code).
MAX_LENGTH = {"line1": 200, "line2": 200, "postal_code": 20, "city": 100, "state": 60,
              "country": 2, "vat_number": 64}


def address_label(field: str) -> str:
    """The label in front of an address field (short enough for the 16-column label)."""
    if field == "line2":
        return _("Address line 2")
    return field_label(field)


class BillingTeamKeys(Vertical):
    """The billing team's keys, around the whole tab for them only (so help lists them only there).

    The actions are the tab's; this box only carries the bindings.
    """

    DEFAULT_CSS = """
    BillingTeamKeys {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("m", "payment_method", _("Payment"),
                tooltip=_("Billing team: record direct debit or bank transfer, with a reason"),
                id="billing.payment_method"),
        Binding("v", "approve_request", _("Approve"),
                tooltip=_("Billing team: apply the highlighted change request"),
                group=REQUESTS, id="billing.approve_request"),
        Binding("j", "reject_request", _("Reject"),
                tooltip=_("Billing team: reject the highlighted change request, with a reason"),
                group=REQUESTS, id="billing.reject_request"),
    ]

    def __init__(self, tab: BillingTab) -> None:
        super().__init__(id="billing-team")
        self.tab = tab

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.tab.check_action(action, parameters)

    def action_payment_method(self) -> None:
        self.tab.action_payment_method()

    def action_approve_request(self) -> None:
        self.tab.action_approve_request()

    def action_reject_request(self) -> None:
        self.tab.action_reject_request()


class InvoiceList(ListTable):
    """The invoices, a page at a time: down on the last row shows the next page from its first
    row, up on the first row the page before from its last, so that the list reads as one."""

    def action_cursor_down(self) -> None:
        if self.cursor_row < self.row_count - 1 or \
                not self.query_ancestor(BillingTab).turn_page(1, row=0):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row > 0 or not self.query_ancestor(BillingTab).turn_page(-1, row=-1):
            super().action_cursor_up()


class BillingTab(CompanyTab):
    """Four sections one under another; the address is the tab's form (ctrl+s, escape)."""

    DEFAULT_CSS = """
    BillingTab .list-box {
        height: auto;
    }
    BillingTab #invoices {
        height: auto;
        max-height: 11;
    }
    BillingTab #recipients {
        height: auto;
        max-height: 8;
        width: 60;
    }
    BillingTab #download-result {
        display: none;
        color: $text-success;
    }
    BillingTab #download-result.-shown {
        display: block;
    }
    BillingTab #download-result.-error {
        color: $text-error;
    }
    BillingTab .section-error {
        display: none;
        color: $text-error;
    }
    BillingTab .section-error.-shown {
        display: block;
    }
    BillingTab #payment-method {
        width: auto;
        padding: 0 1;
        background: $boost;
        text-style: bold;
    }
    BillingTab #address-note {
        display: none;
        color: $text-accent;
    }
    BillingTab #address-note.-shown {
        display: block;
    }
    BillingTab #address-banner {
        margin-bottom: 1;
    }
    BillingTab #lock-reason {
        color: $text-warning;
        margin-top: 1;
    }
    BillingTab #change-requests {
        height: auto;
    }
    BillingTab #pending-requests {
        height: auto;
        max-height: 6;
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("d", "download", _("PDF"),
                tooltip=_("Save the highlighted invoice as a PDF in your downloads folder"),
                id="billing.download"),
        Binding("n", "page(1)", _("Next page"), tooltip=_("Show the next page of invoices"),
                group=PAGES, id="billing.next_page"),
        Binding("p", "page(-1)", _("Previous page"),
                tooltip=_("Show the previous page of invoices"), group=PAGES,
                id="billing.previous_page"),
        Binding("a", "add_recipient", _("Add recipient"),
                tooltip=_("Send the invoices to one more e-mail address"),
                group=RECIPIENTS, id="billing.add_recipient"),
        Binding("r,delete", "remove_recipient", _("Remove recipient"),
                tooltip=_("Stop sending the invoices to the highlighted recipient"),
                group=RECIPIENTS, id="billing.remove_recipient"),
        Binding("c", "update_card", _("Card"),
                tooltip=_("Add or replace the card that pays the invoices"),
                id="billing.update_card"),
        Binding("x", "request_change", _("Request"),
                tooltip=_("Ask the billing team to change state, country or VAT number"),
                id="billing.request_change"),
    ]

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(context, id=id)
        self.download_folder: Path | None = None
        """Where invoice PDFs go; None is the person's downloads folder (the store decides)."""
        self.view: BillingView = store.billing.get_billing(context.actor, context.company_id)
        self.invoices: InvoicePage = store.invoices.list_invoices(
            context.actor, context.company_id, page=1, page_size=PAGE_SIZE)
        # The address as loaded: what `dirty` compares with, and the version a save expects.
        self.loaded = self.view.address
        self._page_keys: tuple[bool, ...] | None = None  # the page keys the footer shows

    # -- what the acting person may do ------------------------------------------------------

    @property
    def is_owner(self) -> bool:
        actor = self.context.actor
        return (not actor.is_staff and actor.role == "owner"
                and actor.company_id == self.context.company_id)

    @property
    def is_billing_team(self) -> bool:
        actor = self.context.actor
        return actor.is_staff and actor.role == "billing"

    @property
    def editable_fields(self) -> list[str]:
        # The store says which: every field for the billing team (each save with a reason),
        # none for support, the R16 set for the owner.
        if self.context.actor.is_staff and not self.is_billing_team:
            return []
        return list(self.view.editable_fields)

    @property
    def pending_requests(self) -> list[ChangeRequestView]:
        return [r for r in self.view.change_requests if r.status == "pending"]

    @property
    def can_request_change(self) -> bool:
        return self.is_owner and not self.view.in_trial and bool(self.view.locked_fields)

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.is_billing_team:
            with BillingTeamKeys(self):
                yield from self._compose_sections()
        else:
            yield from self._compose_sections()

    def _compose_sections(self) -> ComposeResult:
        yield Label(_("Invoices"), classes="section-title", id="invoices-title")
        table: DataTable = InvoiceList(id="invoices", cursor_type="row", zebra_stripes=True)
        table.add_column(_("Number"), key="number")
        table.add_column(_("Date"), key="date")
        table.add_column(_("Period"), key="period")
        table.add_column(_("Amount"), key="amount")
        table.add_column(_("Status"), key="status")
        # Each list in a box of its own: when the tab is left, Textual moves the focus from a
        # hidden widget to a sibling, and a sibling list in this pane would pull the tab back.
        with Vertical(classes="list-box"):
            yield table
        yield Static("", id="invoices-page", classes="note", markup=False)
        yield Static("", id="download-result", markup=False)

        yield Label(_("Invoice recipients"), classes="section-title")
        recipients: DataTable = ListTable(id="recipients", cursor_type="row", show_header=False)
        recipients.add_column(_("E-mail"), key="email")
        with Vertical(classes="list-box"):
            yield recipients
        yield Static("", id="recipients-error", classes="section-error", markup=False)
        if self.view.can_manage_recipients:
            yield Static(_("a adds a recipient · r removes the highlighted one "
                           "(one always stays)"), classes="note", markup=False)

        yield Label(_("Payment method"), classes="section-title")
        yield Static("", id="payment-method", markup=False)
        if self.is_billing_team:
            yield Static(_("m records direct debit or bank transfer (with a reason)"),
                         classes="note", markup=False)
        else:
            yield Static(_("Other payment methods: contact the billing team"), classes="note",
                         markup=False)
        if self.view.can_manage_card:
            yield Static(_("c adds or replaces the card"), classes="note", markup=False)

        yield Label(_("Billing address"), classes="section-title", id="address-title")
        yield Static("", id="address-banner", classes="form-banner", markup=False)
        yield Static(self._address_note(), id="address-note", markup=False,
                     classes="-shown" if self._address_note() else "")
        editable = self.editable_fields
        lock = _("read only") if self.context.actor.is_staff else _("locked")
        for name in ADDRESS_FIELDS:
            yield FormField(name, address_label(name), self._loaded_value(name),
                            max_length=MAX_LENGTH[name],
                            lock=None if name in editable else lock)
        if self.view.lock_reason and not self.is_billing_team:
            reason = self.view.lock_reason
            if self.view.trial_ends_on is not None:
                reason = _("The trial ended on {date}.").format(
                    date=day(self.view.trial_ends_on, self.context.locale)) + " " + reason
            if self.can_request_change:
                reason += "\n" + _("Press x to send a change request to the billing team.")
            yield Static(reason, id="lock-reason", markup=False)
        yield Label(_("Change requests"), classes="section-title", id="requests-title")
        if self.is_billing_team:
            pending: DataTable = ListTable(id="pending-requests", cursor_type="row")
            pending.add_column(_("Field"), key="field")
            pending.add_column(_("Now → requested"), key="change")
            pending.add_column(_("By"), key="by")
            pending.add_column(_("When"), key="when")
            with Vertical(classes="list-box"):
                yield pending
            yield Static(_("v approves the highlighted request · j rejects it with a reason"),
                         id="pending-note", classes="note", markup=False)
            yield Static("", id="requests-error", classes="section-error", markup=False)
        yield Static("", id="change-requests", markup=False)

    def on_mount(self) -> None:
        # The first section starts at the top; the others keep their blank line above.
        self.query_one("#invoices-title").styles.margin = (0, 0, 0, 0)
        self._show_invoices()
        self._show_view()

    def on_show(self) -> None:
        # Start in the invoice list, so the tab's keys work as soon as the tab is shown.
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors_with_self:
            invoices = self.query_one("#invoices", DataTable)
            start = invoices if invoices.row_count else self.query_one("#recipients", DataTable)
            start.focus(scroll_visible=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # In the address form, keep what is under it (lock reason, requests) in view too.
        if isinstance(event.widget, Input) and event.widget.id in ADDRESS_INPUT_IDS:
            self.call_after_refresh(self._show_address_end, event.widget)

    def _show_address_end(self, field: Input) -> None:
        end = self.query_one("#change-requests")
        if not end.display:
            end = self.query("#lock-reason").first() if self.query("#lock-reason") else \
                self._field(ADDRESS_FIELDS[-1])
        self.scroll_to_widget(end, animate=False)
        self.scroll_to_widget(field, animate=False)

    def _address_note(self) -> str:
        if self.is_billing_team:
            return _("Billing team: every field can be changed; each change needs a reason")
        if self.context.actor.is_staff:
            return _("Read only: staff members see the billing details but do not change "
                     "them here.")
        if self.view.in_trial and self.view.trial_ends_on is not None:
            return _("Trial until {date}: every billing field can be changed").format(
                date=day(self.view.trial_ends_on, self.context.locale))
        return ""

    # -- invoices (R12) -------------------------------------------------------------------

    def _period(self, row: InvoiceRowView) -> str:
        try:
            return format_interval(row.period_start, row.period_end, "yMMMd",
                                   locale=self.context.locale)
        except (ValueError, LookupError):
            return f"{day(row.period_start, self.context.locale)} – " \
                   f"{day(row.period_end, self.context.locale)}"

    @staticmethod
    def _status(row: InvoiceRowView) -> Text:
        names = {"open": _("Open"), "paid": _("Paid"), "applied": _("Applied")}
        status = names.get(row.status, row.status)
        if row.kind == "credit_note":
            status = _("Credit note: {status}").format(status=status)
        return Text(safe_text(status), style="bold" if row.status == "open" else "")

    def _show_invoices(self) -> None:
        table = self.query_one("#invoices", DataTable)
        locale = self.context.locale
        rows = [(Text(safe_text(row.number)), Text(day(row.issued_on, locale)),
                 Text(self._period(row)),
                 Text(money(row.total, row.currency, locale), justify="right"),
                 self._status(row)) for row in self.invoices.items]
        self._invoice_numbers = [row.number for row in self.invoices.items]
        widths = [column.content_width for column in table.ordered_columns]
        if rows and table.row_count == len(rows) and all(
                cell.cell_len <= width for cells in rows for cell, width in zip(cells, widths,
                                                                               strict=True)):
            # A page of the same length whose text fits the columns: new text in the same
            # rows, nothing measured or laid out again (a page change stays under 40 ms).
            for y, cells in enumerate(rows):
                for x, cell in enumerate(cells):
                    table.update_cell_at(Coordinate(y, x), cell)
        else:
            table.clear()
            for y, cells in enumerate(rows):
                table.add_row(*cells, key=str(y))
        page = self.invoices
        table.display = bool(page.items)
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
                line += " · " + _("d downloads the highlighted one as a PDF")
        note = self.query_one("#invoices-page", Static)
        # Same number of lines as before (page 2 of 41 after page 1): repaint, lay nothing out.
        width = max(1, note.content_region.width)
        same_height = -(-len(str(note.render())) // width) == -(-len(line) // width)
        note.update(line, layout=not (same_height and note.content_region.width))
        # The footer's keys change only at the first or last page, or when the list empties:
        # a page change in between leaves the footer alone (one message round less).
        keys = (bool(page.items), page.pages <= 1, page.page == 1, page.page >= page.pages)
        if keys != self._page_keys:
            self._page_keys = keys
            self.refresh_bindings()

    def _load_invoices(self, page: int, *, recount: bool = True) -> None:
        self.invoices = store.invoices.list_invoices(
            self.context.actor, self.context.company_id, page=page, page_size=PAGE_SIZE,
            known_total=None if recount else self.invoices.total_count)
        self._show_invoices()

    def highlighted_invoice(self) -> str | None:
        """The number of the invoice under the cursor, if there is one."""
        table = self.query_one("#invoices", DataTable)
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        return self._invoice_numbers[row]

    def action_page(self, step: int) -> None:
        self.turn_page(step, row=0)

    def turn_page(self, step: int, *, row: int) -> bool:
        """Show the page `step` pages away, the cursor on `row` (-1: the last); False at an end."""
        wanted = self.invoices.page + step
        if not 1 <= wanted <= self.invoices.pages:
            return False
        self._load_invoices(wanted, recount=False)  # one query per page
        table = self.query_one("#invoices", DataTable)
        table.move_cursor(row=row if row >= 0 else table.row_count - 1)
        return True

    def action_download(self) -> None:
        number = self.highlighted_invoice()
        if number is None:
            self._download_line(_("There is no invoice to download."), error=True)
            return
        try:
            path = store.invoices.download_invoice(
                self.context.actor, self.context.company_id, number,
                out_dir=self.download_folder, locale=self.context.document_locale)
        except store.errors.StoreError as exc:
            self._download_line(exc.message, error=True)
            return
        except OSError as exc:
            self._download_line(_("The PDF could not be saved: {reason}").format(
                reason=safe_text(exc.strerror or exc)), error=True)
            return
        saved = _("Saved to {path}").format(path=safe_text(path))
        self._download_line(saved, error=False)
        self.notify(saved, title=_("Invoice {number}").format(number=number), markup=False)

    def _download_line(self, message: str, *, error: bool) -> None:
        result = self.query_one("#download-result", Static)
        result.update(safe_text(message))  # a store message may quote a planted invoice number
        result.set_class(True, "-shown")
        result.set_class(error, "-error")

    # -- recipients (R13), card (R14), change requests (R16) -------------------------------

    def _show_view(self) -> None:
        """Recipients, payment method and change requests as `self.view` has them."""
        table = self.query_one("#recipients", DataTable)
        current = self.highlighted_recipient()
        table.clear()
        for email in self.view.recipients:
            table.add_row(Text(safe_text(email)), key=email)
        if current in self.view.recipients:
            table.move_cursor(row=self.view.recipients.index(current))
        self.query_one("#payment-method", Static).update(self._payment_text())
        requests = self.query_one("#change-requests", Static)
        # The billing team acts on the pending ones in their list; the text tells the outcomes.
        shown = [r for r in self.view.change_requests
                 if not self.is_billing_team or r.status != "pending"]
        requests.update(self._requests_text(shown))
        self.query_one("#requests-title").display = bool(self.view.change_requests)
        requests.display = bool(shown)
        if self.is_billing_team:
            self._show_pending()
        self.refresh_bindings()

    def _show_pending(self) -> None:
        table = self.query_one("#pending-requests", DataTable)
        row = table.cursor_row
        table.clear()
        for request in self.pending_requests:
            table.add_row(
                Text(field_label(request.field)),
                Text(safe_text(request.current_value or _("(empty)")) + " → "
                     + safe_text(request.new_value or _("(empty)"))),
                Text(safe_text(request.requested_by)),
                Text(day(reader_time(request.requested_at).date(), self.context.locale)),
                key=str(request.id),
            )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        shown = bool(table.row_count)
        table.parent.display = shown  # type: ignore[union-attr]
        self.query_one("#pending-note").display = shown

    def _payment_text(self) -> str:
        method = self.view.payment_method
        if method is None:
            return _("No card on file")
        if method.kind == "direct_debit":
            return _("Direct debit (set by the billing team)")
        if method.kind == "bank_transfer":
            return _("Bank transfer (set by the billing team)")
        parts = [f"{safe_text(method.brand)} •••• {safe_text(method.last4)}"]
        if method.exp_month and method.exp_year:
            parts.append(_("expires {month:02d}/{year:02d}").format(
                month=method.exp_month, year=method.exp_year % 100))
        if method.holder:
            parts.append(safe_text(method.holder))
        return " · ".join(parts)

    def _requests_text(self, requests: list[ChangeRequestView]) -> Text:
        statuses = {"pending": _("Pending"), "approved": _("Approved"),
                    "rejected": _("Rejected")}
        text = Text()
        for n, request in enumerate(requests):
            if n:
                text.append("\n")
            text.append(colon(field_label(request.field)) + " ", style="bold")
            text.append(safe_text(request.old_value or _("(empty)")))
            text.append(" → ")
            text.append(safe_text(request.new_value or _("(empty)")))
            text.append("  " + statuses.get(request.status, request.status),
                        style="italic" if request.status == "pending" else "bold")
            text.append("  " + day(reader_time(request.requested_at).date(), self.context.locale))
            if request.decision_reason:
                text.append(" — " + safe_text(request.decision_reason))
        return text

    def highlighted_recipient(self) -> str | None:
        table = self.query_one("#recipients", DataTable)
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        return table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value

    def _recipients_error(self, message: str | None) -> None:
        error = self.query_one("#recipients-error", Static)
        error.update(message or "")
        error.set_class(bool(message), "-shown")

    def action_add_recipient(self) -> None:
        if not self.view.can_manage_recipients:
            self._recipients_error(_("Only the company's owner changes the recipients."))
            return
        from ..screens.recipient import RecipientModal

        before = set(self.view.recipients)

        def added(view: BillingView | None) -> None:
            if view is None:
                return
            self.view = view
            self._recipients_error(None)
            self._show_view()
            new = [e for e in view.recipients if e not in before]
            if new:
                self.query_one("#recipients", DataTable).move_cursor(
                    row=view.recipients.index(new[0]))
                self.notify(_("{email} now receives the invoices").format(
                    email=safe_text(new[0])), markup=False)

        self.app.push_screen(RecipientModal(self.context.actor, self.context.company_id), added)

    def action_remove_recipient(self) -> None:
        if not self.view.can_manage_recipients:
            self._recipients_error(_("Only the company's owner changes the recipients."))
            return
        email = self.highlighted_recipient()
        if email is None:
            return
        from ..screens.confirm import ConfirmModal

        def answered(remove: bool | None) -> None:
            if not remove:
                return
            try:
                view = store.billing.remove_recipient(self.context.actor,
                                                      self.context.company_id, email)
            except store.errors.StoreError as exc:
                self._recipients_error(exc.message)
                return
            self.view = view
            self._recipients_error(None)
            self._show_view()
            self.notify(_("{email} no longer receives the invoices").format(
                email=safe_text(email)), markup=False)

        self.app.push_screen(ConfirmModal(
            _("Stop sending the invoices to {email}?").format(email=safe_text(email)),
            confirm_label=_("Remove")), answered)

    def action_update_card(self) -> None:
        if not self.view.can_manage_card:
            return
        from ..screens.card import CardModal

        method = self.view.payment_method
        card = method if method is not None and method.kind == "card" else None

        def updated(view: BillingView | None) -> None:
            if view is None:
                return
            self.view = view
            self._show_view()
            # A new card pays the open invoices at once: their status changes.
            self._load_invoices(self.invoices.page)
            self.notify(_("Card saved: {card}").format(card=self._payment_text()),
                        markup=False)

        self.app.push_screen(CardModal(self.context.actor, self.context.company_id,
                                       holder=card.holder if card else None,
                                       replacing=card is not None), updated)

    def action_request_change(self, field: str | None = None) -> None:
        if not self.can_request_change:
            return
        from ..screens.change_request import ChangeRequestModal

        if field is None:
            focused = self.screen.focused
            name = (focused.id or "").removeprefix("field-") if focused is not None else ""
            field = name if name in self.view.locked_fields else None
        if field is None:
            # State only matters in the US; elsewhere the VAT number is the usual request.
            address = self.view.address
            field = "state" if address is not None and address.country == "US" else "vat_number"

        def sent(request) -> None:
            if request is None:
                return
            self.view = store.billing.get_billing(self.context.actor, self.context.company_id)
            self._show_view()
            self.notify(_("Change request sent to the billing team"), markup=False)

        self.app.push_screen(ChangeRequestModal(
            self.context.actor, self.context.company_id, self.view.locked_fields,
            self.view.address, field=field), sent)

    # -- the billing team: other payment methods, decisions on change requests ------------

    def action_payment_method(self) -> None:
        if not self.is_billing_team:
            return
        from ..screens.reason import OtherPaymentModal

        method = self.view.payment_method

        def recorded(view: BillingView | None) -> None:
            if view is None:
                return
            self.view = view
            self._show_view()
            self.notify(_("Payment method recorded: {method}").format(
                method=self._payment_text()), markup=False)

        self.app.push_screen(OtherPaymentModal(
            self.context.actor, self.context.company_id,
            current=method.kind if method is not None else None), recorded)

    def highlighted_request(self) -> ChangeRequestView | None:
        """The pending request under the cursor of the billing team's list, if there is one."""
        pending = self.pending_requests
        if not self.is_billing_team or not pending:
            return None
        table = self.query_one("#pending-requests", DataTable)
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
        return next((r for r in pending if str(r.id) == key), None)

    def _decide(self, modal, done: str) -> None:
        def decided(request: ChangeRequestView | None) -> None:
            if request is None:
                return
            self._requests_error(None)
            self.view = store.billing.get_billing(self.context.actor, self.context.company_id)
            if not self.dirty:
                self._load_address()
            self._show_view()
            self.notify(done, markup=False)

        self.app.push_screen(modal, decided)

    def _requests_error(self, message: str | None) -> None:
        for error in self.query("#requests-error"):
            assert isinstance(error, Static)
            error.update(message or "")
            error.set_class(bool(message), "-shown")

    def action_approve_request(self) -> None:
        from ..screens.requests import approve_modal

        request = self.highlighted_request()
        if request is not None:
            self._decide(approve_modal(self.context.actor, request), _("Request approved"))

    def action_reject_request(self) -> None:
        from ..screens.requests import reject_modal

        request = self.highlighted_request()
        if request is not None:
            self._decide(reject_modal(self.context.actor, request), _("Request rejected"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing here (one page, staff, trial); dim a page key at the end."""
        if action == "download":
            return bool(self.invoices.items)
        if action == "page":
            if self.invoices.pages <= 1:
                return False
            wanted = self.invoices.page + int(parameters[0])  # type: ignore[call-overload]
            return True if 1 <= wanted <= self.invoices.pages else None
        if action == "add_recipient":
            return self.view.can_manage_recipients
        if action == "remove_recipient":
            return self.view.can_manage_recipients and bool(self.view.recipients)
        if action == "update_card":
            return self.view.can_manage_card
        if action == "request_change":
            return self.can_request_change
        if action == "payment_method":
            return self.is_billing_team
        if action in ("approve_request", "reject_request"):
            return self.is_billing_team and bool(self.pending_requests)
        return True

    # -- the billing address form (R15-R16) ------------------------------------------------

    def _loaded_value(self, name: str) -> str:
        return (getattr(self.loaded, name, None) or "") if self.loaded else ""

    def _field(self, name: str) -> FormField:
        return self.query_one(f"#row-{name}", FormField)

    def _typed(self) -> dict[str, str]:
        return {name: self._field(name).value for name in ADDRESS_FIELDS}

    @property
    def dirty(self) -> bool:
        return any(value != self._loaded_value(name) for name, value in self._typed().items())

    def _banner(self, message: str | None) -> None:
        banner = self.query_one("#address-banner", Static)
        banner.update(message or "")
        banner.set_class(bool(message), "-shown")
        if message:
            self.call_after_refresh(self._scroll_to_address)

    def _clear_errors(self) -> None:
        self._banner(None)
        for name in ADDRESS_FIELDS:
            self._field(name).show_error(None)

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Every message next to its field at once; focus the first field that can be fixed."""
        first = None
        leftovers = []
        for name, message in errors.items():
            if name in ADDRESS_FIELDS:
                self._field(name).show_error(message)
                if first is None and name in self.editable_fields:
                    first = name
            else:
                leftovers.append(message if name == FORM_WIDE else f"{name}: {message}")
        if leftovers:
            self._banner("\n".join(leftovers))
        if first is not None:
            self._field(first).input.focus(scroll_visible=False)
        # The section from its title down, once the error lines have taken their place.
        self.call_after_refresh(self._scroll_to_address)

    def _scroll_to_address(self) -> None:
        self.scroll_to_widget(self.query_one("#address-title"), top=True, animate=False)
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(self.scroll_to_widget, focused, animate=False)

    def save(self) -> None:
        if not self.screen.is_active:
            # ctrl+s while one of the billing dialogs is open sends that dialog.
            submit = getattr(self.app.screen, "action_submit", None)
            if callable(submit):
                submit()
            return
        if not self.editable_fields:
            self._banner(_("The billing address is read only for you."))
            return
        self._clear_errors()
        if not self.dirty:
            self.notify(_("Nothing to save: the billing address is unchanged."), markup=False)
            return
        expected_version = self.loaded.version if self.loaded else None
        if not self.is_billing_team:
            self._store_address(self._typed(), expected_version, None)
            return
        try:  # the address as it will be stored, before the billing team is asked why
            form = store.billing.check_address(self._typed())
        except store.errors.InvalidInput as exc:
            self._show_errors(exc.errors)
            return
        from ..screens.reason import ReasonModal

        def reasoned(reason: Values | None) -> None:
            if reason is not None:  # cancelled: nothing is written, the input stays
                self._store_address(form, expected_version, reason)

        self.app.push_screen(ReasonModal(
            _("Why does the billing address change?"), summary=self._change_summary(form),
            save_label=_("Save")), reasoned)

    def _change_summary(self, form: Values) -> str:
        lines = []
        for name in ADDRESS_FIELDS:
            old, new = self._loaded_value(name), form.get(name) or ""
            if old != new:
                lines.append(f"{colon(field_label(name))} {safe_text(old or _('(empty)'))} → "
                             f"{safe_text(new or _('(empty)'))}")
        return "\n".join(lines)

    def _store_address(self, form: Values, expected_version: int | None,
                       reason: Values | None) -> None:
        try:
            view = store.billing.save_address(
                self.context.actor, self.context.company_id, form,
                expected_version=expected_version, reason=reason)
        except store.errors.InvalidInput as exc:
            self._show_errors(exc.errors)
            return
        except store.errors.Conflict as exc:
            self._banner(error_text(exc) + "\n" + _("Your input is kept; escape loads their "
                                                "version instead."))
            return
        except store.errors.StoreError as exc:
            self._banner(exc.message)
            return
        self.view = view
        self._load_address()
        self._show_view()
        self.notify(_("Billing address saved"), markup=False)

    def _load_address(self) -> None:
        self.loaded = self.view.address
        for name in ADDRESS_FIELDS:
            self._field(name).set_value(self._loaded_value(name))

    def revert(self) -> None:
        """Escape: read the address again from the store and drop what was typed."""
        if not self.screen.is_active:
            return
        self.view = store.billing.get_billing(self.context.actor, self.context.company_id)
        self._load_address()
        self._clear_errors()
        self._show_view()

    def reload(self) -> None:
        self.view = store.billing.get_billing(self.context.actor, self.context.company_id)
        self._load_invoices(self.invoices.page)
        self._show_view()
        if not self.dirty:
            self._load_address()

    # -- the command palette ---------------------------------------------------------------

    def palette_commands(self):
        commands = [(_("Billing: download invoice"),
                     _("Save the highlighted invoice as a PDF in your downloads folder"),
                     self.action_download)]
        if self.invoices.pages > 1:
            commands.append((_("Billing: next page of invoices"), _("Show older invoices"),
                             lambda: self.action_page(1)))
            commands.append((_("Billing: previous page of invoices"), _("Show newer invoices"),
                             lambda: self.action_page(-1)))
        if self.view.can_manage_recipients:
            commands.append((_("Billing: add recipient"),
                             _("Send the invoices to one more e-mail address"),
                             self.action_add_recipient))
            commands.append((_("Billing: remove recipient"),
                             _("Stop sending the invoices to the highlighted recipient"),
                             self.action_remove_recipient))
        if self.view.can_manage_card:
            commands.append((_("Billing: update card"),
                             _("Add or replace the card that pays the invoices"),
                             self.action_update_card))
        if self.can_request_change:
            commands.append((_("Billing: request change"),
                             _("Ask the billing team to change state, country or VAT number"),
                             self.action_request_change))
        if self.is_billing_team:
            commands.append((_("Billing: payment method"),
                             _("Record direct debit or bank transfer, with a reason"),
                             self.action_payment_method))
            if self.pending_requests:
                commands.append((_("Billing: approve request"),
                                 _("Apply the highlighted change request"),
                                 self.action_approve_request))
                commands.append((_("Billing: reject request"),
                                 _("Reject the highlighted change request, with a reason"),
                                 self.action_reject_request))
        return commands
