"""What the trail keeps of a refused attempt to name someone else (SPEC §2): on a real database
the line is the authenticated login's, never the person named, and it keeps who was named."""

from __future__ import annotations

from datetime import datetime

import pytest

import store
import store.errors
import store.people.access
import store.people.identity
from store.people.identity import mark_database, os_login
from store.persistence.models import AuditEvent, Company, Staff, User


@pytest.fixture
def real(db):
    """A real database (not a demo) with an owner and an admin, neither of them this login."""
    mark_database("real")
    company = Company.create(name="Solo SARL", currency="EUR", created_at=datetime(2026, 1, 1))
    User.create(company=company, email="solo@example.fr", name="Solo", role="owner",
                login="solo")
    Staff.create(email="ops@vendor.example", name="Olga Ops", role="admin", login="olga")
    return company.id


def last_refusal() -> AuditEvent:
    return (AuditEvent.select().where(AuditEvent.outcome == "refused")
            .order_by(AuditEvent.id.desc()).get())


@pytest.mark.parametrize("named", ["solo@example.fr", "ops@vendor.example", "ghost@x.example"])
def test_a_login_of_nobody_naming_someone_is_recorded_as_that_login_with_the_name_tried(
        real, named):
    with pytest.raises(store.errors.Refused, match=f"{os_login()} is not a known user"):
        store.people.access.resolve_actor(named)
    event = last_refusal()
    assert event.actor_email == os_login()
    assert (event.field, event.new_value) == ("as", named)
    assert event.origin == f"login {os_login()} on {event.origin.rsplit(' on ', 1)[1]}"
    assert "(demo)" not in event.origin


def test_an_owner_naming_someone_else_is_recorded_as_the_owner(real):
    User.update(login=os_login()).where(User.email == "solo@example.fr").execute()
    with pytest.raises(store.errors.Refused, match="only admin staff may act as another person"):
        store.people.access.resolve_actor("ops@vendor.example")
    event = last_refusal()
    assert (event.actor_email, event.field, event.new_value) == (
        "solo@example.fr", "as", "ops@vendor.example")
