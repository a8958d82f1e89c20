"""What `mycompany serve` keeps in the database (SPEC §10): failed sign-ins are rate-limited per
client address, counted from the trail; sessions are capped per person, counted from the session
rows, and the rows of a server that stopped refreshing them (crashed) soon stop counting."""

from __future__ import annotations

from datetime import datetime, timedelta

import asyncssh
import pytest

import store
import store.errors
import store.people.access
from store import clock
from store.people import identity, keys, sessions
from store.persistence.models import AuditEvent

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
    return keys.add_key(store.people.access.resolve_actor(ADMIN), JONAS, public_key()).fingerprint


def stranger_key() -> str:
    return asyncssh.import_public_key(public_key()).get_fingerprint("sha256")


def test_ten_failed_connections_shut_an_address_out_for_five_minutes(demo, jonas_key):
    at(NOON)
    strangers = [stranger_key() for _ in range(9)]
    for _ in range(sessions.FAILED_SIGN_IN_LIMIT - 1):
        sessions.record_failed_connection(strangers, "203.0.113.7")  # one each, however many keys
    assert sessions.failed_sign_ins("203.0.113.7") == sessions.FAILED_SIGN_IN_LIMIT - 1
    assert not sessions.turn_away("203.0.113.7")
    identity.sign_in_key(jonas_key, "203.0.113.7")  # a success is no failure
    assert not sessions.sign_in_blocked("203.0.113.7")
    sessions.record_failed_connection([], "203.0.113.7")  # no key offered at all: a failure too
    assert sessions.sign_in_blocked("203.0.113.7")
    # Other addresses are not, not even one whose text ends the same way.
    assert not sessions.sign_in_blocked("3.0.113.7")
    assert not sessions.sign_in_blocked("203.0.113.70")
    assert sessions.failed_sign_ins("203.0.113.8") == 0
    # Until the oldest failure is more than five minutes old.
    at(NOON + sessions.FAILED_SIGN_IN_WINDOW - timedelta(seconds=1))
    assert sessions.sign_in_blocked("203.0.113.7")
    at(NOON + sessions.FAILED_SIGN_IN_WINDOW + timedelta(seconds=1))
    assert not sessions.sign_in_blocked("203.0.113.7")


def test_only_failed_connections_count_not_keys_nor_a_signed_in_persons_refusals(demo, jonas_key):
    """Each key nobody owns, each refusal to someone who signed in (--as, the session cap) and
    each turn-away are lines of their own in the trail; none of them shuts the address out."""
    at(NOON)
    stranger = stranger_key()
    for _ in range(3 * sessions.FAILED_SIGN_IN_LIMIT):
        with pytest.raises(store.errors.Refused):
            identity.sign_in_key(stranger, "203.0.113.9")
    jonas = identity.sign_in_key(jonas_key, "203.0.113.9")
    token, _session = sessions.open_capped_session(jonas, server="a:1", max_sessions=1)
    for _ in range(sessions.FAILED_SIGN_IN_LIMIT):
        with pytest.raises(store.errors.Refused):
            sessions.open_capped_session(jonas, server="a:1", max_sessions=1)
    with pytest.raises(store.errors.Refused):
        identity.redeem_session(token, ADMIN)  # --as over SSH, by an owner
    assert sessions.failed_sign_ins("203.0.113.9") == 0


def test_a_failed_connection_is_one_line_with_the_keys_it_tried(demo, jonas_key):
    stranger = stranger_key()
    sessions.record_failed_connection([stranger, jonas_key, stranger], "198.51.100.4")
    sessions.record_failed_connection([], "198.51.100.5")
    sessions.record_failed_connection([jonas_key], "198.51.100.6", "Jonas is not active.")
    lines = list(AuditEvent.select().where(AuditEvent.action == "sign_in")
                 .order_by(AuditEvent.id))
    assert [(line.outcome, line.origin, line.new_value, line.company, line.actor_email)
            for line in lines] == [
        ("refused", "ssh from 198.51.100.4", f"2 keys: {stranger}, {jonas_key}", None, None),
        ("refused", "ssh from 198.51.100.5", "no key", None, None),
        ("refused", "ssh from 198.51.100.6", f"1 key: {jonas_key}", None, None)]
    assert lines[0].reason == "None of the keys offered belongs to anyone here."
    assert lines[2].reason == "Jonas is not active."
    assert sessions.key_is_known(jonas_key) and not sessions.key_is_known(stranger)


