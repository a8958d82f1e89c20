"""One Enter in the support search opens the match for the text typed when it was pressed (#15
trial): `Blue⏎` typed in one burst over a list showing Nordwind opened Nordwind, and after four
backspaces the Enter was lost. Enter (and Down/Up, the other keys that act on the highlighted
row) waits for the answer to the text as typed, then acts on it; never on an older list. Keys
typed after such an Enter go to the company it opens; two Enters open one company; an Enter
found dimmed over the still empty box is judged once the letters before it are in.

The keys are posted to the App back to back, as one read from the terminal (tmux send-keys, a
paste-like burst, ssh): Pilot.press would wait for each key to be handled. A search held on a
gate (the store slow, as PostgreSQL a round trip away) makes the wait certain."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from textual import events
from textual.widgets import DataTable, Input, Static, TabbedContent

import store.profile.search
from tui.screens.company import CompanyScreen
from tui.screens.search import SearchScreen

from .helpers import until

SUPPORT = "support@mycompany.example"
NAMED = {"enter": "\r", "backspace": "\x7f", "down": None, "end": None}


def burst(app, *keys: str) -> None:
    """Post `keys` to the App back to back, as one read of the terminal: a key name (enter,
    backspace...) as one key, other text character by character."""
    for key in keys:
        for one in ([key] if key in NAMED else list(key)):
            app.post_message(events.Key(one, NAMED.get(one, one)))


@contextmanager
def slow_search(monkeypatch):
    """The store's search answers only once the gate opens (off the event loop: the screen
    stays live meanwhile)."""
    gate = threading.Event()
    real = store.profile.search.search_companies

    def waiting(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(10), "the gate never opened"
        return real(*args, **kwargs)

    monkeypatch.setattr(store.profile.search, "search_companies", waiting)
    try:
        yield gate
    finally:
        gate.set()


def listed(app) -> list[str]:
    table = app.screen.query_one("#results", DataTable)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


def status(app) -> str:
    return str(app.screen.query_one("#search-status", Static).render())


async def nordwind_listed(pilot) -> SearchScreen:
    """`Nord` typed, the list showing Nordwind, then ctrl+f: the box's text selected."""
    app = pilot.app
    await pilot.pause()
    burst(app, "Nord")
    await until(pilot, lambda: listed(app) == ["Nordwind Logistik GmbH"], "Nordwind listed")
    await pilot.press("ctrl+f")
    search = app.screen
    assert isinstance(search, SearchScreen)
    return search


async def opened(pilot) -> int:
    await until(pilot, lambda: isinstance(pilot.app.screen, CompanyScreen)
                and pilot.app.screen.is_mounted, "a company opened")
    await pilot.pause()  # its tabs drawn
    return pilot.app.screen.context.company_id


