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
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                    "\u2066-\u2069\ud800-\udfff]")

# Joiners are format characters too, but Persian, Indic scripts and emoji need them.
JOINERS = frozenset({"\u200c", "\u200d"})


def first_refused_character(text: str) -> str | None:
    """The first character a form refuses in `text`, or None.

    UNSAFE, and every other invisible format character (zero-width space, soft hyphen, byte
    order mark, tags: Unicode category Cf) except the joiners, which would hide text.
    """
    for char in text:
        if UNSAFE.match(char) or (unicodedata.category(char) == "Cf" and char not in JOINERS):
            return char
    return None
