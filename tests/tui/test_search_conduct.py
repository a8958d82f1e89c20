"""The support search as a new user met it at 80×24 (issue #15, "Terminal conduct"): ctrl+f from
a company returns to the search box with its text selected (typing starts a new search); Down
and Up typed in the box move the highlighted company and Enter opens it; the key line says so;
in French the names and the header are not cut while a narrow number has a wide heading.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from tests.i18n.conftest import screens_in
from tests.planted.test_screens import screen_lines
from tests.tui.helpers import until
from tui.screens.company import CompanyScreen
from tui.screens.search import SearchScreen, column_widths, heading
from tui.widgets.key_footer import shown_entries

SUPPORT = "support@mycompany.example"


@pytest.fixture
def french():
    """The screens in French for one test (tests/i18n's fixture)."""
    with screens_in("fr") as locale:
        yield locale


async def wait_for(pilot, screen_type, tries: int = 100):
    """Poll until the screen shown is a `screen_type` (a loaded machine delays keys)."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, screen_type):
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"{screen_type.__name__} never showed; {pilot.app.screen!r} did")


async def test_ctrl_f_from_a_company_puts_the_cursor_in_the_search_box(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Nor")
        await pilot.pause(0.3)
        await pilot.press("tab", "enter")  # into the list, then open Nordwind
        company = await wait_for(pilot, CompanyScreen)
        assert company.context.company_id == demo["nordwind"]
        await pilot.press("ctrl+f")
        search = await wait_for(pilot, SearchScreen)
        await pilot.pause()
        box = search.query_one("#search-input", Input)
        assert app.focused is box
        assert box.selected_text == "Nor"  # typing replaces it
        await pilot.press(*"Blue")
        await pilot.pause(0.3)
        assert box.value == "Blue"
        await pilot.press("enter")
        company = await wait_for(pilot, CompanyScreen)
        assert company.context.company_id == demo["blue"]


async def test_ctrl_f_after_the_company_option_also_lands_in_the_box(make_app, demo):
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, CompanyScreen)
        await pilot.press("ctrl+f")
        search = await wait_for(pilot, SearchScreen)
        await pilot.pause()
        assert app.focused is search.query_one("#search-input", Input)


async def test_a_dialog_closing_leaves_the_focus_where_it_was(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause(0.3)
        await pilot.press("tab", "question_mark")  # help over the list, then closed
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, SearchScreen)
        await pilot.pause()
        assert app.focused is app.screen.query_one("#results", DataTable)


async def test_down_and_up_in_the_box_move_the_highlight_and_enter_opens_it(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")  # Atelier Lumière, Blue Harbor, Nordwind
        await pilot.pause(0.3)
        search = app.screen
        assert app.focused is search.query_one("#search-input", Input)
        await pilot.press("down", "down")
        assert search.highlighted_id() == demo["nordwind"]
        await pilot.press("down")  # the last stays highlighted
        assert search.highlighted_id() == demo["nordwind"]
        await pilot.press("up")
        assert search.highlighted_id() == demo["blue"]
        assert app.focused is search.query_one("#search-input", Input)  # still typing there
        await pilot.press("enter")
        company = await wait_for(pilot, CompanyScreen)
        assert company.context.company_id == demo["blue"]


async def test_the_key_line_shows_open_and_help_in_the_box_and_in_the_list(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause(0.3)
        in_box = {entry.description: entry.keys for entry in shown_entries(app.screen)}
        assert in_box["Open"] == "⏎" and in_box["Help"] == "f1"  # "?" is typed in the box
        await pilot.press("tab")
        in_list = {entry.description: entry.keys for entry in shown_entries(app.screen)}
        assert in_list["Open"] == "⏎" and in_list["Help"] == "?"
        await pilot.press("f1")  # help from the box's key works in the list too
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


def test_the_name_comes_first_then_the_headings():
    # French: "Utilisateurs actifs" (19) over a 2-digit number; names of 22 cells.
    labels = ["N°", "Entreprise", "Pays", "Plan", "Statut", "Utilisateurs actifs"]
    contents = [1, 22, 2, 13, 6, 2]
    # Everything fits: the room left widens the name.
    assert column_widths(labels, contents, 68, first=1) == [2, 22 + 2, 4, 13, 6, 19]
    narrow = column_widths(labels, contents, 50, first=1)
    assert narrow[1] == 22 and narrow[5] < 19  # the heading is cut, not the name
    # A very long name is cut in any case: it gives way (down to NAME_MIN) for the headings,
    # whole on one line if they can be, else on two ("Utilisateurs / actifs", not "Utilisa…").
    assert column_widths(labels, [1, 80, 2, 13, 6, 2], 68, first=1) == [2, 24, 4, 13, 6, 19]
    assert column_widths(labels, [1, 80, 2, 13, 6, 2], 61, first=1) == [2, 24, 4, 13, 6, 12]
    assert heading("Utilisateurs actifs", 12).plain == "Utilisateurs\nactifs"
    assert heading("Utilisateurs actifs", 8).plain == "Utilisa…"  # no room even so: cut


@pytest.mark.parametrize(("locale", "width", "words"), [
    ("en", 80, ["Country", "Plan", "Status", "Active users"]),
    ("fr", 80, ["Pays", "Plan", "Statut", "Utilisateurs actifs"]),
    ("fr", 72, ["Pays", "Plan", "Statut", "Utilisateurs"])])
async def test_a_long_name_leaves_every_heading_whole(make_app, demo, locale, width, words):
    """A company name of 80 characters (the staff search): the name is cut with "…", and
    every heading reads whole: on one line at 80 columns, on two ("Utilisateurs / actifs")
    where the room is short."""
    from store.persistence.models import Company

    Company.update(name="Blue Harbor International Shipping and Logistics Incorporated of "
                   "America").where(Company.id == demo["blue"]).execute()
    with screens_in(locale):
        app = make_app(SUPPORT, company=None, locale=locale)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*"blue")
            await until(pilot, lambda app=app: any("Blue Harbor" in line
                                                   for line in screen_lines(app)),
                        "the search lists Blue Harbor")
            lines = screen_lines(app)
            top = next(n for n, line in enumerate(lines) if words[0] in line)
            assert all(word in lines[top] for word in words), lines[top]
            assert "…" not in lines[top]
            if width < 80:  # the heading's second line
                assert lines[top + 1].strip() == "actifs"
            row = next(line for line in lines if "Blue Harbor" in line)
            assert "…" in row and row.rstrip().endswith(" 5")
