"""The Billing tab (R12-R16): invoices, recipients, payment, address and requests, in sections."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType

import store
import store.errors
import store.profile.billing
import store.trail.changes
import store.views
from store import clock
from store.views import BillingView, InvoicePage

from ..palette import key_commands
from ..sections.address import AddressSection
from ..sections.base import BillingSection
from ..sections.change_requests import ChangeRequestsSection
from ..sections.invoices import InvoicesSection
from ..sections.payment import PaymentSection
from ..sections.recipients import RecipientsSection
from ..type_ahead import stays_in_place
from ..widgets.store_call import LatestRead, Outcome
from . import billing_keys
from .base import CompanyTab, TabContext

# Seconds between two looks, while the tab is in sight, for a change made elsewhere (another
# terminal, the command line, the billing run) or a new day: one light query, the tab read again
# only when something changed (#17 trial: "Past due" stayed after `invoices pay` in a shell).
CHECK_EVERY = 20.0
# Seconds after a read when showing the tab again looks for nothing: the warm-up built and read
# it moments before its first showing (tui/screens/company.py, bench/README: no query then).
READ_JUST_NOW = 2.0


class BillingTab(CompanyTab):
    """Five sections one under another; the address is the tab's form (ctrl+s, escape).

    The tab reads the store when it is mounted (not when it is built) and hands each section the
    view; a section that changes something posts the store's answer, which every section shows.
    """

    BINDINGS: ClassVar[list[BindingType]] = billing_keys.BINDINGS

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(context, id=id)
        self.view: BillingView | None = None  # read in on_mount
        self._reads: LatestRead[BillingView] = LatestRead()  # reload(), off the event loop
        self._looks: LatestRead[bool] = LatestRead()  # check_for_changes(), off the event loop
        self._read_at = clock.now()  # when the tab last read the store (History's clock)
        self._read_since = time.monotonic()  # the same, on the process's own clock
        self.invoice_section = InvoicesSection(context, id="invoices-section")
        self.recipients = RecipientsSection(context, id="recipients-section")
        self.payment = PaymentSection(context, id="payment-section")
        self.address = AddressSection(context, id="address-section")
        self.requests = ChangeRequestsSection(context, id="requests-section")

    @property
    def is_billing_team(self) -> bool:
        return self.context.actor.is_billing_team

    @property
    def sections(self) -> tuple[BillingSection, ...]:
        return (self.recipients, self.payment, self.address, self.requests)

    # -- layout and data ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.invoice_section
        yield from self.sections

    def on_mount(self) -> None:
        self._read_at, self._read_since = clock.now(), time.monotonic()  # before the read
        self.set_interval(CHECK_EVERY, self.check_for_changes)  # no query before the first frame
        try:
            self.invoice_section.load(1)
            self.show_view(store.profile.billing.get_billing(self.context.actor,
                self.context.company_id))
        except store.errors.StoreError as exc:  # the tab stays, saying why; reload() tries again
            self.address.form.show_banner(exc.message)

    def show_view(self, view: BillingView) -> None:
        """Every section as the store's `view` has it."""
        self.view = view
        for section in self.sections:
            section.show(view)
        # y on an open invoice shown in full pays it alone, for whoever may pay (the view says).
        self.invoice_section.payer = self._pay_invoice if view.can_manage_card else None
        self.refresh_bindings()

    @on(BillingSection.ViewChanged)
    def _view_changed(self, event: BillingSection.ViewChanged) -> None:
        event.stop()
        self.show_view(event.view)

    @on(BillingSection.Outdated)
    def _outdated(self, event: BillingSection.Outdated) -> None:
        """An action found what the tab shows out of date (a payment refused, an invoice no
        longer open or gone, a dialog that read another total): everything read again."""
        event.stop()
        self.reload(view=not self.dirty)

    def on_show(self) -> None:
        # Start in the invoice list, so the tab's keys work as soon as the tab is shown.
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors_with_self:
            invoices = self.invoice_section.table
            start = invoices if invoices.row_count else self.recipients.table
            start.focus(scroll_visible=False)

    @property
    def download_folder(self) -> Path | None:
        """Where invoice PDFs go; None is the person's downloads folder (the store decides)."""
        return self.invoice_section.download_folder

    @download_folder.setter
    def download_folder(self, folder: Path | None) -> None:
        self.invoice_section.download_folder = folder

    @property
    def invoices(self) -> InvoicePage:
        """The page of invoices shown."""
        return self.invoice_section.page

    def load_invoices(self, page: int, *, recount: bool = True) -> None:
        """Show page `page` of the invoices (`recount`: count them again), read off the event
        loop: the page shows when it comes."""
        self.invoice_section.fetch(page, recount=recount)

    def highlighted_invoice(self) -> str | None:
        return self.invoice_section.highlighted()

    # -- the form protocol: the address ---------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.address.dirty

    def save(self) -> None:
        if self.app.screen is self.screen:  # not while a dialog asks something
            self.address.save()

    def revert(self) -> None:
        """Escape: read the address again from the store and drop what was typed."""
        if self.app.screen is self.screen:
            self.address.revert()

    def reload(self, *, view: bool = True) -> None:
        """Read the invoices and (`view`) the billing view again, off the event loop. Without
        the view while an address is typed: its version stays the one the save is checked
        against (a change made elsewhere is then the save's conflict, not lost)."""
        self._read_at, self._read_since = clock.now(), time.monotonic()
        self.load_invoices(self.invoices.page)
        if not view:
            return
        actor, company_id = self.context.actor, self.context.company_id

        def answered(outcome: Outcome[BillingView]) -> None:
            from textual.css.query import NoMatches

            try:
                self.show_view(outcome.unwrap())
            except store.errors.StoreError:
                return  # what shows stays; the next reload tries again
            except NoMatches:  # answered while the program closes: its sections are gone
                return

        self._reads.read(self, lambda: store.profile.billing.get_billing(actor, company_id),
            answered)

    def shown_again(self) -> None:
        """Shown again after another tab: read again if anything changed meanwhile (unless
        it was read just now)."""
        if time.monotonic() - self._read_since >= READ_JUST_NOW:
            self._look()

    def check_for_changes(self) -> None:
        """Every CHECK_EVERY seconds: while the tab is in sight with nothing asked over it, read
        again if anything changed since the last read (`_look`)."""
        if self.is_on_screen and self.screen.is_current:
            self._look()

    def _look(self) -> None:
        """Read again when something changed since the last read, here or elsewhere, or the day
        did (store.trail.changes.changed_since: one light look, off the event loop)."""
        if self._looks.pending:
            return
        actor, company_id, since = self.context.actor, self.context.company_id, self._read_at

        def answered(outcome: Outcome[bool]) -> None:
            try:
                changed = outcome.unwrap()
            except store.errors.StoreError:
                return  # the next look tries again
            if changed and since == self._read_at:  # not read again meanwhile
                self.reload(view=not self.dirty)

        self._looks.read(self, lambda: store.trail.changes.changed_since(actor, company_id,
                                                                          since), answered)

    # -- keys -----------------------------------------------------------------------------

    @property
    def can_save(self) -> bool:
        """ctrl+s saves the address for someone who may change a field of it (the view says)."""
        return self.view is not None and bool(self.view.editable_fields)

    def action_download(self) -> None:
        """Save the highlighted invoice as a PDF, when the list is in sight: a key never acts on
        a row the person cannot see (the list is brought into view and focused instead)."""
        table = self.invoice_section.table
        shown = table.region.intersection(self.region)  # the part of it in sight
        if shown.height < min(table.size.height, 3):
            table.focus()
            table.scroll_visible()
            return
        self.invoice_section.download()

    @stays_in_place  # turns the page of the focused list (the keys after it need not wait)
    def action_page(self, step: int) -> None:
        self.invoice_section.turn_page(step, row=0)

    def action_add_recipient(self) -> None:
        self.recipients.add_recipient()

    def action_remove_recipient(self) -> None:
        self.recipients.remove_recipient()

    def action_update_card(self) -> None:
        # A new card offers to pay what is open; once paid, the invoices' status changes.
        self.payment.update_card(then=lambda: self.load_invoices(self.invoices.page))

    def action_pay_now(self) -> None:
        self.payment.pay_now(then=lambda: self.load_invoices(self.invoices.page),
                             shown_open=self.invoices.open_invoices)

    def _pay_invoice(self, number: str, then: Callable[[], None]) -> None:
        """Pay invoice `number` alone (its amount shown and asked, as Pay now asks), then
        show the list again and call `then`."""
        def paid() -> None:
            self.load_invoices(self.invoices.page)
            then()

        self.payment.pay_now(paid, numbers=[number])

    def action_request_change(self) -> None:
        self.requests.request_change()

    def action_withdraw_request(self) -> None:
        self.requests.withdraw()

    def action_payment_method(self) -> None:
        self.payment.other_method()

    def action_approve_request(self) -> None:
        self.requests.decide(approve=True)

    def action_reject_request(self) -> None:
        self.requests.decide(approve=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing here (one page, staff, trial); dim a page key at the end."""
        view = self.view
        if action == "download":
            return bool(self.invoice_section.page.items)
        if action == "page":
            return self.invoice_section.can_turn(int(parameters[0]))  # type: ignore[call-overload]
        if view is None:
            return action not in ("add_recipient", "remove_recipient", "update_card", "pay_now",
                                  "request_change", "withdraw_request", "payment_method",
                                  "approve_request", "reject_request")
        if action == "add_recipient":
            return view.can_manage_recipients
        if action == "remove_recipient":  # R13: never the last one (dimmed, not asked first)
            return (len(view.recipients) > 1 or None) if view.can_manage_recipients else False
        if action == "update_card":
            return view.can_manage_card
        if action == "pay_now":  # dimmed while no invoice is open, on any page (the store
            if not view.can_manage_card:  # counts them: InvoicePage.open_invoices)
                return False
            return self.invoice_section.page.open_invoices > 0 or None

        if action == "request_change":
            return view.can_request_change
        if action == "withdraw_request":
            return view.can_withdraw_request
        if action == "payment_method":
            return view.can_set_payment_method
        if action in ("approve_request", "reject_request"):
            return view.can_decide_requests and bool(self.requests.pending)
        return True

    # -- the command palette ---------------------------------------------------------------

    def palette_commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        return key_commands(self, billing_keys.PALETTE_TITLES, self._offered)

    def _offered(self, action: str, parameters: tuple[object, ...]) -> bool:
        view = self.view
        if action == "page":  # both ways while there are pages, as the key line shows them
            return self.invoice_section.page.pages > 1
        if action == "download":
            return True
        if view is None:
            return False
        if action == "remove_recipient":  # offered with the add, as before: it says why not
            return view.can_manage_recipients
        return bool(self.check_action(action, parameters))
