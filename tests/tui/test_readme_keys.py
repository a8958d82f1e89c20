"""README's key table lists every key the key line shows, place by place (issue #15: Billing's
`w Withdraw`, History's `/ Filter` and the search box's keys were missing): each tab with the
focus on each of its parts, the company search (box and list) and the request queue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import store.people.access
import store.profile.requests
from tests.snapshots.settle import settle
from tui.widgets.key_footer import shown_entries

README = Path(__file__).resolve().parents[2] / "README.md"
JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"


def readme_keys() -> dict[str, set[str]]:
    """{place: keys in backticks} from the table under "Keys in the key line"."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| Where | Keys in the key line |"):]
    table = table[:table.index("\n\n")]
    places: dict[str, set[str]] = {}
    for line in table.splitlines()[2:]:
        place, keys = (cell.strip() for cell in line.strip("|").split("|"))
        places[place] = set(re.findall(r"`([^`]+)`", keys))
    return places


async def keys_in_every_focus(pilot, app, inside: str | None = None) -> set[str]:
    """The key line's keys with the focus on each part (of the widget with id `inside`)."""
    found = {entry.keys for entry in shown_entries(app.screen)}
    for widget in list(app.screen.focus_chain):
        if inside is None or inside in [node.id for node in widget.ancestors_with_self]:
            widget.focus()
            await settle(pilot)
            found |= {entry.keys for entry in shown_entries(app.screen)}
    return found


@pytest.mark.parametrize("who, tab, place", [
    (JONAS, "general", "General"), (JONAS, "plan", None), (JONAS, "billing", "Billing"),
    (JONAS, "history", "History"), (BILLING, "billing", "Billing"),
    (BILLING, "history", "History")])
async def test_every_key_of_a_tab_is_in_the_readme(make_app, demo, who, tab, place):
    if who == JONAS:  # a change request waiting: Billing's key line shows w Withdraw
        store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
            demo["nordwind"],
                                      {"vat_number": "DE811907980", "note": "Fusion"})
    table = readme_keys()
    listed = table["Every tab"] | (table[place] if place else set())
    app = make_app(who, company=demo["nordwind"] if who == BILLING else None, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = await keys_in_every_focus(pilot, app, inside=tab)
    assert shown - listed == set(), f"{who} {tab}: not in README's key table"
    expected = {("billing", JONAS): "w", ("history", JONAS): "/", ("general", JONAS): "f1"}
    assert expected.get((tab, who), "?") in shown  # the examples of the issue, shown


async def test_every_key_of_the_search_and_the_queue_is_in_the_readme(make_app, demo):
    table = readme_keys()
    store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                  {"vat_number": "DE811907980"})  # a line in the queue
    app = make_app(BILLING, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        shown = await keys_in_every_focus(pilot, app)
        assert {"⏎", "f1", "?"} <= shown
        assert shown - table["Company search (staff)"] == set()
        await pilot.press("ctrl+r")
        await settle(pilot)
        shown = await keys_in_every_focus(pilot, app)
        # Both ways: the list's own Enter hid the queue's "⏎ Open" from the key line.
        assert shown == table["Request queue (billing team)"]
        await pilot.press("escape", "ctrl+t")
        await settle(pilot)
        shown = await keys_in_every_focus(pilot, app)
        # n and p join the key line once there is a second page (one page here: #15, no key
        # shown that cannot act).
        assert table["History of every company (staff)"] - {"n", "p"} <= shown
