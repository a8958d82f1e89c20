"""ChangeRequestModal: ask the billing team to change a locked billing field (R16)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, Static

import store
import store.requests
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, AddressView, ChangeRequestView

from ..formatting import safe_text
from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection

SPEC = fields.CHANGE_REQUEST


class ChangeRequestModal(FormDialog[ChangeRequestView | None]):
    """Which locked field, the new value and a note; dismisses with the request as stored.

    `fields` are the ones the store's view says are locked (BillingView.locked_fields).
    """

    DEFAULT_CSS = """
    ChangeRequestModal #row-field {
        height: auto;
    }
    ChangeRequestModal #row-field > Horizontal {
        height: 1;
    }
    ChangeRequestModal #row-field Label {
        width: 16;
        color: $text-muted;
    }
    ChangeRequestModal #field-field {
        width: 1fr;
    }
    ChangeRequestModal #current-value {
        color: $text-muted;
        padding-left: 16;
        margin-bottom: 1;
    }
    """

    def __init__(self, actor: Actor, company_id: int, fields: list[str],
                 address: AddressView | None, *, field: str | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.company_id = company_id
        self.fields = list(fields)
        self.address = address
        self.initial_field = field if field in self.fields else self.fields[0]
        self.save_label = _("Send request")

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The locked fields as the Select offers them: (label, name)."""
        return [(fields.ADDRESS[name].label, name) for name in self.fields]

    def dialog_title(self) -> str:
        return _("Ask the billing team to change a locked field")

    def _current(self, field: str) -> str:
        return (getattr(self.address, field, None) or "") if self.address else ""

    def compose_fields(self) -> ComposeResult:
        with Vertical(id="row-field"):
            with Horizontal():
                yield Label(SPEC["field"].label, markup=False)
                yield Select(self.choices, allow_blank=False, value=self.initial_field,
                             compact=True, id="field-field")
            yield Static("", id="error-field", classes="choice-error", markup=False)
        yield Static(self._current_line(self.initial_field), id="current-value", markup=False)
        yield FormSection(SPEC, names=("new_value", "note"), banner="dialog-banner",
                          values={"new_value": self._current(self.initial_field)},
                          looks={"note": FieldLook(
                              placeholder=_("why, for the billing team (optional)"))},
                          id="change-request-form")
        yield Static(_("The billing team checks the request; you see its answer under the "
                       "billing address."), classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(FormSection).field("new_value").input.focus()

    def _current_line(self, field: str) -> str:
        current = self._current(field)
        return _("Now: {value}").format(value=safe_text(current) if current else _("(empty)"))

    @property
    def chosen_field(self) -> str:
        value = self.query_one("#field-field", Select).value
        return value if isinstance(value, str) else self.initial_field

    @on(Select.Changed, "#field-field")
    def _field_chosen(self, event: Select.Changed) -> None:
        field = self.chosen_field
        self.query_one("#current-value", Static).update(self._current_line(field))
        new_value = self.query_one(FormSection).field("new_value")
        # Start from what is stored, unless the person already typed something of their own.
        if new_value.value in ("", *(self._current(f) for f in self.fields)):
            new_value.set_value(self._current(field))

    def submit(self) -> None:
        data = {"field": self.chosen_field, **self.query_one(FormSection).typed()}
        self.send(lambda: store.requests.request_change(self.actor, self.company_id, data))
