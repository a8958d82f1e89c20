"""The keys every dialog has, a modal form or a one-line prompt: escape cancels, ctrl+s sends;
and every dialog's base (Dialog), over which ctrl+q quits as it does everywhere."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from store.i18n import _

ResultType = TypeVar("ResultType")


def dialog_keys(scope: str, cancel_tooltip: str) -> list[BindingType]:
    """A dialog's BINDINGS: escape runs its `action_cancel`, ctrl+s its `action_submit`, with the
    ids `<scope>.cancel` and `<scope>.submit` that user keymaps name ("dialog", "prompt").

    The dialog has its own ctrl+s: the app's would save the tab underneath, and a dialog may be
    open over a screen without a form (the request queue). The key line shows it as the
    dialog's button ("Add", "Save card") when the dialog gives it that word (`key_word`,
    tui.widgets.key_footer.described); "Send" otherwise.
    """
    return [
        Binding("escape", "cancel", _("Cancel"), tooltip=cancel_tooltip, id=f"{scope}.cancel"),
        Binding("ctrl+s", "submit", _("Send"), tooltip=_("Send the dialog, as its button does"),
                id=f"{scope}.submit"),
    ]


def quit_key() -> Binding:
    """ctrl+q in a dialog: the app's own Quit (`app.quit`, the same id, so a user keymap that
    moves it moves it here too). Textual's key chain stops at a modal screen: without it
    ctrl+q did nothing over a dialog, while everywhere else it quits (asking first about
    unsaved input: MyCompanyApp.action_quit)."""
    return Binding("ctrl+q", "app.quit", _("Quit"), tooltip=_("Leave My company"),
                   id="app.quit")


class Dialog(ModalScreen[ResultType]):
    """Every dialog's base (a form, a prompt, a question, an entry in full, help, the file
    picker): the keys that work on every screen work over it too (ctrl+q). The key line shows
    them after the dialog's own (tui.widgets.key_footer: an `app.` action ranks with the app's
    keys).

    `unsaved_input`: whether the person typed something the dialog has not sent; quitting
    asks first then, as it does for a tab's unsaved changes."""

    BINDINGS: ClassVar[list[BindingType]] = [quit_key()]

    @property
    def unsaved_input(self) -> bool:
        """Whether something typed here would be lost by quitting (none by default)."""
        return False
