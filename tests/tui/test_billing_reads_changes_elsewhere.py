"""The Billing tab reads again what changed elsewhere (#17 trial: after `invoices pay
INV-000002-0014` in a shell the open screen still said "Past due"; after a credit note it still
listed 15 invoices), from one light look (store.trail.changes.changed_since): every
CHECK_EVERY seconds while the tab is in sight, and when it is shown again; and at once when an
action on it finds the list out of date. Nothing more is read before the first frame
(tests/tui/test_open_queries.py), and nothing is read again when nothing changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.widgets import DataTable

import store.invoicing.credit_notes
import store.invoicing.invoices
import store.invoicing.payments
import store.people.access
import store.trail.changes
from tui.screens.confirm import ConfirmModal
from tui.screens.invoice_entry import InvoiceEntryModal
from tui.tabs import billing

from .helpers import asked, cells, settle, until

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"
NEWEST, OLDER = "INV-000002-0014", "INV-000002-0013"  # Nordwind's two open ones, past due


def paid_elsewhere(demo, number: str = NEWEST) -> None:
    """`invoices pay NUMBER` from another terminal: the same store, another caller."""
    jonas = store.people.access.resolve_actor(JONAS)
    store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], [number], Decimal("2567.00"))


def status_of(app, number: str) -> str:
    table = app.company_screen().query_one("#invoices", DataTable)
    return dict(zip(cells(table, 0), cells(table, 5), strict=True)).get(number, "")


@pytest.fixture
def reads(monkeypatch):
    """How many times the invoice list and the look for changes were read."""
    counted = {"list": 0, "look": 0}
    listed, looked = store.invoicing.invoices.list_invoices, store.trail.changes.changed_since

    def list_invoices(*args, **kwargs):
        counted["list"] += 1
        return listed(*args, **kwargs)

    def changed_since(*args, **kwargs):
        counted["look"] += 1
        return looked(*args, **kwargs)

    monkeypatch.setattr(store.invoicing.invoices, "list_invoices", list_invoices)
    monkeypatch.setattr(store.trail.changes, "changed_since", changed_since)
    return counted


async def test_a_payment_made_elsewhere_shows_while_the_tab_is_in_sight(demo, make_app,
                                                                        monkeypatch):
    monkeypatch.setattr(billing, "CHECK_EVERY", 0.2)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert status_of(app, NEWEST) == "Past due"
        paid_elsewhere(demo)
        await until(pilot, lambda: status_of(app, NEWEST).startswith("Paid"),
                    "the list says it is paid, no key pressed")
        assert status_of(app, OLDER) == "Past due"


async def test_a_credit_note_made_elsewhere_is_listed_without_a_tab_switch(demo, make_app,
                                                                           monkeypatch):
    monkeypatch.setattr(billing, "CHECK_EVERY", 0.2)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tab = app.company_screen().tab("billing")
        before = tab.invoices.total_count
        paid = next(item.number for item in tab.invoices.items if item.status == "paid")
        note = store.invoicing.credit_notes.credit_invoice(
            store.people.access.resolve_actor(BILLING), demo["nordwind"], paid,
            {"reason": "goodwill"}, "100")
        await until(pilot, lambda: tab.invoices.total_count == before + 1, "one more listed")
        assert note in cells(app.company_screen().query_one("#invoices", DataTable), 0)


async def test_nothing_is_read_again_when_nothing_changed(demo, make_app, monkeypatch, reads):
    monkeypatch.setattr(billing, "CHECK_EVERY", 0.1)
    monkeypatch.setattr(billing, "READ_JUST_NOW", 0.0)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert reads["list"] == 1  # the first page, drawn with the tab
        await until(pilot, lambda: reads["look"] >= 3, "three looks")
        await pilot.press("1")  # General, then Billing again: one look, nothing read again
        await settle(pilot)
        looks = reads["look"]
        await pilot.press("3")
        await until(pilot, lambda: reads["look"] > looks, "a look when shown again")
        await settle(pilot)
        assert reads["list"] == 1


async def test_shown_again_after_a_payment_elsewhere_the_list_is_read_again(demo, make_app,
                                                                           reads, monkeypatch):
    monkeypatch.setattr(billing, "READ_JUST_NOW", 0.0)  # as if read a while ago
    app = make_app(JONAS, tab="billing")  # looks every 20 s: none during the test
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        paid_elsewhere(demo)
        await pilot.press("3")
        await until(pilot, lambda: status_of(app, NEWEST).startswith("Paid"), "read again")
        assert reads["look"] == 1


async def test_pay_now_on_a_list_paid_elsewhere_reads_it_again(demo, make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        paid_elsewhere(demo)
        assert status_of(app, NEWEST) == "Past due"  # what the list read, before
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        assert isinstance(app.screen, ConfirmModal)
        assert f"for 1 open invoice ({OLDER})" in app.screen.question
        await until(pilot, lambda: status_of(app, NEWEST).startswith("Paid"),
                    "the list under the question read again")
        await pilot.press("n")


async def test_an_invoice_shown_in_full_paid_elsewhere_reads_the_list_again(demo, make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        paid_elsewhere(demo)
        app.company_screen().query_one("#invoices", DataTable).focus()
        await pilot.press("enter")  # the first row: NEWEST, listed as past due
        await until(pilot, lambda: isinstance(app.screen, InvoiceEntryModal), "shown in full")
        await until(pilot, lambda: status_of(app, NEWEST).startswith("Paid"),
                    "the list under it read again")
