"""The search finds what agents paste (SPEC §11): a whole e-mail address, `@domain`, a VAT
number in any spacing, a name in any Unicode form."""

from __future__ import annotations

import unicodedata

import pytest

import store
import store.people.access
import store.profile.company
import store.profile.search

SUPPORT = "support@mycompany.example"


def names(text: str) -> list[str]:
    return [h.name for h in store.profile.search.search_companies(store.people.access.resolve_actor(
        SUPPORT),
                                                          text)]


@pytest.mark.parametrize("pasted", [
    "jonas@nordwind.de", "buchhaltung@nordwind.de", "@nordwind.de", " @nordwind.de ",
    "DE 136 695 976", "de136.695.976", "DE-136-695-976", "ＮＯＲＤＷＩＮＤ",
])
def test_what_an_agent_pastes_finds_nordwind(demo, pasted):
    assert "Nordwind Logistik GmbH" in names(pasted)


def test_a_name_in_either_unicode_form_finds_the_company(demo):
    decomposed = unicodedata.normalize("NFD", "Atelier Lumière")
    assert decomposed != "Atelier Lumière"
    assert any(n.startswith("Atelier Lumière") for n in names(decomposed))


def test_a_name_saved_decomposed_is_kept_composed_and_found(demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    general = store.profile.company.get_general(jonas, demo["nordwind"])
    saved = store.profile.company.save_general(
        jonas, demo["nordwind"], {"name": unicodedata.normalize("NFD", "Nordwind Lüneburg"),
                                  "website": general.website}, general.version)
    assert saved.name == "Nordwind Lüneburg"  # NFC
    assert names("Lüneburg") == ["Nordwind Lüneburg"]


def test_a_name_with_spaces_is_not_taken_for_a_vat_number(demo):
    assert store.profile.search.pasted("Blue Harbor") == ("Blue Harbor", None)
    assert store.profile.search.pasted("DE 136 695 976") == ("DE 136 695 976", "DE136695976")


@pytest.mark.parametrize("typed", ["Atelier Lumiere", "atelier lumiere", "ATELIER LUMIÈRE",
                                   "Lumiere", "lumière", "Atelier Lumi", "LUMIE"])
def test_a_name_is_found_without_its_accents_in_any_case(demo, typed):
    """#16 trial: "Atelier Lumiere" found nothing; "Atelier Lumi" listed Atelier Lumière and
    "Atelier Lumiere" (three letters more) dropped it."""
    assert any(n.startswith("Atelier Lumière") for n in names(typed))


def test_a_renamed_company_is_found_without_its_accents(demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    general = store.profile.company.get_general(jonas, demo["nordwind"])
    store.profile.company.save_general(jonas, demo["nordwind"], {"name": "Nordwind Müller Görlitz",
                                                         "website": general.website},
                               general.version)
    assert names("muller gorl") == ["Nordwind Müller Görlitz"]


@pytest.mark.parametrize("typed", ["40 303 265 045", "40.303.265.045", "FR 40 303 265 045"])
def test_a_vat_number_with_spaces_is_found_with_or_without_its_prefix(demo, typed):
    assert any(n.startswith("Atelier Lumière") for n in names(typed))


def test_a_company_renamed_by_another_program_is_still_found(demo):
    """The index's triggers call no function of the program's (0014): a rename by another
    program (the sqlite3 shell) works, and the new name is found as typed, case aside."""
    import sqlite3

    from store.persistence.db import database, is_sqlite

    if not is_sqlite():
        pytest.skip("needs SQLite: a second program's connection to the same database file")
    other = sqlite3.connect(database.database, isolation_level=None, timeout=5)
    try:
        other.execute("UPDATE company SET name = 'Zebra Freight Ltd' WHERE id = ?",
                      (demo["nordwind"],))
    finally:
        other.close()
    assert names("zebra freight") == ["Zebra Freight Ltd"]


@pytest.mark.parametrize("typed", ["CHE116281710MWST", "che-116.281.710 mwst", "CHE 116 281 710",
                                   "116281710", "116.281.710"])
def test_a_vat_number_stored_written_is_found_however_it_is_pasted(demo, typed):
    """#16: numbers are stored in their country's written form ("CHE-116.281.710 MWST",
    "11.222.333/0001-81"); the index holds them compact too (0024), so a compact paste finds
    them as a written one does."""
    from store.persistence.models import BillingAddress

    BillingAddress.update(vat_number="CHE-116.281.710 MWST").where(
        BillingAddress.company == demo["atelier"]).execute()
    assert any(n.startswith("Atelier Lumière") for n in names(typed))


def test_a_cnpj_with_its_slash_is_found_compact_or_written(demo):
    from store.persistence.models import BillingAddress

    BillingAddress.update(vat_number="11.222.333/0001-81").where(
        BillingAddress.company == demo["blue"]).execute()
    assert "Blue Harbor Inc." in names("11222333000181")
    assert "Blue Harbor Inc." in names("11.222.333/0001-81")
    assert store.profile.search.pasted("11.222.333/0001-81")[1] == "11222333000181"
