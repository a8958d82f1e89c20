"""What `mycompany serve` keeps in the database (SPEC §10): failed sign-ins are rate-limited per
client address, counted from the trail; sessions are capped per person, counted from the session
rows, and the rows of a server that stopped refreshing them (crashed) soon stop counting."""

from __future__ import annotations

from datetime import datetime, timedelta

import asyncssh
import pytest

import store
from store import clock, identity, keys, sessions
from store.models import AuditEvent

JONAS = "jonas@nordwind.de"
ADMIN = "admin@mycompany.example"
NOON = datetime(2026, 11, 27, 12, 0)


def public_key() -> str:
    return asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()


def at(instant: datetime) -> None:
    clock.set_clock(lambda: instant.date(), lambda: instant)


@pytest.fixture
def jonas_key(demo):
    """Jonas's sign-in key, given by admin staff; its fingerprint."""
    return keys.add_key(store.resolve_actor(ADMIN), JONAS, public_key()).fingerprint


def test_ten_failed_sign_ins_shut_an_address_out_for_five_minutes(demo, jonas_key):
    at(NOON)
    stranger = asyncssh.import_public_key(public_key()).get_fingerprint("sha256")
    for _ in range(sessions.FAILED_SIGN_IN_LIMIT - 1):
        with pytest.raises(store.Refused):
            identity.sign_in_key(stranger, "203.0.113.7")
    assert not sessions.sign_in_blocked("203.0.113.7")
    identity.sign_in_key(jonas_key, "203.0.113.7")  # a success is no failure
    assert not sessions.sign_in_blocked("203.0.113.7")
    with pytest.raises(store.Refused):
        identity.sign_in_key(stranger, "203.0.113.7")
    assert sessions.sign_in_blocked("203.0.113.7")
    # Other addresses are not, not even one whose text ends the same way.
    assert not sessions.sign_in_blocked("3.0.113.7")
    assert not sessions.sign_in_blocked("203.0.113.70")
    assert sessions.failed_sign_ins("203.0.113.8") == 0
    # Until the oldest refusal is more than five minutes old.
    at(NOON + sessions.FAILED_SIGN_IN_WINDOW - timedelta(seconds=1))
    assert sessions.sign_in_blocked("203.0.113.7")
    at(NOON + sessions.FAILED_SIGN_IN_WINDOW + timedelta(seconds=1))
    assert not sessions.sign_in_blocked("203.0.113.7")


def test_a_failed_connection_records_the_keys_that_belong_to_nobody(demo, jonas_key):
    stranger = asyncssh.import_public_key(public_key()).get_fingerprint("sha256")
    sessions.record_failed_sign_in([stranger, jonas_key], "198.51.100.4")
    lines = list(AuditEvent.select().where(AuditEvent.action == "sign_in"))
    assert [(line.outcome, line.origin) for line in lines] == [
        ("refused", f"key {stranger} from 198.51.100.4")]
    assert sessions.key_is_known(jonas_key) and not sessions.key_is_known(stranger)


def test_a_person_has_at_most_max_sessions_open(demo, jonas_key):
    at(NOON)
    jonas = identity.sign_in_key(jonas_key, "192.0.2.1")
    first = sessions.open_capped_session(jonas, server="a:1", max_sessions=2)
    second = sessions.open_capped_session(jonas, server="b:2", max_sessions=2)
    assert first[1] != second[1] and first[0] != second[0]
    with pytest.raises(store.Refused):
        sessions.open_capped_session(jonas, server="a:1", max_sessions=2)
    line = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (line.action, line.outcome, line.actor_email) == ("session.open", "refused", JONAS)
    assert not sessions.sign_in_blocked("192.0.2.1")  # a full cap is not a failed sign-in
    # Other people have their own cap.
    support_key = keys.add_key(store.resolve_actor(ADMIN), "support@mycompany.example",
                               public_key()).fingerprint
    support = identity.sign_in_key(support_key, "192.0.2.1")
    sessions.open_capped_session(support, server="a:1", max_sessions=2)
    # An ended session frees its place.
    identity.end_session(first[1])
    assert sessions.open_session_count(JONAS) == 1
    sessions.open_capped_session(jonas, server="a:1", max_sessions=2)


def test_sessions_of_a_server_that_stopped_refreshing_them_stop_counting(demo, jonas_key):
    at(NOON)
    jonas = identity.sign_in_key(jonas_key, "192.0.2.1")
    alive = sessions.open_capped_session(jonas, server="alive:1", max_sessions=5)[1]
    crashed = sessions.open_capped_session(jonas, server="crashed:2", max_sessions=5)[1]
    assert sessions.open_session_count(JONAS) == 2
    at(NOON + sessions.HEARTBEAT)
    sessions.heartbeat([alive])  # the live server's minute; the crashed one says nothing
    at(NOON + sessions.STALE_AFTER + timedelta(seconds=1))
    assert sessions.open_session_count(JONAS) == 1
    sessions.end_sessions([alive, crashed])
    assert sessions.open_session_count(JONAS) == 0


def test_the_session_token_signs_in_once_as_the_keys_owner(demo, jonas_key):
    jonas = identity.sign_in_key(jonas_key, "192.0.2.1")
    token, session_id = sessions.open_capped_session(jonas, server="a:1", max_sessions=1)
    again = identity.redeem_session(token)
    assert (again.email, again.session_id) == (JONAS, session_id)
    assert again.origin == f"key {jonas_key} from 192.0.2.1"
    with pytest.raises(store.Refused):
        identity.redeem_session(token)
