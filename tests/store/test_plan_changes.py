"""Plans changed from a date and trial ends (SPEC §11, #18): the next invoice uses the change,
an invoiced month cannot change, R9 holds on a move to Essentials, and the trial's end moves
the lock (R16) and the first billed month."""

from __future__ import annotations

from datetime import date

import pytest

import store.errors
import store.invoicing.billing_run
import store.plans.plan
import store.plans.plan_changes
import store.plans.trial
import store.profile.lock
from store.persistence.models import (
    AuditEvent,
    BillingAddress,
    Invoice,
    InvoiceLine,
    Subscription,
)
from store.places.zones import subscription_and_today

BILLING = "billing@mycompany.example"
ADMIN = "admin@mycompany.example"
SUPPORT = "support@mycompany.example"
REASON = {"reason": "Upgrade asked by phone", "ticket": "SUP-18"}


def lines(number: str) -> list[tuple[str, int, int]]:
    invoice = Invoice.get(Invoice.number == number)
    return [(line.description, line.quantity, line.amount_minor) for line in InvoiceLine.select()
            .where(InvoiceLine.invoice == invoice.id).order_by(InvoiceLine.position)]


def trail(action: str, outcome: str = "done") -> list[AuditEvent]:
    return list(AuditEvent.select().where((AuditEvent.action == action)
                                          & (AuditEvent.outcome == outcome))
                .order_by(AuditEvent.id))


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_change_from_next_month_makes_next_months_invoice_and_leaves_this_ones(demo, as_):
    blue = demo["blue"]
    november = Invoice.get((Invoice.company == blue) & (Invoice.billing_period == "2026-11"))
    november_lines = lines(november.number)
    change = store.plans.plan_changes.schedule_change(as_(BILLING), blue, {
        "from": "2026-12", "plan": "professional", "term": "annual_monthly", "users": 8,
        "numbers": 6, "add": ["analytics_plus"], "remove": ["north_america_unlimited"],
        **REASON})
    assert (change.effective_from, change.status) == (date(2026, 12, 1), "scheduled")
    # The Plan tab says it while it waits, and still shows the plan as it is.
    summary = store.plans.plan.licence_summary(as_("maria@blueharbor.com"), blue)
    assert summary.plan_code == "essentials" and summary.users.included == 5
    assert [(s.effective_from, s.words) for s in summary.scheduled] == [(
        date(2026, 12, 1), ("plan Professional; term Annual, invoiced monthly; 8 user licences; "
                            "6 numbers included; adds Analytics+; removes North America "
                            "unlimited"))]

    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=blue)
    [december] = run.issued
    # Professional at the annual list: 8 × 50 USD, Analytics+ 8 × 10; no call plan any more.
    assert lines(december.number) == [("User licences", 8, 40000), ("Analytics+", 8, 8000)]
    assert lines(november.number) == november_lines  # issued invoices keep what they said
    sub = Subscription.get_by_id(blue)
    assert (sub.plan_id, sub.term, sub.included_users, sub.included_numbers) == (
        "professional", "annual_monthly", 8, 6)
    assert store.plans.plan.summary_for(blue).scheduled == []
    applied = trail("plan.change.apply")
    assert [(e.field, e.old_value, e.new_value) for e in applied] == [
        ("plan", "Essentials", "Professional"), ("term", "monthly", "annual_monthly"),
        ("included_users", "5", "8"), ("included_numbers", "5", "6"),
        ("products_added", None, "analytics_plus"),
        ("products_removed", "north_america_unlimited", None)]
    assert {e.actor_email for e in applied} == {BILLING}
    scheduled = trail("plan.change")
    assert scheduled[0].field == "effective_from" and scheduled[0].new_value == "2026-12-01"
    assert {(e.reason, e.ticket) for e in scheduled} == {("Upgrade asked by phone", "SUP-18")}


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_company_not_billed_that_month_takes_its_change_all_the_same(demo, as_):
    atelier = demo["atelier"]  # in its trial until 7 December: December is not billed
    store.plans.plan_changes.schedule_change(as_(BILLING), atelier, {
        "from": "2026-12", "plan": "professional", **REASON})
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", dry_run=True)
    assert (atelier, "in its trial that month") in run.not_billed
    assert Subscription.get_by_id(atelier).plan_id == "essentials"  # a dry run writes nothing
    store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert Subscription.get_by_id(atelier).plan_id == "professional"
    assert store.plans.plan.summary_for(atelier).scheduled == []
    assert [(e.company, e.field) for e in trail("plan.change.apply")] == [(atelier, "plan")]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_dry_run_shows_the_change_and_writes_nothing(demo, as_):
    store.plans.plan_changes.schedule_change(as_(BILLING), demo["blue"], {
        "from": "2026-12", "users": 10, **REASON})
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=demo["blue"],
                                         dry_run=True)
    assert run.issued[0].subtotal_minor == 10 * 4000 + 600 + 3900  # 10 users, 1 extra number
    assert Subscription.get_by_id(demo["blue"]).included_users == 5
    assert store.plans.plan.summary_for(demo["blue"]).scheduled[0].included_users == 10
    assert trail("plan.change.apply") == []


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_invoiced_month_cannot_change_and_the_first_that_can_is_named(demo, as_):
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.plans.plan_changes.schedule_change(as_(BILLING), demo["nordwind"], {
            "from": "2026-11", "users": 50, **REASON})
    assert refused.value.errors == {
        "from": "2026-11 can no longer change: the first month that can is 2026-12."}
    store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=demo["nordwind"])
    with pytest.raises(store.errors.InvalidInput, match="first month that can is 2027-01"):
        store.plans.plan_changes.schedule_change(as_(BILLING), demo["nordwind"], {
            "from": "2026-12", "users": 50, **REASON})


