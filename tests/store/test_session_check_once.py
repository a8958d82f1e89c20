"""A session signed in over SSH is checked once a service call (store.service_call), not at each
trail line it writes: `add_recipient` asked store.people.identity.still_in_force three times, six
queries, where one check (two queries) says the same (#18 house). The rule it keeps holds as
before (SPEC §2/§10): the next action after a removal is refused, whichever call it is."""

from __future__ import annotations

import pytest
from playhouse.test_utils import count_queries

import store.errors
import store.people.access
import store.people.staff
import store.profile.billing
from store.people import identity
from store.persistence.models import AuditEvent
from tests.store.test_sessions import _session_of

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
REASON = {"reason": "asked by phone", "ticket": None}


def _queries(actor, company: int, email: str) -> int:
    with count_queries() as counter:
        store.profile.billing.add_recipient(actor, company, {"email": email}, REASON)
    return counter.count


def test_a_write_checks_its_ssh_session_once(demo, monkeypatch):
    bea = _session_of(BILLING)
    local = store.people.access.resolve_actor(BILLING)  # no session: never checked
    checks: list[object] = []
    real = identity.still_in_force
    monkeypatch.setattr(identity, "still_in_force",
                        lambda actor: checks.append(actor) or real(actor))
    ssh = _queries(bea, demo["nordwind"], "a@nordwind.example")
    assert checks == [bea]
    plain = _queries(local, demo["nordwind"], "b@nordwind.example")
    assert checks == [bea]
    assert ssh - plain == 2  # the session's row and the person: one check


def test_each_call_checks_again_so_a_removal_ends_the_next_one(demo):
    bea = _session_of(BILLING)
    store.profile.billing.add_recipient(bea, demo["nordwind"], {"email": "a@nordwind.example"},
        REASON)
    store.people.staff.remove_staff(store.people.access.resolve_actor(ADMIN), BILLING)
    with pytest.raises(store.errors.Refused, match="staff account .* was removed by Ada Admin"):
        store.profile.billing.add_recipient(bea, demo["nordwind"], {"email": "c@nordwind.example"},
                                    REASON)
    with pytest.raises(store.errors.Refused, match="staff account .* was removed by Ada Admin"):
        store.profile.billing.get_billing(bea, demo["nordwind"])
    recipients = store.profile.billing.get_billing(store.people.access.resolve_actor(ADMIN),
                                           demo["nordwind"]).recipients
    assert "c@nordwind.example" not in recipients
    assert AuditEvent.select().where((AuditEvent.actor_email == BILLING)
                                     & (AuditEvent.outcome == "refused")).count() == 2
