"""ChangeRequestModal: ask the billing team to move the locked address (R16, SPEC §5)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

import store
import store.profile.requests
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, AddressView, ChangeRequestView

from ..sections.address import stored_values
from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection

SPEC = fields.CHANGE_REQUEST


class ChangeRequestModal(FormDialog[ChangeRequestView | None]):
    """The whole address as it is stored, to change into the address asked for, and a note;
    dismisses with the request as stored. A move is one request: state, country or VAT number
    with the street, postal code and city that go with them, checked as one address.

    `locked` are the fields the store's view says are locked (BillingView.locked_fields). The
    focus starts, as in every dialog, on the first field (FormDialog.initial_focus): keys typed
    as the dialog opens land where the form starts, not in a field picked for them (#15). An
    address pasted as lines into an address field spreads over the fields, as in every form
    (tui.widgets.pastes.SpreadsAddressPastes); the note and the documents are free text: lines
    pasted there are joined into one line.
    """

    joined_pastes = frozenset({"note", "documents"})

    DEFAULT_CSS = """
    ChangeRequestModal .dialog-note {
        color: $text-muted;
    }
    """

    def __init__(self, actor: Actor, company_id: int, locked: list[str],
                 address: AddressView | None) -> None:
        super().__init__()
        self.actor = actor
        self.company_id = company_id
        self.locked = list(locked)
        self.address = address
        self.save_label = _("Send request")

    def dialog_title(self) -> str:
        return _("Ask the billing team to change the address")

    def compose_fields(self) -> ComposeResult:
        yield Static(_("Change what moves: state, country or VAT number, and the street, postal "
                       "code and city that go with them. One request, checked as one "
                       "address."), classes="dialog-note", markup=False)
        yield FormSection(SPEC, banner="dialog-banner", values=stored_values(self.address),
                          looks={"note": FieldLook(
                              placeholder=_("why, for the billing team (optional)")),
                                 "documents": FieldLook(
                              placeholder=_("where the proof is: a ticket, a link (optional)"))},
                          id="change-request-form")
        yield Static(_("The billing team checks the request; you see its answer under the "
                       "billing address."), classes="dialog-note", markup=False)

    def submit(self) -> None:
        data = self.query_one(FormSection).typed()
        self.send(lambda: store.profile.requests.request_change(self.actor, self.company_id, data))
