"""A screen's light look for changes (store.trail.changes.changed_since, the Billing tab's every
20 s and when shown again; #17 trial: the list said "Past due" after `invoices pay` in another
shell): a History line since the read, or another day where the company is."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

import store.errors
import store.invoicing.payments
from store import clock
from store.trail.changes import changed_since

JONAS = "jonas@nordwind.de"


def test_nothing_written_since_is_no_change_and_a_payment_is_one(demo, as_):
    jonas = as_(JONAS)
    read_at = clock.now()
    assert not changed_since(jonas, demo["nordwind"], read_at)
    store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], ["INV-000002-0014"],
                                          Decimal("2567.00"))
    assert changed_since(jonas, demo["nordwind"], read_at)  # the same second counts
    assert not changed_since(as_("camille@atelier-lumiere.fr"), demo["atelier"], read_at)


def test_a_new_day_where_the_company_is_is_a_change(demo, as_):
    """Nordwind is in Berlin: 23:30 UTC on Nov 27 is already Nov 28 there (past due moves)."""
    jonas = as_(JONAS)
    clock.set_clock(lambda: date(2026, 11, 27), lambda: datetime(2026, 11, 27, 22, 30))
    read_at = clock.now()
    assert not changed_since(jonas, demo["nordwind"], read_at)
    clock.set_clock(lambda: date(2026, 11, 27), lambda: datetime(2026, 11, 27, 23, 30))
    assert changed_since(jonas, demo["nordwind"], read_at)


def test_another_company_s_changes_are_refused_as_its_reading_is(demo, as_):
    with pytest.raises(store.errors.Refused):
        changed_since(as_(JONAS), demo["atelier"], clock.now())
