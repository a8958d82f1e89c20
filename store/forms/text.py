"""Text as the forms take it: blank means not given, one rule against unsafe characters, lengths
from fields.py, and the website's own rule."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from store.forms.fields import GENERAL, Field
from store.forms.unsafe import character_named, first_refused_character
from store.i18n import _


def _blank_to_none(value: Any) -> Any:
    """An empty or whitespace-only input means "not given"."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


BLANK_IS_NONE = BeforeValidator(_blank_to_none)


def blank_or(parse: Callable[[str], Any]) -> BeforeValidator:
    """A before-validator for text typed in a box: spaces around it dropped, empty means not
    given (None), anything else is `parse(text)`, whose ValueError is the field's error.
    Values that are not text (already parsed) pass as they are."""
    def validate(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        return parse(text) if text else None
    return BeforeValidator(validate)


def whole_number(text: str, refusal: str) -> int:
    """`text` as a whole number of ASCII digits; ValueError(refusal) otherwise ("٤٢", "²", "-1",
    "4.0" refused: str.isdigit() alone takes other scripts' digits)."""
    if not text.isascii() or not text.isdigit():
        raise ValueError(refusal)
    return int(text)


def _no_control(value: str) -> str:
    """Refuse characters that would move the cursor, hide text or reorder it on screen; keep
    the text in Unicode's composed form (NFC), so that "è" typed as e and a combining accent is
    the "è" the search and every comparison find (Unicode Standard Annex #15)."""
    char = first_refused_character(value)
    if char is not None:
        raise ValueError(refused_character_message(char))
    return unicodedata.normalize("NFC", value)


def refused_character_message(char: str) -> str:
    """The message for a field holding `char`, a character every form refuses (store.forms.
    unsafe): it names it by its code point and the symbol a text field draws for it
    (character_named: "U+0007 (shown as ␇)")."""
    return _("Remove the invisible control character {character}; use letters, digits, spaces "
             "and punctuation").format(character=character_named(char))


NO_CONTROL = AfterValidator(_no_control)


def _lines_joined(value: Any) -> Any:
    """A free text typed or pasted on several lines (a note, a reason: the command line's
    `--note "$(cat note.txt)"`, a paste into the dialog) as the one line the forms take, its
    lines joined as store.places.pasted joins a paste (" / "), blank lines dropped; one rule for the
    screens and the command line (#16 trial: the command line refused U+000A)."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        from store.places.pasted import joined_lines, pasted_lines

        return joined_lines(pasted_lines(value))
    return value


LINES_JOINED = BeforeValidator(_lines_joined)


def trimmed(field: Field) -> StringConstraints:
    """1 to the field's maximum length (fields.py) once trimmed; "" is "This field is required"."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=field.max_length)


def bounded(field: Field) -> StringConstraints:
    """At most the field's maximum length (fields.py) once trimmed; its own rule says the rest."""
    return StringConstraints(strip_whitespace=True, max_length=field.max_length)


def _website(value: str) -> str:
    """An http(s) address with a full domain name; "https://" is added when no scheme is typed."""
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in value):
        raise ValueError(_("A website address has no spaces; enter one like https://example.com"))
    only_http = _("Enter a website address starting with http:// or https://, "
                  "like https://example.com")
    if "://" not in value:
        # "example.com:8080" looks like a scheme to a URL parser; a real scheme has no dot.
        scheme = re.match(r"([a-z][a-z0-9+.-]*):", value, re.IGNORECASE)
        if scheme and "." not in scheme[1] and scheme[1].lower() != "localhost":
            raise ValueError(only_http)
        value = "https://" + value
    full_domain = _("Enter the website's full domain name, and a port up to 65535 if any, "
                    "like https://example.com or https://example.com:8443")
    try:
        parts = urlsplit(value)
        # Reading .port raises ValueError unless the port is a number up to 65535.
        if parts.port == 0:
            raise ValueError(full_domain)
    except ValueError:
        raise ValueError(full_domain) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(only_http)
    if "@" in parts.netloc:
        # https://bank.com@evil.example opens evil.example.
        raise ValueError(_("Enter the website without a user name or password, "
                           "like https://example.com"))
    host = (parts.hostname or "").rstrip(".")
    labels = host.split(".")
    if not all(re.fullmatch(r"(?!-)[\w-]{1,63}(?<!-)", label) for label in labels) or (
        len(labels) < 2 and host != "localhost"
    ):
        raise ValueError(full_domain)
    limit = GENERAL["website"].max_length
    if limit is not None and len(value) > limit:
        raise ValueError(_("Use at most {max_length} characters").format(max_length=limit))
    return value




# Plain text is kept as typed: markup like `[bold]x` or `ACME [EU] GmbH` is shown literally.
Website = Annotated[str, bounded(GENERAL["website"]), AfterValidator(_website)]
