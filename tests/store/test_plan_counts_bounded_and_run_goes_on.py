"""Licence and number counts are bounded where a plan change sets them, and a billing run over
every company never stops for one company's failure (#18 trial: `plans change --users
9223372036854775807` was accepted, the Plan read "$368,934,881,474,191,032,325.00", and the next
`invoices issue` over all companies exited 1 with "A number given is too large", issuing nothing
for the others)."""

from __future__ import annotations

from datetime import date

import pytest

import store.errors
import store.invoicing.billing_run
import store.plans.plan_changes
from store.forms.console import MAX_COUNT, PLAN_CHANGE
from store.persistence.db import is_sqlite
from store.persistence.models import Invoice
from store.persistence.models_plan import PlanChange

BILLING = "billing@mycompany.example"
REASON = {"reason": "x"}


@pytest.mark.parametrize("field", ["users", "numbers"])
@pytest.mark.parametrize("value", [9223372036854775807, 10 ** 30, MAX_COUNT + 1, "100001"])
def test_a_count_beyond_the_forms_maximum_is_refused_naming_the_field(demo, as_, field, value):
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.plans.plan_changes.schedule_change(as_(BILLING), demo["blue"], {
            "from": "2026-12", field: value, **REASON})
    assert refused.value.errors[field] == "Enter a whole number from 0 to 100,000"
    assert not PlanChange.select().exists()


def test_the_maximum_itself_is_taken_and_the_form_names_its_fields(demo, as_):
    change = store.plans.plan_changes.schedule_change(as_(BILLING), demo["blue"], {
        "from": "2026-12", "users": MAX_COUNT, **REASON})
    assert change.included_users == MAX_COUNT == 100_000
    assert (PLAN_CHANGE["users"].option, PLAN_CHANGE["numbers"].option) == ("--users",
                                                                             "--numbers")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_one_companys_failure_leaves_the_others_issued_and_is_listed(demo, as_):
    # A change stored before the bound (or by hand): the run must still bill everyone else.
    if not is_sqlite():
        pytest.skip("needs SQLite: the count planted here (2**63-1) does not fit PostgreSQL's "
                    "integer column, so this overflow cannot be stored there")
    PlanChange.insert(company=demo["blue"], effective_from=date(2026, 12, 1),
                      included_users=2 ** 63 - 1, reason="old", created_by=BILLING,
                      created_at="2026-11-01 00:00:00").execute()
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert [i.company_id for i in run.issued] == [demo["nordwind"]]
    assert run.failed == [demo["blue"]]
    reasons = dict(run.not_billed)
    assert reasons[demo["blue"]].startswith("failed, nothing written: a number of its plan is "
                                            "too large")
    assert not Invoice.select().where((Invoice.company == demo["blue"])
                                      & (Invoice.billing_period == "2026-12")).exists()
