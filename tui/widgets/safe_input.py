"""SafeInput: an Input whose text never reaches the terminal raw (SPEC §8)."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.widgets import Input

from ..formatting import safe_line


class SafeInput(Input):
    """An Input that draws control, bidi and separator characters as visible placeholders.

    A value loaded from the database (written by an older version or another tool) or pasted
    may hold ESC, NUL or U+202E; Textual's Input would send them to the terminal as they are.
    Here each one is drawn as one visible character (␛, ␀, �) while `value` keeps what is
    really there, so the form's validation can name the character to remove. One character
    for one keeps the cursor, the selection and mouse clicks where they belong.
    """

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(safe_line(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

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
