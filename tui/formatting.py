"""Display helpers shared by the command line and the screens: money, dates, safe text."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from functools import cache

# C0/C1 controls and the bidi overrides/isolates: a name may never move the cursor, change colours
# or reorder what follows it on screen.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(value: object) -> str:
    """`value` as text that cannot send escape sequences: controls shown as visible escapes."""
    if value is None:
        return ""
    text = str(value)
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


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

