"""The country and region rows of a form (R15, SPEC §5), in every form that has them (the
Billing address, the change request, the admin's New company: FollowsCountry, mixed into
FormSection): each offers a list of the places that match what is typed and completes the
list's first one after the letters typed (one ranking, the store's: store.forms.place_match);
the region row follows the country once one is chosen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, cast
from weakref import WeakKeyDictionary

from textual.suggester import Suggester
from textual.widgets import Input, Label

from store.forms.labels import address_field_label
from store.forms.place_match import (
    PlaceMatch,
    chosen_country,
    completion,
    country_matches,
    region_matches,
)
from store.forms.postal import canonical_region, country_code, region_kept, region_rule

from .form_field import Choices, FormField

if TYPE_CHECKING:
    from .form_section import FormSection

# The rows whose region, the address's as loaded, a country change took out (follow_country),
# with the country loaded then: it comes back only to that country as loaded, never after a
# save loaded another one (#16 trial: NY came back under France).
_set_aside: WeakKeyDictionary[FormField, str | None] = WeakKeyDictionary()


class FollowsCountry:
    """Mixed into FormSection, the one form widget: a form with a country row offers the
    countries as they are typed (`suggest_countries`, in the program's language), and one with
    a region row too has it follow the country (`follow_country`) as the form opens, loads and
    as the country is typed or pasted, in every form alike (verification v1: the New company
    dialog showed "State" under Germany after a paste, where Billing shows no region row)."""

    def on_mount(self) -> None:
        form = cast("FormSection", self)
        if "country" in form.names:
            suggest_countries(form, None)
            self.follow_country()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-country":
            self.follow_country()

    def follow_country(self) -> None:
        """The region row as the country now in the country row has it (none without both)."""
        form = cast("FormSection", self)
        if "country" in form.names and "state" in form.names and form.is_mounted:
            follow_country(form, form.field("country").value)


def follow_country(form: FormSection, typed: str) -> None:
    """The region row of an address form as the country's post has it (store.forms.postal):
    "Province" for Canada, "Prefecture" for Japan, none for Germany (shown while it holds a
    value, so that what is there can be cleared); a region of another country is cleared. The
    postal code's row is named as the post names it ("ZIP code" in the US: store.forms.labels).
    Only once a country is chosen (store.forms.place_match.chosen_country: from the list, a
    name written whole, a code in capitals); while one is typed the rows stay as they are,
    label, list and value together (#16 trial: "State" over "Quebec" while "Uni…" was typed)."""
    code = chosen_country(typed)
    if code is None:
        return
    row = form.field("state")
    loaded = country_code(form.loaded.get("country") or "")
    if not row.input.disabled:
        # A region stays where the country has a region row (store.forms.postal.region_kept,
        # as on the command line: Quebec under the United States, which the save refuses by
        # name, #18 trial) and goes where it has none (Germany); the address's own comes back
        # with its country, in place of one that is not that country's.
        own = form.loaded.get("state")
        if row.value and region_kept(row.value, code) is None:
            if row.value == own:
                _set_aside[row] = loaded
            row.set_value(None)
        back = not row.value and _set_aside.pop(row, "") == loaded if code == loaded else False
        other = bool(row.value) and row.value != own and code == loaded \
            and canonical_region(code, row.value) is None
        if own and (back or other):
            row.set_value(own)
    rule = region_rule(code)
    row.query_one(".form-field--label", Label).update(rule.label)
    form.field("postal_code").query_one(".form-field--label", Label).update(
        address_field_label("postal_code", code))
    row.display = rule.used or bool(row.value)
    # The country's regions to choose from as typed (Ontario, Tokyo), or typed as a code.
    listed = _region_choices(code) if rule.choices else None
    row.input.suggester = PlaceSuggester(lambda text: region_matches(code, text), row) \
        if rule.choices else None
    row.set_choices(listed)


def _listed(matches: list[PlaceMatch], with_key: Callable[[PlaceMatch], bool]
            ) -> list[tuple[str, str]]:
    """(what a line puts in the field, the line) of each match: its name, and its code."""
    return [(m.name, f"{m.name}  {m.key}" if with_key(m) else m.name) for m in matches]


def _region_choices(country: str) -> Choices:
    def choices(typed: str) -> list[tuple[str, str]]:
        return _listed(region_matches(country, typed),
                       lambda m: m.key.isascii() and m.key != m.name)

    return choices


def suggest_countries(form: FormSection, locale: str | None) -> None:
    """The country row's list of the countries that match what is typed (↓ ↑ Enter, #16 trial:
    "chosen by name ... with type-to-filter") and its completion, the list's first country
    (→ takes it): both the store's store.forms.place_match.country_matches, in `locale`."""
    field = form.field("country")
    field.input.suggester = PlaceSuggester(lambda text: country_matches(text, locale), field)

    def choices(typed: str) -> list[tuple[str, str]]:
        return _listed(country_matches(typed, locale), lambda _m: True)

    field.set_choices(choices)


class PlaceSuggester(Suggester):
    """The completion after the letters typed: the first of `matches(typed)` (the list's first
    line) as it is written from those letters (store.forms.place_match.completion). Off the
    event loop: the first country's other names load pycountry's and CLDR's (about a second).
    Only for what the person types in `field` (FormField.offers): a value the form loads or a
    pick list puts there asks for nothing, so a session that only looks never loads those names
    (tests/tui/test_session_imports.py); nor does the text escape closed the list on, and an
    answer that comes once the text is saved, closed or typed over is dropped."""

    def __init__(self, matches: Callable[[str], list[PlaceMatch]], field: FormField) -> None:
        super().__init__(case_sensitive=True, use_cache=False)
        self.matches = matches
        self.field = field

    async def get_suggestion(self, value: str) -> str | None:
        if not self.field.offers(value):
            return None
        found = await asyncio.to_thread(self.matches, value)
        return completion(value, found) if self.field.offers(value) else None
