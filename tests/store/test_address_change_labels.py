"""A change of an address field reads with each side under its own country's word when the two
countries name it differently (#15 trial: Blue Harbor's move US → Canada read "Province:
California → Ontario"): store.forms.labels.address_change, the one rule of the billing team's
queue, `requests list` and History."""

from __future__ import annotations

import pytest

from store.forms.labels import address_change
from store.i18n import set_language

US_CA = ("US", "CA")


@pytest.mark.parametrize(("field", "old", "new", "countries", "line"), [
    ("state", "California", "Ontario", US_CA, "State: California → Province: Ontario"),
    ("postal_code", "94043", "M5V 2T6", US_CA, "ZIP code: 94043 → Postal code: M5V 2T6"),
    ("state", "Ontario", "British Columbia", ("CA", "CA"), "Province: Ontario → British Columbia"),
    ("country", "United States", "Canada", US_CA, "Country: United States → Canada"),
    # a side with no value names no field of its own: the other side's country names the line
    ("state", None, "Ontario", ("DE", "CA"), "Province: (empty) → Ontario"),
    ("state", "California", "", ("US", "DE"), "State: California → (empty)"),
    ("line2", None, "Suite 5", US_CA, "Address line 2: (empty) → Suite 5"),
])
def test_each_side_is_named_by_its_own_country(field, old, new, countries, line):
    assert address_change(field, old, new, countries) == line


def test_in_french_too():
    set_language("fr")
    try:
        assert address_change("state", "Californie", "Ontario", US_CA) == \
            "État\u00a0: Californie → Province\u00a0: Ontario"
    finally:
        set_language("en")
