"""Right-to-left text that PDF readers copy back as it was typed: one character per drawn code.

fpdf2 shapes a right-to-left run with HarfBuzz and draws its glyphs in visual order (right to
left read from the left), each glyph code mapped back to its characters by the font's ToUnicode
table. A reader copying the text (pdftotext, PDFium in Chrome, pypdf) turns the run back into
reading order by reversing it. A glyph that stands for several characters, Arabic lam-alef "لا"
above all (a required ligature), is mapped to them in reading order, and poppler and PDFium then
reverse that pair too: "السلام" came back as "السالم" (#17). pypdf keeps such a pair whole, so no
single mapping of the ligature suits all three; the reported issues (pypdf #1589, PyMuPDF #2199,
pdfminer.six #850) show it is the readers' common limitation, not a broken file.

So a right-to-left glyph that stands for several characters is drawn as the glyph for the first
one, preceded (on its left, where reading goes on) by one invisible zero-width glyph per further
character: every code then stands for exactly one character, and reversing codes gives the text
as typed in every reader. The page looks the same: the added glyphs are the font's zero-width
space (empty, no advance).

Read back by poppler (pdftotext) and pypdf, a line mixing right-to-left runs with numbers or Latin
keeps its runs in the order they are drawn, left to right, each right-to-left run reversed where
it stands (poppler's TextOutputDev.cc, reorderText, on a page mostly left-to-right): "חברה 2000
בע"מ" reads 'בע"מ 2000 חברה'. No drawing of the line changes that, only invisible characters
added to the text, which a search would trip on; PDFium (Chrome), which reorders a line by UAX #9,
reads it as typed (tests/documents/test_rtl_mixes.py).

Known limit: a ligature of two identical characters in a row, FiraGO's "الله" (lam, lam) above
all, still loses one in poppler and PDFium, which drop a character drawn again at the same place
as a shadow (pypdf keeps it). Spreading the codes over the glyph's width instead was tried:
PDFium then drops the characters drawn with an empty glyph inside another glyph's box, lam-alef
included, so the zero-width codes stay.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from fpdf.fonts import TTFFont

_EMPTY_GLYPH = "uni200B"  # ZERO WIDTH SPACE: FiraGO's has no outline and no advance


def _right_to_left(code_point: int) -> bool:
    return unicodedata.bidirectional(chr(code_point)) in ("R", "AL")


class OneCharacterPerCode(TTFFont):
    """A TTFFont whose shaped right-to-left clusters of several characters are drawn as one code
    per character (module docstring). Given to fpdf2's fonts by `readable_right_to_left`."""

    __slots__ = ()  # TTFFont's layout, so that a built font can take this class

    def shape_text(self, text: str, font_size_pt: float,
                   text_shaping_params: dict[str, Any] | None) -> Sequence[dict[str, Any]]:
        """fpdf2's shaped glyphs, each a dict with "mapped_char" (the code drawn) and its
        advance and offsets, with the clusters of several right-to-left characters split."""
        shaped = super().shape_text(text, font_size_pt, text_shaping_params)
        if not any(_right_to_left(ord(character)) for character in text):
            return shaped
        glyphs = {code: glyph for glyph, code in self.subset.items() if glyph is not None}
        empty = self.ttfont.getGlyphID(_EMPTY_GLYPH) \
            if _EMPTY_GLYPH in self.ttfont.getGlyphOrder() else None
        result: list[dict[str, Any]] = []
        for info in shaped:
            glyph = glyphs.get(info["mapped_char"])
            characters = glyph.unicode if glyph is not None else ()
            if (empty is None or glyph is None or not isinstance(characters, tuple)
                    or len(characters) < 2 or not _right_to_left(characters[0])):
                result.append(info)
                continue
            first, *further = characters
            # Reading goes on leftwards: the last character is the leftmost code.
            for character in reversed(further):
                code = self.subset.pick_glyph(self.subset.get_glyph(
                    glyph=empty, unicode=(character,), glyph_name=_EMPTY_GLYPH, glyph_width=0))
                result.append({"mapped_char": code, "x_advance": 0, "y_advance": 0,
                               "x_offset": 0, "y_offset": 0, "force_positioning": False})
            code = self.subset.pick_glyph(self.subset.get_glyph(
                glyph=glyph.glyph_id, unicode=(first,), glyph_name=glyph.glyph_name,
                glyph_width=glyph.glyph_width))
            result.append({**info, "mapped_char": code})
        return result


def readable_right_to_left(font: TTFFont) -> None:
    """Make `font` (one of a document's fonts, just added) draw right-to-left text one code per
    character (OneCharacterPerCode). fpdf2 builds its fonts itself in FPDF.add_font, with no
    way to pass a class, hence the class of the built font is swapped."""
    font.__class__ = OneCharacterPerCode
