"""A company opened from a list goes back to that list as it was left with escape, the key line's
"esc Back" (verification v2, t18 item 10: after the History of every company was filtered and
`o` opened company 4, escape did nothing, and ctrl+f then ctrl+t opened History unfiltered).
The same from the request queue. Escape puts back what is typed first, as everywhere
(tui.screens.leaving.back_offered)."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.tui.test_history_all_screen import (
    SUPPORT,
    filter_by,
    open_history,
    page_line,
    two_companies_lines,
)
from tui.screens.company import CompanyScreen
from tui.screens.confirm import ConfirmModal
from tui.screens.history_all import AllHistoryScreen
from tui.screens.requests import RequestQueueScreen
from tui.screens.search import SearchScreen
from tui.widgets.key_footer import shown_entries

from .helpers import asked, store_answered, until

BILLING = "billing@mycompany.example"


def keys(app) -> list[tuple[str, str]]:
    return [(entry.keys, entry.description) for entry in shown_entries(app.screen)]


async def test_escape_goes_back_to_history_filtered_as_it_was(make_app, demo):
    two_companies_lines(demo)
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await filter_by(pilot, app, action="general")
        history = app.screen
        table = history.query_one("#all-history-table", DataTable)
        await pilot.press("down")
        line, row = page_line(app), table.cursor_row
        assert "filtered (/ changes it)" in line and row == 1
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, CompanyScreen), "the company")
        await store_answered(pilot)
        assert ("esc", "Back") in keys(app)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is history, "back in History")
        assert page_line(app) == line  # the filter kept, and the line highlighted
        assert table.cursor_row == row
        assert [type(s) for s in app.screen_stack] == [SearchScreen, AllHistoryScreen]


async def test_escape_goes_back_to_the_request_queue(make_app, demo):
    app = make_app(BILLING, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await _nordwind_from_the_queue(pilot, demo)
        await store_answered(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is queue, "back in the queue")


async def test_escape_puts_back_what_is_typed_first(make_app, demo):
    """The billing team types in Billing's address: escape asks about that input first (and
    no "esc Back" is offered while a text field has the focus); once it is put back, escape
    goes back."""
    app = make_app(BILLING, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await _nordwind_from_the_queue(pilot, demo)
        company = app.screen
        await store_answered(pilot)
        city = company.query_one("#field-city", Input)
        city.focus()
        await pilot.pause()
        assert ("esc", "Back") not in keys(app)
        await pilot.press("x")
        await pilot.press("escape")
        question = await asked(pilot)
        assert "Discard them?" in question.question
        await pilot.press("y")
        await until(pilot, lambda: app.screen is company and not isinstance(
            app.focused, Input), "put back, out of the field")
        assert not city.value.endswith("x")
        await until(pilot, lambda: ("esc", "Back") in keys(app), "esc Back offered")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is queue, "back in the queue")
        assert not any(isinstance(s, ConfirmModal) for s in app.screen_stack)


async def test_no_back_over_the_search_or_for_an_owner(make_app, demo):
    app = make_app(SUPPORT, company=demo["blue"])  # --company N: the search lies below
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert ("esc", "Back") not in keys(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
    app = make_app()  # jonas, his own company
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert ("esc", "Back") not in keys(app)


async def _nordwind_from_the_queue(pilot, demo) -> RequestQueueScreen:
    """The billing team opens the request queue (ctrl+r), then Nordwind from it; the queue."""
    app = pilot.app
    await pilot.pause()
    await pilot.press("ctrl+r")
    await until(pilot, lambda: isinstance(app.screen, RequestQueueScreen), "the queue")
    queue = app.screen
    queue.post_message(SearchScreen.Open(demo["nordwind"], "billing"))
    await until(pilot, lambda: isinstance(app.screen, CompanyScreen), "the company")
    return queue
