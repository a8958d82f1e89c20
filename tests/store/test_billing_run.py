"""The billing run (SPEC §11, §5): once per company and period, numbered without gaps, from the
Plan tab's own figures, with the tax rule of store.invoicing.tax; the demo's invoices are its
own."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

import store
import store.errors
import store.invoicing.billing_run
import store.people.access
import store.plans.plan
from store.invoicing.tax import Party, tax_amount, tax_for
from store.persistence.models import AuditEvent, Invoice, InvoiceLine, Subscription

BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"


def numbers(company_id: int) -> list[str]:
    return [i.number for i in Invoice.select(Invoice.number).where(
        Invoice.company == company_id).order_by(Invoice.number)]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_next_month_is_issued_once_continuing_each_series(demo, as_):
    bea = as_(BILLING)
    run = store.invoicing.billing_run.issue_period(bea, "2026-12")
    assert sorted(i.number for i in run.issued) == ["INV-000002-0015", "INV-000003-0007"]
    assert [cid for cid, _ in run.not_billed] == [demo["atelier"]]  # still in its trial
    again = store.invoicing.billing_run.issue_period(bea, "2026-12")
    assert (again.issued, sorted(again.already)) == ([], [demo["nordwind"], demo["blue"]])
    assert numbers(demo["nordwind"]) == [f"INV-000002-{n:04d}" for n in range(1, 16)]
    december = Invoice.get(Invoice.number == "INV-000002-0015")
    assert (december.period_start, december.period_end) == (date(2026, 12, 1), date(2026, 12, 31))
    assert (december.status, december.paid_with) == ("paid", "Visa •••• 4242")  # card on file
    assert december.due_on == december.issued_on  # the seller's terms: due on issue
    assert Subscription.get_by_id(demo["nordwind"]).next_invoice_on == date(2027, 1, 1)
    trail = AuditEvent.get((AuditEvent.action == "invoice.issue")
                           & (AuditEvent.company == demo["nordwind"]))
    assert (trail.actor_email, trail.new_value) == (BILLING, "INV-000002-0015")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_invoice_is_the_plan_tabs_month_with_the_tax_rule_applied(demo, as_):
    store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    plan = store.plans.plan.licence_summary(as_("jonas@nordwind.de"), demo["nordwind"])
    nordwind = Invoice.get(Invoice.number == "INV-000002-0015")
    lines = list(InvoiceLine.select().where(InvoiceLine.invoice == nordwind.id)
                 .order_by(InvoiceLine.position))
    assert sum(line.amount_minor for line in lines) == nordwind.subtotal_minor == 256700
    assert str(plan.total) == "2567.00"
    assert [(line.description, line.quantity) for line in lines] == [
        ("User licences", 40), ("Extra users", 2), ("Extra numbers", 3), ("Analytics+", 40),
        ("Europe unlimited", 1)]
    # A German business with a valid VAT number, from a French seller: reverse charge, 0 %.
    assert (nordwind.tax_rule, nordwind.tax_minor, nordwind.total_minor) == (
        "eu_reverse_charge", 0, 256700)
    assert "196" in nordwind.tax_mention  # Art. 196 of the VAT Directive
    blue = Invoice.get(Invoice.number == "INV-000003-0007")
    assert (blue.tax_rule, blue.currency, blue.total_minor) == ("outside_eu", "USD", 24500)


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_french_consumer_pays_french_vat(demo, as_):
    from store.persistence.models import BillingAddress

    BillingAddress.update(country="FR", vat_number=None, postal_code="75009", city="Paris",
                          state=None).where(BillingAddress.company == demo["nordwind"]).execute()
    store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=demo["nordwind"])
    invoice = Invoice.get(Invoice.number == "INV-000002-0015")
    assert (invoice.tax_rule, invoice.tax_rate_permille) == ("domestic", 200)
    assert invoice.tax_minor == tax_amount(256700, tax_for(
        Party("FR", "FR11123456782"), Party("FR"), date(2026, 12, 1)).rate) == 51340


def test_every_demo_invoice_is_the_runs_computation_for_its_period(demo):
    from store.plans.proration import days_before, period_lines

    for cid in (demo["nordwind"], demo["blue"]):
        summary = store.plans.plan.summary_for(cid)
        sub = Subscription.get_by_id(cid)
        month = sum(line.amount_minor for line in store.invoicing.billing_run.invoice_lines(
            summary))
        invoices = list(Invoice.select().where(Invoice.company == cid)
                        .order_by(Invoice.period_start))
        assert invoices and [i.subtotal_minor for i in invoices] == [
            sum(line.amount_minor for line in period_lines(summary, days_before(
                sub, i.period_start)))
            for i in invoices]
        # The first also bills the days left of the month its trial ended in (#17 trial).
        assert invoices[0].subtotal_minor > month
        assert {i.subtotal_minor for i in invoices[1:]} == {month}
        assert all(i.total_minor == i.subtotal_minor + i.tax_minor for i in invoices)
        periods = sorted(i.billing_period for i in invoices)
        assert len(set(periods)) == len(periods)  # one invoice per month
    # None was issued in a trial: the first month billed follows the trial's end.
    blue = Subscription.get_by_id(demo["blue"])
    first = min(i.period_start for i in Invoice.select().where(Invoice.company == demo["blue"]))
    assert first > blue.trial_ends_on and first.day == 1
    assert not Invoice.select().where(Invoice.company == demo["atelier"]).exists()


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_dry_run_writes_nothing(demo, as_):
    before = Invoice.select().count()
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", dry_run=True)
    # Named by the numbers they would take: none is taken (#17: the dry run's charges name them)
    assert [i.number for i in run.issued] == ["INV-000002-0015", "INV-000003-0007"]
    assert [i.invoice_id for i in run.issued] == [None, None]
    assert [i.total_minor for i in run.issued] == [256700, 24500]
    assert Invoice.select().count() == before


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_annual_contract_paid_upfront_is_invoiced_once_a_year_for_twelve_months(demo, as_):
    Subscription.update(term="annual_upfront").where(
        Subscription.company == demo["blue"]).execute()
    bea = as_(BILLING)
    # Blue Harbor's contract began in June 2026 (its trial ended in May).
    december = store.invoicing.billing_run.issue_period(bea, "2026-12", company_id=demo["blue"])
    assert december.not_billed == [(demo["blue"], "paid upfront for the year")]
    from store import clock

    clock.set_clock(lambda: date(2027, 6, 1))  # the run of the next contract year's month, begun
    try:
        june = store.invoicing.billing_run.issue_period(bea, "2027-06", company_id=demo["blue"])
    finally:
        clock.set_clock(lambda: date(2026, 11, 27))
    invoice = Invoice.get(Invoice.number == june.issued[0].number)
    assert (invoice.period_start, invoice.period_end) == (date(2027, 6, 1), date(2028, 5, 31))
    # The annual price list, twelve months: Essentials at 30 a licence instead of 40.
    summary = store.plans.plan.summary_for(demo["blue"])
    assert (summary.period, invoice.subtotal_minor) == ("year", int(summary.total * 100))


def test_only_the_billing_team_runs_it_and_a_refusal_is_recorded(demo, as_):
    with pytest.raises(store.errors.Refused):
        store.invoicing.billing_run.issue_period(as_(SUPPORT), "2026-12")
    with pytest.raises(store.errors.Refused):
        store.invoicing.billing_run.issue_period(as_("jonas@nordwind.de"), "2026-12")
    assert AuditEvent.select().where((AuditEvent.action == "invoice.issue")
                                     & (AuditEvent.outcome == "refused")).count() == 2
    assert not Invoice.select().where(Invoice.billing_period == "2026-12").exists()


@pytest.mark.parametrize("period", ["2026-13", "26-12", "2026/12", "", "2026-12-01", "0000-01",
                                    "9999-12", "2027-01"])
def test_a_malformed_period_is_refused(demo, as_, period):
    with pytest.raises(store.errors.InvalidInput):
        store.invoicing.billing_run.issue_period(as_(BILLING), period)


def test_two_runs_at_once_issue_each_invoice_once_without_gaps(tmp_path):
    """Two programs run the same month on one database file at the same moment."""
    url = "sqlite:///" + str(tmp_path / "twice.sqlite3")
    from datetime import datetime

    from tests.child_clock import environment

    # The children's clock at the tests' midday: next month is next month in every company's
    # zone (at 02:53 UTC on the 1st, Blue Harbor's day is still the month before: #17 trial).
    env = environment(datetime(2026, 11, 27, 12),
                      {**os.environ, "MYCOMPANY_DATABASE_URL": url, "LANG": "C.UTF-8"})
    env.pop("MYCOMPANY_USER", None)
    exe = [sys.executable, "-m", "tui"]
    assert subprocess.run(exe + ["demo"], env=env, capture_output=True, timeout=120,
                          check=False, cwd=tmp_path).returncode == 0
    period = "2026-12"  # next month, begun in every company's zone by the runs' clock (#17)
    env = environment(datetime(2026, 12, 1, 12), env)
    runs = [subprocess.Popen(exe + ["--as", BILLING, "invoices", "issue", "--period", period],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=tmp_path) for _ in range(2)]
    outs = [run.communicate(timeout=120) for run in runs]
    # 1: issued, but not e-mailed (no MYCOMPANY_SMTP_URL here); never a traceback.
    assert all(run.returncode in (0, 1) for run in runs), outs
    assert not any("Traceback" in err for _out, err in outs), outs
    store.persistence.db.open_database(url)
    try:
        made = Invoice.select().where(Invoice.billing_period == period)
        assert made.count() == 2  # Nordwind and Blue Harbor, once each
        for cid in (2, 3):
            series = numbers(cid)
            assert series == [f"INV-{cid:06d}-{n:04d}" for n in range(1, len(series) + 1)]
    finally:
        store.persistence.db.database.close()
