"""CardModal: add or replace the payment card (R14); the number and code never outlive the form."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Static

import store
import store.errors
import store.profile.billing
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, BillingView

from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection
from ..widgets.store_call import Outcome, call_off_loop


class CardModal(FormDialog[BillingView | None]):
    """Card number, expiry, security code, holder → the store's gateway; dismisses with the view.

    The number and security code live only in their (masked) Inputs: they are read once when
    the form is sent, never kept on this object, never put in a message, and the Inputs are
    emptied before the modal closes, whatever way it closes (sent, declined, discarded). While
    "Discard what you typed?" is asked, they stay in their Inputs: the person may say no.

    `version` is the payment method's version the person saw (0: none), sent with the card: one
    changed since is refused (Conflict, #17 trial); the dialog then reads the view again, says
    what is on file now, hands the view to `on_view` (the section behind shows it) and keeps
    what was typed, so that a second save replaces it knowingly.
    """

    def __init__(self, actor: Actor, company_id: int, *, holder: str | None = None,
                 replacing: bool = False, version: int | None = None,
                 on_view: Callable[[BillingView], object] | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.company_id = company_id
        self.holder = holder
        self.replacing = replacing
        self.version = version
        self.on_view = on_view
        self.save_label = _("Save card")

    def dialog_title(self) -> str:
        return _("Replace the card") if self.replacing else _("Add a card")

    def compose_fields(self) -> ComposeResult:
        looks = {
            "number": FieldLook(restrict=r"[0-9 ]*", placeholder=_("the digits on the card")),
            "expiry": FieldLook(restrict=r"[0-9/ ]*", placeholder=_("MM/YY")),
            "security_code": FieldLook(restrict=r"[0-9]*", placeholder=_("3 or 4 digits")),
            "holder": FieldLook(suggested=True),  # the owner's name, to be replaced or kept
        }
        yield FormSection(fields.CARD, values={"holder": self.holder}, looks=looks,
                          banner="dialog-banner", id="card-form")
        yield Static(_("The number and the security code go straight to the payment gateway; "
                       "only the brand, the last four digits and the expiry are kept. "
                       "Open invoices are charged to it only once you confirm the amount."),
                     classes="dialog-note", markup=False)
        yield Static("", id="card-now", classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        self.query_one("#card-now").display = False

    @on(FormSection.Outdated)
    def _outdated(self, event: FormSection.Outdated) -> None:
        """The payment method changed since it was read: read it again, off the event loop."""
        event.stop()
        actor, company_id = self.actor, self.company_id
        call_off_loop(self, lambda: store.profile.billing.get_billing(actor, company_id),
                      self._read_again, group="card-read")

    def _read_again(self, outcome: Outcome[BillingView]) -> None:
        try:
            view = outcome.unwrap()
        except store.errors.StoreError:
            return  # the banner says it changed; the next save is refused again if still so
        from ..sections.payment import payment_text

        method = view.payment_method
        self.version = method.version if method is not None else 0
        now = self.query_one("#card-now", Static)
        now.update(_("On file now: {method}. Save card replaces it with this card.").format(
            method=payment_text(method)))
        now.display = True
        if self.on_view is not None:
            self.on_view(view)

    def submit(self) -> None:
        section = self.query_one(FormSection)
        # The store's messages say what is wrong, never which digits were typed; the typed
        # values go straight into the call (off the event loop) and are kept nowhere here.
        values = section.to_send()
        actor, company_id, version = self.actor, self.company_id, self.version
        self.run(lambda: store.profile.billing.set_card(actor, company_id, values,
                                                        expected_version=version),
                 self._card_saved, failed=self._wipe)

    def _card_saved(self, done: bool, view: BillingView | None) -> None:
        if done:
            self._wipe()
            self.close_with(view)

    def _wipe(self) -> None:
        """Empty the number and security code (and the rest) before the modal goes away."""
        try:
            self.query_one(FormSection).wipe()
        except NoMatches:
            pass

    def discard(self) -> None:
        """Escape or Cancel, once "Discard what you typed?" is answered (or nothing was typed):
        the number and the security code are emptied before the modal goes away."""
        self._wipe()

    def on_unmount(self) -> None:
        self._wipe()
