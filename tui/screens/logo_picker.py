"""LogoFilePicker: browse folders and pick a PNG or JPEG file for the company logo (R2)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text, TextType
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DirectoryTree, Static

from store.i18n import _

from ..formatting import safe_text
from ..widgets.dialog_keys import Dialog
from ..widgets.key_footer import KeyFooter

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


class LogoTree(DirectoryTree):
    """Folders and PNG/JPEG files only; hidden ones left out; names through safe_text."""

    def process_label(self, label: TextType) -> Text:
        """A file name is data: escapes, controls and bidi characters shown, never sent."""
        return super().process_label(safe_text(label.plain if isinstance(label, Text) else label))

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        shown = []
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or (path.suffix.lower() in LOGO_SUFFIXES and path.is_file()):
                    shown.append(path)
            except OSError:
                continue
        return shown


class LogoFilePicker(Dialog[str | None]):
    """Browse folders from `start` and pick a PNG or JPEG file; dismisses with its path."""

    DEFAULT_CSS = """
    LogoFilePicker {
        align: center middle;
    }
    LogoFilePicker > Vertical {
        width: 76;
        max-width: 100%;
        height: 20;
        max-height: 100%;
        border: thick $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    LogoFilePicker #picker-folder {
        color: $text-muted;
        height: 1;
    }
    LogoFilePicker LogoTree {
        height: 1fr;
    }
    LogoFilePicker #picker-help {
        color: $text-muted;
        height: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), tooltip=_("Close without choosing"),
                id="picker.cancel"),
        Binding("backspace", "parent", _("Parent folder"),
                tooltip=_("Show the folder above this one"), id="picker.parent"),
    ]

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Choose a logo")
            yield Static(Text(safe_text(self.start), no_wrap=True, overflow="ellipsis"),
                         id="picker-folder")
            yield LogoTree(self.start, id="picker-tree")
            yield Static(_("Enter: open or pick · Backspace: parent folder · Esc: cancel"),
                         id="picker-help", markup=False)
        yield KeyFooter()  # the dialog's own keys, over the screen's

    def on_mount(self) -> None:
        self.query_one(LogoTree).focus()

    def action_parent(self) -> None:
        tree = self.query_one(LogoTree)
        current = Path(tree.path)
        if current.parent != current:
            tree.path = current.parent
            self.query_one("#picker-folder", Static).update(
                Text(safe_text(current.parent), no_wrap=True, overflow="ellipsis"))

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(str(event.path))

    def action_cancel(self) -> None:
        self.dismiss(None)
