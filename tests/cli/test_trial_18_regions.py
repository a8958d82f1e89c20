"""Regions as a new user writes them (#16, #18 trial), on the command line and in the store:

1. a region typed by its English name, or any name ISO 3166-2's catalogues give it, is found
   (`--country RU --state "Sverdlovsk Oblast"` was "not a region"): one matcher for the save,
   the list to choose from and `companies create` (store.forms.place_names.region_key_for);
2. a region that is not the country's is refused by a message that names it and gives an
   example of the row's own kind ("Russia has no oblast called …, e.g. Amurskaya oblast'", not
   "This is not a oblast of Russia … like Altayskiy kray", a kray);
3. a country change keeps the region the country has no such region of and refuses it by name
   (Canada's ON under the United States was emptied without a word);
4. a company is created with its country and region alone, the address coming later.
"""

from __future__ import annotations

import json

import pytest

from store.forms.place_match import region_matches
from store.forms.postal import canonical_region, region_kept

ADMIN = "admin@mycompany.example"
CAMILLE = "camille@atelier-lumiere.fr"  # in its trial: every field may change

ENGLISH_NAMES = [
    ("RU", "Sverdlovsk Oblast", "Sverdlovskaya oblast'"),
    ("RU", "sverdlovsk region", "Sverdlovskaya oblast'"),
    ("RU", "Krasnodar Krai", "Krasnodarskiy kray"),
    ("RU", "Republic of Tatarstan", "Respublika Tatarstan"),
    ("RU", "Moscow", "Moskva"),
    ("RU", "Moscow Oblast", "Moskovskaya oblast'"),
    ("RU", "Tula Oblast", "Tulskaya oblast'"),
    ("UA", "Kyiv Oblast", "Kiev oblast"),  # the oblast, not the city of Kyiv
    ("UA", "Kyiv", "Kyiv city"),
    ("UA", "Odesa Oblast", "Odessa oblast"),
    ("UA", "lviv oblast", "Lviv oblast"),
    ("JP", "Osaka Prefecture", "Osaka"),
    ("JP", "Kyoto-fu", "Kyoto"),
    ("JP", "TOKYO", "Tokyo"),
    ("MX", "Mexico City", "CDMX"),
    ("MX", "State of Mexico", "Méx."),
    ("MX", "Nuevo Leon", "N.L."),
    ("MX", "michoacán", "Mich."),
    ("IN", "Maharashtra", "Maharashtra"),
    ("IN", "tamil nadu", "Tamil Nadu"),
]


@pytest.mark.parametrize(("country", "typed", "stored"), ENGLISH_NAMES)
def test_a_region_is_found_by_its_english_name(country, typed, stored):
    assert canonical_region(country, typed) == stored
    # The list under the field offers the region the save stores (one matcher).
    key = region_matches(country, typed)[0].key
    assert canonical_region(country, key) == stored


@pytest.mark.parametrize(("country", "typed"), [("US", "Ontario"), ("CA", "Californie"),
                                                ("RU", "Oblast"), ("UA", "Narnia Oblast")])
def test_a_name_of_no_region_of_the_country_is_none(country, typed):
    assert canonical_region(country, typed) is None


def test_set_address_takes_a_russian_region_by_its_english_name(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "RU", "--state",
                         "Sverdlovsk Oblast", "--postal-code", "620014", "--city",
                         "Yekaterinburg", "--line1", "ul. Lenina 1", "--vat", "")
    assert (status, err) == (0, "")
    assert json.loads(cli("--as", CAMILLE, "show", "billing", "--json")[1])["address"][
        "state"] == "Sverdlovskaya oblast'"


@pytest.mark.parametrize(("country", "message"), [
    ("RU", ("Oblast (--state): Russia has no oblast called Narnia: enter its name or code, "
           "e.g. Amurskaya oblast'")),  # an oblast, not Altayskiy kray (a kray)
    ("IN", ("State (--state): India has no state called Narnia: enter its name or code, "
           "e.g. Andhra Pradesh")),  # a state, not the Andaman and Nicobar Islands
    ("US", ("State (--state): The United States has no state called Narnia: enter its name or "
           "code, e.g. Alabama or AL")),
])
def test_a_region_of_no_such_name_is_refused_by_name_with_an_example_of_its_kind(
        cli, country, message):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", country, "--state",
                         "Narnia", "--vat", "")
    assert status == 1
    assert message + "\n" in err


