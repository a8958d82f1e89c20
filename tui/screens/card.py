"""CardModal: add or replace the payment card (R14); the number and code never outlive the form."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.widgets import Input, Static

import store
import store.billing
import store.errors
import store.i18n
import store.views
from store.i18n import _
from store.views import Actor, BillingView

from ..widgets.form_dialog import FormDialog
from ..widgets.form_field import FormField

CARD_FIELDS = ("number", "expiry", "security_code", "holder")


class CardModal(FormDialog[BillingView | None]):
    """Card number, expiry, security code, holder → the store's gateway; dismisses with the view.

    The number and security code live only in their (masked) Inputs: they are read once when
    the form is sent, never kept on this object, never put in a message, and the Inputs are
    emptied before the modal closes, whatever way it closes.
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

    def compose_fields(self):
        yield FormField("number", _("Card number"), "", max_length=23, restrict=r"[0-9 ]*",
                        password=True, placeholder=_("the digits on the card"))
        yield FormField("expiry", _("Expiry"), "", max_length=7, restrict=r"[0-9/ ]*",
                        placeholder=_("MM/YY"))
        yield FormField("security_code", _("Security code"), "", max_length=4,
                        restrict=r"[0-9]*", password=True, placeholder=_("3 or 4 digits"))
        yield FormField("holder", _("Name on card"), self.holder, max_length=100)
        yield Static(_("The number and the security code go straight to the payment gateway; "
                       "only the brand, the last four digits and the expiry are kept. "
                       "A new card pays the open invoices at once."),
                     classes="dialog-note", markup=False)

    def submit(self) -> None:
        self.clear_errors()
        try:
            view = self._send()
        except store.errors.InvalidInput as exc:
            # The store's messages say what is wrong, never which digits were typed.
            self.show_errors(exc.errors)
            return
        except store.errors.StoreError as exc:
            self.show_banner(exc.message)
            return
        except BaseException:
            self._wipe()
            raise
        self._wipe()
        self.dismiss(view)

    def _send(self) -> BillingView:
        typed = None
        try:
            typed = {name: self.query_one(f"#field-{name}", Input).value for name in CARD_FIELDS}
            return store.billing.set_card(self.actor, self.company_id, typed)
        finally:
            # A traceback keeps this frame alive; the card must not ride along with it.
            typed = None

    def _wipe(self) -> None:
        """Empty the number and security code (and the rest) before the modal goes away."""
        for name in CARD_FIELDS:
            try:
                self.query_one(f"#row-{name}", FormField).set_value("")
            except NoMatches:
                pass

    def action_cancel(self) -> None:
        self._wipe()
        self.dismiss(None)

    def on_unmount(self) -> None:
        self._wipe()
