"""E-mail addresses as mail clients write them, with names and comments around them: each address
and the name beside it (store.places.pasted.email_addresses reads recipients through it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# What separates one recipient from the next: a comma, Outlook's semicolon, a line end or a tab
# (store.places.pasted.pasted_lines' breaks), outside quotes, brackets and comments.
_TOKENS = re.compile(r"""
    (?P<quoted>"(?:[^"\\]|\\.)*"?)             # a quoted name: "Weber, Jonas"
  | (?P<comment>\((?:[^()\\]|\\.)*\)?)         # a comment (RFC 5322): d@x.example (Dee)
  | (?P<bracket><[^<>]*>?)                     # the address: <ap@x.example>
  | (?P<separator>[,;\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])
  | (?P<blank>\s+)
  | (?P<word>[^\s,;<"(]+)
""", re.VERBOSE)


@dataclass
class _Part:
    """One recipient's text, between two separators: its addresses (in angle brackets, or bare
    words with an @) and the words, quoted names and comments around them."""

    after_comma: bool
    addresses: list[str] = field(default_factory=list)
    bracketed: bool = False
    names: list[str] = field(default_factory=list)  # quoted names, comments, words without @

    @property
    def name(self) -> str:
        return " ".join(self.names)


def named_addresses(text: str) -> list[tuple[str, str]]:
    """(name, address) of each address in `text`, in order: the address in angle brackets
    (`"AP Team" <ap@x.example>`, `AP Team <ap@x.example>`) or a bare one (`ap@x.example`), the
    name the quoted text, words and comments (RFC 5322's `d@x.example (Dee)`) beside it; ("", "")
    for nothing. Outlook's unquoted "Last, First <address>" (`Weber, Anna <aw@x.example>`): a
    part with no address right before a bracketed address, after a comma, is the start of that
    address's name (verification trial: "Weber" was refused and "Anna" left out unsaid). Any
    other part with no address, and a word without @ beside a bare address, is (its text, ""):
    not an address, to be refused as typed."""
    parts = _parts(text)
    read: list[tuple[str, str]] = []
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else None
        if not part.addresses:
            if not (following and following.after_comma and following.bracketed
                    and following.addresses):
                read.append((part.name, ""))
            continue
        before = parts[index - 1] if index else None
        name = part.name
        if before is not None and not before.addresses and part.after_comma and part.bracketed:
            name = f"{before.name}, {name}" if name else before.name
        if not part.bracketed:  # bare addresses: a word beside one is no name of it
            read.extend((word, "") for word in part.names if not word.startswith("("))
            name = " ".join(word[1:-1] for word in part.names if word.startswith("("))
        read.extend((name, address) for address in part.addresses)
    return read


def _parts(text: str) -> list[_Part]:
    parts = [_Part(after_comma=False)]
    for token in _TOKENS.finditer(text):
        kind, value = token.lastgroup, token.group()
        part = parts[-1]
        if kind == "separator":
            parts.append(_Part(after_comma=value == ","))
        elif kind == "bracket":
            part.bracketed = True
            if address := value.strip("<>").strip():
                part.addresses.append(address)
        elif kind == "word" and "@" in value:
            part.addresses.append(value)
        elif kind == "quoted":
            part.names.append(value.strip('"').replace('\\"', '"'))
        elif kind in ("word", "comment"):
            part.names.append(value)
    return [part for part in parts if part.addresses or part.names or part.bracketed]
