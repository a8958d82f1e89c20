"""Plans changed from a date, as the #18 trial t18 found them (SPEC §11, R9): a scheduled move to
Essentials keeps R9 from the day it is scheduled and again when it applies; closing a company
cancels its changes, in History; the Plan view says why its next invoice differs from its table;
a first invoice bills the days before its month at the plan in force on them; a trial end is
refused with a reason that names a day that can be chosen, or none."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest

import store.feed.sync
import store.invoicing.billing_run
import store.plans.plan
import store.plans.plan_changes
import store.plans.prices
import store.plans.trial
import store.profile.companies
from store import clock
from store.errors import InvalidInput, Refused
from store.persistence.models import AuditEvent, Company, Invoice, InvoiceLine, Subscription, Team
from store.plans.plan_views import TeamRow
from tui import periods, textout

ADMIN, BILLING = "admin@mycompany.example", "billing@mycompany.example"
OWNER = "kim@harbour.example"
REASON = {"reason": "Asked by phone", "ticket": "SUP-18"}
JANUARY_BEGUN = date(2027, 1, 1)  # at midday UTC: January has begun on every calendar
TEAMS = ["A", "B", "C", "D", "E"]


def harbour(as_, trial_days: str = "") -> int:
    """A company on Professional, monthly, made today (2026-11-27), no trial unless given."""
    made = store.profile.companies.create_company(as_(ADMIN), {
        "name": "Harbour GmbH", "country": "Germany", "plan": "professional", "term": "monthly",
        "owner_email": OWNER, "owner_name": "Kim", "trial_days": trial_days,
        "line1": "Hafenstraße 1", "postal_code": "20457", "city": "Hamburg"})
    return made.id


def to_essentials(as_, cid: int, month: str = "2027-01") -> int:
    return store.plans.plan_changes.schedule_change(as_(BILLING), cid, {
        "from": month, "plan": "essentials", **REASON}).id


def sync_teams(as_, cid: int, names: list[str]) -> store.feed.sync.SyncSummary:
    feed = "".join(json.dumps({"company": cid, "kind": "team", "name": name}) + "\n"
                   for name in names)
    return store.feed.sync.sync_feed(as_(BILLING), io.StringIO(feed), "jsonl")


def active_teams(cid: int) -> list[str]:
    return [name for (name,) in Team.select(Team.name).where(
        (Team.company == cid) & Team.active).order_by(Team.name).tuples()]


def test_r9_a_company_moving_to_essentials_keeps_its_limit_from_the_day_the_move_is_made(
        demo, as_):
    cid = harbour(as_)
    to_essentials(as_, cid)
    # The feed's teams beyond three are bad lines saying why (it took A-E: "Teams: 3 added").
    run = sync_teams(as_, cid, TEAMS)
    said = ("Essentials, the company's plan from Jan 1, 2027, allows 3 teams; cancel that plan "
            "change for more.")
    assert [(bad.line, bad.message) for bad in run.bad] == [(4, said), (5, said)]
    assert active_teams(cid) == ["A", "B", "C"]
    # The owner's fourth team likewise, and the Plan view shows the limit kept, and from when.
    with pytest.raises(Refused) as refused:
        store.plans.plan.create_team(as_(OWNER), cid, "D")
    assert refused.value.message == said
    view = store.plans.plan.licence_summary(as_(OWNER), cid)
    assert view.plan == "Professional"
    assert view.teams == TeamRow(active=3, limit=3, limit_from=date(2027, 1, 1),
                                 limit_plan="Essentials")
    assert ("Teams: at most 3, as Essentials allows, the company's plan from Jan 1, 2027."
            in textout.plan_text(view, "en").splitlines())
    # The move cancelled, Professional has no limit again.
    change = store.plans.plan_changes.list_changes(as_(BILLING), cid)[0]
    store.plans.plan_changes.cancel_change(as_(BILLING), cid, change.id, REASON)
    assert sync_teams(as_, cid, TEAMS).bad == []
    assert active_teams(cid) == TEAMS


def test_r9_a_move_to_essentials_does_not_apply_over_more_teams_than_essentials_allows(
        demo, as_):
    cid = harbour(as_)
    change = to_essentials(as_, cid)
    # Teams made before the rule (or by hand): five, on Professional.
    Team.insert_many([{"company": cid, "name": name} for name in TEAMS]).execute()
    clock.set_clock(lambda: JANUARY_BEGUN)
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2027-01", company_id=cid)
    assert run.issued == [] and run.failed == [cid]
    assert run.not_billed == [(cid, (
        f"failed, nothing written: Plan change {change} from Jan 1, 2027 cannot apply: "
        f"Essentials allows 3 teams; company {cid} has 5: A, B, C, D, E. Remove teams or cancel "
        "the change, then run again."))]
    sub = Subscription.get_by_id(cid)
    assert sub.plan_id == "professional"
    assert [c.status for c in store.plans.plan_changes.list_changes(as_(BILLING), cid)] == [
        "scheduled"]
    # Two teams gone from the platform: the move applies, the invoice is at Essentials.
    assert sync_teams(as_, cid, TEAMS[:3]).bad == []
    (made,) = store.invoicing.billing_run.issue_period(as_(BILLING), "2027-01",
                                                       company_id=cid).issued
    assert Subscription.get_by_id(cid).plan_id == "essentials"
    assert InvoiceLine.get((InvoiceLine.invoice == made.invoice_id)
                           & (InvoiceLine.description == "User licences")).unit_minor == 4000


def test_closing_a_company_cancels_its_plan_changes_each_in_history(demo, as_):
    nordwind = demo["nordwind"]
    change = store.plans.plan_changes.schedule_change(as_(BILLING), nordwind, {
        "from": "2027-02", "users": 45, **REASON})
    store.profile.companies.close_company(as_(ADMIN), nordwind, {"reason": "customer left"})
    (listed,) = store.plans.plan_changes.list_changes(as_(BILLING), nordwind)
    assert (listed.id, listed.status) == (change.id, "cancelled")
    assert store.plans.plan.summary_for(nordwind).scheduled == []
    line = AuditEvent.get(AuditEvent.action == "plan.change.cancel")
    assert (line.company, line.actor_email, line.old_value, line.outcome, line.reason) == (
        nordwind, ADMIN, f"#{change.id} 2027-02-01", "done",
        "The company is closed: customer left")


def test_a_company_closed_before_keeps_no_change_waiting_once_migrated(demo, db, as_,
                                                                        monkeypatch):
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    migration = "0035_closed_companies_changes_cancelled"
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down(migration)
    nordwind = demo["nordwind"]
    change = store.plans.plan_changes.schedule_change(as_(BILLING), nordwind, {
        "from": "2027-02", "users": 45, **REASON})
    # Closed as the program closed companies before: its change left waiting.
    monkeypatch.setattr(store.profile.companies, "cancel_on_close", lambda *args: None)
    store.profile.companies.close_company(as_(ADMIN), nordwind, {"reason": "customer left"})
    assert store.plans.plan_changes.list_changes(as_(BILLING), nordwind)[0].status == "scheduled"
    runner.up()
    assert store.plans.plan_changes.list_changes(as_(BILLING), nordwind)[0].status == "cancelled"
    line = AuditEvent.get(AuditEvent.action == "plan.change.cancel")
    closed = Company.get_by_id(nordwind).closed_at
    assert (line.company, line.actor_email, line.old_value, line.reason, line.at) == (
        nordwind, ADMIN, f"#{change.id} 2027-02-01", "customer left", closed)


def test_the_plan_view_says_the_catalogue_prices_change_before_its_next_invoice(demo, as_):
    nordwind, blue = demo["nordwind"], demo["blue"]
    store.plans.prices.set_price(as_(ADMIN), plan="professional", frequency="annual",
                                 currency="EUR", item="user", amount="55.00", start="2026-12",
                                 reason="2027 price list", ticket=None)
    view = store.plans.plan.licence_summary(as_("jonas@nordwind.de"), nordwind)
    assert view.prices_change_on == date(2026, 12, 1)
    text = textout.plan_text(view, "en").splitlines()
    # The header's figure (40 licences at 55.00) above a table at today's 50.00, and why.
    assert text[2:4] == ["Next invoice, Dec 1, 2026: €2,767.00 /month excl. VAT",
                         "The catalogue's prices change on Dec 1, 2026; the table shows today's."]
    assert any(line.endswith("€2,567.00 /month") for line in text)
    # A next invoice that differs by a scheduled change alone gives no such line.
    store.plans.plan_changes.schedule_change(as_(BILLING), blue, {"from": "2026-12",
                                                                  "users": 8, **REASON})
    changed = store.plans.plan.summary_for(blue)
    assert changed.next_invoice_differs and changed.prices_change_on is None
    assert periods.prices_note(changed) is None


def test_a_first_invoice_bills_the_days_before_a_scheduled_move_at_the_plan_then(demo, as_):
    cid = harbour(as_, trial_days="19")  # Nov 27 to Dec 15
    to_essentials(as_, cid)
    # Dec 16-31 on Professional (70.00 x 16/31 = 36.13 a licence), January on Essentials.
    view = store.plans.plan.summary_for(cid)
    assert (view.next_invoice_total, view.next_invoice_from) == (Decimal("228.39"),
                                                                  date(2026, 12, 16))
    clock.set_clock(lambda: JANUARY_BEGUN)
    (made,) = store.invoicing.billing_run.issue_period(as_(BILLING), "2027-01",
                                                       company_id=cid).issued
    lines = [(ln.description, ln.quantity, ln.unit_minor, ln.amount_minor) for ln in
             InvoiceLine.select().where(InvoiceLine.invoice == made.invoice_id)
             .order_by(InvoiceLine.position)]
    assert lines == [("User licences, 2026-12-16 to 2026-12-31 (16/31 days)", 3, 3613, 10839),
                     ("User licences", 3, 4000, 12000)]
    assert made.subtotal_minor == 22839  # what the Plan tab said


@pytest.mark.usefixtures("december_begun")
def test_a_company_subscribed_from_its_start_and_invoiced_has_no_trial_to_change(demo, as_):
    cid = harbour(as_)
    store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=cid)
    assert Invoice.select().where(Invoice.company == cid).count() == 1
    with pytest.raises(InvalidInput) as refused:
        store.plans.trial.set_trial(as_(BILLING), cid, {"ends": "2026-12-20", **REASON})
    # Not "the trial can end on Nov 30, 2026 at the latest": the day before it existed.
    assert refused.value.errors == {"ends": (
        f"Company {cid} has no trial to change: it was subscribed from its start, and 2026-12 "
        "is invoiced already.")}


def test_the_feed_reads_the_plans_moved_to_only_for_a_company_where_a_move_waits(demo, as_):
    """The limits of the plans a company moves to cost the feed a statement only where a move
    waits (bench/README, the feed's row: 12 statements a company became 13 when every company
    read them)."""
    from playhouse.test_utils import count_queries

    cid = harbour(as_)
    sync_teams(as_, cid, ["A", "B"])
    with count_queries() as plain:
        sync_teams(as_, cid, ["A", "B"])  # the same feed again: nothing to write
    to_essentials(as_, cid)
    with count_queries() as moving:
        sync_teams(as_, cid, ["A", "B"])
    assert moving.count == plain.count + 1
