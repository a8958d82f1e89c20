"""Staff in the screens: the company search, the support view, History."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.requests

SUPPORT = "support@mycompany.example"


def staff_app(email=SUPPORT):
    from tui.app import MyCompanyApp

    app = MyCompanyApp(store.people.access.resolve_actor(email))
    app.animation_level = "none"
    return app


async def test_staff_start_on_the_search_and_open_a_company(demo):
    from tui.screens.company import CompanyScreen
    from tui.screens.search import SearchScreen

    app = staff_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"nordw")
        await pilot.pause(0.3)
        table = app.screen.query_one("#results", DataTable)
        assert table.row_count == 1
        assert app.screen.queries <= 2  # debounced: not one query per key
        await pilot.press("enter")  # one Enter opens the highlighted company
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
        banner = str(app.screen.query_one("#banner", Static).render())
        assert banner == f"Support view: Nordwind Logistik GmbH ({demo['nordwind']})"
        assert app.screen.query_one("#field-name", Input).disabled
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "nordw"


async def test_owners_have_no_way_back_to_a_search(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.check_action("back_to_search", ()) is False


async def test_history_lists_the_trail_newest_first_with_refusals(make_app, demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    sent = store.profile.requests.request_change(jonas, demo["nordwind"],
        {"vat_number": "DE811907980"})
    try:
        store.profile.billing.get_billing(jonas, demo["blue"])
    except store.errors.Refused:
        pass
    app = make_app(tab="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#history-table", DataTable)
        # Jonas's refused look at Blue Harbor is in his own company's trail (not Blue Harbor's,
        # whose owner would read an outsider's name there), newest first.
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(0)][2].startswith("Refused: ")
        table.move_cursor(row=1)
        await pilot.pause()
        row = [str(c) for c in table.get_row_at(1)]
        # A request sent is not a change made: the list and the detail say it was asked for.
        assert row[2] == f"Request #{sent.id} sent"  # names the request (#16)
        assert row[3].startswith("asked VAT number:")  # cut: the detail has it whole
        detail = str(app.screen.query_one("#history-detail").render())
        assert f"Request #{sent.id} sent · done" in detail  # one line per request (#16)
        assert "asked VAT number: DE136695976 → DE811907980" in detail


async def test_history_shows_refused_attempts(make_app, demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    view = store.profile.billing.get_billing(jonas, demo["nordwind"])
    data = view.address.model_dump(include=set(store.profile.billing.ADDRESS_FIELDS))
    data["country"] = "AT"
    data["postal_code"] = "1010"
    data["vat_number"] = None
    try:
        store.profile.billing.save_address(jonas, demo["nordwind"], data,
                                   view.address.version)
    except store.errors.Refused:
        pass
    app = make_app(tab="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        row = [str(c) for c in app.screen.query_one("#history-table", DataTable).get_row_at(0)]
        assert row[2].startswith("Refused: ")  # the What says so: no column of its own
        assert "locked" in row[4]  # the Reason column, with room for it at 100 columns
