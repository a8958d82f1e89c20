"""Companies and owners from the staff screens (SPEC §11, issue #18), as `mycompany companies`
does them: admin staff create a company from the search (ctrl+n) that the search then finds,
change an opened company's owner (ctrl+n) and close it (ctrl+l, asked first), each with a reason
in History; support staff do not see the keys, and the store refuses them if the call is forced.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

import store
import store.errors
import store.people.access
import store.profile.companies
import store.trail.history_all
from tui.screens.company import CompanyScreen
from tui.screens.company_admin import CompanyFormDialog
from tui.screens.search import SearchScreen
from tui.widgets.key_footer import shown_entries

from .helpers import asked, store_answered, until

ADMIN = "admin@mycompany.example"
SUPPORT = "support@mycompany.example"
NEW = {"name": "Fjord Telecom AS", "country": "Norway", "plan": "Essentials", "term": "monthly",
       "owner_email": "ola@fjord.no", "owner_name": "Ola Nordmann", "trial_days": "30",
       "currency": "EUR"}  # NOK has no prices: chosen (#17)


def keys(app) -> set[str]:
    return {entry.keys for entry in shown_entries(app.screen)}


async def fill_and_send(pilot, app, typed: dict[str, str]) -> None:
    for name, text in typed.items():
        app.screen.query_one(f"#field-{name}", Input).value = text
    await pilot.press("ctrl+s")
    await store_answered(pilot)


def trail(company_id: int, action: str):
    return store.trail.history_all.all_history(store.people.access.resolve_actor(SUPPORT),
                                         company=company_id, action=action).items


async def test_admin_creates_a_company_that_the_search_then_finds(make_app, demo):
    app = make_app(ADMIN, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "^n" in keys(app)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CompanyFormDialog), "the form")
        await fill_and_send(pilot, app, {**NEW, "plan": "Gold"})
        assert isinstance(app.screen, CompanyFormDialog)  # an unknown plan: said, form kept
        await fill_and_send(pilot, app, NEW)
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "back on the search")
        table = app.screen.query_one("#results", DataTable)
        await until(pilot, lambda: table.row_count == 1, "the new company listed")
        created = app.screen.highlighted_id()
        assert str(table.get_row_at(0)[1]) == "Fjord Telecom AS"
        search = app.screen.query_one("#search-input", Input)
        search.value = ""
        await pilot.press(*"fjord")
        await until(pilot, lambda: app.screen.highlighted_id() == created, "found by its name")
    detail = store.profile.companies.show_company(store.people.access.resolve_actor(ADMIN), created)
    assert (detail.owner_email, detail.plan, detail.status) == ("ola@fjord.no", "essentials",
                                                               "trial")


async def test_support_does_not_see_the_keys_and_the_store_refuses_them(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "^n" not in keys(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not {"^n", "^l"} & keys(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
    support = store.people.access.resolve_actor(SUPPORT)
    with pytest.raises(store.errors.Refused):
        store.profile.companies.create_company(support, NEW)
    with pytest.raises(store.errors.Refused):
        store.profile.companies.close_company(support, demo["nordwind"], {"reason": "forced"})
    refused = trail(demo["nordwind"], "company.close")
    assert [(e.outcome, e.actor_email) for e in refused] == [("refused", SUPPORT)]


async def test_admin_changes_the_owner_then_closes_the_company_both_in_history(make_app, demo):
    app = make_app(ADMIN, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert {"^n", "^l"} <= keys(app)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CompanyFormDialog), "the owner form")
        await fill_and_send(pilot, app, {"email": "lena@nordwind.de", "name": "Lena Berg",
                                         "reason": "Jonas left"})
        await until(pilot, lambda: isinstance(app.screen, CompanyScreen), "the owner changed")
        await pilot.press("ctrl+l")
        await asked(pilot, "asked first")
        # named with its number: two companies may share a name (#18 trial)
        assert app.screen.question.startswith(
            f"Close Nordwind Logistik GmbH (company {demo['nordwind']})? ")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, CompanyFormDialog), "the reason")
        await pilot.press("ctrl+s")  # no reason: refused, said in the dialog
        await store_answered(pilot)
        assert isinstance(app.screen, CompanyFormDialog)
        await fill_and_send(pilot, app, {"reason": "Contract ended"})
        await until(pilot, lambda: isinstance(app.screen, CompanyScreen), "closed")
        # Closed: the banner says so, and the keys the store would refuse are gone (#18 trial).
        await until(pilot, lambda: not {"^n", "^l"} & keys(app), "the keys gone")
        banner = str(app.screen.query_one("#banner").render())
        assert banner.startswith("Admin view: Nordwind Logistik GmbH (2) · closed on ")
    owner = trail(demo["nordwind"], "company.owner")
    assert [(e.old_value, e.new_value, e.reason) for e in owner] == [
        ("jonas@nordwind.de", "lena@nordwind.de", "Jonas left")]
    closed = trail(demo["nordwind"], "company.close")
    assert [(e.outcome, e.reason) for e in closed] == [("done", "Contract ended")]
    assert store.profile.companies.show_company(store.people.access.resolve_actor(ADMIN),
                                        demo["nordwind"]).closed_at is not None
