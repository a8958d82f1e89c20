"""A labelled one-line field with its error shown right under it; the id is the form field's name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from .safe_input import SafeInput


class FormField(Vertical):
    """Label, compact Input and an error line; `FormField.input` is `#field-<name>`."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin: 0 0 0 0;
    }
    FormField > .form-field--row {
        height: 1;
    }
    FormField Label.form-field--label {
        width: 16;
        color: $text-muted;
    }
    FormField Input {
        width: 1fr;
    }
    FormField Static.form-field--error {
        display: none;
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
    FormField Static.form-field--lock {
        width: auto;
        color: $text-warning;
        padding-left: 1;
    }
    """

    def __init__(self, name: str, label: str, value: str | None = None, *,
                 max_length: int = 0, restrict: str | None = None, password: bool = False,
                 placeholder: str = "", lock: str | None = None) -> None:
        super().__init__(id=f"row-{name}")
        self.field_name = name
        self._label = label
        self._value = value or ""
        self._max_length = max_length
        self._restrict = restrict
        self._password = password
        self._placeholder = placeholder
        self._lock = lock

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        with Horizontal(classes="form-field--row"):
            yield Label(self._label, classes="form-field--label", markup=False)
            yield SafeInput(self._value, id=f"field-{self.field_name}", compact=True,
                            max_length=self._max_length, restrict=self._restrict,
                            password=self._password, placeholder=self._placeholder,
                            disabled=self._lock is not None, select_on_focus=False)
            if self._lock is not None:
                yield Static("🔒 " + self._lock, classes="form-field--lock", markup=False)
        yield Static("", classes="form-field--error", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def set_value(self, value: str | None) -> None:
        self.input.value = value or ""

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field (None clears it)."""
        self.set_class(bool(message), "-invalid")
        self.query_one(".form-field--error", Static).update(message or "")
