"""A server's look at all its open sessions at once (store.people.sessions.sessions_out_of_force,
every WATCH): those whose person was removed, changed role, or lost their company's ownership
are named with the sentence identity.still_in_force gives; the others are left alone; the look
costs two queries whatever the number of sessions (#18 trial: a removed person's screen stayed
up until their next key)."""

from __future__ import annotations

import asyncssh
from playhouse.test_utils import count_queries

import store.people.access
import store.people.staff
import store.profile.companies
from store.people import identity, keys, sessions

ADMIN = "admin@mycompany.example"
SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"
JONAS = "jonas@nordwind.de"


def signed_in(email: str):
    """(session id, the person as the server's key sign-in holds them)."""
    key = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    fingerprint = keys.add_key(store.people.access.resolve_actor(ADMIN), email, key).fingerprint
    person = identity.sign_in_key(fingerprint, "192.0.2.9")
    _token, session_id = sessions.open_capped_session(person, server="test:1", max_sessions=3)
    return session_id, person


def test_the_look_names_only_the_sessions_that_no_longer_hold_in_two_queries(demo):
    admin = store.people.access.resolve_actor(ADMIN)
    watched = dict(signed_in(email) for email in (SUPPORT, BILLING, JONAS, SUPPORT))
    with count_queries() as counted:
        assert sessions.sessions_out_of_force(watched) == {}
    assert counted.count == 2

    store.people.staff.remove_staff(admin, SUPPORT)
    store.people.staff.set_role(admin, BILLING, "admin")
    store.profile.companies.set_owner(admin, demo["nordwind"], {
        "email": "new.owner@nordwind.de", "name": "New Owner", "reason": "sold"})
    by_person = {person.email: id_ for id_, person in watched.items()}
    ended = sessions.sessions_out_of_force(watched)
    assert ended == {
        # who removed them, not only that the session ended (#18 trial t18)
        **{id_: ("Your staff account support@mycompany.example was removed by Ada Admin "
                 "(admin@mycompany.example): the session ends.")
           for id_, person in watched.items() if person.email == SUPPORT},
        by_person[BILLING]: ("Your role (billing@mycompany.example) was changed to admin by Ada "
                             "Admin (admin@mycompany.example): sign in again."),
        by_person[JONAS]: ("Ada Admin (admin@mycompany.example) made new.owner@nordwind.de the "
                           "owner of Nordwind Logistik GmbH: your role (jonas@nordwind.de) is "
                           "now admin; sign in again."),
    }
    assert len(ended) == 4


def test_no_session_no_query(demo):
    with count_queries() as counted:
        assert sessions.sessions_out_of_force({}) == {}
    assert counted.count == 0
