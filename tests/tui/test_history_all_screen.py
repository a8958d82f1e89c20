"""History across companies in the staff screens (SPEC §6, issue #18): from the company search,
ctrl+t lists every company's lines newest first, the company named; / filters by company,
person, action and days; n/p turn the pages; a refused line reads as refused; Enter shows a line
whole; support staff read it, an owner never reaches it (the store refuses them)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import DataTable, Input, Static

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.company
import store.trail.history_all
from store.persistence.db import transaction
from store.persistence.models import Company
from store.trail.audit import record
from tests.planted.test_screens import screen_lines
from tui.screens.entry import EntryModal
from tui.screens.history_all import AllHistoryScreen, HistoryFilterDialog
from tui.screens.search import SearchScreen

from .helpers import asked, store_answered, until

SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"
JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"


def two_companies_lines(demo) -> None:
    """Jonas renames Nordwind, Camille Atelier; support's removal of a recipient is refused."""
    for email, company, name in ((JONAS, demo["nordwind"], "Nordwind Logistik AG"),
                                 (CAMILLE, demo["atelier"], "Atelier Lumière SAS")):
        actor = store.people.access.resolve_actor(email)
        store.profile.company.save_general(actor, company, {"name": name, "website": ""},
                                   store.profile.company.get_general(actor, company).version)
    with pytest.raises(store.errors.Refused):
        store.profile.billing.remove_recipient(store.people.access.resolve_actor(SUPPORT),
            demo["nordwind"],
                                       JONAS)


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#all-history-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def page_line(app) -> str:
    return str(app.screen.query_one("#all-history-page", Static).render())


async def open_history(pilot, app) -> None:
    await pilot.pause()
    await pilot.press("ctrl+t")
    await until(pilot, lambda: isinstance(app.screen, AllHistoryScreen)
                and page_line(app).startswith("Page"), "the History of every company")


async def filter_by(pilot, app, **typed: str) -> None:
    await pilot.press("slash")
    await until(pilot, lambda: isinstance(app.screen, HistoryFilterDialog), "the filter dialog")
    for name in ("company", "person", "action", "since", "until"):
        box = app.screen.query_one(f"#field-{name}", Input)
        box.value = typed.get(name, "")
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, AllHistoryScreen), "the filtered page")
    await store_answered(pilot)


async def test_support_reads_the_lines_of_two_companies_a_refusal_among_them(make_app, demo):
    two_companies_lines(demo)
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        shown = rows(app)
        companies = {row[1] for row in shown}
        # Each company's number first, then its name cut to the column, with "…" (#18 trial)
        assert {"2 Nordwind…", "1 Atelier …"} <= companies
        # a refusal reads so in its What (no ✓/✗ column without a heading: verification trial)
        refused = [row for row in shown if row[3].startswith("Refused")]
        assert len(refused) == 1 and all(len(row) == 5 for row in shown)
        assert refused[0][1] == "2 Nordwind…"
        total = store.trail.history_all.all_history(store.people.access.resolve_actor(
            SUPPORT)).total_count
        assert len(shown) == total
        assert page_line(app).startswith(f"Page 1 of 1 · {total} entries")
        screen = "\n".join(screen_lines(app))
        assert "Time (UTC)" in screen and "Company" in screen and "Refused" in screen
        # The newest line first: the refusal, whole in the Enter dialog with its company.
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EntryModal), "the whole line")
        text = str(app.screen.query_one("#entry-text", Static).render())
        assert f"Company: Nordwind Logistik AG (#{demo['nordwind']})" in text
        assert "refused" in text
        await pilot.press("escape", "escape")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "back to the search")


async def test_companies_whose_names_begin_alike_are_told_apart_by_their_number(make_app,
                                                                                 demo):
    """#18 trial: "Company 002 Ltd" and "Company 017 Ltd" both read "Company 00…"."""
    for company, name in ((demo["nordwind"], "Company 002 Ltd"),
                          (demo["blue"], "Company 017 Ltd")):
        actor = store.people.access.resolve_actor(SUPPORT)
        with transaction():
            record(actor, company, "company.show")
        Company.update(name=name).where(Company.id == company).execute()
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        assert [row[1] for row in rows(app)][:2] == [f"{demo['blue']} Company …",
                                                     f"{demo['nordwind']} Company …"]


