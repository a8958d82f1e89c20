"""What the Plan header names (store.plans.plan_views.LicenceSummary.header_dates): a company in
its trial has no contract to renew yet (#17 trial: Camille, in her trial, read "Contract
renewal: Dec 11" on the Plan tab and in `show plan`); it reads when the trial ends and when the
first invoice comes, until that invoice is issued."""

from __future__ import annotations

from datetime import date

import store.invoicing.billing_run
import store.plans.plan
from store.persistence.models import Subscription
from tui.formatting import plan_dates
from tui.textout import plan_json, plan_text

CAMILLE = "camille@atelier-lumiere.fr"
JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"


def test_in_the_trial_the_header_names_its_end_and_the_first_invoice_not_a_renewal(demo, as_):
    summary = store.plans.plan.licence_summary(as_(CAMILLE), demo["atelier"])
    assert summary.status == "trial" and summary.trial_ends_on == date(2026, 12, 7)
    assert summary.contract_renewal is None
    assert summary.header_dates == [("trial_ends", date(2026, 12, 7)),
                                    ("first_invoice", date(2027, 1, 1))]
    assert plan_dates(summary, "en") == ["Trial ends: Dec 7, 2026", "First invoice: Jan 1, 2027"]
    text = plan_text(summary, "en")
    assert "Contract renewal" not in text and "Trial ends: Dec 7, 2026" in text
    assert plan_json(summary)["renews_on"] is None


def test_after_the_first_invoice_the_header_names_the_renewal(demo, as_):
    cid = demo["atelier"]
    Subscription.update(trial_ends_on=date(2026, 11, 20), status="subscribed",
                        next_invoice_on=date(2026, 12, 1)).where(
        Subscription.company == cid).execute()
    # Trial over, first invoice not issued yet: still no contract renewal to name.
    before = store.plans.plan.licence_summary(as_(CAMILLE), cid)
    assert [what for what, _day in before.header_dates] == ["trial_ends", "first_invoice"]
    store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=cid,
                                             issued_on=date(2026, 12, 1))
    after = store.plans.plan.licence_summary(as_(CAMILLE), cid)
    assert after.header_dates == [("next_invoice", date(2027, 1, 1)),
                                  ("renewal", date(2027, 1, 1))]  # monthly: each month
    assert plan_dates(after, "en")[1] == "Contract renewal: Jan 1, 2027"


def test_a_subscribed_company_reads_its_next_invoice_and_renewal(demo, as_):
    summary = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"])
    assert [what for what, _day in summary.header_dates] == ["next_invoice", "renewal"]
    assert summary.contract_renewal == summary.renews_on is not None
