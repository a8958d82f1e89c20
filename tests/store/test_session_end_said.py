"""A session that ends says who did what, as a removal does (#18 verify v2, defect 4: a role
change read "The role of support@… has changed: sign in again.", naming nobody, beside "Your
staff account … was removed by Ada Admin (admin@…)"): a role changed by `staff set-role`, by an
owner change, by the feed, and an account the feed deactivated (store.people.session_end)."""

from __future__ import annotations

import io
import json

import pytest

import store.errors
import store.feed.sync
import store.people.access
import store.people.staff
import store.profile.companies
import store.profile.company
from store.people import identity
from tests.store.test_sessions import _session_of

ADMIN, BILLING = "admin@mycompany.example", "billing@mycompany.example"
ADA, BEA = f"Ada Admin ({ADMIN})", f"Bea Billing ({BILLING})"
PETRA, TIM, JONAS = "petra@nordwind.de", "tim@nordwind.de", "jonas@nordwind.de"


def admin():
    return store.people.access.resolve_actor(ADMIN)


def test_a_staff_role_change_says_by_whom_and_to_what(demo):
    sam = _session_of("support@mycompany.example")
    store.people.staff.set_role(admin(), "support@mycompany.example", "billing")
    said = (f"Your role (support@mycompany.example) was changed to billing by {ADA}: "
            "sign in again.")
    assert identity.still_in_force(sam) == said
    with pytest.raises(store.errors.Refused) as refused:  # the next action is told the same
        store.profile.company.get_general(sam, demo["nordwind"])
    assert refused.value.message == said


def test_an_owner_change_says_who_made_whom_owner_to_both(demo):
    jonas, petra = _session_of(JONAS), _session_of(PETRA)
    store.profile.companies.set_owner(admin(), demo["nordwind"], {
        "email": PETRA, "name": "Petra", "reason": "sold"})
    made = f"{ADA} made {PETRA} the owner of Nordwind Logistik GmbH: "
    assert identity.still_in_force(jonas) == (
        made + f"your role ({JONAS}) is now admin; sign in again.")
    assert identity.still_in_force(petra) == (
        made + f"your role ({PETRA}) is now owner; sign in again.")


def test_the_feed_changing_a_role_or_deactivating_says_so_and_who_ran_it(demo):
    petra, tim = _session_of(PETRA), _session_of(TIM)
    feed = [{"company": demo["nordwind"], "kind": "user", "login": login, "name": login.title(),
             "email": f"{login}@nordwind.de", "role": role, "active": True}
            for login, role in (("jonas", "owner"), ("petra", "agent"))]  # tim: not listed
    store.feed.sync.sync_feed(store.people.access.resolve_actor(BILLING),
                              io.StringIO("".join(json.dumps(u) + "\n" for u in feed)), "jsonl")
    assert identity.still_in_force(petra) == (
        f"Your role ({PETRA}) was changed to agent by the platform's feed, run by {BEA}: "
        "sign in again.")
    assert identity.still_in_force(tim) == (
        f"Your account {TIM} was deactivated by the platform's feed, run by {BEA}: "
        "the session ends.")


def test_an_admin_acting_as_someone_is_told_of_that_person(demo):
    """`yours`: the admin at the keyboard reads "The role of …", not "Your role"."""
    ada = identity.sign_in_key(_key_of(ADMIN), "192.0.2.7")
    token, _ = identity.open_session_row(ada)
    as_petra = identity.redeem_session(token, PETRA)
    store.profile.companies.set_owner(admin(), demo["nordwind"], {
        "email": PETRA, "name": "Petra", "reason": "sold"})
    assert identity.still_in_force(as_petra) == (
        f"{ADA} made {PETRA} the owner of Nordwind Logistik GmbH: the role of {PETRA} is now "
        "owner; sign in again.")


def test_without_the_trails_line_the_sentence_names_nobody(demo):
    """A role changed outside the program (no trail line): said without an author."""
    from store.persistence.models import Staff

    sam = _session_of("support@mycompany.example")
    Staff.update(role="billing").where(Staff.email == "support@mycompany.example").execute()
    assert identity.still_in_force(sam) == (
        "The role of support@mycompany.example has changed: sign in again.")


def _key_of(email: str) -> str:
    from store.people import keys
    from tests.store.test_sessions import public_key

    return keys.add_key(admin(), email, public_key()).fingerprint
