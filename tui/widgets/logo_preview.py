"""A small logo preview drawn with half-cell blocks ("▀", two pixels a cell) from PNG bytes.

Drawn here with Pillow and Rich rather than with textual-image: importing textual-image probes
the terminal (it writes DA1 and Kitty-graphics queries and reads stdin with timeouts), which
races Textual's own input thread once the app runs and costs ~0.2 s over SSH; half cells need
no probing and render the same everywhere, snapshots included.
"""

from __future__ import annotations

import io
from typing import cast

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from store.i18n import _

PREVIEW_WIDTH = 16  # cells
PREVIEW_HEIGHT = 6  # cells, i.e. 12 pixel rows
_OPAQUE = 128  # alpha from which a pixel is drawn; fainter ones show the background


def half_cell_text(png: bytes, width: int = PREVIEW_WIDTH, height: int = PREVIEW_HEIGHT) -> Text:
    """`png` scaled to fit `width`×`height` cells (aspect kept, centred) as "▀"/"▄" blocks.

    A cell is about twice as tall as wide, so each half cell is a square pixel. Transparent
    pixels take no colour, so the theme's background shows through.
    """
    from PIL import Image

    with Image.open(io.BytesIO(png)) as source:
        image = source.convert("RGBA")
    image.thumbnail((width, height * 2), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (width, height * 2), (0, 0, 0, 0))
    canvas.paste(image, ((width - image.width) // 2, (height * 2 - image.height) // 2))
    pixels = canvas.load()
    assert pixels is not None  # an image just made in memory is loaded

    def colour(x: int, y: int) -> str | None:
        r, g, b, a = cast(tuple[int, int, int, int], pixels[x, y])  # RGBA: four bands
        return f"rgb({r},{g},{b})" if a >= _OPAQUE else None

    text = Text(no_wrap=True, overflow="crop", end="")
    for row in range(height):
        if row:
            text.append("\n")
        for x in range(width):
            top, bottom = colour(x, row * 2), colour(x, row * 2 + 1)
            if top and bottom:
                text.append("▀", Style(color=top, bgcolor=bottom))
            elif top:
                text.append("▀", Style(color=top))
            elif bottom:
                text.append("▄", Style(color=bottom))
            else:
                text.append(" ")
    return text


class LogoPreview(Static):
    """The stored logo in 16×6 cells, or "No logo"."""

    DEFAULT_CSS = f"""
    LogoPreview {{
        width: {PREVIEW_WIDTH + 2};
        height: {PREVIEW_HEIGHT + 2};
        border: round $primary-muted;
        content-align: center middle;
        color: $text-muted;
    }}
    LogoPreview.-empty {{
        text-style: italic;
    }}
    """

    def __init__(self, png: bytes | None = None, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.png: bytes | None = None
        self.show_png(png)

    def show_png(self, png: bytes | None) -> None:
        """Draw `png` (None: "No logo"); an undrawable image says so instead of crashing."""
        self.png = png
        if png is None:
            self.set_class(True, "-empty")
            self.update(Text(_("No logo"), no_wrap=True))
            return
        try:
            drawn = half_cell_text(png)
        except Exception:  # noqa: BLE001 - a preview must never take the tab down
            self.set_class(True, "-empty")
            self.update(Text(_("Cannot preview"), no_wrap=True))
            return
        self.set_class(False, "-empty")
        self.update(drawn)
