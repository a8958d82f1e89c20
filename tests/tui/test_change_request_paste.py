"""An address pasted as lines into the owner's change-request dialog is the whole address, as in
the billing address form (SPEC §8: a paste is taken whole; #16 trial: the dialog kept only the
first line of a pasted move)."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import Input

import store.people.access
import store.profile.requests
from tui.screens.change_request import ChangeRequestModal

from .helpers import store_answered

JONAS = "jonas@nordwind.de"


async def dialog(pilot) -> ChangeRequestModal:
    for _ in range(200):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, ChangeRequestModal) and screen.is_mounted:
            await pilot.pause()
            return screen
        await asyncio.sleep(0.05)
    raise AssertionError("the change-request dialog never opened")


async def test_a_move_pasted_as_lines_fills_the_request_and_is_sent_whole(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        modal = await dialog(pilot)
        line1 = modal.query_one("#field-line1", Input)
        line1.focus()
        line1.value = ""
        await pilot.pause()
        app.post_message(events.Paste("12 rue de la Paix\nBâtiment B\n75002 Paris\nFrance\n"))
        await pilot.pause()
        await pilot.pause()
        values = {name: modal.query_one(f"#field-{name}", Input).value
                  for name in ("line1", "line2", "postal_code", "city", "country")}
        assert values == {"line1": "12 rue de la Paix", "line2": "Bâtiment B",
                          "postal_code": "75002", "city": "Paris", "country": "France"}
        vat = modal.query_one("#field-vat_number", Input)
        vat.value = "FR40303265045"
        await pilot.press("ctrl+s")
        for _ in range(100):
            await store_answered(pilot)
            if not isinstance(app.screen, ChangeRequestModal):
                break
            await asyncio.sleep(0.05)
    jonas = store.people.access.resolve_actor(JONAS)
    [request] = store.profile.requests.list_requests(jonas, demo["nordwind"])
    asked = {change.field: change.new_value for change in request.changes}
    assert asked["line1"] == "12 rue de la Paix" and asked["line2"] == "Bâtiment B"
    assert (asked["postal_code"], asked["city"], asked["country"]) == ("75002", "Paris", "FR")


async def test_lines_pasted_into_the_note_stay_joined_on_its_line(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        modal = await dialog(pilot)
        note = modal.query_one("#field-note", Input)
        note.focus()
        await pilot.pause()
        app.post_message(events.Paste("Moving on 1 Dec\nnew VAT below\n"))
        await pilot.pause()
        await pilot.pause()
        assert note.value == "Moving on 1 Dec / new VAT below"
        assert modal.query_one("#field-city", Input).value == "Hamburg"  # the address untouched
