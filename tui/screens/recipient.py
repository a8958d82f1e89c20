"""RecipientModal: type one more invoice e-mail recipient (R13); dismisses with the new view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

import store
import store.billing
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, BillingView

from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection


class RecipientModal(FormDialog[BillingView | None]):
    """One e-mail address; what is wrong shows next to it and the typed text stays."""

    def __init__(self, actor: Actor, company_id: int) -> None:
        super().__init__()
        self.actor = actor
        self.company_id = company_id
        self.save_label = _("Add")

    def dialog_title(self) -> str:
        return _("Add an invoice recipient")

    def compose_fields(self) -> ComposeResult:
        yield FormSection(fields.RECIPIENT, banner="dialog-banner", id="recipient-form",
                          looks={"email": FieldLook(placeholder=_("billing@example.com"))})
        yield Static(_("Every invoice is also sent to this address."), classes="dialog-note",
                     markup=False)

    def submit(self) -> None:
        typed = self.query_one(FormSection).typed()
        self.send(lambda: store.billing.add_recipient(self.actor, self.company_id, typed))
