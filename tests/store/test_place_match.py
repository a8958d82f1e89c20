"""One ranking of the countries and regions a person means by what they type (#16 trial): the
list to choose from and the completion after the letters typed are the store's
(store.forms.place_match), code first, then names starting with the text, then later words,
then other names starting with it, then names holding it; and a country counts as chosen only
once it is (the region row follows it then)."""

from __future__ import annotations

import pytest

from store.forms.place_match import (
    chosen_country,
    completion,
    country_matches,
    country_suggestion,
    region_matches,
)


def keys(matches) -> list[str]:
    return [m.key for m in matches]


@pytest.mark.parametrize("typed", ["ca", "Ca", "CA"])
def test_the_completion_is_the_lists_first_country(typed):
    """#16 trial: "ca" completed to Cambodia while the list showed Canada first."""
    listed = country_matches(typed, "en")
    assert listed[0].key == "CA"
    assert country_suggestion(typed, "en") == "Canada" == listed[0].name


def test_a_name_holding_the_text_is_listed_after_those_starting_with_it():
    """#16 trial: "ger" listed Guernsey (by its name in a third language) and missed Algeria
    and Niger."""
    assert keys(country_matches("ger", "en")) == ["DE", "DZ", "NE", "NG"]


def test_a_name_in_a_third_language_matches_nothing():
    """#16 trial: "fra" listed St. Martin (its Slovenian name starts with "Franc")."""
    assert keys(country_matches("fra", "en")) == ["FR"]


def test_a_french_reader_is_matched_by_french_names():
    listed = country_matches("fra", "fr")
    assert [m.name for m in listed][:2] == ["France", "Guyane française"]
    assert keys(country_matches("allem", "fr")) == ["DE"]
    # Germany's English name is one of its other names: after the names in French.
    assert keys(country_matches("ger", "fr")) == ["DE", "DZ", "NE", "NG"]


def test_a_code_comes_first_and_is_completed_only_where_its_name_follows_the_letters():
    listed = country_matches("CH", "en")
    assert listed[0].key == "CH"  # Switzerland, then Chad, Chile...
    assert completion("CH", listed) is None  # "CHitzerland" would be no name


def test_another_name_completes_as_it_is_written():
    assert country_suggestion("Osterr", "en") == "Österreich"
    assert country_matches("Osterr", "en")[0].name == "Austria"


@pytest.mark.parametrize("country, typed, first, completed", [
    ("CA", "qu", "QC", "Quebec"), ("US", "NY", "NY", None), ("US", "ne", "NE", "Nebraska"),
    ("AU", "ns", "NSW", "NSW"), ("JP", "tok", "東京都", "Tokyo"),
])
def test_the_regions_follow_the_same_rule(country, typed, first, completed):
    listed = region_matches(country, typed, "en")
    assert listed[0].key == first
    assert completion(typed, listed) == completed


def test_a_region_is_matched_by_its_name_in_the_readers_language():
    assert [m.name for m in region_matches("CA", "colom", "fr")] == ["Colombie-Britannique"]


@pytest.mark.parametrize("typed, chosen", [
    ("", None), ("U", None), ("Uni", None), ("Unit", None), ("United", None),
    ("United States", "US"), ("ca", None), ("Can", None), ("Canada", "CA"), ("CA", "CA"),
    ("us", "US"), ("uk", None), ("UK", "GB"), ("USA", "US"), ("Niger", "NE"),
    ("Deutschland", "DE"),
])
def test_a_country_is_chosen_only_once_written_whole(typed, chosen):
    """#16 trial: the region's label turned to "State" under "Quebec" while "Uni…" was typed
    ("Unit" was taken for the United Kingdom)."""
    assert chosen_country(typed) == chosen
