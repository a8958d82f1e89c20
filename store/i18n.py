"""The gettext hook every user-facing string of the store and the screens goes through."""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "mycompany"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(language: str | None) -> None:
    """Switch every later `_()` call to `language`; unknown languages fall back to English."""
    global _translation
    languages = [language] if language else None
    _translation = _gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=languages, fallback=True
    )


def _(message: str) -> str:
    """Translate `message` (an English message id) into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on a count."""
    return _translation.ngettext(singular, plural, n)
