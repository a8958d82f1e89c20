"""The feed makes no company user of a member of staff (#18 trial t18: `"email":
"bea@vendor.example"` gave "Users: 1 added", a user sign-in then found as staff, where `staff
add` and `companies set-owner` refuse the same person): a user whose login or e-mail is a staff
member's login or e-mail is a bad line with its number, on a dry run as on the run."""

from __future__ import annotations

import pytest

import store.errors
import store.people.staff
import store.profile.companies
from store.persistence.models import User
from tests.store.test_sync import ADMIN, BILLING, jsonl, state, sync, user

STAFF_EMAIL = "Billing@MyCompany.example"  # as a platform might write it: same address


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_staff_members_e_mail_or_login_is_a_bad_line(demo, dry_run):
    blue = demo["blue"]
    rows = state(blue)
    feed = [user(blue, "maria", "owner", email="maria@blueharbor.com", name="Maria Lopez"),
            user(blue, "beax", "admin", email=STAFF_EMAIL),  # a staff e-mail
            user(blue, "billing", email="someone@blueharbor.com"),  # a staff login
            user(blue, ADMIN, email="other@blueharbor.com"),  # a staff e-mail as login
            user(blue, "zoe", email="zoe@blueharbor.com")]
    summary = sync(jsonl(*feed), dry_run=dry_run)
    assert [(b.line, b.message) for b in summary.bad] == [
        (2, "This e-mail is a staff member's; give the user another one"),
        (3, "This login is a staff member's; give the user another one"),
        (4, "This login is a staff member's; give the user another one")]
    assert summary.companies[0].users.added == 1  # zoe; the rest applied
    if dry_run:
        assert state(blue) == rows
    else:
        assert not User.select().where(User.email == BILLING).exists()
        assert User.select().where(User.email == "zoe@blueharbor.com").exists()


def test_staff_add_and_set_owner_refuse_what_the_feed_refuses(demo, as_):
    """The same person refused on the three ways in: the rule is one (staff's names)."""
    blue = demo["blue"]
    assert sync(jsonl(user(blue, "beax", email=BILLING))).bad[0].line == 1
    with pytest.raises(store.errors.InvalidInput, match="already a member of staff"):
        store.profile.companies.set_owner(as_(ADMIN), blue, {
            "email": BILLING, "name": "Bea", "reason": "r"})
    # And the other way: a user's login that is an address is not given to staff as e-mail.
    assert sync(jsonl(user(blue, "nina@vendor.example", email="nina@blueharbor.com"))).bad == []
    with pytest.raises(store.errors.InvalidInput, match="already a user of company 3"):
        store.people.staff.add_staff(as_(ADMIN), {
            "email": "nina@vendor.example", "name": "Nina", "role": "support"})


def test_a_staff_line_says_so_whatever_line_it_repeats(demo):
    """#18 verify: line 2, the staff e-mail of line 1 in another case, read "Listed twice for
    this company: see line 1"; what a line is (a staff member's name) is the more telling
    reason, and a line repeating a good line still says it is listed twice."""
    blue = demo["blue"]
    rows = state(blue)
    feed = [user(blue, "sam", email="support@mycompany.example"),
            user(blue, "sam2", email="SUPPORT@MyCompany.Example"),
            user(blue, "zoe", email="zoe@blueharbor.com"),
            user(blue, "support", email="zoe@blueharbor.com"),  # repeats zoe, a staff login
            user(blue, "zoe", email="zoe2@blueharbor.com")]
    summary = sync(jsonl(*feed), dry_run=True)
    assert [(b.line, b.message) for b in summary.bad] == [
        (1, "This e-mail is a staff member's; give the user another one"),
        (2, "This e-mail is a staff member's; give the user another one"),
        (4, "This login is a staff member's; give the user another one"),
        (5, "Listed twice for this company: see line 3")]
    assert state(blue) == rows
