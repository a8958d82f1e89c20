"""A change request in the trail and the History filter (#16 trial): every line names its
request; a field is found by name, option or label in the reader's language; a decided request
is refused as a conflict, exit 4."""

from __future__ import annotations

import pytest

import store
import store.errors
import store.people.access
import store.profile.requests
import store.trail.audit
import store.trail.history
from store.i18n import set_language

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"
TO_NEW_YORK = {"line1": "350 Fifth Avenue", "postal_code": "10118", "city": "New York",
               "state": "NY"}


def test_each_line_of_a_request_sent_names_it_and_a_field_lists_its_decisions(demo):
    maria, bea = (store.people.access.resolve_actor(e) for e in (MARIA, BILLING))
    request = store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    store.profile.requests.reject_request(bea, request.id, {"reason": "No lease"})
    page = store.trail.history.company_history(maria, demo["blue"], field="state")
    named = {(e.action, store.trail.audit.request_named(e)) for e in page.items}
    assert named == {("request.create", request.id), ("request.reject", request.id)}
    page = store.trail.history.company_history(maria, demo["blue"], field="website")
    assert all(e.action != "request.reject" for e in page.items)


def test_a_refused_decision_names_the_request_and_exits_4(demo):
    maria = store.people.access.resolve_actor(MARIA)
    request = store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    store.profile.requests.withdraw_request(maria, request.id)
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.requests.withdraw_request(maria, request.id)
    assert refused.value.exit_status == 4
    [tried] = [e for e in store.trail.history.company_history(maria, demo["blue"]).items
               if e.outcome == "refused"]
    assert (tried.action, store.trail.audit.request_named(tried)) == ("request.withdraw",
        request.id)
    assert store.trail.audit.tried_values(tried) is None


@pytest.mark.parametrize(("language", "text", "field"), [
    ("en", "vat", "vat_number"), ("en", "--postal-code", "postal_code"),
    ("en", "VAT number", "vat_number"), ("en", "Postal", "postal_code"),
    ("fr", "TVA", "vat_number"), ("fr", "Code postal", "postal_code"), ("fr", "Pays", "country"),
])
def test_a_field_is_named_by_its_name_option_or_label(language, text, field):
    set_language(language)
    try:
        assert store.trail.history.field_named(text) == field
    finally:
        set_language("en")


def test_text_naming_no_field_or_several_is_invalid():
    with pytest.raises(store.errors.InvalidInput):
        store.trail.history.field_named("shoe")
    with pytest.raises(store.errors.InvalidInput):
        store.trail.history.field_named("code")  # Postal code, Security code…
