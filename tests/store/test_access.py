"""Deny by default (SPEC §2): who is not clearly allowed is refused, and the trail says so."""

from __future__ import annotations

import pytest

import store
import store.errors
import store.people.access
import store.people.identity
import store.persistence.db
from store.persistence.db import database
from store.persistence.models import AuditEvent, Staff, User


def sign_in_refusals() -> list[AuditEvent]:
    return list(AuditEvent.select().where((AuditEvent.action == "sign_in")
                                          & (AuditEvent.outcome == "refused")))


@pytest.mark.parametrize("role", ["", "guest", "OWNER", "owner "])
def test_a_company_user_with_no_known_role_is_refused_and_recorded(demo, role):
    User.update(role=role).where(
        User.email == "petra@nordwind.de").execute()
    with pytest.raises(store.errors.Refused, match="no role this program knows"):
        store.people.access.resolve_actor("petra@nordwind.de")
    [event] = sign_in_refusals()
    assert event.company == demo["nordwind"]  # the owner sees the attempt in History
    assert event.actor_email == "petra@nordwind.de"
    assert event.field == "role"


def test_a_staff_member_with_no_known_role_is_refused_and_recorded(demo):
    Staff.create(email="intern@mycompany.example", name="Intern", role="")
    with pytest.raises(store.errors.Refused):
        store.people.access.resolve_actor("intern@mycompany.example")
    [event] = sign_in_refusals()
    assert event.company is None
    assert event.actor_name == "Intern"


@pytest.mark.parametrize("identity", ["nobody@example.com", "' OR 1=1 --", "jonas@nordwind.de\x00"])
def test_an_unknown_person_is_refused_and_the_attempt_recorded(demo, identity):
    with pytest.raises(store.errors.Refused, match="not a known user"):
        store.people.access.resolve_actor(identity)
    [event] = sign_in_refusals()
    assert event.actor_email == identity.strip().replace("\x00", "␀")  # as a field draws it


def test_an_inactive_owner_is_refused(demo):
    User.update(active=False).where(User.email == "jonas@nordwind.de").execute()
    with pytest.raises(store.errors.Refused):
        store.people.access.resolve_actor("jonas@nordwind.de")
    assert len(sign_in_refusals()) == 1


def test_a_role_lookup_that_fails_is_refused_not_let_through(demo):
    database.execute_sql('ALTER TABLE "user" RENAME TO user_elsewhere')  # the lookup cannot run
    with pytest.raises(store.errors.Refused, match="could not be checked"):
        store.people.access.resolve_actor("jonas@nordwind.de")
    [event] = sign_in_refusals()
    assert "user" in event.reason and event.actor_email == "jonas@nordwind.de"


def test_a_role_lookup_failing_with_the_trail_unwritable_is_still_refused(demo):
    database.execute_sql("ALTER TABLE staff RENAME TO staff_elsewhere")
    database.execute_sql("ALTER TABLE audit_event RENAME TO audit_elsewhere")
    with pytest.raises(store.errors.Refused, match="could not be checked"):
        store.people.access.resolve_actor("jonas@nordwind.de")


def test_nobody_named_is_the_operating_system_login_and_a_login_of_nobody_is_refused(demo):
    from store.people.identity import os_login

    for identity in (None, "", "   "):
        with pytest.raises(store.errors.Refused, match=f"{os_login()} is not a known user"):
            store.people.access.resolve_actor(identity)
    event = sign_in_refusals()[-1]
    assert event.actor_email == os_login() and event.origin.startswith(f"login {os_login()} on ")


def test_a_refused_sign_in_on_the_command_line_exits_3(demo, db_url, capsys):
    from store.persistence.db import database
    from tui.cli import main

    User.update(role="guest").where(User.email == "ida@nordwind.de").execute()
    database.close()
    assert main(["--db", db_url, "--as", "ida@nordwind.de", "show", "general"]) == 3
    err = capsys.readouterr().err
    assert "no role this program knows" in err
    store.persistence.db.open_database(db_url)
    assert len(sign_in_refusals()) == 1
