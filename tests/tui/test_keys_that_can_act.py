"""A key shown enabled can act (#15 trial): Billing's "y Pay now" is dimmed exactly while no
invoice of the company is open, as "r Remove recipient" is with one recipient; the store counts
the open ones with the page (InvoicePage.open_invoices), in the query that counts the page."""

from __future__ import annotations

from textual.widgets import DataTable

import store.invoicing.invoices
import store.people.access
from store.persistence.models import Invoice

from .helpers import store_answered, until

JONAS = "jonas@nordwind.de"  # two open invoices, past due
MARIA = "maria@blueharbor.com"  # every invoice paid


def key_state(app, key: str) -> bool | None:
    """True: shown and enabled; None: shown dimmed; False: not in the key line."""
    active = app.screen.active_bindings.get(key)
    if active is None or not active.binding.show:
        return False
    return True if active.enabled else None


def test_the_page_counts_the_open_invoices_of_every_page(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    first = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"], page=1, page_size=5)
    assert first.open_invoices == 2
    # A page turn passes the counts it has (one query), whatever the page holds.
    last = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"], page=3, page_size=5,
                                        known_total=first.total_count,
                                        known_open=first.open_invoices)
    assert last.open_invoices == 2 and all(i.status == "paid" for i in last.items)
    maria = store.people.access.resolve_actor(MARIA)
    assert store.invoicing.invoices.list_invoices(maria, demo["blue"]).open_invoices == 0


async def test_pay_now_is_dimmed_with_nothing_open(make_app):
    app = make_app(MARIA, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert key_state(app, "y") is None  # shown, dimmed: nothing to pay
        assert key_state(app, "c") is True  # the card key stays: it can act
        await pilot.press("y")  # a dimmed key does nothing, not even a question
        await store_answered(pilot)
        assert app.screen is app.company_screen()


async def test_pay_now_dims_once_the_last_open_invoice_is_paid(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        app.company_screen().query_one("#invoices", DataTable).focus()
        await pilot.pause()
        assert key_state(app, "y") is True
        await pilot.press("y")
        await until(pilot, lambda: app.screen is not app.company_screen(), "the amount asked")
        await pilot.press("y")
        await store_answered(pilot)
        assert not Invoice.select().where((Invoice.company == demo["nordwind"])
                                          & (Invoice.status == "open")
                                          & (Invoice.kind == "invoice")).exists()
        await until(pilot, lambda: key_state(app, "y") is None, "y dimmed once all is paid")


async def test_history_page_keys_are_out_with_one_page(make_app):
    """The same kind on History (#15 trial: "n Next page p Previous page" bright over "Page 1
    of 1"): with one page the page keys are out of the key line, as on Billing."""
    app = make_app(JONAS, tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert app.company_screen().tab("history").total <= 50
        assert key_state(app, "n") is False and key_state(app, "p") is False
        assert key_state(app, "slash") is True


async def test_the_search_offers_open_only_with_something_to_open(make_app):
    """The support search's "⏎ Open" is dimmed over an empty box and an empty list; typed text
    makes it live (Enter searches it first), a list of companies too."""
    app = make_app("support@mycompany.example")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert key_state(app, "enter") is None
        await pilot.press(*"zzzz")
        assert key_state(app, "enter") is True  # Enter would search "zzzz" now
        await until(pilot, lambda: key_state(app, "enter") is None, "no company matches")
        await pilot.press("ctrl+u", *"nord")
        await until(pilot, lambda: app.screen.highlighted_id() is not None, "Nordwind found")
        assert key_state(app, "enter") is True


async def test_every_companys_history_pages_keys_follow_its_pages(make_app):
    """History of every company (staff, ctrl+t): n and p out with one page, as on the tab."""
    from tui.screens.history_all import AllHistoryScreen

    app = make_app("support@mycompany.example")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, AllHistoryScreen), "the History")
        await store_answered(pilot)
        assert app.screen.pages == 1
        assert key_state(app, "n") is False and key_state(app, "p") is False
