"""Dates as a person reads them: the one way a day or a span of days is written on the screens,
in the command line's text and on the PDFs (#17 trial: "11/1/26" read 1 Nov or 11 Jan).

A day is written with its month as a word, in the reader's language (CLDR's "yMMMd" skeleton):
"Nov 1, 2026", « 1 nov. 2026 », "1. Nov. 2026", never a numeric short form whose order depends
on the country. JSON, CSV and the trail keep ISO 8601 (2026-11-01): that is for programs.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

NO_DAY = "—"


def day_text(value: date | None, locale: str | None = None) -> str:
    """`value` with its month as a word, for `locale` (None: the language messages are in):
    "Nov 1, 2026" (en), "1 nov. 2026" (fr); "—" for None. Remembered per (day, locale): a list
    writes the same days page after page."""
    if value is None:
        return NO_DAY
    from store.i18n import current_locale

    return _day_text(value, locale or current_locale())


@lru_cache(maxsize=4096)
def _day_text(value: date, locale: str) -> str:
    from babel.dates import format_skeleton

    from store.i18n import babel_locale

    return format_skeleton("yMMMd", value, locale=babel_locale(locale))


def day_span(first: date, last: date, locale: str | None = None) -> str:
    """The days from `first` to `last` included, written as short as the language allows and
    without ambiguity: "Nov 15 – 30, 2026", "15–30 nov. 2026", "Dec 28, 2026 – Jan 3, 2027";
    one day alone when `first` is `last`."""
    from store.i18n import current_locale

    return _day_span(first, last, locale or current_locale())


@lru_cache(maxsize=1024)
def _day_span(first: date, last: date, locale: str) -> str:
    from babel.dates import format_interval

    from store.i18n import babel_locale

    if first == last:
        return _day_text(first, locale)
    try:
        return format_interval(first, last, "yMMMd", locale=babel_locale(locale))
    except (ValueError, LookupError):
        return f"{_day_text(first, locale)} – {_day_text(last, locale)}"


def span_ends(first: date, last: date, locale: str | None = None) -> tuple[str, str]:
    """The two ends of `day_span(first, last)`, each as short as that span writes it, for a
    sentence that words the span itself, as each language does ("for {first} – {last}", « du
    {first} au {last} »): ("Nov 15", "30, 2026"), ("15", "30 nov. 2026"), ("Dec 28, 2026", "Jan
    3, 2027"). A span inside a sentence is worded so rather than written as a span (#18
    verification: « pour 15 déc. 2026 – 31 janv. 2027 » reads « du 15 déc. 2026 au 31 janv.
    2027 »); a span standing alone (a list's Period, a label) stays `day_span`. Both days whole
    when the language's span has no one dash between its ends."""
    import re

    parts = re.split(r"\s*–\s*", day_span(first, last, locale))
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1]
    return day_text(first, locale), day_text(last, locale)
