"""EntryModal: one audit-trail line (SPEC §6) or one invoice (SPEC §5) in full, wrapped,
whatever its length."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.i18n import _

from ..widgets.dialog_keys import Dialog
from ..widgets.key_footer import KeyFooter


class EntryModal(Dialog[None]):
    """The text of a History line or an invoice (`lines`), wrapped and scrolled: a long reason,
    ticket or tax mention is never cut. Escape or Enter closes it."""

    DEFAULT_CSS = """
    EntryModal {
        align: center middle;
    }
    EntryModal > VerticalScroll {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 20;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    EntryModal Static {
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", _("Close"), tooltip=_("Back to the list"),
                id="entry.close"),
    ]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entry-scroll"):
            yield Static("\n".join(self.lines), id="entry-text", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#entry-scroll").focus()

    def action_close(self) -> None:
        self.dismiss()
