"""The support search at 80×24 (issue #15): one Enter opens the highlighted company, even typed
before the search has run; every column fits (the "Active users" column showed 21 as "2" when
long names pushed it off the screen); the highlighted company stays highlighted as more is typed.
"""

from __future__ import annotations

from textual.widgets import DataTable

from store.persistence.models import Company
from tests.planted.test_screens import screen_lines
from tui.screens.company import CompanyScreen
from tui.screens.search import SearchScreen

SUPPORT = "support@mycompany.example"
LONG = "Nordwind Logistik und Spedition Hamburg-Altona Gesellschaft mit beschränkter Haftung"


async def test_one_enter_typed_at_once_opens_the_company(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"nordw", "enter")  # one burst: before the debounced search has run
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
        assert app.screen.context.company_id == demo["nordwind"]


async def test_enter_with_no_match_stays_on_the_search(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"zzzq", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert "No company matches." in "\n".join(screen_lines(app))


async def test_every_column_fits_at_80_columns_with_a_long_name(make_app, demo):
    Company.update(name=LONG).where(Company.id == demo["nordwind"]).execute()
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"nordwind")
        await pilot.pause(0.3)
        lines = screen_lines(app)
        header = next(line for line in lines if "Country" in line)
        row = next(line for line in lines if line.lstrip().startswith(str(demo["nordwind"])))
        # The name, cut in any case, gives way to the headings (#15): "Active users" whole,
        # on two lines where one is short ("Professional" is wide).
        below = lines[lines.index(header) + 1]
        assert header.rstrip().endswith("Active") and below.rstrip().endswith("users")
        assert "…" not in header + below
        assert row.rstrip().endswith(" 42")  # the whole count, under its header
        assert "Nordwind Logistik und" in row and "…" in row and "Haftung" not in row


async def test_the_highlighted_company_stays_highlighted_as_more_is_typed(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")  # all three demo companies, Nordwind last
        await pilot.pause(0.3)
        table = app.screen.query_one("#results", DataTable)
        assert table.row_count == 3
        table.move_cursor(row=2)
        assert app.screen.highlighted_id() == demo["nordwind"]
        await pilot.press("n")  # "in": Blue Harbor Inc. and Nordwind, in that order
        await pilot.pause(0.3)
        assert table.row_count == 2
        assert app.screen.highlighted_id() == demo["nordwind"]
