"""While the person reads the first screen, the other tabs are built, hidden, so that showing one
the first time draws widgets that exist (tui/screens/company.py, WARM_UP_AFTER)."""

from __future__ import annotations

import asyncio

import pytest
from playhouse.test_utils import count_queries
from textual.widgets import DataTable

from tui.screens import company
from tui.screens.company import TABS


async def until(condition, pilot, seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError("not reached in time")


@pytest.fixture(autouse=True)
def warm_up_on(monkeypatch):
    monkeypatch.setenv("MYCOMPANY_WARM_UP", "1")
    monkeypatch.setattr(company, "WARM_UP_AFTER", 0.05)


async def test_the_other_tabs_are_built_while_the_first_is_read(make_app):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(lambda: screen.mounted_tabs() == list(TABS), pilot)
        assert app.query_one("#tabs").active == "plan"  # nothing was shown meanwhile
        with count_queries() as counter:
            await pilot.press("3")
            await pilot.pause()
        assert counter.count == 0  # Billing's data was read while it was built
        assert app.query_one("#tabs").active == "billing"
        assert app.focused is app.query_one("#invoices", DataTable)
        assert app.query_one("#invoices", DataTable).row_count == 10


async def test_a_tab_shown_before_the_warm_up_is_built_once(make_app):
    app = make_app(tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")  # before the warm-up starts
        await until(lambda: app.screen.mounted_tabs() == list(TABS), pilot)
        assert len(app.query("BillingTab")) == 1
        assert len(app.query("GeneralTab")) == 1


async def test_mycompany_warm_up_0_builds_each_tab_when_first_shown(make_app, monkeypatch):
    monkeypatch.setenv("MYCOMPANY_WARM_UP", "0")
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await asyncio.sleep(0.5)
        await pilot.pause()
        assert app.screen.mounted_tabs() == ["plan"]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
async def test_billing_shown_again_later_shows_an_invoice_issued_meanwhile(make_app,
                                                                           monkeypatch):
    """The billing run issues an invoice while the owner has the program open: Billing shows it
    the next time it is shown (it read its list once, when built)."""
    import store.invoicing.billing_run
    from store.people.access import resolve_actor

    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one("#invoices", DataTable)
        await until(lambda: table.row_count == 10, pilot)
        page = app.screen.tab("billing").invoices
        before = page.total_count
        store.invoicing.billing_run.issue_period(resolve_actor("billing@mycompany.example"),
            "2026-12",
                                       company_id=app.screen.context.company_id)
        await pilot.press("1")
        await until(lambda: app.query_one("#tabs").active == "general", pilot)
        await pilot.press("3")
        await until(lambda: app.screen.tab("billing").invoices.total_count == before + 1, pilot)
        note = str(app.query_one("#invoices-page").render())
        assert f"{before + 1} invoices" in note
