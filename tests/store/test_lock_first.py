"""The lock speaks first (R16, SPEC §5): after the trial, an owner who sends a locked field with
another value is told it is locked (exit 3), whatever the value, before any check of it or of
the address it would make; the same value in another spelling is no change."""

from __future__ import annotations

import pytest

import store
import store.errors
import store.people.access
import store.profile.billing
from store.persistence.models import AuditEvent, BillingAddress
from store.profile.billing import ADDRESS_FIELDS

NORDWIND_OWNER = "jonas@nordwind.de"  # Nordwind's trial is over (demo data)
BLUE_OWNER = "maria@blueharbor.com"

# Each locked field, sent with values that are valid, invalid, or valid but at odds with the
# rest of the stored address: all are refused as locked, none as invalid.
SENT = {
    "country": ["FR", "AT", "France", "XX", "[/b]", ""],
    "vat_number": ["DE811907980", "FR40303265045", "not a number", "DE000", ""],
    "state": ["NY", "Texas", "ZZ", ""],
}
# The stored value in another spelling: no change, so not refused for the lock.
SAME = {
    "country": ["de", " DE "],
    "vat_number": ["de 136 695 976", "DE-136.695.976"],
    "state": ["ca", " CA"],
}


def _owner_and_address(field: str):
    email = BLUE_OWNER if field == "state" else NORDWIND_OWNER
    actor = store.people.access.resolve_actor(email)
    address = BillingAddress.get(BillingAddress.company == actor.company_id)
    return actor, address


@pytest.mark.parametrize(("field", "value"),
                         [(f, v) for f, values in SENT.items() for v in values])
def test_a_locked_field_is_refused_as_locked_whatever_the_value(demo, field, value):
    actor, before = _owner_and_address(field)
    assert value != (getattr(before, field) or ""), "each value sent differs from the stored one"
    data = {f: getattr(before, f) for f in ADDRESS_FIELDS}
    data[field] = value
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.billing.save_address(actor, actor.company_id, data, before.version)
    assert refused.value.field == field
    assert "is locked after the trial" in refused.value.message
    after = BillingAddress.get(BillingAddress.company == actor.company_id)
    assert (after.version, getattr(after, field)) == (before.version, getattr(before, field))
    line = AuditEvent.get((AuditEvent.outcome == "refused") & (AuditEvent.field == field))
    # The value tried, in the trail as the store keeps it (#16 trial: a name is its code).
    tried = {"France": "FR", "Texas": "TX"}.get(value, value.strip())
    assert (line.new_value or "") == tried
    # Sent empty: a removal, read as one with the value it would have removed (#16 trial:
    # "Billing address change · VAT number  —").
    from store.trail.history import company_history
    from tui import audit_text

    [entry] = [e for e in company_history(actor, actor.company_id).items if e.id == line.id]
    shown = audit_text.value_text(field, tried or getattr(before, field), entry.region_country)
    assert audit_text.change(entry) == (f"tried {shown}" if tried
                                        else f"tried to remove {shown}")


@pytest.mark.parametrize(("field", "value"),
                         [(f, v) for f, values in SAME.items() for v in values])
def test_a_locked_field_sent_as_stored_is_no_change(demo, field, value):
    actor, before = _owner_and_address(field)
    data = {f: getattr(before, f) for f in ADDRESS_FIELDS}
    data[field] = value
    data["line2"] = "Entrance B"  # an open field changes alongside
    view = store.profile.billing.save_address(actor, actor.company_id, data, before.version)
    assert getattr(view.address, field) == getattr(before, field)
    assert view.address.line2 == "Entrance B"


def test_an_invalid_open_field_with_a_locked_change_is_refused_for_the_lock(demo):
    actor, before = _owner_and_address("country")
    data = {f: getattr(before, f) for f in ADDRESS_FIELDS}
    data.update(country="FR", postal_code="not a code")
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.billing.save_address(actor, actor.company_id, data, before.version)
    assert refused.value.field == "country"


@pytest.mark.parametrize(("country", "fields"), [
    ("US", "state, country and VAT number"), ("CA", "province, country and VAT number"),
    ("DE", "country and VAT number"), (None, "state, country and VAT number")])
def test_the_lock_names_the_fields_as_the_countrys_address_does(country, fields):
    """#16 trial: a German company read "the billing team changes state, …" (it has none) and
    a Canadian one "State is locked" under a field labelled Province."""
    from store.profile.lock import lock_message, locked_fields_text

    assert locked_fields_text(country) == fields
    assert lock_message("state", "CA").startswith("Province is locked after the trial")
    assert lock_message("vat_number", "CA").startswith("VAT number is locked")


def test_a_german_owners_lock_line_names_no_state(demo):
    jonas = store.people.access.resolve_actor(NORDWIND_OWNER)
    view = store.profile.billing.get_billing(jonas, jonas.company_id)
    assert "state" not in (view.lock_reason or "")
    assert "country and VAT number" in (view.lock_reason or "")
