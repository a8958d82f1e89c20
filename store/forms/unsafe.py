"""The one rule about characters that must never reach a screen, a terminal or a PDF raw.

Plain Python, no Pydantic: the screens and the command line escape these characters when they
show stored text (tui.formatting.safe_text), and the forms refuse them when text is typed.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls (tab and line feed too: a name is one line), the Arabic letter mark, the bidi
# marks, embeddings, overrides and isolates, the line and paragraph separators and lone
# surrogates: they move the cursor, change colours, reorder or break what follows on screen.
# And the invisible format characters of the Basic Multilingual Plane (Unicode category Cf:
# soft hyphen, zero-width space, word joiner, invisible operators, byte order mark, the Arabic
# number signs...) but the joiners (JOINERS): shown raw, stored text would hide characters.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u08e2"
                    "\u0890\u0891\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
                    "\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")

# Joiners are format characters too, but Persian, Indic scripts and emoji need them.
JOINERS = frozenset({"\u200c", "\u200d"})


def first_refused_character(text: str) -> str | None:
    """The first character a form refuses in `text`, or None.

    UNSAFE, and every other invisible format character (zero-width space, soft hyphen, byte
    order mark, tags: Unicode category Cf) except the joiners, which would hide text.
    """
    if text.isascii():  # no format character is ASCII: UNSAFE's controls alone (a sync of
        found = UNSAFE.search(text)  # the platform's feed checks 200 000 names: #14 bench)
        return found.group() if found else None
    for char in text:
        if UNSAFE.match(char) or (unicodedata.category(char) == "Cf" and char not in JOINERS):
            return char
    return None
