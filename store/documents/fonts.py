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
  glyph forms for CN, Japanese for JP…), the characters are the same in every face. A document
  gets a small TrueType font made from it for exactly the characters it draws (`cjk_subset`).

Why these: no single well-kept PyPI package carries every script. Debian's fonts (DejaVu, Droid
Sans Fallback) are system packages a fresh install does not have; matplotlib's DejaVu brings numpy
and has no CJK; the CJK packages found are all young and single-maintainer, and this one ships the
upstream file as is (no code) under its licence, pinned to its version. Variable-font packages
(NotoSansSC[wght]) were rejected: instancing one weight takes 17 s per document.
"""

from __future__ import annotations

import itertools
import logging
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store.documents.rtl import readable_right_to_left
from store.forms.unsafe import UNSAFE

if TYPE_CHECKING:
    from fpdf import FPDF

# fontTools' subsetter warns on stderr for each table it drops ("TTFA NOT subset; don't know
# how to subset; dropped": FiraGO's autohinting table, not needed in a PDF): not the reader's
# business, and it broke a command's output into noise (#17 trial).
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

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
    with _lock:
        return latin_fonts_unlocked()


def latin_fonts_unlocked() -> tuple[Path, Path, Path]:
    """latin_fonts, for a caller holding the lock."""
    global _folder, _written
    if _written is not None and all(path.is_file() for path in _written):
        return _written
    import pymupdf_fonts  # type: ignore[import-untyped]

    _folder = tempfile.TemporaryDirectory(prefix="mycompany-fonts-")
    _cjk_made.clear()  # they were in the folder that went
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


_cjk_made: OrderedDict[tuple[int, str], Path | None] = OrderedDict()
_cjk_numbers = itertools.count(1)
_CJK_KEPT = 256  # fonts made for recent documents, kept for the next invoice of the same company


def cjk_subset(face: int, characters: str) -> Path | None:
    """A TrueType font holding only those of `characters` that face `face` of Noto Sans CJK has
    (None when it has none of them): made once per process for a set of characters.

    The collection's outlines are CFF; they are converted to TrueType ones (fontTools' cu2qu,
    within 1/1000 em) because fpdf2 embeds a CID-keyed CFF font behind a CMap that pypdf
    cannot decode, and because fpdf2 parses and subsets the whole 65 000-glyph face for every
    document (1.5 s) where this takes 0.2 s.
    """
    key = (face, "".join(sorted(set(characters))))
    with _lock:
        if key in _cjk_made:
            made = _cjk_made[key]
            if made is None or made.is_file():
                _cjk_made.move_to_end(key)
                return made
        folder = latin_fonts_unlocked()[0].parent
        path = folder / f"NotoSansCJK-{face}-{next(_cjk_numbers)}.ttf"
        made = _make_cjk_subset(face, key[1], path)
        _cjk_made[key] = made
        while len(_cjk_made) > _CJK_KEPT:
            _key, old = _cjk_made.popitem(last=False)
            if old is not None:
                old.unlink(missing_ok=True)
        return made


def _make_cjk_subset(face: int, characters: str, path: Path) -> Path | None:
    from fontTools.fontBuilder import FontBuilder  # type: ignore[import-untyped]
    from fontTools.pens.cu2quPen import Cu2QuPen  # type: ignore[import-untyped]
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    source = TTFont(str(cjk_font()), fontNumber=face, lazy=True)
    names = source.getBestCmap()
    wanted = {ord(c): names[ord(c)] for c in characters if ord(c) in names}
    if not wanted:
        return None
    order = [".notdef", *sorted(set(wanted.values()) - {".notdef"})]
    outlines = source.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        outlines[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    hhea, os2 = source["hhea"], source["OS/2"]
    builder = FontBuilder(source["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(wanted)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: source["hmtx"][name] for name in order})
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    family = str(source["name"].getDebugName(1))  # "Noto Sans CJK SC"
    builder.setupNameTable({"familyName": family, "styleName": "Regular",
                            "psName": family.replace(" ", "") + "-Regular"})
    builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                     sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent,
                     usWinDescent=os2.usWinDescent, sCapHeight=os2.sCapHeight,
                     sxHeight=os2.sxHeight, usWeightClass=os2.usWeightClass, fsType=0)
    builder.setupPost()
    builder.save(str(path))
    return path


def clean(text: str, limit: int = FIELD_LIMIT) -> str:
    """`text` safe to draw literally: one line, no control or bidi-override characters, cut."""
    text = UNSAFE.sub("", WHITESPACE_CONTROLS.sub(" ", text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Pen:
    """`pen(text, limit=FIELD_LIMIT)`: `text` cleaned (`clean`) and made drawable with the fonts
    of one document: a character no font has becomes a visible "?" (fpdf2 would leave a blank)
    and is remembered (`missing`)."""

    def __init__(self, pdf: FPDF, drawable: set[int],
                 pending: list[tuple[str, Callable[[], None]]], added: list[str]) -> None:
        self._pdf, self._drawable, self._pending, self._added = pdf, drawable, pending, added
        self._missing: set[str] = set()

    def __call__(self, text: str, limit: int = FIELD_LIMIT) -> str:
        text = clean(text, limit)
        while self._pending and not self._drawable.issuperset(map(ord, text)):
            family, add = self._pending.pop(0)
            add()
            self._added.append(family)
            self._pdf.set_fallback_fonts(self._added, exact_match=False)
            self._drawable |= _characters(self._pdf, family)
        drawn = "".join(c if ord(c) in self._drawable else "?" for c in text)
        self._missing.update(c for c, d in zip(text, drawn, strict=True) if c != d)
        return drawn

    def missing(self) -> str:
        """The characters drawn as "?" so far, sorted."""
        return "".join(sorted(self._missing))


def _characters(pdf: FPDF, font_key: str) -> set[int]:
    """The code points font `font_key` of `pdf` draws."""
    from fpdf.fonts import TTFFont

    font = pdf.fonts[font_key]
    assert isinstance(font, TTFFont)  # every font added here is a font file
    # fpdf2 leaves the layout tables out of the embedded subset (the PDF holds glyphs already
    # shaped), yet fontTools' subsetter decompiles them first: 0.25 s per FiraGO face on every
    # document. HarfBuzz shapes from the font file, not from this parsed copy, so the copy can
    # do without them.
    for tag in ("GSUB", "GPOS", "GDEF"):
        if tag in font.ttfont:
            del font.ttfont[tag]
    return set(font.cmap)


def set_up_fonts(pdf: FPDF, country: str | None, cjk: str = "") -> Pen:
    """Give `pdf` the FAMILY font (regular and bold) with text shaping (right-to-left lines,
    Arabic joining), and return the document's Pen.

    `cjk`: characters to draw with Noto Sans CJK, in the face of the buyer's `country` (a font
    made for them, `cjk_subset`). Noto Sans (the narrow no-break space U+202F that Babel writes
    in French numbers) is added the first time a text needs a character FiraGO lacks.
    """
    regular, bold, noto = latin_fonts()
    pdf.add_font(FAMILY, "", regular)
    pdf.add_font(FAMILY, "B", bold)
    for key in (FAMILY, FAMILY + "B"):
        readable_right_to_left(pdf.fonts[key])  # type: ignore[arg-type]  # TTFFont: a file
    pdf.set_text_shaping(True)
    drawable = _characters(pdf, FAMILY) & _characters(pdf, FAMILY + "B")
    added: list[str] = []
    made = cjk_subset(_CJK_FACES.get((country or "").upper(), _CJK_DEFAULT_FACE), cjk) \
        if cjk else None
    if made is not None:
        pdf.add_font(CJK_FAMILY, "", made)
        added.append(CJK_FAMILY)
        pdf.set_fallback_fonts(added, exact_match=False)
        drawable |= _characters(pdf, CJK_FAMILY)
    pending: list[tuple[str, Callable[[], None]]] = [
        ("notosans", lambda: pdf.add_font("notosans", "", noto))]
    return Pen(pdf, drawable, pending, added)
