"""The contract terms' names agree with one another in every language (#17, an accountant's
trial: the French Plan header read "mensuelle", lower case and feminine, where the annual terms
read "Annuel, facturé mensuellement": the names qualify one masculine word, "engagement", the
header's and `companies list`'s "Engagement" column, and start with a capital as in English)."""

from __future__ import annotations

import pytest

from store.i18n import set_language
from store.plans.terms import TERMS, term_name


@pytest.fixture
def french():
    set_language("fr")
    yield
    set_language("en")


def test_french_term_names_agree_in_case_and_gender(french):
    names = [term_name(term) for term in TERMS]
    assert names == ["Mensuel", "Annuel, facturé mensuellement", "Annuel, payé d'avance"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_term_name_starts_as_a_name(language):
    set_language(language)
    try:
        for term in TERMS:
            name = term_name(term)
            assert name[:1].isupper() and name != term, (language, name)
    finally:
        set_language("en")