async def test_enter_typed_with_the_text_opens_its_match_not_the_listed_one(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await nordwind_listed(pilot)
        burst(app, "Blue", "enter")
        assert await opened(pilot) == demo["blue"]
        assert len(app.screen_stack) == 2  # one company opened, over the search


async def test_enter_after_backspaces_and_new_text_opens_it_at_once(make_app, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await nordwind_listed(pilot)
        await pilot.press("end")  # the cursor after "Nord", nothing selected
        burst(app, "backspace", "backspace", "backspace", "backspace", "Blue", "enter")
        assert await opened(pilot) == demo["blue"]  # one Enter was enough


async def test_enter_waits_for_a_slow_search_then_opens_its_first_match(
        make_app, demo, monkeypatch):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        search = await nordwind_listed(pilot)
        with slow_search(monkeypatch) as gate:
            burst(app, "Blue", "enter", "2")  # and 2, for the company about to open
            await until(pilot, lambda: status(app) == "Searching…", "the search says so")
            # Still the search: the old list is not what Enter acts on.
            assert app.screen is search
            assert search.query_one("#search-input", Input).value == "Blue"
            gate.set()
            assert await opened(pilot) == demo["blue"]
        # The key typed after Enter went to the company it opened: its Plan tab.
        await until(pilot, lambda: app.screen.query_one(TabbedContent).active == "plan",
                    "2 switched the opened company to Plan")
        assert search.query_one("#search-input", Input).value == "Blue"


async def test_enter_on_a_text_nothing_matches_says_so_and_stays(make_app, demo, monkeypatch):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        search = await nordwind_listed(pilot)
        with slow_search(monkeypatch) as gate:
            burst(app, "zzzq", "enter")
            await until(pilot, lambda: status(app) == "Searching…", "the search says so")
            gate.set()
            await until(pilot, lambda: status(app) == "No company matches.", "nothing matches")
        await pilot.pause(0.3)
        assert app.screen is search and listed(app) == []


async def test_down_typed_with_the_text_moves_in_its_answer(make_app, demo, monkeypatch):
    """`i` lists Atelier Lumière, Blue Harbor and Nordwind. `i`, Down and Enter in one burst
    into the empty search do what they do typed one by one: open Blue Harbor, the second of
    that list (Down did nothing in the empty list, and Enter opened the first)."""
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with slow_search(monkeypatch) as gate:
            burst(app, "i", "down", "enter")
            await until(pilot, lambda: status(app) == "Searching…", "the search says so")
            gate.set()
            assert await opened(pilot) == demo["blue"]


async def test_typing_on_searches_each_text_once(make_app, demo):
    """The Enter that searched the text now is not followed by the same search again when the
    debounce ends: one query per text."""
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        search = await nordwind_listed(pilot)
        before = search.queries
        burst(app, "zzzq", "enter")
        await until(pilot, lambda: status(app) == "No company matches.", "nothing matches")
        await pilot.pause(0.4)  # past the debounce of the keys typed
        assert search.queries == before + 1


async def test_text_and_enter_in_one_burst_into_the_empty_search_open_it(make_app, demo):
    """⏎ Open is dimmed over the empty box; typed in the same burst as `nordw`, Enter is judged
    once the box has the letters (it said "Nothing to open" and opened nothing)."""
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "nordw", "enter")
        assert await opened(pilot) == demo["nordwind"]
        assert [str(note.message) for note in app._notifications] == []


async def test_enter_with_nothing_typed_says_there_is_nothing_to_open(make_app, demo,
                                                                      monkeypatch):
    app = make_app(SUPPORT, company=None)
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "enter")
        await until(pilot, lambda: rings == [1], "the bell")
        assert [str(note.message) for note in app._notifications] == [
            "Nothing to open: type a name, a number or a VAT number to search first."]
        assert isinstance(app.screen, SearchScreen)


async def test_in_the_list_enter_opens_the_row_the_keys_before_it_reached(make_app, demo):
    """In the list, End then Enter in one burst open the last company (Enter is read ahead of
    End, which the list has not taken in yet)."""
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "i")  # Atelier Lumière, Blue Harbor, Nordwind
        await until(pilot, lambda: len(listed(app)) == 3, "three companies listed")
        app.screen.query_one("#results", DataTable).focus()
        await pilot.pause()
        burst(app, "end", "enter")
        assert await opened(pilot) == demo["nordwind"]


async def test_two_enters_waiting_for_a_slow_search_open_one_company(make_app, demo,
                                                                     monkeypatch):
    """The second Enter comes after the keys held for the first have gone on (LONGEST_WAIT):
    both wait for the same answer, and one company opens."""
    from tui.type_ahead import LONGEST_WAIT

    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await nordwind_listed(pilot)
        with slow_search(monkeypatch) as gate:
            burst(app, "Blue", "enter")
            await until(pilot, lambda: status(app) == "Searching…", "the search says so")
            await pilot.pause(LONGEST_WAIT + 0.1)
            burst(app, "enter")
            await pilot.pause(0.1)
            gate.set()
            assert await opened(pilot) == demo["blue"]
        await pilot.pause(0.3)
        assert [type(screen).__name__ for screen in app.screen_stack] == [
            "SearchScreen", "CompanyScreen"]
