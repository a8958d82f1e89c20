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


def _support_acts(demo, name):
    """What a support agent (not the billing team, not admin) tries, with a reason and ticket."""
    import store.invoicing.credit_notes
    import store.plans.plan_changes
    import store.plans.trial
    import store.profile.companies
    import store.profile.requests

    eli = store.people.access.resolve_actor("support@mycompany.example")
    given = {"reason": "asked", "ticket": "SUP-7"}
    company = demo["nordwind"]
    acts = {
        "plan.change": lambda: store.plans.plan_changes.schedule_change(
            eli, company, {"users": 30, **given}),
        "plan.change.cancel": lambda: store.plans.plan_changes.cancel_change(
            eli, company, 1, given),
        "plan.trial": lambda: store.plans.trial.set_trial(eli, company, {"now": True, **given}),
        "company.close": lambda: store.profile.companies.close_company(eli, company, given),
        "company.owner": lambda: store.profile.companies.set_owner(
            eli, company, {"email": "new@nordwind.de", "name": "New", **given}),
        "invoice.credit": lambda: store.invoicing.credit_notes.credit_invoice(
            eli, company, "INV-000002-0013", given),
        "request.reject": lambda: store.profile.requests.reject_request(eli, 1, given),
    }
    return acts[name]


@pytest.mark.parametrize("action", ["plan.change", "plan.change.cancel", "plan.trial",
                                    "company.close", "company.owner", "invoice.credit",
                                    "request.reject"])
def test_every_staff_action_with_a_reason_keeps_it_when_refused(demo, action):
    """The kind of the trial's example: each action that takes a reason and ticket."""
    with pytest.raises(Refused):
        _support_acts(demo, action)()
    line = AuditEvent.select().where(AuditEvent.outcome == "refused").order_by(
        AuditEvent.id.desc()).first()
    assert line.action == action
    assert str(line.reason).endswith("Reason given: asked")
    assert line.ticket == "SUP-7"
