"""#17 trial, on Dec 1 at 02:53 UTC (Nov 30, 18:53 for Blue Harbor in Mountain View):

- `invoices issue --period 2027-01 --company 3` was taken, though invoices are issued for next
  month at the latest: the bound is the company's own day (store.invoicing.series.too_far_ahead),
  each company's in a run over every company;
- INV-000003-0007 was dated Dec 1 and INV-000003-0008, issued after it, Nov 30: a document is
  dated the company's day, never before the latest date of its series (series_day), invoices
  and credit notes alike."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store import clock
from store.errors import InvalidInput
from store.invoicing.billing_run import issue_period
from store.invoicing.credit_notes import credit_invoice
from store.persistence.models import Invoice

BILLING = "billing@mycompany.example"
TRIAL_MOMENT = datetime(2026, 12, 1, 2, 53)  # Dec 1 in Hamburg and Lyon, Nov 30 in California


@pytest.fixture
def at_trial_moment(demo):
    clock.set_clock(lambda: TRIAL_MOMENT.date(), lambda: TRIAL_MOMENT)
    return demo


def test_next_month_is_read_on_the_company_s_own_day(at_trial_moment, as_):
    blue, nordwind = at_trial_moment["blue"], at_trial_moment["nordwind"]
    with pytest.raises(InvalidInput) as refused:
        issue_period(as_(BILLING), "2027-01", company_id=blue, dry_run=True)
    assert "next month at the latest: 2027-01 is too far ahead" in refused.value.errors["period"]
    assert issue_period(as_(BILLING), "2026-12", company_id=blue, dry_run=True).issued
    assert issue_period(as_(BILLING), "2027-01", company_id=nordwind, dry_run=True).issued


def test_a_run_over_every_company_checks_each_company_s_day(at_trial_moment, as_):
    blue, nordwind = at_trial_moment["blue"], at_trial_moment["nordwind"]
    summary = issue_period(as_(BILLING), "2027-01", dry_run=True)
    assert [made.company_id for made in summary.issued] == [nordwind]
    reasons = dict(summary.not_billed)
    assert reasons[blue] == ("too far ahead: it is Nov 30, 2026 there, and invoices are issued "
                             "for next month at the latest")
    with pytest.raises(InvalidInput):  # too far ahead everywhere
        issue_period(as_(BILLING), "2027-02", dry_run=True)


def test_a_series_dates_never_go_backwards(at_trial_moment, as_):
    blue = at_trial_moment["blue"]
    # The trial's database: its newest invoice dated Dec 1 by the old demo, a day ahead there.
    newest = Invoice.select().where(Invoice.company == blue).order_by(Invoice.number.desc()).get()
    Invoice.update(issued_on=date(2026, 12, 1)).where(Invoice.id == newest.id).execute()
    (made,) = issue_period(as_(BILLING), "2026-12", company_id=blue).issued
    issued = Invoice.get(Invoice.number == made.number)
    assert (issued.issued_on, issued.due_on) == (date(2026, 12, 1), date(2026, 12, 1))
    dates = [i.issued_on for i in Invoice.select().where(
        (Invoice.company == blue) & (Invoice.kind == "invoice")).order_by(Invoice.number)]
    assert dates == sorted(dates)
    note = credit_invoice(as_(BILLING), blue, made.number, {"reason": "Duplicate"})
    assert Invoice.get(Invoice.number == note).issued_on == date(2026, 12, 1)


def test_an_invoice_is_dated_the_company_s_day_when_nothing_is_ahead(at_trial_moment, as_):
    (made,) = issue_period(as_(BILLING), "2026-12", company_id=at_trial_moment["blue"]).issued
    assert Invoice.get(Invoice.number == made.number).issued_on == date(2026, 11, 30)