@pytest.mark.parametrize(("values", "field"), [
    ({"plan": "platinum"}, "plan"), ({"term": "weekly"}, "term"), ({"users": 2}, "users"),
    ({"numbers": -1}, "numbers"), ({"add": ["fax"]}, "add"),
    ({"add": ["north_america_unlimited"]}, "add"), ({"remove": ["analytics_plus"]}, "remove"),
    ({"plan": "essentials"}, "__all__"), ({"users": 5}, "__all__"), ({}, "__all__"),
    ({"from": "2026-13", "users": 9}, "from")])
def test_the_catalogue_says_what_a_change_may_be(demo, as_, values, field):
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.plans.plan_changes.schedule_change(as_(BILLING), demo["blue"], {
            "from": "2026-12", **REASON, **values})
    assert field in refused.value.errors


def test_r9_a_move_to_essentials_is_refused_naming_the_teams(demo, as_):
    with pytest.raises(store.errors.Refused) as refused:
        store.plans.plan_changes.schedule_change(as_(BILLING), demo["nordwind"], {
            "from": "2026-12", "plan": "essentials", **REASON})
    assert refused.value.message == (
        "Essentials allows 3 teams; company 2 has 7: Team 1, Team 2, Team 3, Team 4, Team 5, "
        "Team 6, Team 7. Remove teams before the move.")
    [line] = trail("plan.change", "refused")
    assert (line.company, line.field, line.new_value) == (demo["nordwind"], "plan", "essentials")
    assert store.plans.plan.summary_for(demo["nordwind"]).scheduled == []


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_scheduled_change_is_cancelled_before_it_applies(demo, as_):
    change = store.plans.plan_changes.schedule_change(as_(ADMIN), demo["blue"], {
        "from": "2026-12", "users": 9, **REASON})
    cancelled = store.plans.plan_changes.cancel_change(as_(BILLING), demo["blue"], change.id,
                                                 {"reason": "Customer changed their mind"})
    assert cancelled.status == "cancelled"
    assert store.plans.plan.summary_for(demo["blue"]).scheduled == []
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=demo["blue"])
    assert Subscription.get_by_id(demo["blue"]).included_users == 5
    assert run.issued[0].subtotal_minor == 5 * 4000 + 600 + 3900
    [line] = trail("plan.change.cancel")
    assert (line.reason, line.old_value) == ("Customer changed their mind",
                                             f"#{change.id} 2026-12-01")
    with pytest.raises(store.errors.Refused, match="cancelled already"):
        store.plans.plan_changes.cancel_change(as_(BILLING), demo["blue"], change.id, REASON)
    with pytest.raises(store.errors.NotFound):
        store.plans.plan_changes.cancel_change(as_(BILLING), demo["nordwind"], change.id, REASON)
    assert [c.status for c in store.plans.plan_changes.list_changes(as_(SUPPORT), demo["blue"])] \
        == ["cancelled"]


