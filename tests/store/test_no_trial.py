"""A company created without a trial has no trial date (#18 trial: `--trial-days 0` showed
yesterday as its trial's end and the lock line said "trial ended"): null in `companies show`
and the exports, a lock line saying the address is locked since the company started, and it is
billed from the month after the day before it started, as before."""

from __future__ import annotations

from datetime import UTC, date, datetime

import store.invoicing.billing_run
import store.plans.terms
import store.plans.trial
import store.profile.companies
import store.profile.lock
import store.trail.exports
from store.errors import InvalidInput
from store.persistence.models import BillingAddress, Company, Subscription
from store.places.zones import subscription_and_today

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
NEW = {"name": "Harbour Ltd", "country": "Germany", "plan": "essentials", "term": "monthly",
       "owner_email": "kim@harbour.example", "owner_name": "Kim",
       "line1": "Hafenstraße 1", "postal_code": "20457", "city": "Hamburg"}


def test_no_trial_means_no_trial_date_and_a_lock_since_the_start(demo, as_):
    made = store.profile.companies.create_company(as_(ADMIN), NEW)
    assert (made.status, made.trial_ends_on) == ("subscribed", None)
    assert store.profile.companies.show_company(as_(ADMIN), made.id).trial_ends_on is None
    rows: list[dict] = []
    store.trail.exports.export(as_(ADMIN), "companies", rows.append,
                         store.trail.exports.ExportFilters(company=made.id))
    assert [row["trial_ends_on"] for row in rows] == [None]
    sub, today = subscription_and_today(made.id)
    owner = store.profile.companies.show_company(as_(ADMIN), made.id)
    from store.people.access import resolve_actor

    address = BillingAddress.get(BillingAddress.company == made.id)
    lock = store.profile.lock.address_lock(resolve_actor(owner.owner_email), made.id, sub, today,
                                   address)
    assert lock.reason == ("Locked since the company started (it had no trial): the billing "
                           "team changes country and VAT number.")
    # Billed from December (created on November 27th), November said so, not "in its trial".
    assert sub is not None
    assert store.invoicing.billing_run.contract_start(sub) == date(2026, 12, 1)
    assert store.invoicing.billing_run.not_billed_reason(sub, date(2026, 11, 1)) == \
        "before its first billed month"
    assert store.invoicing.billing_run.not_billed_reason(sub, date(2026, 12, 1)) is None
    try:
        store.plans.trial.set_trial(as_(BILLING), made.id, {"now": True, "reason": "test"})
    except InvalidInput as exc:
        assert "no trial" in str(exc.errors)
    else:
        raise AssertionError("a trial it never had was ended")


def test_a_company_started_on_the_first_is_billed_from_that_month(demo, as_):
    made = store.profile.companies.create_company(as_(ADMIN), NEW)
    Company.update(created_at=datetime(2026, 12, 1, 8, 0)).where(Company.id == made.id).execute()
    sub = Subscription.get_by_id(made.id)
    assert store.plans.trial.first_billed_month(sub) == date(2026, 12, 1)
    Company.update(created_at=datetime(2026, 11, 30, 23, 30, tzinfo=UTC).replace(tzinfo=None)) \
        .where(Company.id == made.id).execute()  # already December 1st in Berlin
    assert store.plans.trial.first_billed_month(Subscription.get_by_id(made.id)) == date(2026, 12,
        1)
