"""#17 trial, on Dec 1 at 02:53 UTC (Nov 30, 18:53 for Blue Harbor in Mountain View):

- `invoices issue --period 2027-01` issued January's invoices on Dec 1, and Blue Harbor got its
  December invoice dated Nov 30 with a Nov 30 charged: a company's invoice for a month is issued
  on or after that month's first day on its own calendar (store.invoicing.series.not_begun); a
  run skips a company where the month has not begun, saying when it does, and a month begun on
  no company's day is refused;
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


def test_a_month_is_invoiced_from_its_first_day_on_the_company_s_own_calendar(
        at_trial_moment, as_):
    blue, nordwind = at_trial_moment["blue"], at_trial_moment["nordwind"]
    # January has begun nowhere: a usage error, nothing issued (#17 trial: issued on Dec 1).
    for company in (None, nordwind, blue):
        with pytest.raises(InvalidInput) as refused:
            issue_period(as_(BILLING), "2027-01", company_id=company, dry_run=True)
        assert refused.value.errors["period"] == (
            "2027-01 has not begun yet: a company's invoice for a month is issued from the "
            "month's first day on, on the company's own calendar.")
    # December has begun in Hamburg, not yet in Mountain View: Blue Harbor waits, said so.
    summary = issue_period(as_(BILLING), "2026-12", dry_run=True)
    assert [made.company_id for made in summary.issued] == [nordwind]
    assert dict(summary.not_billed)[blue] == (
        "December starts there on Dec 1, 2026 (America/Los_Angeles); the next run bills it")
    alone = issue_period(as_(BILLING), "2026-12", company_id=blue)
    assert (alone.issued, alone.not_billed) == ([], summary.not_billed[-1:])
    assert not Invoice.select().where((Invoice.company == blue)
                                      & (Invoice.billing_period == "2026-12")).exists()
    # Eight hours later it is Dec 1 there too: the next run bills it, dated Dec 1.
    later = datetime(2026, 12, 1, 8, 0)
    clock.set_clock(lambda: later.date(), lambda: later)
    (made,) = issue_period(as_(BILLING), "2026-12", company_id=blue).issued
    assert Invoice.get(Invoice.number == made.number).issued_on == date(2026, 12, 1)


def test_a_series_dates_never_go_backwards(at_trial_moment, as_):
    blue = at_trial_moment["blue"]
    # An old database's newest invoice dated a day ahead of the company's day (Dec 2).
    newest = Invoice.select().where(Invoice.company == blue).order_by(Invoice.number.desc()).get()
    Invoice.update(issued_on=date(2026, 12, 2)).where(Invoice.id == newest.id).execute()
    later = datetime(2026, 12, 1, 8, 0)  # Dec 1 in Mountain View: December is billed there
    clock.set_clock(lambda: later.date(), lambda: later)
    (made,) = issue_period(as_(BILLING), "2026-12", company_id=blue).issued
    issued = Invoice.get(Invoice.number == made.number)
    assert (issued.issued_on, issued.due_on) == (date(2026, 12, 2), date(2026, 12, 2))
    dates = [i.issued_on for i in Invoice.select().where(
        (Invoice.company == blue) & (Invoice.kind == "invoice")).order_by(Invoice.number)]
    assert dates == sorted(dates)
    note = credit_invoice(as_(BILLING), blue, made.number, {"reason": "Duplicate"})
    assert Invoice.get(Invoice.number == note).issued_on == date(2026, 12, 2)
