"""The billing run's report names the companies it did not bill, as its issued lines name them,
and says why in words true of the month (#17, an accountant's trial: "Company 3: too far
ahead…" beside "INV-…  Blue Harbor Inc."; `--period 2025-06 --dry-run` said "in its trial that
month" of companies created in 2026, whose trial had not begun)."""

from __future__ import annotations

from datetime import date

import store.invoicing.billing_run
from store.invoicing.not_billed import customer_since, not_billed_reason
from store.persistence.models import Company, Subscription
from tui.run_report import summary_text

BILLING = "billing@mycompany.example"


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"


def test_a_month_before_the_company_existed_is_not_its_trial(demo, as_):
    blue = demo["blue"]
    since = customer_since(blue)
    assert since is not None
    before = date(since.year - 1, since.month, 1)
    run = store.invoicing.billing_run.issue_period(as_(BILLING), month_of(before),
                                                   company_id=blue, dry_run=True)
    assert run.not_billed == [(blue, "not yet a customer that month")]
    assert "  Blue Harbor Inc. (company 3): not yet a customer that month" in summary_text(
        run, "en")


def test_the_month_its_trial_ends_in_is_its_trial(demo, as_):
    blue = demo["blue"]
    sub = Subscription.get_by_id(blue)
    assert sub.trial_ends_on is not None and customer_since(blue) <= sub.trial_ends_on
    trial_month = sub.trial_ends_on.replace(day=1)
    assert not_billed_reason(sub, trial_month) == "in its trial that month"
    # The month it was created in is a month of its trial, not one before it.
    since = customer_since(blue)
    assert since is not None
    assert not_billed_reason(sub, since.replace(day=1)) == "in its trial that month"


def test_every_company_not_billed_is_named(demo, as_):
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2025-06", dry_run=True)
    text = summary_text(run, "en")
    for company in Company.select():
        assert f"  {company.name} (company {company.id}): " in text
    assert "Company " not in text  # never by its id alone
