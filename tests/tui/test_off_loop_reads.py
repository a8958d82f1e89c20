"""Issue 15, "frozen screen", the reads: turning a page of invoices, coming back to the Plan and
History tabs, and reading the keys again after a change are store reads run off the event loop.
While the store is slow to answer (PostgreSQL a round trip away, here a read held on a gate in
its worker thread), the screen keeps drawing and keys keep working, a list still on its way
says "Loading…" after a moment, and the answer then shows, where the keys typed meanwhile said.

With SQLite in WAL mode a writer holding the file does not stop a read: a page turns while
another program holds the lock (tests/tui/test_store_off_loop.py's `held`).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from textual.widgets import DataTable, Input, Static, TabbedContent

import store.invoicing.invoices
import store.people.access
import store.plans.plan
import store.profile.company
import store.trail.history

from .helpers import cells, store_answered, type_into, until
from .test_store_off_loop import held


@contextmanager
def slow(monkeypatch, module, name: str):
    """`module.name` answers only once the gate opens, when called on the reading thread
    (tui/widgets/store_call.py; the first reads of a tab, on the event loop, and the saves, on
    threads of their own, answer at once)."""
    gate = threading.Event()
    real = getattr(module, name)

    def waiting(*args, **kwargs):
        if threading.current_thread().name.startswith("mycompany-read"):
            assert gate.wait(10), "the gate never opened"
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, waiting)
    try:
        yield gate
    finally:
        gate.set()


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_an_invoice_page_turns_off_the_loop_and_keys_typed_meanwhile_count(
        make_app, monkeypatch, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#invoices", DataTable)
        table.focus()
        first = cells(table, 0)
        with slow(monkeypatch, store.invoicing.invoices, "list_invoices") as gate:
            await pilot.press("n")
            await until(pilot, lambda: text(app, "#invoices-page") == "Loading page 2…",
                        "the page line saying the page is on its way")
            await pilot.press("down")  # for the page on its way: its second row
            city = app.screen.query_one("#field-city", Input)
            city.focus()
            await pilot.press("end", "x")
            await pilot.pause()
            assert city.value == "Hamburgx" and "Hamburgx" in str(city.render_line(0).text)
            assert cells(table, 0) == first  # the page left stays until the new one comes
            gate.set()
        await store_answered(pilot)
        assert text(app, "#invoices-page").startswith("Page 2 of 2")
        assert cells(table, 0)[:2] == ["INV-000002-0004", "INV-000002-0003"]
        assert table.cursor_row == 1
        assert app.screen.query_one("#billing-tab").highlighted_invoice() == "INV-000002-0003"
        assert city.value == "Hamburgx"
        # Another program holding the database (WAL): the page still turns, at once.
        table.focus()
        with held(db_url):
            await pilot.press("p")
            await store_answered(pilot)
            assert text(app, "#invoices-page").startswith("Page 1 of 2")
            assert cells(table, 0) == first and table.cursor_row == 0


async def test_plan_and_history_read_again_off_the_loop_when_shown_again(make_app, demo,
                                                                         monkeypatch):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        tabs = app.screen.query_one("#tabs", TabbedContent)
        for key, tab in (("4", "history"), ("1", "general")):  # both built, then left
            await pilot.press(key)
            await until(pilot, lambda tab=tab: tabs.active == tab, f"the {tab} tab")
        with slow(monkeypatch, store.plans.plan, "licence_summary") as plan_gate, \
                slow(monkeypatch, store.trail.history, "company_history") as history_gate:
            await pilot.press("2")
            await until(pilot, lambda: tabs.active == "plan", "the Plan tab")
            users = app.screen.query_one("#field-add_users", Input)
            users.focus()
            await pilot.press("5")  # the what-if answers from the figures shown
            await pilot.pause()
            assert "With 5 more users" in text(app, "#whatif-result")
            await pilot.press("escape")  # leave the field for the tab keys
            await pilot.press("4")
            await until(pilot, lambda: tabs.active == "history", "the History tab")
            await until(pilot, lambda: text(app, "#history-page") == "Loading…",
                        "the page line saying the page is on its way")
            history = app.screen.query_one("#history-table", DataTable)
            assert history.row_count == 0  # what was read when the tab was built
            # Meanwhile the company is changed elsewhere: the read on its way will show it.
            actor = store.people.access.resolve_actor("jonas@nordwind.de")
            loaded = store.profile.company.get_general(actor, demo["nordwind"])
            store.profile.company.save_general(actor, demo["nordwind"],
                                       {"name": "Nordwind Zwei GmbH", "website": loaded.website},
                                       expected_version=loaded.version)
            plan_gate.set()
            history_gate.set()
        await store_answered(pilot)
        assert text(app, "#history-page").startswith("Page 1 of 1 · 1 entry")
        assert history.row_count == 1
        assert "With 5 more users" in text(app, "#whatif-result")


async def test_after_a_conflict_their_version_is_read_off_the_loop_and_the_input_stays(
        make_app, demo, monkeypatch):
    actor = store.people.access.resolve_actor("jonas@nordwind.de")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "Nordwind Cargo GmbH")
        loaded = store.profile.company.get_general(actor, demo["nordwind"])
        store.profile.company.save_general(actor, demo["nordwind"],  # someone else, meanwhile
                                   {"name": "Nordwind Zwei GmbH", "website": loaded.website},
                                   expected_version=loaded.version)
        with slow(monkeypatch, store.profile.company, "get_general") as gate:
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Your input is kept" in text(app, "#general-banner"),
                        "the conflict said")
            assert any(w.group == "reading" and w.is_running for w in app.workers)  # theirs
            website = app.query_one("#field-website", Input)
            website.focus()
            await pilot.press("end", "/", "x")
            await pilot.pause()
            assert website.value == "https://nordwind.de/x"
            gate.set()
        await store_answered(pilot)
        assert app.query_one("#field-name", Input).value == "Nordwind Cargo GmbH"
        await pilot.press("ctrl+s")  # saves over their version, read while the keys went on
        await store_answered(pilot)
        view = store.profile.company.get_general(actor, demo["nordwind"])
        assert (view.name, view.website) == ("Nordwind Cargo GmbH", "https://nordwind.de/x")
