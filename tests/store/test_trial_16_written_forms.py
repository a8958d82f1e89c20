"""#16 trial by a new user (SPEC §5): VAT numbers stored in their country's written form
(python-stdnum's format()), a territory's postal code prefix kept (Åland's AX- under Finland),
and the postal code named as the country's post names it on every surface."""

from __future__ import annotations

import pytest

from store.errors import InvalidInput
from store.forms.labels import address_field_label, postal_words
from store.forms.postal import canonical_postal_code, canonical_value
from store.forms.schemas import AddressForm
from store.forms.validation import validate
from store.places.addresses import address_lines
from store.profile.lock import lock_message

# (country, region, postal code, city) of a real address, to carry the VAT number.
PLACES = {"BR": ("SP", "01310-100", "São Paulo"), "JP": ("Tokyo", "100-8994", "Chiyoda-ku"),
          "CH": (None, "3003", "Bern"), "DE": (None, "20457", "Hamburg"),
          "US": ("CA", "94043", "Mountain View"), "IE": (None, "D02 X285", "Dublin"),
          "IN": ("KA", "560001", "Bengaluru")}


def address(country: str, **values: str | None) -> dict[str, str | None]:
    state, postal_code, city = PLACES[country]
    return {"line1": "1 Main Street", "city": city, "state": state,
            "postal_code": postal_code, "country": country, **values}


@pytest.mark.parametrize(("country", "typed", "stored"), [
    # Brazil's CNPJ as the Receita Federal writes it, with its slash (refused before).
    ("BR", "11.222.333/0001-81", "11.222.333/0001-81"),
    ("BR", "11222333000181", "11.222.333/0001-81"),
    # Japan's invoice registration number: T and the corporate number (refused before).
    ("JP", "T7000012050002", "T7000012050002"),
    ("JP", "t 7000012050002", "T7000012050002"),
    # The Swiss UID register's form (stored as CHE116281710MWST before).
    ("CH", "CHE-116.281.710 MWST", "CHE-116.281.710 MWST"),
    ("CH", "che116281710mwst", "CHE-116.281.710 MWST"),
    # An EU number as VIES reads it: its prefix and the compact number.
    ("DE", "DE 136.695.976", "DE136695976"),
])
def test_a_vat_number_is_stored_in_its_countrys_written_form(country, typed, stored):
    assert validate(AddressForm, address(country, vat_number=typed)).vat_number == stored


def test_a_written_vat_number_is_the_same_as_its_compact_one_for_the_lock():
    """A number stored compact before (CHE116281710MWST) is no change when sent written."""
    assert canonical_value("vat_number", "CHE-116.281.710 MWST", "CH") == canonical_value(
        "vat_number", "CHE116281710MWST", "CH")
    assert canonical_value("vat_number", "11.222.333/0001-81", "BR") == canonical_value(
        "vat_number", "11222333000181", "BR")


@pytest.mark.parametrize(("country", "typed", "stored", "line"), [
    # Åland under Finland: stored as Finland's codes are, laid out with Åland's own prefix
    # (#16 trial t16: "ax-22100" was stored "AX-22100", "22100" laid out "FI-22100").
    ("FI", "AX-22100", "22100", "AX-22100 Mariehamn"),
    ("FI", "ax 22100", "22100", "AX-22100 Mariehamn"),
    ("FI", "22100", "22100", "AX-22100 Mariehamn"),
    ("AX", "AX-22100", "22100", "AX-22100 Mariehamn"),      # Åland's own format adds it
    ("FI", "FI-00100", "00100", "FI-00100 Mariehamn"),      # Finland's own: its format's
    ("FR", "MC-98000", "MC-98000", "MC-98000 Mariehamn"),   # Monaco's codes are France's
])
def test_a_territorys_postal_code_prefix_is_kept_and_laid_out_once(country, typed, stored, line):
    assert canonical_postal_code(country, typed) == stored
    lines = address_lines({"line1": "Torggatan 2", "postal_code": stored, "city": "Mariehamn",
                           "country": country}, "en")
    assert lines[1] == line


@pytest.mark.parametrize(("country", "label", "refusal"), [
    ("US", "ZIP code", "This is not a ZIP code for the United States"),
    ("IE", "Eircode", "This is not an Eircode for Ireland"),
    ("IN", "PIN code", "This is not a PIN code for India"),
    ("DE", "Postal code", "This is not a postal code for Germany"),
])
def test_the_postal_code_is_named_as_the_countrys_post_names_it(country, label, refusal):
    assert postal_words(country).label == label
    assert address_field_label("postal_code", country) == label
    with pytest.raises(InvalidInput) as caught:
        validate(AddressForm, address(country, postal_code="0"))
    assert caught.value.errors["postal_code"].startswith(refusal)
    assert lock_message("postal_code", country).startswith(f"{label} is locked")


def test_a_us_zip_code_of_another_state_says_zip_code():
    with pytest.raises(InvalidInput) as caught:
        validate(AddressForm, address("US", state="NY"))
    assert caught.value.errors["postal_code"].startswith("This ZIP code is not in New York")
