"""Role × staff action, as SPEC §2's table says (#18 trial: billing staff set the price catalogue,
which is admin staff's). store.people.access.STAFF_ACTIONS is the one table the services ask;
this matrix is SPEC §2 written out again, so the table cannot drift from it unseen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import store.people.access
from store.errors import Refused
from store.persistence.models import AuditEvent

SUPPORT, BILLING, ADMIN = ("support@mycompany.example", "billing@mycompany.example",
                           "admin@mycompany.example")
OWNER = "jonas@nordwind.de"

# SPEC §2: admin staff: "staff accounts and roles, ..., companies and owners, the price
# catalogue"; the billing team: "the locked fields ... payment methods other than cards,
# recipients and plans for a customer ...; handle change requests; run billing".
ADMIN_ONLY = ["staff.list", "staff.add", "staff.role", "staff.remove", "company.create",
              "company.owner", "company.close", "price.set"]
BILLING_TEAM = ["plan.change", "plan.change.cancel", "plan.trial", "invoice.issue",
                "invoice.credit", "invoice.send", "invoice.resend", "feed.sync",
                "payment_method.set", "recipient.add", "recipient.remove", "request.approve",
                "request.reject"]
MAY = {SUPPORT: set(), BILLING: set(BILLING_TEAM), ADMIN: {*ADMIN_ONLY, *BILLING_TEAM},
       OWNER: set()}


@pytest.mark.parametrize("action", ADMIN_ONLY + BILLING_TEAM)
@pytest.mark.parametrize("who", [SUPPORT, BILLING, ADMIN, OWNER],
                         ids=["support", "billing", "admin", "owner"])
def test_each_role_may_do_what_spec_2_says_and_no_more(as_, who, action):
    actor = as_(who)
    assert store.people.access.staff_may(actor, action) is (action in MAY[who])
    if action in MAY[who]:
        store.people.access.ensure_staff_may(actor, None, action)
        return
    with pytest.raises(Refused) as refused:
        store.people.access.ensure_staff_may(actor, None, action)
    assert refused.value.message == ("Only admin staff can do this." if action in ADMIN_ONLY
                                     else "Only the billing team can do this.")
    line = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (line.action, line.outcome, line.actor_email) == (action, "refused", who)


def test_the_table_is_spec_2_and_an_action_it_lacks_is_refused_to_everyone(as_):
    assert store.people.access.STAFF_ACTIONS == {
        **dict.fromkeys(ADMIN_ONLY, "admin"), **dict.fromkeys(BILLING_TEAM, "billing")}
    assert not store.people.access.staff_may(as_(ADMIN), "staff.anything")  # deny by default


def test_every_staff_action_the_services_check_is_in_the_table():
    """A service naming an action the table lacks would refuse everyone: each one the store's
    source passes to ensure_admin, ensure_billing_team or ensure_staff_may is there."""
    root = Path(store.__file__).parent
    called = re.compile(r"ensure_(?:admin|billing_team|staff_may)\([^)]*?\"([a-z_.]+)\"\)")
    named = {action for path in root.rglob("*.py")
             for action in called.findall(path.read_text(encoding="utf-8"))}
    assert "price.set" in named and "invoice.issue" in named
    assert named <= set(store.people.access.STAFF_ACTIONS)
