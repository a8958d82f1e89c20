"""ChangeRequestModal: ask the billing team to change a locked billing field (R16)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

import store
import store.billing
import store.i18n
import store.requests
import store.views
from store.billing import field_label
from store.i18n import _
from store.views import Actor, AddressView, ChangeRequestView

from ..formatting import safe_text
from ..widgets.form_dialog import FormDialog
from ..widgets.form_field import FormField


class ChangeRequestModal(FormDialog[ChangeRequestView | None]):
    """Which locked field, the new value and a note; dismisses with the request as stored."""

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

    def dialog_title(self) -> str:
        return _("Ask the billing team to change a locked field")

    def _current(self, field: str) -> str:
        return (getattr(self.address, field, None) or "") if self.address else ""

    def compose_fields(self) -> ComposeResult:
        with Vertical(id="row-field"):
            with Horizontal():
                yield Label(_("Field"), markup=False)
                yield Select([(field_label(f), f) for f in self.fields], allow_blank=False,
                             value=self.initial_field, compact=True, id="field-field")
            yield Static("", id="error-field", classes="choice-error", markup=False)
        yield Static(self._current_line(self.initial_field), id="current-value", markup=False)
        yield FormField("new_value", _("New value"), self._current(self.initial_field),
                        max_length=200)
        yield FormField("note", _("Note"), "", max_length=1000,
                        placeholder=_("why, for the billing team (optional)"))
        yield Static(_("The billing team checks the request; you see its answer under the "
                       "billing address."), classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        self.query_one("#field-new_value", Input).focus()

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
        new_value = self.query_one("#row-new_value", FormField)
        # Start from what is stored, unless the person already typed something of their own.
        if new_value.value in ("", *(self._current(f) for f in self.fields)):
            new_value.set_value(self._current(field))

    def submit(self) -> None:
        data = {"field": self.chosen_field,
                "new_value": self.query_one("#field-new_value", Input).value,
                "note": self.query_one("#field-note", Input).value}
        self.send(lambda: store.requests.request_change(
            self.actor, self.company_id, data))
