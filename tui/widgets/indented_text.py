"""Static text whose indented lines wrap under their indent (Textual wraps from column 0)."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

HANGING = 2  # cells a wrapped line's continuation goes in further than the line


class IndentedText(Static):
    """A Static for label/value lines ("  Note: …") under headings: a line wider than the
    widget wraps at spaces with its continuation under the line's own indent, HANGING cells
    further in (a heading's as far in as an indented line's), as the command line's request
    blocks wrap (tui.request_blocks.wrapped). Textual has no
    text-indent or hanging-indent rule: a Text's wrapped lines start at column 0, under no
    label (#16 trial t16: Billing → Change requests printed "the lease PDF", "2026",
    "VIES; please send…" at column 1).

    Give it a rich Text (`update`), its lines separated by "\\n" and indented by spaces.
    `render()` is that Text wrapped to the widget's width, so its plain text reads as shown.
    """

    def render(self) -> Text:
        return self._wrapped(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width).plain.split("\n")) if width else 0

    def _wrapped(self, width: int) -> Text:
        content = self.content
        text = content if isinstance(content, Text) else Text(str(content))
        if width <= 0:
            return text
        console = self.app.console
        out: list[Text] = []
        for line in text.split("\n", allow_blank=True):
            indent = len(line.plain) - len(line.plain.lstrip(" "))
            if line.cell_len <= width:
                out.append(line)
                continue
            # A heading's continuation goes in as far as a line's under it: not read as one of
            # them ("Request 3  Rejected … on Dec 1," / "    2026").
            hanging = max(indent, HANGING) + HANGING
            # Every part as wide as a continuation may be: the first is a little short, never
            # wider than the widget.
            parts = line[indent:].wrap(console, max(width - hanging, 1), overflow="fold")
            out += [Text(" " * (hanging if n else indent)) + part for n, part in enumerate(parts)]
        return Text("\n").join(out)
