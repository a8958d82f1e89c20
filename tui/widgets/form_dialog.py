"""FormDialog: a modal form: a title, a banner for form-wide errors, its fields, Cancel/Save."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from store.i18n import _

from .dialog_keys import Dialog, dialog_keys
from .form_field import FormField
from .form_section import SAVING, FormSection, attempt
from .pastes import join_pasted_lines
from .safe_input import SafeInput, focus_along
from .store_call import Outcome, call_off_loop

ResultType = TypeVar("ResultType")
Answer = TypeVar("Answer")
# What a person types into or chooses in: where a dialog's focus may start.
FIELD_KINDS = (Input, Select, TextArea)


class FormDialog(Dialog[ResultType]):
    """Subclasses yield their fields from `compose_fields` (a FormSection, with `banner` set to
    "dialog-banner") and implement `submit`.

    Enter in a field moves to the next one and, in the last field, submits; ctrl+s submits from
    anywhere in the dialog; escape cancels, asking first once something differs from what the
    dialog opened with (`typed_anything`; SPEC §9). The focus starts on the first field the person
    may change, so keys typed as the dialog opens land there (#15), after its value: it is not
    selected, so that they never wipe it (nor do Tab, shift+Tab and Enter, but into a suggested
    card holder or a country taken from its list: SafeInput.on_focus, the forms' one rule).
    Errors go next to their field (`show_errors`); anything else goes in the banner. A pasted
    text of several lines is joined into one line in the fields named in `joined_pastes` (free
    text, like a note).
    """

    DEFAULT_CSS = """
    FormDialog .choice-error {
        display: none;
        color: $text-error;
        padding-left: 16;
    }
    FormDialog .choice-error.-shown {
        display: block;
    }
    FormDialog {
        align: center middle;
    }
    FormDialog > #dialog {
        width: 74;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormDialog #dialog-title {
        text-style: bold;
        color: $text-primary;
        margin-bottom: 1;
    }
    FormDialog #dialog-banner {
        display: none;
        color: $text-error;
        background: $error 10%;
        padding: 0 1;
        margin-bottom: 1;
    }
    FormDialog #dialog-banner.-shown {
        display: block;
    }
    FormDialog .dialog-note {
        color: $text-muted;
        margin-top: 1;
    }
    FormDialog #dialog-buttons {
        height: 1;
        margin-top: 1;
        align-horizontal: right;
    }
    FormDialog #dialog-buttons Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = dialog_keys(
        "dialog", _("Close without saving anything"))

    save_label: str = ""

    def key_word(self, binding: Binding) -> str | None:
        """^s reads as the dialog's button ("Add", "Save card", "Send request"): one word for
        one action, in the key line and the palette (tui.widgets.key_footer.described)."""
        return (self.save_label or _("Save")) if binding.action == "submit" else None
    # Free-text fields (a note, a reason): several lines pasted are joined into one, as the
    # forms take them (tui/widgets/pastes.py).
    joined_pastes: frozenset[str] = frozenset()
    _sending = False  # a store call without a form section runs (send)
    _waiting: tuple[Callable[[bool], object], ...] = ()  # told the answer (when_answered)
    _opened_with: dict[str, object] | None = None  # what the fields held once mounted

    def dialog_title(self) -> str:
        return ""

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=False):
            yield Static(self.dialog_title(), id="dialog-title", markup=False)
            yield Static("", id="dialog-banner", markup=False)
            yield from self.compose_fields()
            with Horizontal(id="dialog-buttons"):
                yield Button(_("Cancel") + " (esc)", id="dialog-cancel", compact=True)
                yield Button(self.save_label or _("Save"), id="dialog-save", variant="primary",
                             compact=True)
        from .key_footer import KeyFooter

        yield KeyFooter()  # the dialog's own keys, over the screen's

    def on_mount(self) -> None:
        # After a subclass's own on_mount (Textual calls the subclass's first): its fields are
        # as it shows them.
        self._opened_with = self.entered()
        first = self.initial_focus()
        if first is not None:
            first.focus()

    def initial_focus(self) -> Widget | None:
        """Where the focus starts: the first field, in the order shown, that the person may
        change (not disabled, not hidden); None when there is none (the buttons then)."""
        return next((widget for widget in self.focus_chain
                     if isinstance(widget, FIELD_KINDS) and not widget.disabled), None)

    def entered(self) -> dict[str, object]:
        """What every field holds now, by the field's id (text, a choice). Read when needed
        and not kept, except the first reading, at mount, before anything is typed: a card
        number is never kept here."""
        values: dict[str, object] = {}
        for index, widget in enumerate(self.query("Input, Select, TextArea").results()):
            key = widget.id or f"#{index}"
            if isinstance(widget, Input | Select):
                values[key] = widget.value
            elif isinstance(widget, TextArea):
                values[key] = widget.text
        return values

    @property
    def typed_anything(self) -> bool:
        """Whether a field holds something other than what the dialog opened with."""
        return self._opened_with is not None and self.entered() != self._opened_with

    @property
    def unsaved_input(self) -> bool:
        """Quitting asks first once something was typed (Dialog)."""
        return self.typed_anything

    # -- what subclasses call -------------------------------------------------------------

    @property
    def section(self) -> FormSection | None:
        """The dialog's form, if it has one."""
        return next(iter(self.query(FormSection)), None)

    def show_banner(self, message: str | None) -> None:
        banner = self.query_one("#dialog-banner", Static)
        banner.update(message or "")
        banner.set_class(bool(message), "-shown")

    def clear_errors(self) -> None:
        self.show_banner(None)
        for field in self.query(FormField):
            field.show_error(None)
        for line in self.query(".choice-error").results(Static):
            self._show_choice_error(line, None)

    @staticmethod
    def _show_choice_error(line: Static, message: str | None) -> None:
        line.update(message or "")
        line.set_class(bool(message), "-shown")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Each message next to its field, the rest in the banner; focus the first bad field.

        A field that is not a text input (a Select) shows its error in the Static with the
        class `choice-error` and the id `error-<field>` that the dialog put under it.
        """
        errors = dict(errors)
        for line in self.query(".choice-error").results(Static):
            name = (line.id or "").removeprefix("error-")
            if name in errors:
                self._show_choice_error(line, errors.pop(name))
        leftovers = []
        first: Input | None = None
        for name, message in errors.items():
            try:
                field = self.query_one(f"#row-{name}", FormField)
            except NoMatches:
                leftovers.append(message)
                continue
            field.show_error(message)
            if first is None and not field.input.disabled:
                first = field.input
        self.show_banner("\n".join(leftovers) or None)
        if first is not None:
            first.focus()

    # -- keys and buttons -----------------------------------------------------------------

    def submit(self) -> None:
        """Validate, call the store, dismiss with its answer (or show what is wrong)."""

    def send(self, action: Callable[[], ResultType]) -> None:
        """Run `action` (validate and call the store; it touches no widget) off the event loop:
        its answer closes the dialog; invalid input shows next to its fields, a refusal or a
        conflict in the banner, and the dialog stays with what was typed. While it runs the
        form shows "Saving…", and a second ctrl+s, Enter or escape waits for the answer."""
        if self.section is not None:
            self.run(action, self._answered)
            return
        if self._sending:
            return
        self._sending = True
        self.refresh_bindings()  # escape dimmed meanwhile (check_action)

        def answered(outcome: Outcome[ResultType]) -> None:
            self._sending = False
            self.refresh_bindings()
            self.clear_errors()
            done, result = attempt(outcome.unwrap, self.show_errors, self.show_banner)
            self._answered(done, result)
            self._tell(False)  # still open (told already once it closed)

        call_off_loop(self, action, answered, group=SAVING)

    def run(self, action: Callable[[], Answer], then: Callable[[bool, Answer | None], object],
            failed: Callable[[], object] | None = None) -> None:
        """The dialog's form runs the store call `action` (FormSection.run), `then(done,
        answer)` after: the one way a dialog's form sends, so that what waits for its answer
        (`when_answered`) is told, whichever way the dialog takes the answer."""
        section = self.section
        assert section is not None, "a dialog with a form"

        def answered(done: bool, answer: Answer | None) -> None:
            then(done, answer)
            self._tell(False)  # still open (told already once it closed)

        section.run(action, answered, failed)

    def when_answered(self, then: Callable[[bool], object]) -> None:
        """`then(closed)` once the store call running now has answered: True once the dialog
        closed with the answer (close_with), False when it stays, showing why or what is left
        (tui.screens.leaving: quitting once a dialog's save is done)."""
        self._waiting = (*self._waiting, then)

    def _tell(self, closed: bool) -> None:
        waiting, self._waiting = self._waiting, ()
        for then in waiting:
            then(closed)

    def close_with(self, result: ResultType | None) -> None:
        """Close with the store's answer `result`, whatever is over the dialog: a question asked
        meanwhile (ctrl+q's, verification v1: "Lock Test GmbH created" came while the dialog
        stayed full behind the closed question, and ctrl+s again made a second attempt), the
        palette. They close first, unanswered; what waited for the answer (`when_answered`,
        the question among them) is told after, and asks again in its new words."""
        if self not in self.app.screen_stack:
            return  # gone already (the program is closing)
        while self.app.screen is not self:
            self.app.pop_screen()
        self.dismiss(result)
        self._tell(True)

    @property
    def sending(self) -> bool:
        """Whether the dialog's store call is running."""
        section = self.section
        return self._sending or (section is not None and section.saving)

    def _answered(self, done: bool, result: ResultType | None) -> None:
        if done:
            self.close_with(result)

    def attempt(self, action: Callable[[], Answer]) -> tuple[bool, Answer | None]:
        """Run `action`: (True, its answer); or (False, None) once invalid input shows next to
        its fields, or a refusal or a conflict in the banner."""
        section = self.section
        if section is not None:
            return section.attempt(action)
        self.clear_errors()
        return attempt(action, self.show_errors, self.show_banner)

    def action_submit(self) -> None:
        self.submit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is dimmed while the store answers what the dialog sent: what it did must not
        go unseen, and the key rings and says so (tui.dimmed, `dimmed_reason`), never nothing
        (#15 trial t15: escape during "Saving…" in the Add-recipient dialog was dropped)."""
        return None if action == "cancel" and self.sending else True

    def dimmed_reason(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why escape does nothing now (tui.dimmed.why_dimmed)."""
        if action == "cancel":
            return _("Still saving: press escape again once the answer shows.")
        return None

    def action_cancel(self) -> None:
        """Escape, the Cancel button: close; once something was typed, only after "Discard what
        you typed?" is answered yes. While the store answers, the Cancel button says why it
        waits, as escape does (`check_action`)."""
        if self.sending:
            from ..dimmed import tell_dimmed

            tell_dimmed(self.app, self, "cancel", ())
            return
        if not self.typed_anything:
            self.close_discarding()
            return
        from ..screens.confirm import ask_discard

        ask_discard(self.app, self.close_discarding)

    def close_discarding(self) -> None:
        """Throw away what was typed (`discard`) and close with None."""
        if self.sending or self.app.screen is not self:
            return  # a save started meanwhile, or the dialog is already gone
        self.discard()
        self.dismiss(None)

    def discard(self) -> None:
        """What a dialog does with its input as it closes unsent (the card dialog empties its
        number and security code)."""

    def take_pasted_lines(self, field: SafeInput, lines: list[str]) -> bool:
        """Lines pasted into a field of `joined_pastes` are joined into one line (PasteTaker,
        tui/widgets/safe_input.py); False elsewhere (the field takes the first line and says
        so)."""
        if (field.id or "").removeprefix("field-") not in self.joined_pastes:
            return False
        join_pasted_lines(field, lines)
        return True

    @on(Button.Pressed, "#dialog-save")
    def _save_pressed(self) -> None:
        self.submit()

    @on(Button.Pressed, "#dialog-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = [i for i in self.query(Input) if not i.disabled]
        if inputs and event.input is inputs[-1]:
            self.submit()
        else:
            focus_along(self, 1)  # as Tab: a value not typed there is selected