def test_a_country_change_asks_for_the_region_again_and_says_why(cli):
    """The old country's region is never silently kept nor silently dropped where the new
    country has one: it is asked for as the street is (store.forms.moves; #16 trial t16: India's
    Delhi was refused as "Ireland has no county called Delhi", never typed)."""
    assert cli("--as", CAMILLE, "set", "address", "--country", "CA", "--state", "ON",
               "--postal-code", "K1A 0B1", "--city", "Ottawa", "--line1", "111 Wellington St",
               "--vat", "")[0] == 0
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "US",
                         "--postal-code", "10001", "--city", "New York", "--line1",
                         "1 Penn Plaza")
    # Never "even to keep ON": Ontario is not a state of the new country (v1).
    assert (status, err) == (1, ("State (--state): The country changes (Canada → United "
                                "States): give this field for the new address too.\n"))
    # Where the new country has no region row, there is nothing to choose: it goes.
    assert region_kept("ON", "DE") is None
    assert region_kept("ON", "US") == "ON"
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "US", "--state", "NY",
                         "--postal-code", "10001", "--city", "New York", "--line1",
                         "1 Penn Plaza")
    assert (status, err) == (0, "")


def test_a_company_is_created_with_its_country_and_region_alone(cli):
    status, out, err = cli("--as", ADMIN, "companies", "create", "--name", "Maple Test",
                           "--country", "CA", "--state", "ON", "--plan", "Professional",
                           "--term", "monthly", "--currency", "USD", "--owner-email",
                           "owen@maple.example", "--owner-name", "Owen Maple", "--json")
    assert (status, err) == (0, ""), err
    created = json.loads(out)
    assert created["time_zone"] == "America/Toronto"  # the region's, not Canada's first
    status, out, err = cli("--as", ADMIN, "companies", "create", "--name", "Ural Test",
                           "--country", "RU", "--state", "Sverdlovsk Oblast", "--plan",
                           "Professional", "--term", "monthly", "--currency", "EUR",
                           "--owner-email", "ural@ural.example", "--owner-name", "Ural")
    assert (status, err) == (0, ""), err
    assert "Time zone: Asia/Yekaterinburg" in out
    status, _, err = cli("--as", ADMIN, "companies", "create", "--name", "Bad Test",
                         "--country", "CA", "--state", "Narnia", "--plan", "Professional",
                         "--term", "monthly", "--currency", "USD", "--owner-email",
                         "bad@bad.example", "--owner-name", "Bad")
    assert status == 1
    assert "Canada has no province called Narnia: enter its name or code, e.g. Alberta or " \
           "AB" in err


@pytest.mark.parametrize(("country", "message"), [
    ("RU", "Enter the oblast for Russia: its name or code, like Amurskaya oblast'"),
    ("JP", "Enter the prefecture for Japan: its name or code, like Hokkaido"),
    ("US", "Enter the state for the United States: its name or code, like Alabama or AL"),
])
def test_a_missing_region_is_asked_for_with_an_example_of_its_kind_in_latin_letters(
        country, message):
    """The example was the list's first (a kray for Russia's oblast row) and its code in the
    country's script ("Altayskiy kray or Алтайский край", "Hokkaido or 北海道")."""
    from store.errors import InvalidInput
    from store.forms.places import Place
    from store.forms.validation import validate

    with pytest.raises(InvalidInput) as refused:
        validate(Place, {"country": country})
    assert refused.value.errors["state"] == message


def test_a_region_goes_with_its_country_to_one_without_regions_and_is_asked_for_elsewhere(cli):
    assert cli("--as", CAMILLE, "set", "address", "--country", "IN", "--state", "Delhi",
               "--postal-code", "110001", "--city", "New Delhi", "--line1", "1 Janpath",
               "--vat", "")[0] == 0
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "IE", "--postal-code",
                         "D02 X285", "--city", "Dublin", "--line1", "1 Main St")
    assert (status, err) == (1, ("County (--state): The country changes (India → Ireland): "
                                "give this field for the new address too.\n"))
    status, out, _ = cli("--as", CAMILLE, "set", "address", "--country", "GB", "--postal-code",
                         "SW1A 2AA", "--city", "London", "--line1", "1 Main St")
    assert status == 0 and "Delhi" not in out
