"""History across companies names a region as the company's country's post does, as the
company's own History does (#16 trial: the staff's History read "Billing address saved · State
— → Tokyo" for a Japanese prefecture, while the Billing screen says "Prefecture"): the staff
screen and `mycompany history` read store.trail.history_all, which names each line's region by
its own company's country (store.trail.history.with_region_countries)."""

from __future__ import annotations

import pytest

import store.people.access
import store.profile.billing
import store.trail.history_all
from store.i18n import set_language
from tui import audit_text
from tui.export_cli import history_text

CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, FR, in its trial: may move anywhere
ADMIN = "admin@mycompany.example"

MOVES = [  # one address after the other; its region as the country's post calls it (en, fr)
    ({"line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "postal_code": "94043",
      "state": "CA", "country": "US"}, "State", "État"),
    ({"line1": "1 Grand Canal Square", "city": "Dublin", "postal_code": "D02 X285",
      "state": "Co. Dublin", "country": "IE"}, "County", "Comté"),
    ({"line1": "100 Queen St W", "city": "Toronto", "postal_code": "M5H 2N2", "state": "ON",
      "country": "CA"}, "Province", "Province"),
    ({"line1": "1-1 Marunouchi", "city": "Chiyoda-ku", "postal_code": "100-0005",
      "state": "Tokyo", "country": "JP"}, "Prefecture", "Préfecture"),
]


def moved(demo) -> None:
    camille = store.people.access.resolve_actor(CAMILLE)
    for values, _en, _fr in MOVES:
        version = store.profile.billing.get_billing(camille, demo["atelier"]).address.version
        store.profile.billing.save_address(camille, demo["atelier"],
                                           {"line2": "", "vat_number": "", **values}, version)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_history_across_companies_names_each_region_by_its_countrys_word(demo, language):
    moved(demo)
    admin = store.people.access.resolve_actor(ADMIN)
    set_language(language)
    try:
        view = store.trail.history_all.all_history(admin, company=demo["atelier"])
        regions = [e for e in view.items if e.field == "state"]
        # newest first: JP, CA, IE, US
        assert [e.region_country for e in regions] == ["JP", "CA", "IE", "US"]
        words = [label for _values, *labels in MOVES[::-1]
                 for label in labels[:1] if language == "en"] or [
            labels[1] for _values, *labels in MOVES[::-1]]
        assert [audit_text.what(e) for e in regions] == words
        text = history_text(view)
        for word in words:
            assert f"· {word} " in text
    finally:
        set_language("en")


def test_a_line_of_another_company_on_the_same_page_keeps_its_own_country(demo):
    """Lines of several companies on one page: each region read by its own company's."""
    moved(demo)
    maria = store.people.access.resolve_actor("maria@blueharbor.com")  # Blue Harbor, US, CA
    address = store.profile.billing.get_billing(maria, demo["blue"]).address
    store.profile.billing.save_address(maria, demo["blue"], {
        "line1": "1 Infinite Loop", "line2": "", "postal_code": address.postal_code,
        "city": address.city, "state": address.state, "country": address.country,
        "vat_number": address.vat_number or ""}, address.version)
    admin = store.people.access.resolve_actor(ADMIN)
    view = store.trail.history_all.all_history(admin, page_size=200)
    assert len({e.company_id for e in view.items}) > 1
    japan = [e for e in view.items if e.field == "state" and e.new_value == "Tokyo"]
    assert japan and {e.region_country for e in japan} == {"JP"}
    assert audit_text.what(japan[0]) == "Prefecture"
