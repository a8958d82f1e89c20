"""A staff member's reason is kept on a refused action's line (#18 trial: `--as bea --company 2
recipients remove acct@c002.example --reason "asked"`, acct the last recipient, exit 3: History's
Reason showed only the refusal, "asked" was lost). store.trail.audit.refusals_recorded(given=)."""

from __future__ import annotations

import pytest

import store.people.access
import store.profile.billing
from store.errors import Refused
from store.persistence.models import AuditEvent, InvoiceRecipient
from store.trail.audit import given_reason


def test_the_reason_and_ticket_given_stay_beside_the_refusal(demo):
    bea = store.people.access.resolve_actor("billing@mycompany.example")
    company = demo["atelier"]
    [last] = [r.email for r in InvoiceRecipient.select().where(
        InvoiceRecipient.company == company)]
    with pytest.raises(Refused):
        store.profile.billing.remove_recipient(bea, company, last,
                                               {"reason": "asked", "ticket": "SUP-7"})
    line = AuditEvent.select().where(AuditEvent.outcome == "refused").order_by(
        AuditEvent.id.desc()).first()
    assert str(line.reason) == ("The last recipient cannot be removed; add another one first. "
                                "Reason given: asked")
    assert line.ticket == "SUP-7"


def test_no_reason_given_leaves_the_refusal_alone():
    assert given_reason("No.", None) == ("No.", None)
    assert given_reason("No.", {"reason": "  ", "ticket": ""}) == ("No.", None)
    assert given_reason("No.", "why") == ("No. Reason given: why", None)