async def test_a_filter_by_company_then_by_person(make_app, demo):
    two_companies_lines(demo)
    app = make_app(BILLING, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await filter_by(pilot, app, company=str(demo["atelier"]))
        assert {row[1] for row in rows(app)} == {"1 Atelier …"}
        assert "filtered" in page_line(app)
        await filter_by(pilot, app, person=SUPPORT)
        assert [(row[1], row[3].startswith("Refused")) for row in rows(app)] == [
            ("2 Nordwind…", True)]
        await filter_by(pilot, app, person="jonas")  # part of a name, case aside
        assert {(row[1], row[3].startswith("Refused")) for row in rows(app)} == {
            ("2 Nordwind…", False)}


async def test_a_bad_filter_is_shown_in_the_dialog(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, HistoryFilterDialog), "the dialog")
        app.screen.query_one("#field-since", Input).value = "27/11/2026"
        app.screen.query_one("#field-company", Input).value = "9999"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert isinstance(app.screen, HistoryFilterDialog)  # stays, with what is wrong
        assert "YYYY-MM-DD" in "\n".join(screen_lines(app))


async def test_an_unknown_action_is_refused_next_to_its_field_as_on_the_command_line(
        make_app, demo):
    """#18 trial: the dialog took Action "bogus" (an empty History, read as "nothing happened")
    where `mycompany history --action bogus` refused it and listed the kinds: one rule, the
    store's (store.trail.actions.action_filter)."""
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, HistoryFilterDialog), "the dialog")
        app.screen.query_one("#field-action", Input).value = "bogus"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert isinstance(app.screen, HistoryFilterDialog)  # stays, with what is wrong
        error = str(app.screen.query_one("#row-action .form-field--error", Static).render())
        assert error.startswith("'bogus' is not an action; give one like export.invoices, or a "
                                "kind: address, billing, ")


async def test_escape_then_y_leaves_the_filter_and_untouched_it_closes_on_one_escape(
        make_app, demo):
    """#18 trial: escape asked "Discard what you typed?", a y typed right after it rang the
    bell (typed before the question was drawn), escape brought the dialog back: leaving took
    several presses. Escape then y leaves, as from every dialog (tui.screens.confirm
    .ask_discard); a dialog left as it opened closes on one escape, filters kept."""
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await filter_by(pilot, app, action="export")
        assert "filtered" in page_line(app)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, HistoryFilterDialog), "the dialog")
        await pilot.press("x")
        typed_ahead = events.Key("y", "y")  # typed with the escape, before the question shows
        await pilot.press("escape")
        await asked(pilot, "Discard what you typed?")
        app.post_message(typed_ahead)
        await until(pilot, lambda: isinstance(app.screen, AllHistoryScreen), "the list again")
        assert "filtered" in page_line(app)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, HistoryFilterDialog), "the dialog")
        assert app.screen.query_one("#field-action", Input).value == "export"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, AllHistoryScreen), "one escape")


async def test_pages_of_fifty_newest_first(make_app, demo):
    actor = store.people.access.resolve_actor(BILLING)
    with transaction():
        for n in range(60):
            record(actor, demo["blue"], "general.save", field="website", new=f"n{n:02}.example")
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        assert page_line(app).startswith("Page 1 of 2 · 60 entries")
        assert len(rows(app)) == 50
        await pilot.press("n")
        await until(pilot, lambda: page_line(app).startswith("Page 2 of 2"), "the second page")
        assert len(rows(app)) == 10
        await pilot.press("p")
        await until(pilot, lambda: page_line(app).startswith("Page 1 of 2"), "the first page")


async def test_an_owner_cannot_reach_it(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not any(isinstance(s, AllHistoryScreen) for s in app.screen_stack)
    with pytest.raises(store.errors.Refused):  # and the store refuses them if asked
        store.trail.history_all.all_history(store.people.access.resolve_actor(JONAS))


async def test_o_opens_the_company_of_the_highlighted_line(make_app, demo):
    two_companies_lines(demo)
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await filter_by(pilot, app, company=str(demo["atelier"]))
        await pilot.press("o")
        await until(pilot, lambda: app.company_screen() is not None, "the company open")
        assert app.company_screen().context.company_id == demo["atelier"]
        # ctrl+f is "back to the company search" from a company however it was opened (#18
        # trial); ctrl+t there opens the History of every company again.
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "back to the search")
        assert not any(isinstance(s, AllHistoryScreen) for s in app.screen_stack)
