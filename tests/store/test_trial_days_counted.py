"""A trial of N days has N days, its first the company's creation day (#18 trial: on Dec 1,
`companies create --trial-days 1` said "Trial ends: Dec 2, 2026" and the Plan tab billed from
Dec 3), and a trial ended "now" never ends before the company existed (`plans trial --now` on a
company created that day answered "trial ended on Nov 30, 2026"). Every surface reads the one
stored day: `companies show`, the Plan header, `export companies`."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import store.plans.plan
import store.plans.trial
import store.profile.companies
import store.trail.exports
from store import clock
from store.persistence.models import Company

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
OWNER = "kim@harbour.example"
NEW = {"name": "Harbour Ltd", "country": "Germany", "plan": "essentials", "term": "monthly",
       "owner_email": OWNER, "owner_name": "Kim", "line1": "Hafenstraße 1",
       "postal_code": "20457", "city": "Hamburg"}
DEC_1 = date(2026, 12, 1)


def every_surface(as_, company_id: int) -> tuple[date | None, date | None, date | None]:
    """The trial's last day as `companies show`, the Plan header and `export companies` say."""
    shown = store.profile.companies.show_company(as_(ADMIN), company_id).trial_ends_on
    header = store.plans.plan.licence_summary(as_(OWNER), company_id).trial_ends_on
    rows: list[dict] = []
    store.trail.exports.export(as_(ADMIN), "companies", rows.append,
                               store.trail.exports.ExportFilters(company=company_id))
    return shown, header, date.fromisoformat(str(rows[0]["trial_ends_on"]))


@pytest.mark.parametrize(("days", "last"), [(1, date(2026, 12, 1)), (2, date(2026, 12, 2)),
                                            (30, date(2026, 12, 30)), (31, date(2026, 12, 31))])
def test_n_trial_days_end_on_the_creation_day_plus_n_minus_one(demo, as_, days, last):
    clock.set_clock(lambda: DEC_1)
    made = store.profile.companies.create_company(as_(ADMIN), {**NEW, "trial_days": days})
    assert made.trial_ends_on == last
    assert every_surface(as_, made.id) == (last, last, last)
    plan = store.plans.plan.licence_summary(as_(OWNER), made.id)
    # Billed from the day after its last trial day: January's invoice, with December's days
    # left (none after a 31-day trial).
    assert plan.next_invoice_on == date(2027, 1, 1)
    assert plan.next_invoice_from == (None if days == 31 else date(2026, 12, days + 1))


def test_a_trial_ended_now_on_the_creation_day_ends_that_day_not_the_day_before(demo, as_):
    clock.set_clock(lambda: DEC_1)
    made = store.profile.companies.create_company(as_(ADMIN), {**NEW, "trial_days": 30})
    summary = store.plans.trial.set_trial(as_(BILLING), made.id, {"now": True, "reason": "Signed"})
    # A trial has at least its first day: never Nov 30, before the company existed.
    assert (summary.status, summary.trial_ends_on) == ("trial", DEC_1)
    assert every_surface(as_, made.id) == (DEC_1, DEC_1, DEC_1)


def test_a_trial_ended_now_later_has_yesterday_as_its_last_day(demo, as_):
    clock.set_clock(lambda: DEC_1)
    made = store.profile.companies.create_company(as_(ADMIN), {**NEW, "trial_days": 30})
    Company.update(created_at=datetime(2026, 11, 20, 9)).where(Company.id == made.id).execute()
    summary = store.plans.trial.set_trial(as_(BILLING), made.id, {"now": True, "reason": "Signed"})
    assert (summary.status, summary.trial_ends_on) == ("subscribed", date(2026, 11, 30))
    Company.update(created_at=datetime(2026, 11, 30, 22)).where(Company.id == made.id).execute()
    # Created Nov 30 at 22:00 UTC is Nov 30 in Hamburg too: its first day, yesterday.
    summary = store.plans.trial.set_trial(as_(ADMIN), made.id, {"ends": "2026-12-20",
                                                                 "reason": "More time"})
    summary = store.plans.trial.set_trial(as_(BILLING), made.id, {"now": True, "reason": "Signed"})
    assert summary.trial_ends_on == date(2026, 11, 30)


def test_a_trial_already_over_says_its_last_day_as_every_surface_writes_it(demo, as_):
    import store.errors

    with pytest.raises(store.errors.InvalidInput) as refused:  # Nordwind's ended in 2025
        store.plans.trial.set_trial(as_(BILLING), demo["nordwind"], {"now": True, "reason": "x"})
    assert refused.value.errors["now"].startswith("The trial is over already: its last day was ")
    assert refused.value.errors["now"].endswith(", 2025.")  # "Sep 27, 2025.", not 2025-09-27
