"""RecipientModal: type one more invoice e-mail recipient (R13); dismisses with the new view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

import store
import store.billing
import store.errors
import store.pasted
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, BillingView

from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection
from ..widgets.safe_input import SafeInput


class RecipientModal(FormDialog[BillingView | None]):
    """One e-mail address; what is wrong shows next to it and the typed text stays."""

    def __init__(self, actor: Actor, company_id: int) -> None:
        super().__init__()
        self.actor = actor
        self.company_id = company_id
        self.save_label = _("Add")
        self.refusals = ""  # the addresses of a paste that were not added, with the reasons

    def dialog_title(self) -> str:
        return _("Add an invoice recipient")

    def compose_fields(self) -> ComposeResult:
        yield FormSection(fields.RECIPIENT, banner="dialog-banner", id="recipient-form",
                          looks={"email": FieldLook(placeholder=_("billing@example.com"))})
        yield Static(_("Every invoice is also sent to this address."), classes="dialog-note",
                     markup=False)

    def submit(self) -> None:
        typed = self.query_one(FormSection).typed()
        addresses = store.pasted.email_addresses(typed["email"])
        if len(addresses) > 1:
            self.add_several(addresses)
            return
        self.send(lambda: store.billing.add_recipient(self.actor, self.company_id, typed))

    def take_pasted_lines(self, field: SafeInput, lines: list[str]) -> bool:
        """Several addresses pasted (one a line, or separated by commas, semicolons or blanks)
        are shown in the field, all of them, and added at once (PasteTaker,
        tui/widgets/safe_input.py)."""
        addresses = store.pasted.email_addresses("\n".join(lines))
        if len(addresses) < 2:
            return False
        field.value = ", ".join(addresses)
        self.add_several(addresses)
        return True

    def add_several(self, addresses: list[str]) -> None:
        """Add each address (store.pasted.add_recipients): the dialog closes once one is added,
        and a notification names each refused address with the reason; when none is added, the
        reasons show under the field, which keeps every address."""
        actor, company_id = self.actor, self.company_id

        def add() -> BillingView | None:
            outcome = store.pasted.add_recipients(actor, company_id, addresses)
            refusals = "; ".join(f"{address}: {reason}" if reason else address
                                 for address, reason in outcome.refused)
            if not outcome.added:
                raise store.errors.InvalidInput({"email": refusals})
            if refusals:
                note = _("Added: {added}. Not added: {refused}").format(
                    added=", ".join(outcome.added), refused=refusals)
                self.refusals = note  # told once the dialog is closed (on_unmount)
            return outcome.view

        self.send(add)


    def on_unmount(self) -> None:
        if self.refusals:
            self.app.notify(self.refusals, severity="warning", markup=False, timeout=15)
