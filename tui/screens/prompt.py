"""A modal that asks for one line of text: PromptModal(title, label) dismisses with it or None."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from store.i18n import _

from ..widgets.dialog_keys import Dialog, dialog_keys
from ..widgets.key_footer import KeyFooter
from ..widgets.safe_input import SafeInput


class PromptModal(Dialog[str | None]):
    """Ask for one line; Enter submits it, Escape cancels (None), asking first once something
    was typed.

    The answer is dismissed as typed (not trimmed). To refuse an answer without closing,
    pass `check`: it gets the typed text and returns an error message (shown under the input,
    the text kept) or None to accept it. A caller holding the modal may also call
    `show_error(message)` itself.
    """

    DEFAULT_CSS = """
    PromptModal {
        align: center middle;
    }
    PromptModal > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        border-title-color: $text;
        border-title-style: bold;
        background: $surface;
        padding: 1 2;
    }
    PromptModal .prompt--label {
        width: 1fr;
        color: $text-muted;
    }
    PromptModal Input {
        width: 1fr;
        margin-top: 1;
    }
    PromptModal .prompt--error {
        display: none;
        height: auto;
        color: $text-error;
    }
    PromptModal.-invalid .prompt--error {
        display: block;
    }
    PromptModal.-invalid Input {
        background: $error 15%;
    }
    PromptModal Horizontal {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    PromptModal Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = dialog_keys("prompt", _("Close without answering"))

    def __init__(self, title: str, label: str, placeholder: str = "", *, max_length: int = 0,
                 value: str = "", check: Callable[[str], str | None] | None = None,
                 submit_label: str | None = None, replace_value: bool = False) -> None:
        super().__init__()
        self.prompt_title = title
        self.label = label
        self.placeholder = placeholder
        self.max_length = max_length
        self.initial_value = value
        self.check = check
        self.submit_label = submit_label or _("OK")
        # The value it opened with is selected, so what is typed replaces it: a search or
        # filter asked again (verification trial: '/Country' after '/Request' filtered on
        # "RequestCountry"); otherwise the cursor is at its end, as every dialog opens.
        self.replace_value = replace_value

    def key_word(self, binding: Binding) -> str | None:
        """^s reads as the dialog's button (tui.widgets.key_footer.described)."""
        return self.submit_label if binding.action == "submit" else None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.prompt_title
            yield Label(self.label, classes="prompt--label", markup=False)
            yield SafeInput(self.initial_value, placeholder=self.placeholder, compact=True,
                            max_length=self.max_length, id="prompt-input",
                            select_on_focus=False)
            yield Static("", classes="prompt--error", id="prompt-error", markup=False)
            with Horizontal():
                yield Button(_("Cancel") + " (esc)", id="prompt-cancel", compact=True)
                # Its key in the footer, as a form dialog's save (^s; Enter in the input too).
                yield Button(self.submit_label, id="prompt-ok", variant="primary",
                             compact=True)
        yield KeyFooter()  # the dialog's own keys, over the screen's

    def on_mount(self) -> None:
        field = self.query_one("#prompt-input", Input)
        field.focus()
        if self.replace_value and field.value:
            field.select_all()

    @property
    def value(self) -> str:
        """What is typed in the input now."""
        return self.query_one("#prompt-input", Input).value

    @property
    def unsaved_input(self) -> bool:
        """Quitting asks first once the text differs from what the prompt opened with."""
        return self.is_mounted and self.value != self.initial_value

    def show_error(self, message: str | None) -> None:
        """Show `message` under the input (None clears it); the modal stays open."""
        self.set_class(bool(message), "-invalid")
        self.query_one("#prompt-error", Static).update(message or "")

    @on(Input.Changed, "#prompt-input")
    def _typed(self) -> None:
        self.show_error(None)

    @on(Input.Submitted, "#prompt-input")
    @on(Button.Pressed, "#prompt-ok")
    def _submit(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Answer with what is typed, unless `check` refuses it (enter, ctrl+s, the button)."""
        value = self.value
        error = self.check(value) if self.check is not None else None
        if error:
            self.show_error(error)
            self.query_one("#prompt-input", Input).focus()
            return
        self.dismiss(value)

    @on(Button.Pressed, "#prompt-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        """Escape, the Cancel button: close with None; once the text differs from what the
        prompt opened with, only after "Discard what you typed?" is answered yes."""
        if self.value == self.initial_value:
            self.dismiss(None)
            return
        from .confirm import ask_discard

        def discard() -> None:
            if self.app.screen is self:
                self.dismiss(None)

        ask_discard(self.app, discard)
