"""RecipientModal: type one more invoice e-mail recipient (R13); dismisses with the new view."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

import store
import store.errors
import store.places.pasted
import store.profile.billing
import store.views
from store.forms import fields
from store.i18n import _, ngettext
from store.views import Actor, BillingView

from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection
from ..widgets.safe_input import SafeInput


class RecipientModal(FormDialog[BillingView | None]):
    """One e-mail address; what is wrong shows next to it and the typed text stays. With
    `with_reason` (the billing team acting for the customer, SPEC §2) the reason and ticket
    are asked too, kept in History with the addition. `on_outdated` runs when the store says
    the list behind is out of date ("already receives": added since it was read, #15 trial)."""

    def __init__(self, actor: Actor, company_id: int, *, with_reason: bool = False,
                 on_outdated: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.company_id = company_id
        self.with_reason = with_reason
        self.spec = fields.FormSpec(name=fields.RECIPIENT.name, fields=(
            *fields.RECIPIENT.fields, *fields.REASON.fields)) if with_reason else fields.RECIPIENT
        self.save_label = _("Add")
        self.added_view: BillingView | None = None  # after a paste of which some were added
        self.on_outdated = on_outdated

    @on(FormSection.Outdated)
    def _outdated(self, event: FormSection.Outdated) -> None:
        """The list behind is read again; the dialog stays with the store's answer."""
        event.stop()
        if self.on_outdated is not None:
            self.on_outdated()

    def dialog_title(self) -> str:
        return _("Add an invoice recipient")

    def compose_fields(self) -> ComposeResult:
        yield FormSection(self.spec, banner="dialog-banner", id="recipient-form", looks={
            "email": FieldLook(placeholder=_("billing@example.com")),
            "reason": FieldLook(placeholder=_("required, kept in the audit trail")),
            "ticket": FieldLook(placeholder=_("optional, like SUP-1234"))})
        yield Static(_("Every invoice is also sent to this address."), classes="dialog-note",
                     markup=False)

    def reason(self) -> dict[str, str] | None:
        """The reason and ticket as typed, for the billing team; None for the owner."""
        if not self.with_reason:
            return None
        typed = self.query_one(FormSection).typed()
        return {"reason": typed["reason"], "ticket": typed["ticket"]}

    def submit(self) -> None:
        typed = self.query_one(FormSection).typed()
        addresses = store.places.pasted.email_addresses(typed["email"])
        if len(addresses) > 1:
            self.add_several(addresses)
            return
        actor, company_id, reason = self.actor, self.company_id, self.reason()
        email = addresses[0] if addresses else typed["email"]  # "AP Team <ap@x.example>": ap@
        self.send(lambda: store.profile.billing.add_recipient(actor, company_id,
                                                      {"email": email}, reason))

    def take_pasted_lines(self, field: SafeInput, lines: list[str]) -> bool:
        """Several addresses pasted (one a line, or separated by commas, semicolons or blanks)
        are all shown in the field, and the field says so; Add (or ctrl+s) adds them, as it adds
        one (PasteTaker, tui/widgets/safe_input.py). Nothing is added by the paste itself. What
        the person had typed in the field stays, around the paste (#15: a paste never silently
        replaces what was typed)."""
        start, end = sorted(field.selection)
        text = "\n".join([field.value[:start], *lines, field.value[end:]])
        addresses = store.places.pasted.email_addresses(text)
        if len(addresses) < 2:
            return False
        field.value = ", ".join(addresses)
        notes = [ngettext("{count} address pasted: Add adds it.",
                          "{count} addresses pasted: Add adds them all.",
                          len(addresses)).format(count=len(addresses))]
        if store.places.pasted.names_left_out(text):
            notes.append(_("The names beside the addresses are not kept: a recipient is an "
                           "address."))
        field.tell(" ".join(notes))
        return True

    def add_several(self, addresses: list[str]) -> None:
        """Add each address (store.places.pasted.add_recipients). All added: the dialog closes. Some
        refused: the others are added, and the dialog stays with the refused ones in the field
        and, under it, what was added and why each was refused, to fix or to cancel (the list
        behind then shows those added). None added: the reasons, every address kept."""
        actor, company_id, reason = self.actor, self.company_id, self.reason()
        section = self.query_one(FormSection)

        def add() -> store.places.pasted.RecipientsAdded:
            if reason is not None:  # what is wrong with the reason shows by it, first
                store.profile.billing.check_reason(reason)
            outcome = store.places.pasted.add_recipients(actor, company_id, addresses, reason)
            if not outcome.added:  # the list behind is read again all the same (#15 trial)
                raise store.errors.outdated(store.errors.InvalidInput(
                    {"email": outcome.refused_text()}))
            return outcome

        def answered(done: bool, outcome: store.places.pasted.RecipientsAdded | None) -> None:
            if not done or outcome is None:
                return
            if not outcome.refused:
                self.close_with(outcome.view)
                return
            self.added_view = outcome.view
            if self.on_outdated is not None:  # the list behind shows those added (#15 trial)
                self.on_outdated()
            section.load({"email": ", ".join(address for address, _ in outcome.refused)})
            section.show_errors({"email": outcome.outcome_text()})

        self.run(add, answered)

    def close_discarding(self) -> None:
        """Closed unsent after some of a paste were added: the list behind shows them."""
        if self.added_view is None or self.sending or self.app.screen is not self:
            super().close_discarding()
            return
        self.dismiss(self.added_view)