def test_a_turned_away_address_is_in_the_trail_at_most_once_a_minute(demo):
    at(NOON)
    for _ in range(sessions.FAILED_SIGN_IN_LIMIT):
        sessions.record_failed_connection([stranger_key()], "192.0.2.77")
    turned = AuditEvent.select().where((AuditEvent.action == "sign_in")
                                       & (AuditEvent.field == sessions.TURNED_AWAY_FIELD))
    for seconds in range(0, 60, 5):  # a flood within the minute: one line
        at(NOON + timedelta(seconds=seconds))
        assert sessions.turn_away("192.0.2.77")
    assert [(line.outcome, line.origin, line.reason) for line in turned] == [
        ("refused", "ssh from 192.0.2.77", "too many failed sign-ins")]
    at(NOON + timedelta(seconds=61))
    assert sessions.turn_away("192.0.2.77")
    assert turned.count() == 2
    assert not sessions.turn_away("192.0.2.78")  # another address: let in, nothing written
    assert turned.count() == 2
    # The turn-aways themselves do not keep the address shut out.
    at(NOON + sessions.FAILED_SIGN_IN_WINDOW + timedelta(seconds=1))
    assert not sessions.turn_away("192.0.2.77")


def test_a_person_has_at_most_max_sessions_open(demo, jonas_key):
    at(NOON)
    jonas = identity.sign_in_key(jonas_key, "192.0.2.1")
    first = sessions.open_capped_session(jonas, server="a:1", max_sessions=2)
    second = sessions.open_capped_session(jonas, server="b:2", max_sessions=2)
    assert first[1] != second[1] and first[0] != second[0]
    with pytest.raises(store.errors.Refused):
        sessions.open_capped_session(jonas, server="a:1", max_sessions=2)
    line = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (line.action, line.outcome, line.actor_email) == ("session.open", "refused", JONAS)
    assert not sessions.sign_in_blocked("192.0.2.1")  # a full cap is not a failed sign-in
    # Other people have their own cap.
    support_key = keys.add_key(store.people.access.resolve_actor(ADMIN),
        "support@mycompany.example",
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
    with pytest.raises(store.errors.Refused):
        identity.redeem_session(token)


def test_each_session_opened_is_a_sign_in_in_the_trail_with_its_row(demo, jonas_key):
    at(NOON)
    jonas = identity.sign_in_key(jonas_key, "192.0.2.1")
    _token, _session_id = sessions.open_capped_session(jonas, server="a:1", max_sessions=1)
    line = AuditEvent.select().where(AuditEvent.action == "sign_in").get()
    assert (line.outcome, line.origin, line.company, line.actor_email, line.actor_role) == (
        "done", f"key {jonas_key} from 192.0.2.1", demo["nordwind"], JONAS, "owner")
    with pytest.raises(store.errors.Refused):  # over the cap: no session, no sign-in line
        sessions.open_capped_session(jonas, server="a:1", max_sessions=1)
    assert AuditEvent.select().where(AuditEvent.action == "sign_in").count() == 1
    support_key = keys.add_key(store.people.access.resolve_actor(ADMIN),
        "support@mycompany.example",
                               public_key()).fingerprint
    support = identity.sign_in_key(support_key, "192.0.2.2")
    sessions.open_capped_session(support, server="a:1", max_sessions=1)
    staff_line = AuditEvent.select().where(AuditEvent.action == "sign_in") \
        .order_by(AuditEvent.id.desc()).get()
    assert (staff_line.company, staff_line.actor_email, staff_line.origin) == (
        None, "support@mycompany.example", f"key {support_key} from 192.0.2.2")


def test_the_session_row_and_its_sign_in_line_are_one_transaction(demo, jonas_key,
                                                                   monkeypatch):
    jonas = identity.sign_in_key(jonas_key, "192.0.2.1")

    def failing(*args, **kwargs):
        raise store.errors.StorageError("disk full")

    monkeypatch.setattr(sessions, "record", failing)
    with pytest.raises(store.errors.StorageError):
        sessions.open_capped_session(jonas, server="a:1", max_sessions=1)
    assert sessions.open_session_count(JONAS) == 0


def test_a_refused_command_is_recorded_with_its_first_words_escaped(demo, jonas_key):
    jonas = identity.sign_in_key(jonas_key, "192.0.2.1")
    sessions.record_refused_command(jonas, "--db x show plan\x1b[2J " + "y" * 500, "No.")
    sessions.record_refused_command(jonas, "", "use ssh -t, or give a command")
    first, empty = AuditEvent.select().where(AuditEvent.action == "ssh.command") \
        .order_by(AuditEvent.id)
    assert (first.outcome, first.actor_email, first.company, first.reason, first.origin) == (
        "refused", JONAS, demo["nordwind"], "No.", f"key {jonas_key} from 192.0.2.1")
    assert first.new_value.startswith("--db x show plan␛[2J yyy")
    assert len(first.new_value) == sessions.COMMAND_SHOWN
    assert empty.new_value is None and empty.reason == "use ssh -t, or give a command"
    assert sessions.failed_sign_ins("192.0.2.1") == 0


def _session_of(person: str) -> store.views.Actor:
    """`person` signed in over SSH with a key of theirs: the actor their session's process has."""
    fingerprint = keys.add_key(store.people.access.resolve_actor(ADMIN), person, public_key(
        )).fingerprint
    token, _ = sessions.open_capped_session(identity.sign_in_key(fingerprint, "192.0.2.7"),
                                            server="a:1", max_sessions=2)
    return identity.redeem_session(token)


def test_a_removed_staff_members_open_session_is_refused_at_its_next_action(demo):
    """SPEC §2: a removed person's sessions end; a session already open acts no more (it could
    search every company and add recipients for minutes after the removal)."""
    import store.people.staff
    import store.profile.billing
    import store.profile.search

    bea = _session_of("billing@mycompany.example")
    assert store.profile.search.search_companies(bea, "nord")  # in force: acts as before
    store.people.staff.remove_staff(store.people.access.resolve_actor(ADMIN),
        "billing@mycompany.example")
    removed = "Your staff account billing@mycompany.example was removed by Ada Admin"
    with pytest.raises(store.errors.Refused, match=removed):
        store.profile.search.search_companies(bea, "nord")
    with pytest.raises(store.errors.Refused, match=removed):
        store.profile.billing.add_recipient(bea, demo["nordwind"], {"email": "evil@example.com"},
                                    {"reason": "r", "ticket": None})
    refused = AuditEvent.select().where((AuditEvent.actor_email == "billing@mycompany.example")
                                        & (AuditEvent.outcome == "refused")).count()
    assert refused == 2
    assert "evil@example.com" not in store.profile.billing.get_billing(
        store.people.access.resolve_actor(ADMIN), demo["nordwind"]).recipients


def test_a_session_whose_role_changed_signs_in_again(demo):
    import store.people.staff
    import store.profile.companies
    import store.profile.company

    sam = _session_of("support@mycompany.example")
    jonas = _session_of(JONAS)
    admin = store.people.access.resolve_actor(ADMIN)
    store.people.staff.set_role(admin, "support@mycompany.example", "billing")
    assert identity.still_in_force(sam) == (
        "Your role (support@mycompany.example) was changed to billing by Ada Admin "
        "(admin@mycompany.example): sign in again.")
    store.profile.companies.set_owner(admin, demo["nordwind"], {
        "email": "new.owner@nordwind.de", "name": "New Owner", "reason": "sold"})
    with pytest.raises(store.errors.Refused, match=r"made new.owner@nordwind.de the owner of "
                       r"Nordwind Logistik GmbH: your role \(jonas@nordwind.de\) is now admin"):
        store.profile.company.get_general(jonas, demo["nordwind"])
    assert identity.still_in_force(store.people.access.resolve_actor(ADMIN)) is None
