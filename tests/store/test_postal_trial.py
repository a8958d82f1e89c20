"""What a new user's trial found in the address rules (#16, R15, SPEC §5): a region's example
postal code is the region's own, region names are in the reader's language, compatibility
characters in a postal code, and the prefixes people write before one."""

from __future__ import annotations

import pytest

import store.errors
from store import i18n
from store.forms.postal import canonical_postal_code, region_display
from store.forms.schemas import AddressForm
from store.forms.validation import validate


def _postal_error(country: str, state: str | None, postal_code: str) -> str:
    with pytest.raises(store.errors.InvalidInput) as refused:
        validate(AddressForm, {"line1": "1 Main St", "city": "Town", "state": state,
                               "postal_code": postal_code, "country": country})
    assert set(refused.value.errors) == {"postal_code"}
    return refused.value.errors["postal_code"]


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("country", "state", "typed", "message"), [
    # A Montreal code was offered for every province, a Tokyo one for every prefecture.
    ("CA", "ON", "H2X 1Y4",
     "This postal code is not in Ontario; enter one from there, like K1A 0B1"),
    ("CA", "QC", "K2A 0B1",
     "This postal code is not in Quebec; enter one from there, like H3Z 2Y7"),
    # No example of the data is in Nova Scotia or Osaka: none rather than another region's.
    ("CA", "NS", "H2X 1Y4", "This postal code is not in Nova Scotia; enter one from there"),
    ("JP", "Osaka", "100-0001", "This postal code is not in Osaka; enter one from there"),
    ("US", "NY", "90210", "This ZIP code is not in New York; enter one from there, like 10000"),
])
def test_a_postal_code_of_another_region_is_answered_with_the_regions_own_example(
        country, state, typed, message):
    assert _postal_error(country, state, typed) == message


def test_the_example_offered_for_a_region_is_taken_there():
    for province in ("ON", "QC", "BC", "AB", "NS", "NB", "PE", "NL", "MB", "SK"):
        message = _postal_error("CA", province, "X0A 0H0")  # Nunavut's
        if "like" in message:
            example = message.rsplit("like ", 1)[1]
            assert canonical_postal_code("CA", example, province) == example, province


def test_a_canadian_province_is_named_in_the_readers_language():
    assert "Nova Scotia" in _postal_error("CA", "NS", "H2X 1Y4")
    assert "Nouvelle" not in _postal_error("CA", "NS", "H2X 1Y4")
    assert region_display("CA", "NS", "en") == "Nova Scotia"
    assert region_display("CA", "NS", "fr") == "Nouvelle-Écosse"
    assert region_display("CA", "QC", "fr") == "Québec"
    assert region_display("CA", "ON", "fr") == "Ontario"
    assert region_display("US", "NY", "fr") == "New York"  # the data names it once
    assert region_display("JP", "Osaka", "en") == "Osaka"


def test_a_french_reader_reads_the_french_name_of_a_province(french):
    assert "Québec" in _postal_error("CA", "QC", "K2A 0B1")
    assert "Quebec" not in _postal_error("CA", "QC", "K2A 0B1")


@pytest.mark.parametrize("typed", ["¹⁰¹¹⁵", "₁₀₁₁₅", "١٠١١٥", "10115²", "①⓪①①⑤"])
def test_superscript_subscript_and_other_scripts_digits_are_refused(typed):
    assert _postal_error("DE", None, typed) == ("Write the postal code in the digits 0-9 and "
                                                "the letters A-Z, like 26133")


@pytest.mark.parametrize(("country", "typed", "stored"), [
    ("DE", "１０１１５", "10115"), ("GB", "ＳＷ１Ａ ２ＡＡ", "SW1A 2AA"),
    ("GB", "ｓｗ１ａ\u3000２ａａ", "SW1A 2AA"),
])
def test_full_width_ascii_is_taken_as_the_same_characters(country, typed, stored):
    form = validate(AddressForm, {"line1": "1 Main St", "city": "Town", "postal_code": typed,
                                  "country": country})
    assert form.postal_code == stored


@pytest.mark.parametrize(("country", "state", "typed", "stored"), [
    # Refused before: the old one-letter CEPT (vehicle) prefixes.
    ("AT", None, "A-1010", "1010"), ("BE", None, "B-1000", "1000"),
    ("DE", None, "D-20457", "20457"), ("FR", None, "F-75008", "75008"),
    ("IT", "RM", "I-00184", "00184"), ("NO", None, "N-0150", "0150"),
    ("SE", None, "S-111 51", "111 51"), ("FI", None, "SF-00100", "00100"),
    ("LI", None, "FL-9490", "9490"), ("ES", "M", "E-28013", "28013"),
    # Åland's codes are Finland's (22xxx): stored as Finland's are, without a prefix; the
    # layout writes AX- as its post does (store.forms.postal.territory_written, #16 trial t16).
    ("FI", None, "ax-22100", "22100"), ("FI", None, "AX 22100", "22100"),
    # Taken before, and still.
    ("CH", None, "CH-8001", "8001"), ("LU", None, "L-1234", "1234"),
    ("DK", None, "DK-1050", "1050"), ("SE", None, "SE-111 51", "111 51"),
    ("FI", None, "FI-00100", "00100"), ("NL", None, "NL-1012LG", "1012 LG"),
    ("AT", None, "AT-1010", "1010"), ("DE", None, "de 20457", "20457"),
])
def test_a_countrys_own_prefix_is_taken_and_not_stored(country, state, typed, stored):
    form = validate(AddressForm, {"line1": "1 Main St", "city": "Town", "postal_code": typed,
                                  "state": state, "country": country})
    assert form.postal_code == stored


@pytest.mark.parametrize(("country", "typed"), [
    ("DE", "F-75008"), ("AT", "D-1010"), ("FR", "A-75008"), ("DE", "AX-20457"),
])
def test_another_countrys_prefix_is_refused(country, typed):
    assert "not a postal code for" in _postal_error(country, None, typed)


def test_a_japanese_postal_code_typed_with_an_input_method_is_taken():
    """#16 trial: "１００ー８９９４" (full-width digits and the long-vowel mark ー that a
    Japanese input method types for "-") was refused; "１００－８９９４" was taken."""
    for typed in ("１００ー８９９４", "100ｰ8994", "〒１００－８９９４", "100-8994"):
        assert canonical_postal_code("JP", typed) == "100-8994", typed
