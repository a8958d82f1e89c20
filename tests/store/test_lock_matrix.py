"""R16 and the staff roles as a full matrix: every role × trial state × billing field."""

from __future__ import annotations

from datetime import timedelta

import pytest

import store
import store.errors
import store.people.access
import store.profile.billing
import store.views
from store.persistence.models import AuditEvent, BillingAddress, Subscription, User
from store.profile.billing import ADDRESS_FIELDS
from tests.conftest import TODAY

# Each change is valid on its own, so a refusal can only come from the role or the lock.
DE_CHANGES = {
    "line1": {"line1": "Neuer Wall 1"},
    "line2": {"line2": "3. OG"},
    "postal_code": {"postal_code": "20354"},
    "city": {"city": "Hamburg-Altona"},
    # A move brings its street, postal code and city (store.forms.moves).
    "country": {"country": "AT", "line1": "Stephansplatz 1", "postal_code": "1010",
                "city": "Wien", "vat_number": None},
    "vat_number": {"vat_number": "DE811907980"},
}
US_STATE_CHANGE = {"state": "NY", "postal_code": "10001", "city": "New York"}

TRIAL_STATES = {
    # name: (status, trial end relative to today, owner may change locked fields)
    "in_trial": ("trial", 10, True),
    "last_day_of_trial": ("trial", 0, True),
    "trial_ended_subscribed": ("subscribed", -1, False),
    "subscribed_long_ago": ("subscribed", -400, False),
    "subscribed_before_trial_end": ("subscribed", 5, False),
    "trial_expired_without_plan": ("trial", -1, False),
}
ROLES = ["owner", "admin", "supervisor", "agent", "support", "billing", "other_owner"]
FIELDS = ["line1", "line2", "postal_code", "city", "state", "country", "vat_number"]
LOCKED = {"state", "country", "vat_number"}


def expected_allowed(role: str, trial_state: str, field: str) -> bool:
    if role == "billing":
        return True
    if role != "owner":
        return False
    return field not in LOCKED or TRIAL_STATES[trial_state][2]


def actor_for(role: str, company_id: int, demo) -> store.views.Actor:
    if role in ("support", "billing"):
        return store.people.access.resolve_actor(f"{role}@mycompany.example")
    if role == "other_owner":
        return store.people.access.resolve_actor("camille@atelier-lumiere.fr")
    owner = User.get((User.company == company_id) & (User.role == "owner"))
    if role == "owner":
        return store.people.access.resolve_actor(owner.email)
    email = f"{role}@matrix.example"
    User.create(company=company_id, email=email, name=role.title(), role=role, active=True)
    return store.people.access.resolve_actor(email)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("trial_state", list(TRIAL_STATES))
@pytest.mark.parametrize("role", ROLES)
def test_r16_lock_matrix(demo, role, trial_state, field):
    company_id = demo["blue"] if field == "state" else demo["nordwind"]
    status, days, _ = TRIAL_STATES[trial_state]
    Subscription.update(status=status, trial_ends_on=TODAY + timedelta(days=days)).where(
        Subscription.company == company_id).execute()
    actor = actor_for(role, company_id, demo)
    before = BillingAddress.get(BillingAddress.company == company_id)
    data = {f: getattr(before, f) for f in ADDRESS_FIELDS}
    data.update(US_STATE_CHANGE if field == "state" else DE_CHANGES[field])
    reason = {"reason": "Customer letter of 27 Nov"} if role == "billing" else None

    if expected_allowed(role, trial_state, field):
        view = store.profile.billing.save_address(actor, company_id, data, before.version,
            reason=reason)
        assert getattr(view.address, field) == data[field]  # typed in its stored form
        assert view.address.version == before.version + 1
        done = AuditEvent.get((AuditEvent.field == field) & (AuditEvent.outcome == "done"))
        assert done.actor_email == actor.email
        if role == "billing":
            assert done.reason == "Customer letter of 27 Nov"
    else:
        with pytest.raises(store.errors.Refused):
            store.profile.billing.save_address(actor, company_id, data, before.version,
                reason=reason)
        after = BillingAddress.get(BillingAddress.company == company_id)
        assert {f: getattr(after, f) for f in FIELDS} == {f: getattr(before, f) for f in FIELDS}
        assert after.version == before.version
        assert AuditEvent.select().where((AuditEvent.outcome == "refused")
                                         & (AuditEvent.actor_email == actor.email)).exists()


@pytest.mark.parametrize("trial_state", list(TRIAL_STATES))
def test_r16_editable_fields_match_the_matrix(demo, trial_state):
    status, days, _ = TRIAL_STATES[trial_state]
    Subscription.update(status=status, trial_ends_on=TODAY + timedelta(days=days)).where(
        Subscription.company == demo["nordwind"]).execute()
    for role in ROLES:
        actor = actor_for(role, demo["nordwind"], demo)
        if role in ("admin", "supervisor", "agent", "other_owner"):
            with pytest.raises(store.errors.Refused):
                store.profile.billing.get_billing(actor, demo["nordwind"])
            continue
        view = store.profile.billing.get_billing(actor, demo["nordwind"])
        assert view.editable_fields == [f for f in FIELDS
                                        if expected_allowed(role, trial_state, f)]


def test_billing_team_change_needs_a_reason(demo):
    bea = store.people.access.resolve_actor("billing@mycompany.example")
    before = BillingAddress.get(BillingAddress.company == demo["nordwind"])
    data = {f: getattr(before, f) for f in ADDRESS_FIELDS}
    data["vat_number"] = "DE811907980"
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.billing.save_address(bea, demo["nordwind"], data,
                                   before.version)
    assert "reason" in refused.value.errors
    assert BillingAddress.get(BillingAddress.company == demo["nordwind"]).vat_number == \
        "DE136695976"
