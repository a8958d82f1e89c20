"""A billing address form read before the address or its lock changed (#16, #15 trial).

- Opened before a change request was approved, saved with the values it read (the old country,
  which the owner never touched): Conflict, "Changed by … since you opened it", nothing recorded
  as tried; not "Country is locked" with the old country in History.
- A locked value really sent: the trail keeps it as the store keeps values (the code DE, not
  the name "Germany" a screen shows), so every reader's History names it in their language.
- Opened during the trial, saved after the trial was ended meanwhile: refused for the lock,
  marked `outdated` (what the screen shows is out of date: it reads the view again).
"""

from __future__ import annotations

import pytest

import store
import store.errors
import store.people.access
import store.plans.trial
import store.profile.billing
import store.profile.requests
from store.persistence.models import AuditEvent
from tui.sections.address import address_values

JONAS = "jonas@nordwind.de"  # Nordwind, after its trial (demo data)
CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, in its trial
TEAM = "billing@mycompany.example"
VIENNA = {"country": "AT", "line1": "Stephansplatz 1", "city": "Wien", "postal_code": "1010",
          "vat_number": "ATU13585627"}


def _refused_lines() -> list[AuditEvent]:
    return list(AuditEvent.select().where((AuditEvent.outcome == "refused")
                                           & (AuditEvent.action == "address.save")))


def test_a_form_read_before_an_approved_move_is_stale_not_a_locked_change(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    team = store.people.access.resolve_actor(TEAM)
    read = store.profile.billing.get_billing(jonas, jonas.company_id)
    typed = address_values(read, "en")  # as the screen holds them: the country as "Germany"
    assert typed["country"] == "Germany"
    request = store.profile.requests.request_change(jonas, jonas.company_id, VIENNA)
    store.profile.requests.approve_request(team, request.id, {"reason": "ok"})
    typed["city"] = "Hamburg-Altona"
    with pytest.raises(store.errors.Conflict) as conflict:
        store.profile.billing.save_address(jonas, jonas.company_id, typed,
                                           read.address.version)
    assert conflict.value.changed_by == TEAM
    assert conflict.value.outdated
    assert _refused_lines() == []  # nothing recorded as tried
    now = store.profile.billing.get_billing(jonas, jonas.company_id).address
    assert (now.country, now.city) == ("AT", "Wien")


def test_a_locked_country_sent_by_its_name_is_kept_in_the_trail_as_its_code(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    read = store.profile.billing.get_billing(jonas, jonas.company_id)
    typed = address_values(read, "en")
    typed["country"] = "Austria"
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.billing.save_address(jonas, jonas.company_id, typed,
                                           read.address.version)
    assert refused.value.field == "country"
    [line] = _refused_lines()
    assert (line.field, line.new_value) == ("country", "AT")


def test_locked_fields_left_out_are_kept_as_stored(demo):
    """A screen sends only the locked fields the person changed (tui/sections/address.py)."""
    jonas = store.people.access.resolve_actor(JONAS)
    read = store.profile.billing.get_billing(jonas, jonas.company_id)
    typed = {name: value for name, value in address_values(read, "en").items()
             if name in read.editable_fields}
    assert "country" not in typed
    typed["city"] = "Hamburg-Altona"
    saved = store.profile.billing.save_address(jonas, jonas.company_id, typed,
                                               read.address.version).address
    assert (saved.city, saved.country, saved.vat_number) == ("Hamburg-Altona", "DE",
                                                             "DE136695976")


def test_a_trial_ended_meanwhile_refuses_the_locked_change_as_outdated(demo):
    camille = store.people.access.resolve_actor(CAMILLE)
    team = store.people.access.resolve_actor(TEAM)
    read = store.profile.billing.get_billing(camille, camille.company_id)
    assert read.in_trial and "country" in read.editable_fields
    typed = address_values(read, "en")
    store.plans.trial.set_trial(team, camille.company_id, {"now": True, "reason": "Signed"})
    typed["country"] = "Ireland"
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.billing.save_address(camille, camille.company_id, typed,
                                           read.address.version)
    assert refused.value.outdated  # the screen reads the view again
    assert "is locked after the trial" in refused.value.message
    [line] = _refused_lines()
    assert (line.field, line.new_value) == ("country", "IE")
    now = store.profile.billing.get_billing(camille, camille.company_id)
    assert not now.in_trial and "country" in now.locked_fields
