"""ISO 3166-2's view of a country's regions (pycountry, and the iso-codes translations it ships),
for store.places.region_zones: the groups regions belong to, the names those groups have in other
languages, and the regions that are countries of their own.

- Groups: ISO 3166-2 gives a region its parent ("geographical unit" Kalimantan for Kalimantan
  Barat, autonomous community Canarias for Santa Cruz de Tenerife). IANA's zone.tab names the
  group, in English ("Borneo (west, central)", "Canary Islands", "Java, Sumatra",
  "Sulawesi/Celebes", "Nusa Tengarra"), so each group is known by its ISO name and by every name
  the translations give it (Polish "Borneo", German "Sumatra", French "Célèbes"; #18 trial: the
  Kalimantan provinces fell back to Jakarta, an hour off in the east).
- Countries of their own: the United States' address form lists Puerto Rico, Guam, the Virgin
  Islands... as states; ISO 3166-1 gives each its own code and zone (#18 trial: Puerto Rico
  fell back to New York, an hour off in winter).

The translations are read by the catalogues' own hash tables (GNU .mo), a name at a time: about
7 ms for every language, against 0.4 s to load them whole.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from functools import cache
from pathlib import Path

_DOMAIN = "iso3166-2"


def _hashpjw(key: bytes) -> int:
    """GNU gettext's hash of a message id (its .mo hash table's)."""
    value = 0
    for byte in key:
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


def _lookup(catalogue: bytes, key: bytes) -> str | None:
    """The translation of `key` in a GNU .mo catalogue (bytes), by its hash table; None if it has
    none (or no hash table)."""
    _magic, _revision, _count, originals, translations, size, table = struct.unpack_from(
        "<7I", catalogue, 0)
    if size < 3:
        return None
    value = _hashpjw(key)
    index, step = value % size, 1 + value % (size - 2)
    for _ in range(size):
        (entry,) = struct.unpack_from("<I", catalogue, table + 4 * index)
        if entry == 0:
            return None
        length, offset = struct.unpack_from("<2I", catalogue, originals + 8 * (entry - 1))
        if catalogue[offset:offset + length] == key:
            length, offset = struct.unpack_from("<2I", catalogue, translations + 8 * (entry - 1))
            return catalogue[offset:offset + length].decode("utf-8", "replace")
        index = index + step - size if index >= size - step else index + step
    return None


@cache
def _catalogues() -> tuple[bytes, ...]:
    """Every language's ISO 3166-2 catalogue pycountry ships (about 70), little-endian only."""
    import pycountry

    found = []
    for path in sorted(Path(pycountry.LOCALES_DIR).glob(f"*/LC_MESSAGES/{_DOMAIN}.mo")):
        data = path.read_bytes()
        if data[:4] == b"\xde\x12\x04\x95":
            found.append(data)
    return tuple(found)


def names_in_languages(name: str) -> set[str]:
    """`name` (an ISO 3166-2 English name, "Kalimantan") and what each language calls it
    ("Borneo", "Калимантан", "Insula Kalimantan (Borneo)")."""
    key = name.encode("utf-8")
    found = {name}
    for catalogue in _catalogues():
        translated = _lookup(catalogue, key)
        if translated:
            found.add(translated)
    return found


@cache
def _subdivisions() -> tuple[dict[str, str], ...]:
    """ISO 3166-2's subdivisions as pycountry ships them ({"code", "name", "type", "parent"}),
    read from its JSON: 0.02 s, where `pycountry.subdivisions` builds its index of every one in
    0.09 s, paid by the first company of each process."""
    import json

    import pycountry

    path = Path(pycountry.DATABASE_DIR) / "iso3166-2.json"
    if not path.is_file():  # laid out otherwise: its API
        return tuple({"code": s.code, "name": s.name, "parent": s.parent_code or ""}
                     for s in pycountry.subdivisions)
    return tuple(json.loads(path.read_text("utf-8"))["3166-2"])


def groups(country: str) -> dict[str, tuple[str, set[str]]]:
    """The groups of `country`'s regions in ISO 3166-2: the group's code -> (its ISO name, the
    codes after "XX-" of its regions: "ID-KA" -> ("Kalimantan", {"KB", "KI", "KS", "KT",
    "KU"})); empty where its regions have no parents."""
    prefix = country.upper() + "-"
    own = [s for s in _subdivisions() if s["code"].startswith(prefix)]
    named = {s["code"]: s["name"] for s in own}
    out: dict[str, tuple[str, set[str]]] = {}
    for subdivision in own:
        parent = subdivision.get("parent") or ""
        parent = parent if parent.startswith(prefix) else prefix + parent
        if parent in named:
            out.setdefault(parent, (named[parent], set()))[1].add(
                subdivision["code"][len(prefix):])
    return out


def own_country(code: str, name: str, fold: Callable[[str], str] = str.casefold) -> str | None:
    """The ISO 3166-1 code of the country a region is, when its code `code` is that country's
    and its `name` is in that country's ("PR", "Puerto Rico"; "VI", "Virgin Islands": "Virgin
    Islands, U.S."); None otherwise ("CA", "California": not Canada). Names are compared as
    `fold` gives them (the caller's folding: `name` folded so already)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None or not name.strip():
        return None
    return country.alpha_2 if any(
        name in fold(str(getattr(country, field, "") or ""))
        for field in ("name", "common_name", "official_name")) else None


def types(country: str) -> dict[str, str]:
    """ISO 3166-2's type of each of `country`'s regions, by the code after "XX-": "RU-SVE" ->
    {"SVE": "Administrative region"}, "IN-AP" -> {"AP": "State"}, "IN-AN" -> {"AN": "Union
    territory"}."""
    prefix = country.upper() + "-"
    return {s["code"][len(prefix):]: s.get("type", "") for s in _subdivisions()
            if s["code"].startswith(prefix)}


@cache
def _names() -> dict[str, str]:
    """ISO 3166-2's name of every subdivision by its code ("US-CA" -> "California")."""
    return {s["code"]: s["name"] for s in _subdivisions()}


@cache
def _catalogue(language: str) -> Callable[[str], str]:
    """The iso-codes translation of ISO 3166-2's names into `language` ("fr"), as gettext reads
    it; a name it lacks comes back as it is."""
    import gettext

    import pycountry

    return gettext.translation(_DOMAIN, pycountry.LOCALES_DIR, languages=[language],
                               fallback=True).gettext


def name_in_language(code: str, language: str) -> str | None:
    """What `language` ("fr", "en") calls the subdivision `code` ("US-CA"), from the iso-codes
    translations pycountry ships: "Californie", "Géorgie", "Nouvelle-Galles-du-Sud", "Milan";
    None where that language's catalogue has no name of its own for it. A translation that is
    the name with only its letters' accents changed is a transliteration, not a name, and is
    not taken ("Cordoba" for Córdoba, "Hai Phong" for Hải Phòng, and the French catalogue's
    "Sôo Paulo" for São Paulo): the name as ISO writes it stands."""
    name = _names().get(code)
    if name is None:
        return None
    translated = _catalogue(language)(name)
    if not translated or translated == name:
        return None
    if len(translated) == len(name) and all(
            not mine.isascii() for mine, theirs in zip(name, translated, strict=True)
            if mine != theirs):
        return None
    return translated
