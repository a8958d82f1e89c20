"""Which language and locale: --lang, MYCOMPANY_LANG, LC_ALL/LC_MESSAGES/LANG or the company's
document locale; unknown languages read English; words, money and dates always agree."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal

import pytest

from store import i18n
from tests.i18n.conftest import screens_in
from tui.formatting import day, display_locale, money

LOCALE_VARIABLES = ("MYCOMPANY_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture
def environment(monkeypatch):
    """No language in the environment but what the test sets."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def language():
    """Set the store's language in a test; English again afterwards."""
    before = i18n.current_locale()
    yield i18n.set_language
    i18n.set_language(before)


@pytest.mark.parametrize("value, expected", [
    ("fr", "fr"), ("fr_FR.UTF-8", "fr_FR"), ("fr-CA", "fr_CA"), ("FR", "fr"),
    ("fr_BE@euro", "fr_BE"), ("en_US.UTF-8", "en_US"), ("de_DE.UTF-8", "en"), ("xx", "en"),
    ("C", "en"), ("C.UTF-8", "en"), ("POSIX", "en"), ("", "en"), (None, "en"),
    ("fr_FR; rm -rf /", "en"),
])
def test_locale_names_read_as_a_language_with_a_catalogue(value, expected):
    assert i18n.supported_locale(value) == expected


def test_lang_option_wins_over_every_variable(environment):
    environment.setenv("MYCOMPANY_LANG", "en")
    environment.setenv("LC_ALL", "en_US.UTF-8")

    assert i18n.user_locale("fr") == "fr"


def test_mycompany_lang_wins_over_the_locale_variables(environment):
    environment.setenv("MYCOMPANY_LANG", "fr")
    environment.setenv("LANG", "en_GB.UTF-8")

    assert i18n.user_locale() == "fr"


@pytest.mark.parametrize("variables, expected", [
    ({"LANG": "fr_FR.UTF-8"}, "fr_FR"),
    ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr_CA"),
    ({"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "fr_FR"),
    ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL decides, even for English
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
])
def test_screens_follow_the_person_s_locale_variables(environment, variables, expected):
    for name, value in variables.items():
        environment.setenv(name, value)

    assert i18n.user_locale() == expected
    assert display_locale() == expected


def test_unknown_lang_option_is_english_whatever_the_environment(environment):
    environment.setenv("LANG", "fr_FR.UTF-8")

    assert i18n.user_locale("xx") == "en"


def test_french_words_french_numbers_and_dates(language):
    language("fr")

    assert i18n._("My company") == "Mon entreprise"
    assert i18n._("Prices are indicative only.") == "Les prix ne sont donnés qu'à titre indicatif."
    # Babel's own spaces: narrow no-break between thousands, no-break before the symbol.
    assert money(Decimal("1234.56"), "EUR") == "1\u202f234,56\xa0€"
    assert day(date(2026, 11, 27)) == "27 nov. 2026"
    assert i18n.colon("Plan") == "Plan\xa0:"


def test_english_words_english_numbers_and_dates(language):
    language("en")

    assert i18n._("My company") == "My company"
    assert money(Decimal("1234.56"), "EUR") == "€1,234.56"
    assert day(date(2026, 11, 27)) == "Nov 27, 2026"
    assert i18n.colon("Plan") == "Plan:"


def test_an_unknown_language_reads_english(language):
    assert language("xx") == "en"
    assert i18n._("My company") == "My company"


def test_plurals_follow_french_rules(language):
    language("fr")

    def pending(n):
        return i18n.ngettext("{count} pending request", "{count} pending requests", n)

    assert pending(0) == "{count} demande en attente"  # French counts 0 as singular
    assert pending(1) == "{count} demande en attente"
    assert pending(2) == "{count} demandes en attente"


def test_country_names_come_from_pycountry_in_the_language(language):
    assert i18n.country_name("DE", "fr") == "Allemagne"
    assert i18n.country_name("KR", "fr") == "Corée du Sud"
    assert i18n.country_name("DE", "en") == "Germany"
    assert i18n.country_name("ZZ", "fr") == "ZZ"
    language("fr")
    assert i18n.country_name("US") == "États-Unis"


def test_store_refusals_are_in_the_person_s_language(language):
    from store.errors import InvalidInput
    from store.forms.schemas import AddressForm
    from store.forms.validation import validate

    language("fr")
    with pytest.raises(InvalidInput) as refused:
        validate(AddressForm, {"line1": "1 rue de la Paix", "postal_code": "7500",
                               "city": "Paris", "country": "FR", "vat_number": "DE136695976"})

    assert refused.value.errors["vat_number"] == (
        "Ce numéro de TVA correspond à un autre pays (Allemagne) que celui de l'adresse "
        "(France)")
    assert refused.value.errors["postal_code"].startswith(
        "Ce n'est pas un code postal valide pour ce pays (France)\u202f; saisissez-en un comme")


def test_screens_made_in_french_leave_the_english_ones_in_place():
    from tui.screens.company import CompanyScreen as english_screen

    with screens_in("fr"):
        from tui.screens.company import CompanyScreen as french_screen

        assert french_screen is not english_screen
        assert french_screen.BINDINGS[0].description == "Général"

    assert sys.modules["tui.screens.company"].CompanyScreen is english_screen
    assert english_screen.BINDINGS[0].description == "General"
    assert i18n._("General") == "General"
