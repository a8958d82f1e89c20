"""The rows of the budget table measured inside one process, with Pilot, on generated data.

Each app runs headless at 80x24 (App.run_test). A timed action ends at a settled, rendered
frame (bench/_settle.py). Keys are posted to the app as a terminal's would be, not through
Pilot.press, which sleeps until the process is idle after every key.
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass
from time import perf_counter

from _settle import SIZE, FrameClock, QueryLog, to_frame

TYPED = ["nordlicht", "DE13", "blueharbor.com", "gmbh", "12345", "b"]  # as bench/search_scale.py


@dataclass
class Row:
    measure: str
    budget: str
    figure: str
    holds: bool | None  # None: a figure for information, no budget


def median(values) -> float:
    return statistics.median(values)


def spread(values) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def iqr(values) -> str:
    low, _mid, high = statistics.quantiles(values, n=4)
    return f"{low:.2f}–{high:.2f}"


def press(app, key: str) -> None:
    """A key event, posted to the app as the terminal driver posts it."""
    from textual import events
    from textual.keys import _character_to_key

    name = key if len(key) > 1 or key.isalnum() else _character_to_key(key)
    app.post_message(events.Key(name, key if len(key) == 1 else None))


async def timed(app, action) -> float:
    """Milliseconds from `action()` to the last frame the app sends for it (see next_frame)."""
    FrameClock.on(app).last = None
    start = perf_counter()
    action()
    return (await next_frame(app, start) - start) * 1000


async def next_frame(app, start: float) -> float:
    """The time of the last frame the app sent since its clock was reset (_settle.FrameClock).

    The first frame is awaited without the barrier, as a terminal waits for bytes; then the
    barrier runs until the screen is settled, and any frame sent meanwhile counts. With no
    frame within FIRST_FRAME_WITHIN seconds of `start`, the settled time."""
    clock = FrameClock.on(app)
    while clock.last is None and perf_counter() - start < FIRST_FRAME_WITHIN:
        await asyncio.sleep(0.0005)
    settled = await to_frame(app)
    return clock.last or settled


DEBOUNCE_AND_MORE = 0.3  # seconds: the search's debounce (0.15 s, tui/screens/search.py) and more
FIRST_FRAME_WITHIN = 5.0  # seconds; an action with no frame by then is timed to the settled screen


def company_app(actor, company_id: int | None = None, tab: str = "general"):
    from tui.app import MyCompanyApp

    app = MyCompanyApp(actor, company_id, locale="en", initial_tab=tab)
    app.animation_level = "none"  # a glide of the tab underline is not work: no waiting for it
    return app


READ_FOR = 1.5  # seconds a person looks at the first screen before pressing a key


async def _tab_switches(actor, company_id: int, initial: str, repeat: int,
                        read_for: float) -> dict:
    """Open on `initial`; `read_for` seconds later, time first visits of the other tabs, then
    `repeat` rounds of visits.

    Before each timed switch to a company tab, a timed switch to an empty tab added for the
    measurement (the app's own CompanyTab base class, with nothing in it). With `read_for`
    0 the first visits start at the first settled frame, before the screen has built its
    other tabs while the person reads it (tui/screens/company.py, WARM_UP_AFTER).
    """
    from textual.widgets import TabPane

    from tui.screens.company import TABS
    from tui.tabs.base import CompanyTab

    app = company_app(actor, company_id, tab=initial)
    times: dict[str, list[float]] = {"empty": [], "first": {}, "again": {}}
    async with app.run_test(size=SIZE):
        await to_frame(app)
        tabs = app.screen.query_one("#tabs")
        empty = CompanyTab(app.screen.context, id="bench-empty-tab")
        await tabs.add_pane(TabPane("Empty", empty, id="bench-empty"))
        await to_frame(app)
        if read_for:
            await asyncio.sleep(read_for)
            await to_frame(app)

        async def visit(name: str, kind: str) -> None:
            times["empty"].append(await timed(app, lambda: setattr(tabs, "active", "bench-empty")))
            ms = await timed(app, lambda: setattr(tabs, "active", name))
            times[kind].setdefault(name, []).append(ms)

        for name in TABS:
            if name != initial:
                await visit(name, "first")
        for _ in range(repeat):
            for name in TABS:
                await visit(name, "again")
    return times


def tab_switch_row(companies: dict[str, tuple], repeat: int = 2, starts: int = 3) -> Row:
    """Switching to each company tab vs switching to an empty tab, in the same screen: first
    visits after the person has read the first screen (judged), first visits at once (shown
    for information), later visits (judged). A tab's first visit happens once a start: each
    way is started `starts` times on each first tab, so that its median is of 3 or more
    visits (with one start, the same code read 2.1× to 3.9× from run to run: a frame more or
    less in a 20 ms switch)."""
    worst, parts, at_once = 0.0, [], []
    for label, (actor, company_id) in companies.items():
        for read_for in (READ_FOR, 0.0):
            empty: list[float] = []
            first: dict[str, list[float]] = {}
            again: dict[str, list[float]] = {}
            for initial in ("general", "plan") * starts:  # each tab is first visited in one
                times = asyncio.run(_tab_switches(actor, company_id, initial, repeat, read_for))
                empty += times["empty"]
                for kind, into in (("first", first), ("again", again)):
                    for name, values in times[kind].items():
                        into.setdefault(name, []).extend(values)
            base = median(empty)
            kinds = ((f"first visit after {READ_FOR:g} s", first), ("again", again)) if read_for \
                else (("first visit at once", first),)
            for kind, found in kinds:
                ratios = {name: median(values) / base for name, values in found.items()}
                name = max(ratios, key=ratios.get)
                figure = f"{label}, {kind}: {name} {ratios[name]:.2f}×"
                if read_for:
                    worst = max(worst, ratios[name])
                    parts.append(figure)
                else:
                    at_once.append(figure)
    return Row("tab switch to next frame, any data size", "≤ 3× an empty tab",
               f"worst {worst:.2f}× ({'; '.join(parts)}); not judged, the person pressing a tab "
               f"key at the first frame: {'; '.join(at_once)}", worst <= 3)


async def _invoice_pages(actor, company_id: int, queries: QueryLog, turns: int) -> dict:
    from textual.widgets import DataTable

    app = company_app(actor, company_id, tab="billing")
    out: dict = {"ms": [], "queries": [], "rows": 0}
    async with app.run_test(size=SIZE):
        await to_frame(app)
        # The person reads the first page before turning it; meanwhile the screen builds its
        # other tabs (whose queries are not a page's).
        await asyncio.sleep(READ_FOR)
        await to_frame(app)
        tab = app.screen.tab("billing")
        table = tab.query_one("#invoices", DataTable)
        out["total"] = tab.invoices.total_count
        out["widgets"] = sum(1 for _ in tab.walk_children())

        checked = watch_session_checks(queries)  # no page's statement (see _search)

        async def turn(key: str) -> None:
            before = len(queries) - checked[0]
            out["ms"].append(await timed(app, lambda: press(app, key)))
            out["queries"].append(len(queries) - checked[0] - before)
            out["rows"] = max(out["rows"], table.row_count)

        for key in ["n"] * turns + ["p"] * turns:
            await turn(key)
        first_page = out["ms"][:]
        # Jump to the last page: OFFSET at its largest (the tab's public load_invoices).
        load = tab.load_invoices
        last = tab.invoices.pages
        load(last)
        # The page is read off the event loop (a thread the barrier does not see): wait for it,
        # so its statements are not counted in the first turn after the jump.
        while tab.invoices.page != last:
            await asyncio.sleep(0.01)
        await to_frame(app)
        for _ in range(turns):
            await turn("p")
        out["deep_ms"] = out["ms"][len(first_page):]
        out["ms"] = first_page
        out["page"] = tab.invoices.page
    return out


def invoice_row(actor, company_id: int, queries: QueryLog, turns: int = 5) -> Row:
    r = asyncio.run(_invoice_pages(actor, company_id, queries, turns))
    worst = max(median(r["ms"]), median(r["deep_ms"]))
    per_page = max(r["queries"])
    holds = r["rows"] <= 200 and worst <= 40 and per_page == 1
    return Row(f"invoice list with {r['total']:,} invoices",
               "paged, ≤ 200 rows, page change ≤ 40 ms, one query per page",
               f"{r['rows']} rows; page change {median(r['ms']):.1f} ms near the start, "
               f"{median(r['deep_ms']):.1f} ms near the end (page {r['page']}); "
               f"queries per page: {per_page}", holds)


async def _search(actor, queries: QueryLog) -> dict:
    from textual.widgets import DataTable, Input

    app = company_app(actor)
    out: dict = {"work": [], "total": [], "refill": [], "queries": [], "rows": 0}
    async with app.run_test(size=SIZE):
        await to_frame(app)
        screen = app.screen
        field = screen.query_one("#search-input", Input)
        table = screen.query_one("#results", DataTable)
        started: list[float] = []
        fired = asyncio.Event()
        original = screen.run_search

        def run_search() -> None:  # the debounce timer's callback, timestamped
            FrameClock.on(app).last = None  # the frames before it echo the key, not the search
            started.append(perf_counter())
            original()
            fired.set()

        screen.run_search = run_search
        # The screen's check that the person still is what they signed in as (every 5 s,
        # tui/app.py SESSION_CHECK) is no keystroke's: its statement is counted apart. It runs
        # on the reading thread, as the searches do, one read at a time, so its own count is
        # exact (2026-12-01: it fell in one key's window, "1-2 queries per keystroke").
        checked = watch_session_checks(queries)
        for text in TYPED:
            field.value = ""
            # Clearing the box starts the debounce of its own search: let it run and answer
            # (a timer, then a read off the event loop) before the first key is timed, or its
            # statement is counted in that key's window (1-2 queries per keystroke).
            await asyncio.sleep(DEBOUNCE_AND_MORE)
            await to_frame(app)
            for ch in text:
                fired.clear()
                before, start = len(queries) - checked[0], perf_counter()
                press(app, ch)
                await asyncio.wait_for(fired.wait(), 5)
                end = await next_frame(app, started[-1])
                out["total"].append((end - start) * 1000)
                out["work"].append((end - started[-1]) * 1000)
                out["queries"].append(len(queries) - checked[0] - before)
                out["rows"] = max(out["rows"], table.row_count)
                rows = [(row.key, table.get_row(row.key)) for row in table.ordered_rows]

                def refill(rows=rows) -> None:  # the same rows again, no query
                    table.clear()
                    for key, cells in rows:
                        table.add_row(*cells, key=key.value)

                out["refill"].append(await timed(app, refill))
    return out


def watch_session_checks(queries: QueryLog) -> list[int]:
    """A one-item list counting the statements the session checks (store.people.identity.
    still_in_force) run from now on, in this process."""
    import store.people.identity

    checked = [0]
    original = store.people.identity.still_in_force

    def still_in_force(actor):
        before = len(queries)
        try:
            return original(actor)
        finally:
            checked[0] += len(queries) - before

    store.people.identity.still_in_force = still_in_force
    return checked


def search_row(actor, queries: QueryLog, companies: int) -> Row:
    r = asyncio.run(_search(actor, queries))
    ratios = [w / f for w, f in zip(r["work"], r["refill"])]
    ratio = median(ratios)
    per_key = max(r["queries"])
    holds = ratio <= 2 and per_key == 1 and min(r["queries"]) == 1 and r["rows"] <= 50
    return Row(f"support search over {companies:,} companies",
               "one query per keystroke, top 50, keystroke to frame ≤ 2× refill",
               f"{ratio:.2f}× (IQR {iqr(ratios)}) over {len(ratios)} keystrokes; "
               f"{min(r['queries'])}–{per_key} queries per keystroke; ≤ {r['rows']} rows; "
               f"plus the {screen_debounce()} s debounce before the search starts", holds)


def screen_debounce() -> float:
    from tui.screens import search

    return search.DEBOUNCE_SECONDS


def active_count_row(company_id: int, users: int, repeat: int = 200) -> Row:
    """The count as the store makes it (store/plans/plan_query.py, inside the Plan summary's
    query)."""
    from store.plans.plan_query import count_active_users

    def count() -> int:
        return count_active_users(company_id)

    count()
    runs = []
    for _ in range(repeat):
        start = perf_counter()
        count()
        runs.append((perf_counter() - start) * 1000)
    ms = median(runs)
    return Row(f"active-user count of a {users:,}-user company", "≤ 1 ms",
               f"{ms:.2f} ms (median of {repeat})", ms <= 1)
