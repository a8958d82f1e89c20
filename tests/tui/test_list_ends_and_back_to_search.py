"""Two kinds from the #18 trial of the staff's screens: Home and End go to the first and last
line of every list (End stayed on the first line of History across companies: DataTable binds
them to its columns), and ctrl+f goes back to the company search from a company however it was
opened (from History across companies it went back to History)."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.tui.test_history_all_screen import SUPPORT, open_history, two_companies_lines
from tui.screens.company import CompanyScreen
from tui.screens.requests import RequestQueueScreen
from tui.screens.search import SearchScreen

from .helpers import store_answered, until

BILLING = "billing@mycompany.example"


async def test_home_and_end_go_to_the_first_and_last_line_of_history(make_app, demo):
    two_companies_lines(demo)
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        table = app.screen.query_one("#all-history-table", DataTable)
        assert table.row_count > 2 and table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_home_and_end_in_the_search_results(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")  # the three demo companies
        results = app.screen.query_one("#results", DataTable)
        await until(pilot, lambda: results.row_count > 1, "the companies listed")
        results.focus()
        await pilot.press("end")
        assert results.cursor_row == results.row_count - 1
        await pilot.press("home")
        assert results.cursor_row == 0


async def back_to_search_from_a_company(pilot, app) -> None:
    await until(pilot, lambda: isinstance(app.screen, CompanyScreen), "the company")
    await store_answered(pilot)
    await pilot.press("ctrl+f")
    await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search")
    assert [type(s) for s in app.screen_stack][-1:] == [SearchScreen]
    assert len([s for s in app.screen_stack if isinstance(s, SearchScreen)]) == 1
    await pilot.pause()
    assert isinstance(app.focused, Input) and app.focused.id == "search-input"


async def test_ctrl_f_from_a_company_opened_from_history_goes_to_the_search(make_app, demo):
    two_companies_lines(demo)
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await pilot.press("o")
        await back_to_search_from_a_company(pilot, app)


async def test_ctrl_f_from_a_company_opened_from_the_request_queue(make_app, demo):
    app = make_app(BILLING, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, RequestQueueScreen), "the queue")
        app.screen.post_message(SearchScreen.Open(demo["nordwind"], "billing"))
        await back_to_search_from_a_company(pilot, app)


async def test_ctrl_f_from_a_company_opened_from_the_search_and_by_company(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.post_message(SearchScreen.Open(demo["blue"]))
        await back_to_search_from_a_company(pilot, app)
    app = make_app(SUPPORT, company=demo["blue"])  # --company N: the search lies below
    async with app.run_test(size=(80, 24)) as pilot:
        await back_to_search_from_a_company(pilot, app)
