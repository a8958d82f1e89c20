"""Display helpers shared by the command line and the screens: money, dates, safe text."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from functools import cache

# C0/C1 controls (tab and line feed too: a name is one line), the bidi marks, embeddings,
# overrides and isolates, the line and paragraph separators and lone surrogates: a name may never
# move the cursor, change colours, reorder or break what follows it on screen. (The same set
# store/pdf.py keeps out of the invoices.)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")


def safe_text(value: object) -> str:
    """`value` as one line that cannot send escape sequences: controls shown as visible escapes
    (`\\x1b`, `\\n`, `\\u202e`)."""
    if value is None:
        return ""
    text = str(value)
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␛ ... ␟, the Unicode control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # �: C1 controls, bidi and separator characters


def safe_line(value: str) -> str:
    """`value` for a text field: each character safe_text escapes becomes ONE visible
    placeholder (␛, ␀, �), so positions in the text stay those of `value`."""
    return _UNSAFE.sub(_picture, value)


def display_locale(lang: str | None = None) -> str:
    """--lang, then MYCOMPANY_LANG, then LC_ALL/LANG, then English; only locales Babel knows."""
    from babel import Locale, UnknownLocaleError

    for candidate in (lang, os.environ.get("MYCOMPANY_LANG"), os.environ.get("LC_ALL"),
                      os.environ.get("LANG")):
        if not candidate or candidate in ("C", "POSIX") or candidate.startswith("C."):
            continue
        code = candidate.split(".")[0].split("@")[0]
        try:
            return str(Locale.parse(code))
        except (UnknownLocaleError, ValueError):
            continue
    return "en"


@cache
def _locale(code: str):
    from babel import Locale

    return Locale.parse(code)


def money(amount: Decimal, currency: str, locale: str = "en") -> str:
    """Babel's currency format for the display locale: €1,234.56 or 1 234,56 €."""
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale=_locale(locale))


def day(value: date | None, locale: str = "en") -> str:
    """A date in the locale's medium form (27 Nov 2026, 27 nov. 2026); '—' when there is none."""
    if value is None:
        return "—"
    from babel.dates import format_date

    return format_date(value, format="medium", locale=_locale(locale))

