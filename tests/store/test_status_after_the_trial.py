"""#17: a subscription's status never left "trial": the stored word outlived the trial. The status
is derived (store.plans.trial.subscription_status) from the trial's last day on the company's own
day, or its closure, and every surface reads it so: `companies list|show`, the Plan header and
`show plan`, the support search, `export companies`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from store import clock
from store.persistence.models import Company, Subscription
from store.plans.plan import licence_summary
from store.plans.trial import set_trial, subscription_status
from store.profile.companies import list_companies, show_company
from store.profile.search import search_companies
from store.trail.exports import ExportFilters, export

BILLING = "billing@mycompany.example"
CAMILLE = "camille@atelier-lumiere.fr"


def statuses(as_, company_id: int, name: str) -> dict[str, str | None]:
    """The company's status on each surface that shows it."""
    staff = as_(BILLING)
    rows: list[dict] = []
    export(staff, "companies", rows.append, ExportFilters())
    return {
        "show": show_company(staff, company_id).status,
        "list": next(r.status for r in list_companies(staff) if r.id == company_id),
        "plan": licence_summary(as_(CAMILLE), company_id).status,
        "search": next(h.status for h in search_companies(staff, name) if h.id == company_id),
        "export": next(r["status"] for r in rows if r["id"] == company_id),
    }


def everywhere(status: str) -> dict[str, str]:
    return dict.fromkeys(("show", "list", "plan", "search", "export"), status)


@pytest.fixture
def atelier(demo):
    company_id = demo["atelier"]
    ends = Subscription.get_by_id(company_id).trial_ends_on
    return company_id, ends, Company.get_by_id(company_id).name


def test_in_the_trial_every_surface_says_trial(atelier, as_):
    company_id, _ends, name = atelier
    assert statuses(as_, company_id, name) == everywhere("trial")


def test_a_trial_that_ended_yesterday_reads_subscribed_everywhere(atelier, as_):
    company_id, ends, name = atelier
    clock.set_clock(lambda: ends + timedelta(days=1))  # the day after its last day
    assert Subscription.get_by_id(company_id).status == "trial"  # as stored, still
    assert statuses(as_, company_id, name) == everywhere("subscribed")
    header = licence_summary(as_(CAMILLE), company_id).header_dates
    assert [what for what, _day in header] == ["trial_ends", "first_invoice"]


def test_the_trial_ends_at_midnight_where_the_company_is(atelier, as_):
    company_id, ends, name = atelier
    Company.update(time_zone="America/Los_Angeles").where(Company.id == company_id).execute()
    moment = datetime.combine(ends + timedelta(days=1), datetime.min.time()) + timedelta(hours=5)
    clock.set_clock(lambda: moment.date(), lambda: moment)  # 05:00 UTC: still `ends` in LA
    assert statuses(as_, company_id, name) == everywhere("trial")
    later = moment + timedelta(hours=4)  # 01:00 the next day in Los Angeles
    clock.set_clock(lambda: later.date(), lambda: later)
    assert statuses(as_, company_id, name) == everywhere("subscribed")


def test_ended_now_by_the_billing_team_reads_subscribed_everywhere(atelier, as_):
    company_id, _ends, name = atelier
    set_trial(as_(BILLING), company_id, {"now": True, "reason": "Customer asked", "ticket": "T-1"})
    assert statuses(as_, company_id, name) == everywhere("subscribed")


def test_the_rule():
    day = date(2026, 12, 10)
    clock.set_clock(lambda: day)
    assert subscription_status("trial", day, "Europe/Paris") == "trial"
    assert subscription_status("trial", day - timedelta(days=1), "Europe/Paris") == "subscribed"
    assert subscription_status("trial", None, "Europe/Paris") == "trial"  # no end known yet
    assert subscription_status("cancelled", day, "UTC", datetime(2026, 12, 1)) == "closed"
    assert subscription_status("subscribed", None, "UTC") == "subscribed"
    assert subscription_status(None, None, "UTC") is None
