"""What a fresh trial of #16 found (SPEC §5-§6): tax numbers as their country's authority prints
them, Åland, fields a country's format does not have, country names in the countries' own
languages, names searched whatever their punctuation, countries named in running text."""

from __future__ import annotations

import pytest

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.company
import store.profile.search
from store.forms.place_match import country_suggestion
from store.forms.postal import canonical_value, country_code
from store.forms.schemas import AddressForm
from store.forms.validation import validate

CAMILLE = "camille@atelier-lumiere.fr"
SUPPORT = "support@mycompany.example"

# (country, region, postal code) of a real address in each country, to carry a VAT number.
PLACES = {"AU": ("NSW", "2000", "Sydney"), "NZ": (None, "6011", "Wellington"),
          "CH": (None, "3003", "Bern"), "AX": (None, "AX-22100", "Mariehamn")}


def form(country: str, **values: str | None) -> AddressForm:
    state, postal_code, city = PLACES.get(country, (None, None, "City"))
    typed = {"line1": "1 Main Street", "city": city, "state": state,
             "postal_code": postal_code, "country": country, **values}
    return validate(AddressForm, typed)


def refused(country: str, **values: str | None) -> dict[str, str]:
    with pytest.raises(store.errors.InvalidInput) as caught:
        form(country, **values)
    return caught.value.errors


@pytest.mark.parametrize("country, typed, stored", [
    ("AU", "ABN 51 824 753 556", "51 824 753 556"),       # the Australian Business Register's
    ("AU", "51 824 753 556", "51 824 753 556"),
    ("NZ", "GST 49-091-850", "NZ49091850"),            # Inland Revenue's GST (IRD) number
    ("NZ", "IRD 49-091-850", "NZ49091850"),
    ("CH", "CHE-116.281.710 MWST", "CHE-116.281.710 MWST"),  # the UID register's, in each language
    ("CH", "CHE-116.281.710 TVA", "CHE-116.281.710 TVA"),
    ("CH", "che 116 281 710 iva", "CHE-116.281.710 IVA"),
])
def test_r15_a_tax_number_as_its_authority_prints_it_is_stored_canonically(country, typed,
                                                                           stored):
    assert form(country, vat_number=typed).vat_number == stored


CHECK_DIGITS = "This VAT number's check digits do not match: check it for a typo"


@pytest.mark.parametrize("country, typed, message", [
    ("AU", "ABN 51 824 753 557", CHECK_DIGITS), ("NZ", "GST 49-091-851", CHECK_DIGITS),
    ("CH", "CHE-116.281.710", ("A Swiss VAT number is the UID number followed by MWST, TVA or "
                               "IVA, like CHE-116.281.710 MWST")),
])
def test_r15_a_wrong_tax_number_is_refused_with_what_to_fix(country, typed, message):
    assert refused(country, vat_number=typed) == {"vat_number": message}


def test_r16_a_tax_number_sent_with_its_label_is_the_stored_one_for_the_lock():
    assert canonical_value("vat_number", "ABN 51 824 753 556", "AU") == canonical_value(
        "vat_number", "51824753556", "AU")


def test_r15_an_aland_address_takes_its_posts_prefix_and_a_finnish_vat_number():
    aland = form("Åland", postal_code="AX-22100", vat_number="FI 2077 4740")
    assert (aland.country, aland.postal_code, aland.vat_number) == ("AX", "22100", "FI20774740")
    assert refused("AX", vat_number="DE136695976") == {
        "vat_number": "This VAT number is for Germany; the address is in the Åland Islands"}
    assert refused("AX", vat_number="20774740") == {
        "vat_number": "Start the VAT number with FI, the prefix for the Åland Islands"}


def test_r15_an_aland_company_is_saved_and_laid_out_as_its_post_writes_it(demo):
    camille = store.people.access.resolve_actor(CAMILLE)
    view = store.profile.billing.get_billing(camille, demo["atelier"])
    saved = store.profile.billing.save_address(camille, demo["atelier"], {
        "line1": "Torggatan 1", "postal_code": "ax-22100", "city": "Mariehamn",
        "country": "Åland", "vat_number": "FI20774740"}, view.address.version)
    assert (saved.address.country, saved.address.vat_number) == ("AX", "FI20774740")
    assert saved.address.postal_code == "22100"


@pytest.mark.parametrize("country, state, name", [
    ("HK", "Kowloon", "Hong Kong SAR China"), ("AE", "Dubai", "the United Arab Emirates")])
def test_r15_a_postal_code_where_the_country_has_none_is_refused(country, state, name):
    assert refused(country, state=state, postal_code="999077") == {
        "postal_code": f"Addresses in {name} have no postal code; leave it empty"}
    assert form(country, state=state).postal_code is None


@pytest.mark.parametrize("typed, code", [
    ("Osterreich", "AT"), ("Österr", "AT"), ("osterr", "AT"), ("Deutschland", "DE"),
    ("Deutsch", "DE"), ("Espana", "ES"), ("Espa", "ES"), ("Sverige", "SE"), ("Sver", "SE"),
    ("Suisse", "CH"), ("Schweiz", "CH"), ("Schw", "CH"), ("Etats", "US"),
])
def test_r15_a_country_is_suggested_by_its_own_name_without_accents(typed, code):
    suggested = country_suggestion(typed, "en")
    assert suggested is not None and country_code(suggested) == code


def test_r15_names_in_the_persons_language_are_suggested_first():
    assert country_suggestion("Ger", "en") == "Germany"
    assert country_suggestion("allem", "fr") == "Allemagne"
    assert country_suggestion("Xq", "en") is None


@pytest.mark.parametrize("typed", ["Blue Harbor, Inc.", "Blue Harbor Inc", "blue harbor inc.",
                                   "BLUE HARBOR, INC"])
def test_search_finds_a_name_whatever_its_punctuation(demo, typed):
    support = store.people.access.resolve_actor(SUPPORT)
    assert [h.name for h in store.profile.search.search_companies(support,
        typed)] == ["Blue Harbor Inc."]


def test_search_finds_a_stored_comma_typed_without_it(demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    general = store.profile.company.get_general(jonas, demo["nordwind"])
    store.profile.company.save_general(jonas, demo["nordwind"], {
        "name": "Nordwind Logistik, GmbH & Co. KG", "website": general.website}, general.version)
    support = store.people.access.resolve_actor(SUPPORT)
    for typed in ("Nordwind Logistik GmbH", "nordwind logistik gmbh & co kg"):
        found = [h.name for h in store.profile.search.search_companies(support, typed)]
        assert found == ["Nordwind Logistik, GmbH & Co. KG"], typed
    assert store.profile.search.search_companies(support, "Nordwind Harbor") == []


@pytest.mark.parametrize("country, state, name", [
    ("NL", None, "the Netherlands"), ("US", "CA", "the United States"),
    ("GB", None, "the United Kingdom"), ("PH", "Abra", "the Philippines"),
    ("DE", None, "Germany"), ("CZ", None, "Czechia")])
def test_a_country_in_running_text_takes_its_article(country, state, name):
    """#16 trial: "... for Netherlands"."""
    message = refused(country, state=state, postal_code="0")["postal_code"]
    postal = "a ZIP code" if country == "US" else "a postal code"
    assert message.startswith(f"This is not {postal} for {name}; enter one like ")
