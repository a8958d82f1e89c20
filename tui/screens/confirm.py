"""A yes/no question in a modal: ConfirmModal(question) dismisses with True or False; and the one
question before a dialog's typed input is thrown away (ask_discard)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from store.i18n import _

from ..widgets.dialog_keys import Dialog
from ..widgets.key_footer import KeyFooter


class ConfirmModal(Dialog[bool]):
    """Ask one question; Enter/y confirms, Escape/n cancels.

    A `y` typed before the question was on screen is not an answer: keys typed in one burst
    wait for the dialog a key opens and are then handed to it (tui/type_ahead.py), so `yy` on
    Billing paid without the amount ever being seen (#15 trial). Such a key rings the bell and
    the question stays; `n` and Escape typed ahead still cancel. `typed_ahead`: a `y` typed
    ahead answers all the same, for a question whose answer the person knows before it is drawn
    (ask_discard's)."""

    DEFAULT_CSS = """
    ConfirmModal {
        align: center middle;
    }
    ConfirmModal > Vertical {
        width: 60;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ConfirmModal Horizontal {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    ConfirmModal Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", _("Yes"), tooltip=_("Confirm"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", _("No"), tooltip=_("Cancel"), id="confirm.no"),
    ]

    _asked_at: float | None = None  # when the question was first drawn (Message.time)

    def __init__(self, question: str, *, confirm_label: str | None = None,
                 typed_ahead: bool = False) -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label or _("Yes")
        self.typed_ahead = typed_ahead

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="question", markup=False)
            with Horizontal():
                # Compact, as every dialog's buttons: the focused one takes the focus colour
                # (app.tcss); the answer is marked by its label's colour only.
                yield Button(_("Cancel") + " (n)", id="no", compact=True)
                yield Button(self.confirm_label + " (y)", id="yes", variant="primary",
                             compact=True)
        yield KeyFooter()  # the dialog's own keys, over the screen's

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()
        self.call_after_refresh(self._asked)

    @property
    def asked(self) -> bool:
        """Whether the question has been drawn: a `y` pressed from then on is an answer."""
        return self._asked_at is not None

    def _asked(self) -> None:
        self._asked_at = Message().time  # the clock a key's `time` is read on

    def on_key(self, event: events.Key) -> None:
        if event.key == "y" and not self.typed_ahead \
                and (self._asked_at is None or event.time < self._asked_at):
            event.stop()
            event.prevent_default()
            self.app.bell()

    def reword(self, question: str, confirm_label: str | None = None, *,
               anew: bool = False) -> None:
        """Ask `question` instead, its confirm button labelled `confirm_label` (None: "Yes"): what
        the question was about changed while it was open (tui.screens.leaving: the save it spoke
        of has answered). The answer keeps its meaning: a y on its way when the words change
        answers as it would have. `anew`: the answer's meaning changed (another amount to charge,
        tui.screens.pay_question), so the question counts as asked once its new words are drawn:
        a y typed before that rings the bell, as one typed before the first words did."""
        if anew and not self.typed_ahead:
            self._asked_at = None
            self.call_after_refresh(self._asked)
        self.question = question
        self.confirm_label = confirm_label or _("Yes")
        self.query_one("#question", Static).update(question)
        self.query_one("#yes", Button).label = self.confirm_label + " (y)"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def ask_discard(app: App[object], discard: Callable[[], object]) -> None:
    """Ask "Discard what you typed?" before a dialog's input is thrown away (escape, its Cancel
    button); `discard` runs only on "Discard" (y). No, n and escape keep the dialog as it is:
    escape pressed twice never throws input away. A tab's unsaved input is asked about the same
    way (CompanyScreen.ask_discard; SPEC §9: never lose what was typed).

    Escape then y, typed in one go, leaves: the y answers though typed before the question was
    drawn (#18 trial: it rang the bell and the question stayed, so leaving the History filter
    took several presses, escape bringing the dialog back each time). The guard against keys
    typed ahead is for questions whose content the person must see first (an amount, #15); here
    the answer is about what they typed themselves, asked by the escape they just pressed, and
    a y typed before that escape went to the field, never to the question (keys are handed on
    in the order typed: tui/type_ahead.py)."""

    def answered(yes: bool | None) -> None:
        if yes:
            discard()

    app.push_screen(ConfirmModal(_("Discard what you typed?"), confirm_label=_("Discard"),
                                 typed_ahead=True), answered)
