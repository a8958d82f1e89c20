"""Pasted text taken whole (SPEC §8: a paste is taken whole, or the person is told what was not
taken): an address pasted as lines spread over the address fields; several e-mail addresses
added as invoice recipients at once (R13), each checked as one typed would be; the lines of a
free text (a request's note, a reason) joined into the one line the forms take."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.errors import InvalidInput, StoreError
from store.views import Actor, BillingView

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
EMAIL_SEPARATORS = re.compile(r"[\s,;]+")
# Between the lines of a free text pasted into one line: seen as a line break, and a character
# every form takes (a line end is refused: store/forms/unsafe.py, a field's text is one line).
LINE_JOIN = " / "


def pasted_lines(text: str) -> list[str]:
    """The lines of a pasted text that hold something, each without its outer blanks (CR LF,
    LF and CR all end a line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


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


def spread_address(lines: list[str]) -> SpreadAddress:
    """Spread pasted address lines over the address fields (ADDRESS in store/forms/fields.py).

    The last line with the postal code and the city (in one of the three usual orders above) splits
    into those fields; the lines before it are the street: the first is line1, the others are
    joined with ", " into line2; a line after it that names a country (its code or its name,
    _country_line) is the country and any other line after it is left. Without such a line
    the lines go in order into line1, line2, postal_code and city, and what is more is left.
    Nothing is checked here: the form's own rules check the fields when they are saved.
    """
    spread = SpreadAddress()
    # The last such line: a street line may start with a number too ("12 rue de la Paix").
    place = next((index for index in reversed(range(len(lines))) if _postal_line(lines[index])),
                 None)
    if place is None:
        for name, line in zip(("line1", "line2", "postal_code", "city"), lines, strict=False):
            spread.values[name] = line
        spread.left = lines[4:]
        return spread
    street, after = lines[:place], lines[place + 1:]
    if street:
        spread.values["line1"] = street[0]
    if street[1:]:
        spread.values["line2"] = ", ".join(street[1:])
    spread.values.update(_postal_line(lines[place]) or {})
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


def add_recipients(actor: Actor, company_id: int, addresses: list[str]) -> RecipientsAdded:
    """Add each of `addresses` as an invoice recipient (R13), one after another, as
    store.billing.add_recipient adds one: an address that is not one or already receives the
    invoices is refused with the reason and the others are still added. Refused (exit 3) is
    raised, and nothing added, unless `actor` may add recipients (the first address tells)."""
    import store.billing

    view: BillingView | None = None
    added: list[str] = []
    refused: list[tuple[str, str]] = []
    for address in addresses:
        try:
            view = store.billing.add_recipient(actor, company_id, {"email": address})
        except InvalidInput as exc:
            refused.append((address, " ".join(exc.errors.values()) or exc.message))
        except StoreError:
            if not added:
                raise
            refused.append((address, ""))
        else:
            added.append(address)
    return RecipientsAdded(view, added, refused)
