"""The one rule about characters that must never reach a screen, a terminal or a PDF raw.

Plain Python, no Pydantic: the screens and the command line escape these characters when they
show stored text (tui.formatting.safe_text), a text field draws each as one visible symbol
(`pictured`), and the forms refuse them when text is typed, naming each by its code point and
that symbol (`character_named`).
"""

from __future__ import annotations

import re
import unicodedata

from store.i18n import _

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

# Direction marks, embeddings, overrides and isolates: they reorder what follows.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def control_picture(char: str) -> str:
    """The one visible symbol drawn for `char`, a character UNSAFE matches: Unicode's control
    pictures (U+2400 block) for the C0 controls (␀ … ␛ … ␟) and delete (␡); ␤ for a line break
    hidden in one line (NEL, line and paragraph separators); ⇄ for a direction mark, embedding,
    override or isolate; � for the rest (C1 controls, invisible format characters, lone
    surrogates)."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if char in "\x85\u2028\u2029":
        return "\u2424"
    if char in BIDI:
        return "\u21c4"
    return "\ufffd"


def pictured(text: str) -> str:
    """`text` with each UNSAFE character as its control_picture, one character for one, so that
    positions in it stay those of `text` (a text field's cursor: tui.formatting.safe_line)."""
    return UNSAFE.sub(lambda found: control_picture(found.group()), text)


def character_named(char: str) -> str:
    """A character a form refuses as its messages name it: its code point and the symbol a text
    field draws for it, "U+001B (shown as ␛)" (verification trial: the message named U+001B
    while the field showed ␛); the code point alone for one drawn as it is (a format character
    outside UNSAFE, first_refused_character)."""
    if not UNSAFE.match(char):
        return f"U+{ord(char):04X}"
    return _("U+{code:04X} (shown as {symbol})").format(code=ord(char),
                                                        symbol=control_picture(char))


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
