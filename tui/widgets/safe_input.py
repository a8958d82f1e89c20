"""SafeInput: an Input whose text never reaches the terminal raw (SPEC §8)."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len, get_character_cell_size
from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input

from ..formatting import safe_line


class ShownSafely(Highlighter):
    """What an Input draws: its value with each unsafe character as a placeholder (␛, ␀, �).

    Input draws `highlighter(Text(value))`, the one public hook between its value and the
    terminal. Rich's Text has already dropped some control characters (BEL, BS, CR...) from
    what it is handed, so the text is made again from the field's own value. One placeholder
    for one character keeps the cursor and the selection (placed by character index) where
    they belong. The field's own highlighter, if any, then runs on the safe text.
    """

    def __init__(self, field: Input, inner: Highlighter | None = None) -> None:
        self.field = field
        self.inner = inner

    def __call__(self, text: str | Text) -> Text:
        shown = Text(safe_line(self.field.value), no_wrap=True, overflow="ignore", end="")
        return shown if self.inner is None else self.inner(shown)

    def highlight(self, text: Text) -> None:
        """Not used: `__call__` makes a new Text (placeholders are characters, not styles)."""


class SafeInput(Input):
    """An Input that draws control, bidi and separator characters as visible placeholders.

    A value loaded from the database (written by an older version or another tool) or pasted
    may hold ESC, NUL or U+202E; Textual's Input would send them to the terminal as they are
    (it draws `value` through its highlighter only; no upstream Textual issue about it was
    found in the issue tracker on 2026-11-29). Here each one is drawn as one visible character
    (through the public `highlighter`) while `value` keeps what is really there, so the form's
    validation can name the character to remove.

    Textual measures the cursor's column and maps mouse clicks on `value` itself, where these
    characters are zero cells wide, and offers no public hook for either: the two methods below
    are the one place the program still overrides Textual's private names, so that a click on
    ␛ lands on it and the terminal's cursor sits on the cell drawn
    (tests/hostile/test_shown_literally.py). Without them the text shown stays safe; only a
    click or the cursor after such a character is one cell off.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.highlighter = ShownSafely(self, self.highlighter)

    def _position_to_cell(self, position: int) -> int:
        return cell_len(safe_line(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        shown = safe_line(self.value)
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cell_offset = 0
        for index, char in enumerate(shown):
            width = get_character_cell_size(char)
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return max(0, min(offset, len(shown)))
