"""The fonts an invoice PDF is drawn with: installed by pip with the package, never the system's.

Two declared dependencies (pyproject.toml), both under the SIL Open Font License 1.1:

- `pymupdf-fonts` (PyMuPDF's optional fonts, published by the PyMuPDF project; pure Python, no
  dependency, PyMuPDF itself is NOT needed): FiraGO Regular and Bold (Mozilla / Carrois, OFL 1.1),
  one design for Latin, Greek, Cyrillic, Arabic, Hebrew, Georgian, Thai and Devanagari; and Noto
  Sans Regular (Google, OFL 1.1) for the few signs FiraGO lacks, such as the narrow no-break space
  Babel writes between thousands in French. The package keeps each font as compressed bytes in a
  Python module; fpdf2 reads fonts from files only, so the three are written once per process
  into a private temporary folder (about 30 ms, 2 MB).
- `noto-cjk-sans-otc`: Google's Noto Sans CJK Regular collection file, unchanged (OFL 1.1): the
  Chinese, Japanese and Korean fallback. The face follows the buyer's country (Simplified Chinese
  glyph forms for CN, Japanese for JP…), the characters are the same in every face. It is loaded
  only for a document that needs it: parsing and subsetting it costs about 1.5 s.

Why these: no single well-kept PyPI package carries every script. Debian's fonts (DejaVu, Droid
Sans Fallback) are system packages a fresh install does not have; matplotlib's DejaVu brings numpy
and has no CJK; the CJK packages found are all young and single-maintainer, and this one ships the
upstream file as is (no code) under its licence, pinned to its version. Variable-font packages
(NotoSansSC[wght]) were rejected: instancing one weight takes 17 s per document.

Known limit: pypdf (7.1) does not read the CMap fpdf2 writes for a CID-keyed CFF font such as
Noto Sans CJK (it decodes the codes as single bytes): pypdf extracts CJK text with a NUL before
each character, where PDF readers (Acrobat, Chrome's PDFium, poppler's pdftotext) read it as typed.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store.forms.unsafe import UNSAFE

if TYPE_CHECKING:
    from fpdf import FPDF

FAMILY = "firago"
CJK_FAMILY = "notocjk"
# Faces of NotoSansCJK-Regular.ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (then the Mono faces).
_CJK_FACES = {"JP": 0, "KR": 1, "KP": 1, "CN": 2, "SG": 2, "TW": 3, "HK": 4, "MO": 4}
_CJK_DEFAULT_FACE = 2

# Control characters could smuggle terminal escapes or break the PDF text operators, and bidi
# overrides could make an address read differently from what is stored.
WHITESPACE_CONTROLS = re.compile(r"[\t\n\v\f\r\u0085\u2028\u2029]")
FIELD_LIMIT = 200  # the longest stored field; anything longer is cut with an ellipsis

# Kept alive for the process: the folder and the fonts in it go when the interpreter exits.
_folder: tempfile.TemporaryDirectory[str] | None = None
_written: tuple[Path, Path, Path] | None = None
_lock = threading.Lock()  # PDFs are drawn in worker threads (the screens, the SSH server)


def latin_fonts() -> tuple[Path, Path, Path]:
    """FiraGO Regular and Bold, and Noto Sans Regular, as .ttf files: written once per process
    from pymupdf-fonts, and again should something have cleaned the temporary folder since."""
    global _folder, _written
    with _lock:
        if _written is not None and all(path.is_file() for path in _written):
            return _written
        import pymupdf_fonts  # type: ignore[import-untyped]

        _folder = tempfile.TemporaryDirectory(prefix="mycompany-fonts-")
        paths = []
        fonts = (("FiraGO-Regular", pymupdf_fonts._figo), ("FiraGO-Bold", pymupdf_fonts._figbo),
                 ("NotoSans-Regular", pymupdf_fonts._notos))
        for name, font in fonts:
            path = Path(_folder.name) / f"{name}.ttf"
            path.write_bytes(font())
            paths.append(path)
        _written = (paths[0], paths[1], paths[2])
        return _written


def cjk_font() -> Path:
    """The Noto Sans CJK Regular collection file installed by noto-cjk-sans-otc."""
    import noto_cjk_sans_otc  # type: ignore[import-untyped]

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def clean(text: str, limit: int = FIELD_LIMIT) -> str:
    """`text` safe to draw literally: one line, no control or bidi-override characters, cut."""
    text = UNSAFE.sub("", WHITESPACE_CONTROLS.sub(" ", text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def set_up_fonts(pdf: FPDF, country: str | None) -> Callable[..., str]:
    """Give `pdf` the FAMILY font (regular and bold) with text shaping (right-to-left lines,
    Arabic joining), and return `pen(text, limit=FIELD_LIMIT)`: the text cleaned and made
    drawable.

    Fallbacks are added the first time a text needs a character FiraGO lacks, in this order:
    Noto Sans (the narrow no-break space U+202F that Babel writes in French numbers), then Noto
    Sans CJK in the face of the buyer's `country`. A character no font has becomes a visible "?"
    (fpdf2 would leave a blank)."""
    from fpdf.fonts import TTFFont

    def characters(font_key: str) -> set[int]:
        font = pdf.fonts[font_key]
        assert isinstance(font, TTFFont)  # every font added here is a font file
        # fpdf2 leaves the layout tables out of the embedded subset (the PDF holds glyphs already
        # shaped), yet fontTools' subsetter decompiles them first: 0.25 s per FiraGO face and
        # 1 s for Noto Sans CJK, on every document. HarfBuzz shapes from the font file, not from
        # this parsed copy, so the copy can do without them.
        for tag in ("GSUB", "GPOS", "GDEF"):
            if tag in font.ttfont:
                del font.ttfont[tag]
        return set(font.cmap)

    regular, bold, noto = latin_fonts()
    pdf.add_font(FAMILY, "", regular)
    pdf.add_font(FAMILY, "B", bold)
    pdf.set_text_shaping(True)
    drawable = characters(FAMILY) & characters(FAMILY + "B")
    face = _CJK_FACES.get((country or "").upper(), _CJK_DEFAULT_FACE)
    pending: list[tuple[str, Callable[[], None]]] = [
        ("notosans", lambda: pdf.add_font("notosans", "", noto)),
        (CJK_FAMILY, lambda: pdf.add_font(CJK_FAMILY, "", cjk_font(),
                                          collection_font_number=face)),
    ]
    added: list[str] = []

    def pen(text: str, limit: int = FIELD_LIMIT) -> str:
        nonlocal drawable
        text = clean(text, limit)
        while pending and not drawable.issuperset(map(ord, text)):
            family, add = pending.pop(0)
            add()
            added.append(family)
            pdf.set_fallback_fonts(added, exact_match=False)
            drawable = drawable | characters(family)
        return "".join(c if ord(c) in drawable else "?" for c in text)

    return pen
