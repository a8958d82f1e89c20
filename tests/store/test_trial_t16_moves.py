"""A move abroad brings its own street, postal code and city (store.forms.moves; #16 trial t16:
a request of the country and VAT number alone kept Hamburg's street in Paris), and a decided
request keeps its ticket (migration 0030 takes the older ones' from the trail)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import store.errors
import store.people.access
import store.profile.billing
import store.profile.requests
from store.forms.moves import move_errors
from store.persistence.models import BillingAddress
from store.persistence.models_requests import ChangeRequest

CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, 12 rue des Lilas, 69003 Lyon; trial
JONAS = "jonas@nordwind.de"  # Nordwind, Speicherstraße 5, 20457 Hamburg; trial over
BILLING = "billing@mycompany.example"
HAMBURG = SimpleNamespace(line1="Speicherstraße 5", line2="3. OG", postal_code="20457",
                          city="Hamburg", state=None, country="DE")


def stored(company_id: int) -> dict:
    row = BillingAddress.get(BillingAddress.company == company_id)
    return {f: getattr(row, f) for f in store.profile.billing.ADDRESS_FIELDS}


def test_a_new_country_names_each_part_of_the_old_place_left_out():
    assert set(move_errors(HAMBURG, {"country": "France", "vat_number": "FR40303265045"})) == {
        "line1", "line2", "postal_code", "city"}
    assert set(move_errors(HAMBURG, {"country": "FR", "line1": "10 rue de la Paix",
                                     "line2": "", "city": "Paris"})) == {"postal_code"}
    # The same country, by name or code, or no country sent: no move.
    for given in ({"country": "Germany"}, {"country": "de"}, {"city": "Altona"}):
        assert move_errors(HAMBURG, given) == {}
    assert move_errors(None, {"country": "FR"}) == {}  # a first address
    # Hong Kong's addresses have no postal code: the form says to leave it empty instead.
    assert set(move_errors(HAMBURG, {"country": "HK"})) == {"line1", "line2", "city"}


def test_a_form_sends_every_field_so_a_country_typed_wrong_is_corrected(demo):
    """The Billing form and the request dialog send every field they show: the same street,
    postal code and city are given (a Belgian address saved as Luxembourg's is put right)."""
    camille = store.people.access.resolve_actor(CAMILLE)
    values = {**stored(demo["atelier"]), "line1": "Rue de la Loi 16", "postal_code": "1000",
              "city": "Bruxelles", "country": "LU", "vat_number": ""}
    view = store.profile.billing.save_address(camille, demo["atelier"], values, None)
    view = store.profile.billing.save_address(camille, demo["atelier"],
                                              {**values, "country": "BE"}, view.address.version)
    assert (view.address.country, view.address.line1) == ("BE", "Rue de la Loi 16")


def test_a_command_giving_the_country_alone_is_asked_for_the_rest(demo):
    camille = store.people.access.resolve_actor(CAMILLE)
    values = {**stored(demo["atelier"]), "country": "DE", "vat_number": "DE136695976"}
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.billing.save_address(camille, demo["atelier"], values, None,
                                           given={"country", "vat_number"})
    assert list(refused.value.errors) == ["line1", "postal_code", "city"]
    assert refused.value.errors["city"] == ("The country changes (France → Germany): give this "
                                            "field for the new address too, even to keep Lyon.")
    assert stored(demo["atelier"])["country"] == "FR"  # nothing saved


def test_a_request_dialog_sending_the_whole_address_moves_it(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    whole = {**stored(demo["nordwind"]), "line1": "10 rue de la Paix", "postal_code": "75002",
             "city": "Paris", "country": "FR", "vat_number": "FR40303265045", "note": "",
             "documents": ""}
    request = store.profile.requests.request_change(jonas, demo["nordwind"], whole)
    assert {c.field for c in request.changes} == {"line1", "postal_code", "city", "country",
                                                  "vat_number"}


def test_a_decision_taken_before_0030_gets_its_ticket_from_the_trail(demo, db):
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    jonas, bea = (store.people.access.resolve_actor(who) for who in (JONAS, BILLING))
    request = store.profile.requests.request_change(jonas, demo["nordwind"],
                                                    {"vat_number": "DE811907980"})
    store.profile.requests.reject_request(bea, request.id, {"reason": "Not in VIES",
                                                            "ticket": "BIL-7"})
    assert store.profile.requests.get_request(jonas, request.id).decision_ticket == "BIL-7"
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down("0030_request_decision_ticket")  # the column gone, as before 0030
    runner.up()
    assert ChangeRequest.get_by_id(request.id).decision_ticket == "BIL-7"
