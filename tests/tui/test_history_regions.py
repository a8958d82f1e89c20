"""History names a region as the country's post does and a country by its name, in the
reader's language (#16 trial: every region read "State"/"État", countries read `DE → FR`)."""

from __future__ import annotations

import pytest

import store.people.access
import store.profile.billing
import store.profile.requests
import store.trail.history
from store.i18n import set_language
from tui import audit_text
from tui.textout import history_text

CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, Paris, FR; in its trial
MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over

MOVES = [  # one address after the other; the region of each as its country's post calls it
    ({"line1": "1 Grand Canal Square", "city": "Dublin", "postal_code": "D02 X285",
      "state": "Co. Dublin", "country": "IE", "vat_number": ""}, "County", "Co. Dublin"),
    ({"line1": "100 Queen St W", "city": "Toronto", "postal_code": "M5H 2N2", "state": "ON",
      "country": "CA", "vat_number": ""}, "Province", "ON"),
    ({"line1": "1-1 Marunouchi", "city": "Chiyoda-ku", "postal_code": "100-0005",
      "state": "Tokyo", "country": "JP", "vat_number": ""}, "Prefecture", "Tokyo"),
]


def moved(demo) -> list:
    camille = store.people.access.resolve_actor(CAMILLE)
    for values, _label, _region in MOVES:
        version = store.profile.billing.get_billing(camille, demo["atelier"]).address.version
        store.profile.billing.save_address(camille, demo["atelier"], {"line2": "", **values},
            version)
    return store.trail.history.company_history(camille, demo["atelier"]).items


def test_each_region_line_is_named_as_its_countrys_post_names_it(demo):
    lines = [e for e in moved(demo) if e.field == "state"]
    assert [(e.new_value, e.region_country) for e in lines] == [
        ("Tokyo", "JP"), ("ON", "CA"), ("Co. Dublin", "IE")]
    assert [audit_text.what(e) for e in lines] == ["Prefecture", "Province", "County"]
    assert audit_text.change(lines[1]) == "Co. Dublin → Ontario"  # by name, as the forms
    text = history_text(store.trail.history.company_history(
        store.people.access.resolve_actor(CAMILLE), demo["atelier"]))
    assert "County" in text and "Prefecture" in text and "State" not in text


@pytest.mark.parametrize(("language", "names"), [
    ("en", ["Canada → Japan", "Ireland → Canada", "France → Ireland"]),
    ("fr", ["Canada → Japon", "Irlande → Canada", "France → Irlande"])])
def test_countries_read_by_name_in_the_readers_language(demo, language, names):
    lines = [e for e in moved(demo) if e.field == "country"]
    set_language(language)
    try:
        assert [audit_text.change(e) for e in lines] == names
    finally:
        set_language("en")


def test_a_request_for_a_province_names_it_a_province(demo):
    """A request's decision keeps its fields in one line: its region read with the country
    it was asked with (Blue Harbor, US, asking for Ontario, Canada)."""
    maria = store.people.access.resolve_actor(MARIA)
    request = store.profile.requests.request_change(maria, demo["blue"], {
        "line1": "100 Queen St W", "city": "Toronto", "postal_code": "M5H 2N2", "state": "ON",
        "country": "CA"})
    store.profile.requests.withdraw_request(maria, request.id)
    lines = store.trail.history.company_history(maria, demo["blue"]).items
    withdrawn = next(e for e in lines if e.action == "request.withdraw")
    # each region by its own country's name for it: California (US) → Ontario (Canada), each
    # side under its country's word (#15 trial: "Province: California → Ontario")
    assert "State: California → Province: Ontario" in audit_text.change(withdrawn)
    assert "Country: United States → Canada" in audit_text.change(withdrawn)
    sent = next(e for e in lines if e.action == "request.create")  # one line for the move
    assert audit_text.change(sent).startswith("asked Address: 1600 Amphitheatre Pkwy → ")
    assert "· State: California → Province: Ontario · Country: United States → Canada" \
        in audit_text.change(sent)
