"""Staff who open the screens on a company (`mycompany --company N`) and press ctrl+f, which the
footer offers: the search opens in the company's place (it was a ScreenStackError: nothing was
below the company screen to go back to)."""

from __future__ import annotations

from textual.widgets import Input

from tui.screens.company import CompanyScreen
from tui.screens.search import SearchScreen

from .helpers import asked

SUPPORT = "support@mycompany.example"


async def test_ctrl_f_after_company_option_opens_the_search(make_app, demo):
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.return_code is None  # still running, no crash
        await pilot.press(*"blue")
        await pilot.pause(0.3)
        assert app.screen.query_one("#search-input", Input).value == "blue"


async def test_the_search_so_opened_opens_a_company_and_ctrl_f_comes_back(make_app, demo):
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"blue")
        await pilot.pause(0.3)
        await pilot.press("enter", "enter")  # search now, open the highlighted company
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
        assert app.screen.context.company_id == demo["blue"]
        await pilot.pause(0.5)
        await pilot.press("ctrl+f")  # and back, this time to the search below it
        await pilot.pause(0.5)
        assert isinstance(app.screen, SearchScreen)


async def test_ctrl_f_with_unsaved_changes_asks_then_opens_the_search(make_app, demo):
    app = make_app("billing@mycompany.example", company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        app.screen.query_one("#field-city", Input).focus()
        await pilot.press("end", "x")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await asked(pilot)  # asked first
        await pilot.press("y")  # Leave
        await pilot.pause(0.5)
        assert isinstance(app.screen, SearchScreen)
        assert not app.query(CompanyScreen)  # the company with its edits is gone, not below
