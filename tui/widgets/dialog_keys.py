"""The keys every dialog has, a modal form or a one-line prompt: escape cancels, ctrl+s sends."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from store.i18n import _


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