@pytest.mark.parametrize("who", [SUPPORT, "maria@blueharbor.com", "jonas@nordwind.de"])
def test_only_the_billing_team_changes_plans_and_trials_and_refusals_are_recorded(demo, as_,
                                                                                  who):
    blue = demo["blue"]
    change = store.plans.plan_changes.schedule_change(as_(BILLING), blue, {
        "from": "2026-12", "users": 9, **REASON})
    attempts = [
        ("plan.change", lambda: store.plans.plan_changes.schedule_change(
            as_(who), blue, {"from": "2026-12", "users": 12, **REASON})),
        ("plan.change.cancel", lambda: store.plans.plan_changes.cancel_change(
            as_(who), blue, change.id, REASON)),
        ("plan.trial", lambda: store.plans.trial.set_trial(as_(who), blue, {"now": True,
            **REASON})),
    ]
    for action, attempt in attempts:
        with pytest.raises(store.errors.Refused):
            attempt()
        line = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
        assert (line.action, line.outcome, line.actor_email) == (action, "refused", who)
    assert [c.status for c in store.plans.plan_changes.list_changes(as_(BILLING), blue)] \
        == ["scheduled"]
    assert Subscription.get_by_id(blue).included_users == 5


def test_ending_a_trial_now_locks_the_address_and_bills_from_next_month(demo, as_):
    atelier = demo["atelier"]
    sub, today = subscription_and_today(atelier)
    assert store.profile.lock.in_trial(sub, today) and today == date(2026, 11, 27)
    assert store.invoicing.billing_run.contract_start(sub) == date(2027, 1, 1)  # ends on 7 December
    old_end = sub.trial_ends_on
    summary = store.plans.trial.set_trial(as_(BILLING), atelier, {"now": True, **REASON})
    sub, today = subscription_and_today(atelier)
    assert not store.profile.lock.in_trial(sub, today)
    address = BillingAddress.get(BillingAddress.company == atelier)
    lock = store.profile.lock.address_lock(as_("camille@atelier-lumiere.fr"), atelier, sub, today,
                                   address)
    assert lock.locked == ["state", "country", "vat_number"] and lock.reason
    assert (summary.status, summary.trial_ends_on) == ("subscribed", date(2026, 11, 26))
    assert store.invoicing.billing_run.contract_start(sub) == date(2026, 12, 1)
    [line] = trail("plan.trial")
    assert (line.old_value, line.new_value, line.reason) == (
        old_end.isoformat(), "2026-11-26", "Upgrade asked by phone")
    with pytest.raises(store.errors.InvalidInput, match="over already"):
        store.plans.trial.set_trial(as_(BILLING), atelier, {"now": True, **REASON})


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_later_trial_end_keeps_the_lock_open_and_moves_the_first_billed_month(demo, as_):
    atelier = demo["atelier"]
    summary = store.plans.trial.set_trial(as_(ADMIN), atelier, {"ends": "2027-01-15", **REASON})
    sub, today = subscription_and_today(atelier)
    assert store.profile.lock.in_trial(sub, today) and summary.status == "trial"
    assert store.invoicing.billing_run.contract_start(sub) == date(2027, 2, 1)
    assert summary.next_invoice_on == date(2027, 2, 1)
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=atelier)
    assert run.not_billed == [(atelier, "in its trial that month")]
    for bad in ("2026-11-01", "15/01/2027", ""):
        with pytest.raises(store.errors.InvalidInput):
            store.plans.trial.set_trial(as_(ADMIN), atelier, {"ends": bad, **REASON})
    # A trial may not take back a month already invoiced; one over and invoiced has no day left
    # to end on (#18 trial t18: "can end on Sep 30, 2025 at the latest", a day long past).
    with pytest.raises(store.errors.InvalidInput, match="The trial is over already: its last "
                       "day was Sep 23, 2025, and 2025-10 is invoiced already"):
        store.plans.trial.set_trial(as_(ADMIN), demo["nordwind"], {"ends": "2026-12-31", **REASON})
