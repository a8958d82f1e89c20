"""The help screen: every key of the app and of the current tab, from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from store.i18n import _


class HelpScreen(ModalScreen[None]):
    """Lists (key, what it does) pairs; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > Vertical {
        width: 76;
        height: 20;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen DataTable {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", _("Close"),
                tooltip=_("Close the help"), id="help.close"),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Keys — everything is also in the command palette (ctrl+p)"),
                         markup=False)
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns(_("Key"), _("What it does"))
            for key, description in self.keys:
                table.add_row(key, description)
            yield table
