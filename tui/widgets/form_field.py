"""A labelled one-line field with its error shown right under it; the id is the field's name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input, Label, Static

from .safe_input import SafeInput

if TYPE_CHECKING:
    from store.forms.fields import Field


class FormField(Widget):
    """Label, compact Input (and a lock mark) on one line, the error (once there is one) under
    them.

    One grid, its cells given at construction: no row container and no compose step of its
    own, so a form of seven fields mounts with its tab in one pass (the Billing tab's first
    visit). `FormField.input` is `#field-<name>`.
    """

    DEFAULT_CSS = """
    FormField {
        layout: grid;
        grid-size: 2;
        grid-columns: 16 1fr;
        grid-rows: auto;
        height: auto;
    }
    FormField.-locked {
        grid-size: 3;
        grid-columns: 16 1fr auto;
    }
    FormField Label.form-field--label {
        width: 100%;
        padding-right: 1;
        color: $text-muted;
    }
    FormField Static.form-field--error {
        display: none;
        column-span: 3;
        color: $text-error;
        padding-left: 16;
        height: auto;
    }
    FormField.-invalid Static.form-field--error {
        display: block;
    }
    FormField.-invalid Input {
        background: $error 15%;
    }
    FormField Static.form-field--note {
        column-span: 3;
        color: $text-warning;
        padding-left: 16;
        height: auto;
    }
    FormField Static.form-field--lock {
        width: auto;
        color: $text-warning;
        padding-left: 1;
    }
    """

    def __init__(self, name: str, label: str, value: str | None = None, *,
                 max_length: int = 0, restrict: str | None = None, password: bool = False,
                 placeholder: str = "", lock: str | None = None, editable: bool = True,
                 input_class: type[SafeInput] = SafeInput) -> None:
        cells: list[Widget] = [
            Label(label, classes="form-field--label", markup=False),
            input_class(value or "", id=f"field-{name}", compact=True, max_length=max_length,
                        restrict=restrict, password=password, placeholder=placeholder,
                        disabled=lock is not None or not editable, select_on_focus=False)]
        if lock is not None:
            cells.append(Static("🔒 " + lock, classes="form-field--lock", markup=False))
        # The error line is added the first time there is an error to show: most forms are
        # read or filled in without one, and a Billing tab has seven fields.
        super().__init__(*cells, id=f"row-{name}", classes="-locked" if lock is not None else "")
        self.field_name = name
        self.noted = False

    @classmethod
    def from_spec(cls, field: Field, value: str | None = None, *, editable: bool = True,
                  lock: str | None = None, restrict: str | None = None,
                  placeholder: str = "") -> FormField:
        """The field as store/forms/fields.py defines it: its label, its maximum length, masked
        when it is secret. `lock` is the mark shown beside a field that is not `editable`."""
        return cls(field.name, field.label, value, max_length=field.max_length or 0,
                   restrict=restrict, password=field.secret, placeholder=placeholder,
                   lock=None if editable else lock, editable=editable)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def set_value(self, value: str | None) -> None:
        self.input.value = value or ""

    def set_editable(self, editable: bool, lock: str | None = None) -> None:
        """Open the field, or close it with `lock` shown beside it (None: no mark)."""
        self.input.disabled = not editable
        shown = None if editable else lock
        self.set_class(shown is not None, "-locked")
        for mark in self.query(".form-field--lock").results(Static):
            if shown is None:
                mark.remove()
            else:
                mark.update("🔒 " + shown)
            return
        if shown is not None:
            self.mount(Static("🔒 " + shown, classes="form-field--lock", markup=False),
                       after=self.input)

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field (None clears it)."""
        self.set_class(bool(message), "-invalid")
        for line in self.query(".form-field--error").results(Static):
            line.update(message or "")
            return
        if message:
            self.mount(Static(message, classes="form-field--error", markup=False))

    def on_descendant_focus(self) -> None:
        self.call_after_refresh(self.keep_in_sight)

    def on_resize(self) -> None:
        if self.has_focus_within:  # an error or a note came under the focused input
            self.keep_in_sight()

    def keep_in_sight(self) -> None:
        """The whole row in sight, its error and note under the input included: the error of
        a field at the bottom of a tab was hidden under the key line after ctrl+s (#15)."""
        self.scroll_visible(animate=False)

    def show_note(self, message: str | None) -> None:
        """Show `message` under the field, after its error if any (what a paste did not take);
        None takes it away."""
        self.noted = bool(message)
        # Hidden, not removed: a key that takes the note away (SafeInput.on_key) and then shows
        # another (the same key refused: "At most 100 characters") would otherwise update a
        # line that is on its way out.
        for line in self.query(".form-field--note").results(Static):
            line.update(message or "")
            line.display = bool(message)
            return
        if message:
            self.mount(Static(message, classes="form-field--note", markup=False))
