"""#17 trial: `mycompany demo` run at 02:53 UTC wrote History lines at 06:00 UTC ("Bea Billing …
declined by the bank", above newer lines) and gave Blue Harbor, still in Nov 30 where it is, an
invoice dated Dec 1. Nothing the demo writes is later than the moment it runs, whatever the hour:
no History line, no invoice's issue date (in its company's zone), no payment; and each company's
series of numbers runs with its dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import store.demo
from store import clock
from store.persistence.models import AuditEvent, Company, Invoice, Subscription
from store.places.zones import zone_of
from tests.conftest import POSTGRES_URL

MOMENTS = [datetime(2026, 12, 1, 0, 30), datetime(2026, 11, 30, 23, 30),
           datetime(2026, 12, 1, 2, 53), datetime(2026, 12, 1, 12, 0)]


# Every moment on SQLite; the trial's moment (02:53) on PostgreSQL too: the dates are worked
# out in Python, the same on both, and a demo of 43 companies takes ~50 s on the PostgreSQL leg.
LEGS = [pytest.param(m, "sqlite", id=f"sqlite-{m:%m-%d-%H%M}") for m in MOMENTS]
if POSTGRES_URL:
    LEGS.append(pytest.param(MOMENTS[2], "postgres", id=f"postgres-{MOMENTS[2]:%m-%d-%H%M}"))


@pytest.mark.parametrize(("now", "db_url"), LEGS, indirect=["db_url"])
def test_nothing_the_demo_writes_is_after_now(db, now):
    clock.set_clock(lambda: now.date(), lambda: now)
    store.demo.create_demo(extra_companies=40)
    late = [(e.company_id, e.action, e.at) for e in AuditEvent.select() if e.at > now]
    assert late == []
    days = {c.id: clock.today(zone_of(c.id)) for c in Company.select()}
    ahead = [(i.number, i.issued_on, days[i.company_id]) for i in Invoice.select()
             if i.issued_on > days[i.company_id]
             or (i.paid_on is not None and i.paid_on > days[i.company_id])]
    assert ahead == []
    for cid in days:
        series = [i.issued_on for i in Invoice.select().where(
            (Invoice.company == cid) & (Invoice.kind == "invoice")).order_by(Invoice.number)]
        assert series == sorted(series), cid


def test_blue_harbor_still_in_nov_30_is_not_invoiced_for_december_yet(db):
    now = datetime(2026, 12, 1, 2, 53)  # Nov 30, 18:53 in Mountain View
    clock.set_clock(lambda: now.date(), lambda: now)
    _atelier, nordwind, blue = store.demo.create_demo()
    newest = Invoice.select().where(Invoice.company == blue).order_by(Invoice.number.desc()).get()
    assert (newest.billing_period, newest.issued_on) == ("2026-11", date(2026, 11, 1))
    assert Subscription.get_by_id(blue).next_invoice_on == date(2026, 12, 1)
    newest = Invoice.select().where(Invoice.company == nordwind).order_by(
        Invoice.number.desc()).get()  # 03:53 in Hamburg: its run has not run at 06:00 yet
    assert (newest.billing_period, newest.issued_on) == ("2026-12", date(2026, 12, 1))
    [charge] = [e.at for e in AuditEvent.select().where(
        (AuditEvent.company == nordwind) & (AuditEvent.new_value.contains(newest.number)))]
    assert charge == now


def test_a_company_already_in_december_is_invoiced_for_it(db):
    now = datetime(2026, 11, 30, 23, 30)  # Dec 1, 00:30 in Hamburg
    clock.set_clock(lambda: now.date(), lambda: now)
    _atelier, nordwind, blue = store.demo.create_demo()
    newest = Invoice.select().where(Invoice.company == nordwind).order_by(
        Invoice.number.desc()).get()
    assert (newest.billing_period, newest.issued_on) == ("2026-12", date(2026, 12, 1))
    assert Subscription.get_by_id(nordwind).next_invoice_on == date(2027, 1, 1)
    assert Subscription.get_by_id(blue).next_invoice_on == date(2026, 12, 1)
