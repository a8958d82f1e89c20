"""Recipients and the card when what the screen shows went out of date (#15, #17 trial).

- A recipient removed meanwhile (from the command line) and removed again from a list that still
  shows it, or one added meanwhile and added again: refused as `outdated`, so a screen reads its
  view again (StoreError.outdated, as the billing address's Conflict).
- A card saved over a payment method changed since it was read (the billing team recorded a bank
  transfer meanwhile): Conflict, nothing saved; a second save with the version read again
  replaces it knowingly. The command line (no version) replaces whatever is stored.
"""

from __future__ import annotations

import pytest

import store
import store.errors
import store.people.access
import store.profile.billing
from store.persistence.models import AuditEvent

JONAS = "jonas@nordwind.de"  # Nordwind's owner: jonas@ and buchhaltung@ receive the invoices
TEAM = "billing@mycompany.example"
VISA = {"number": "4242 4242 4242 4242", "expiry": "12/29", "security_code": "123",
        "holder": "Jonas Weber"}


def test_removing_a_recipient_removed_meanwhile_is_refused_as_outdated(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    read = store.profile.billing.get_billing(jonas, jonas.company_id)
    assert "buchhaltung@nordwind.de" in read.recipients
    store.profile.billing.remove_recipient(jonas, jonas.company_id, "buchhaltung@nordwind.de")
    with pytest.raises(store.errors.NotFound) as refused:
        store.profile.billing.remove_recipient(jonas, jonas.company_id,
                                               "buchhaltung@nordwind.de")
    assert refused.value.outdated
    assert refused.value.message == "buchhaltung@nordwind.de does not receive the invoices."


def test_adding_a_recipient_added_meanwhile_is_refused_as_outdated(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.billing.add_recipient(jonas, jonas.company_id, {"email": "ap@nordwind.de"})
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.billing.add_recipient(jonas, jonas.company_id, {"email": "AP@nordwind.de"})
    assert refused.value.outdated
    assert refused.value.errors == {"email": "ap@nordwind.de already receives the invoices."}


def test_a_card_over_a_payment_method_changed_meanwhile_is_a_conflict(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    team = store.people.access.resolve_actor(TEAM)
    seen = store.profile.billing.get_billing(jonas, jonas.company_id).payment_method
    assert seen is not None and seen.kind == "card"
    store.profile.billing.set_other_payment_method(team, jonas.company_id, "bank_transfer",
                                                   {"reason": "asked"})
    with pytest.raises(store.errors.Conflict) as conflict:
        store.profile.billing.set_card(jonas, jonas.company_id, dict(VISA),
                                       expected_version=seen.version)
    assert (conflict.value.changed_by, conflict.value.outdated) == (TEAM, True)
    now = store.profile.billing.get_billing(jonas, jonas.company_id).payment_method
    assert now is not None and now.kind == "bank_transfer"  # nothing saved
    assert not AuditEvent.select().where((AuditEvent.action == "card.set")
                                         & (AuditEvent.outcome == "refused")).exists()
    # Read again (the screen says what is on file now): the second save replaces it knowingly.
    saved = store.profile.billing.set_card(jonas, jonas.company_id, dict(VISA),
                                           expected_version=now.version).payment_method
    assert saved is not None and (saved.kind, saved.last4) == ("card", "4242")
    line = AuditEvent.select().where(AuditEvent.action == "card.set").order_by(
        AuditEvent.id.desc()).get()
    assert (line.old_value, line.new_value) == ("bank_transfer", "Visa •••• 4242 · 12/29")


def test_a_first_card_seen_as_none_is_a_conflict_once_one_was_recorded(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    with pytest.raises(store.errors.Conflict):  # 0: none seen, and one is on file
        store.profile.billing.set_card(jonas, jonas.company_id, dict(VISA), expected_version=0)


def test_the_command_line_replaces_whatever_is_stored(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    team = store.people.access.resolve_actor(TEAM)
    store.profile.billing.set_other_payment_method(team, jonas.company_id, "direct_debit",
                                                   {"reason": "asked"})
    saved = store.profile.billing.set_card(jonas, jonas.company_id, dict(VISA)).payment_method
    assert saved is not None and saved.kind == "card"
