"""CardModal: add or replace the payment card (R14); the number and code never outlive the form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Static

import store
import store.profile.billing
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, BillingView

from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection


class CardModal(FormDialog[BillingView | None]):
    """Card number, expiry, security code, holder → the store's gateway; dismisses with the view.

    The number and security code live only in their (masked) Inputs: they are read once when
    the form is sent, never kept on this object, never put in a message, and the Inputs are
    emptied before the modal closes, whatever way it closes (sent, declined, discarded). While
    "Discard what you typed?" is asked, they stay in their Inputs: the person may say no.
    """

    def __init__(self, actor: Actor, company_id: int, *, holder: str | None = None,
                 replacing: bool = False) -> None:
        super().__init__()
        self.actor = actor
        self.company_id = company_id
        self.holder = holder
        self.replacing = replacing
        self.save_label = _("Save card")

    def dialog_title(self) -> str:
        return _("Replace the card") if self.replacing else _("Add a card")

    def compose_fields(self) -> ComposeResult:
        looks = {
            "number": FieldLook(restrict=r"[0-9 ]*", placeholder=_("the digits on the card")),
            "expiry": FieldLook(restrict=r"[0-9/ ]*", placeholder=_("MM/YY")),
            "security_code": FieldLook(restrict=r"[0-9]*", placeholder=_("3 or 4 digits")),
        }
        yield FormSection(fields.CARD, values={"holder": self.holder}, looks=looks,
                          banner="dialog-banner", id="card-form")
        yield Static(_("The number and the security code go straight to the payment gateway; "
                       "only the brand, the last four digits and the expiry are kept. "
                       "Open invoices are charged to it only once you confirm the amount."),
                     classes="dialog-note", markup=False)

    def submit(self) -> None:
        section = self.query_one(FormSection)
        # The store's messages say what is wrong, never which digits were typed; the typed
        # values go straight into the call (off the event loop) and are kept nowhere here.
        values = section.to_send()
        actor, company_id = self.actor, self.company_id
        section.run(lambda: store.profile.billing.set_card(actor, company_id, values),
            self._card_saved,
                    failed=self._wipe)

    def _card_saved(self, done: bool, view: BillingView | None) -> None:
        if done:
            self._wipe()
            self.dismiss(view)

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
