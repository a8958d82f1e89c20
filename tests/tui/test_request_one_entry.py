"""A change request is one entry in the History tab at 80×24 (#16 trial: a move of four fields
read as four "Request #5 sent" rows): one row, the fields in the pane under it and whole after
Enter; a refused removal says what it tried to remove."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.requests
import store.trail.history
from tui import audit_text

from .helpers import store_answered

JONAS = "jonas@nordwind.de"
TO_PARIS = {"line1": "1 Rue de Rivoli", "postal_code": "75001", "city": "Paris",
            "country": "FR", "vat_number": "FR40303265045", "note": "We moved"}


def screen_text(app) -> str:
    return "\n".join("".join(s.text for s in line)
                     for line in app.screen._compositor.render_strips())


async def test_a_move_is_one_row_its_fields_under_it(make_app, demo):
    request = store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                            TO_PARIS)
    app = make_app(tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        whats = [str(table.get_row_at(row)[2]) for row in range(table.row_count)]
        assert whats.count(f"Request #{request.id} sent") == 1
        table.focus()
        table.move_cursor(row=whats.index(f"Request #{request.id} sent"))
        await pilot.pause()
        pane = str(app.screen.query_one("#history-detail", Static).render()).split("\n")
        # then a row per field, in the address's own order
        assert pane[2] == "asked Address: Speicherstraße 5 → 1 Rue de Rivoli"
        assert pane[3] == "  Postal code: 20457 → 75001"
        await pilot.press("enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#entry-text", Static).render())
        for row in ("Country: Germany → France", "VAT number: DE136695976 → FR40303265045",
                    "Address: Speicherstraße 5 → 1 Rue de Rivoli", "Postal code: 20457 → 75001",
                    "City: Hamburg → Paris", "Note: We moved"):
            assert row in shown and row in screen_text(app)


def test_a_refused_removal_says_what_it_tried_to_remove(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.billing.remove_recipient(jonas, demo["nordwind"], "buchhaltung@nordwind.de")
    with pytest.raises(store.errors.Refused):  # the last recipient stays
        store.profile.billing.remove_recipient(jonas, demo["nordwind"], "jonas@nordwind.de")
    [refused] = [e for e in store.trail.history.company_history(jonas, demo["nordwind"]).items
                 if e.outcome == "refused"]
    assert audit_text.change(refused) == "tried to remove jonas@nordwind.de"


async def test_the_owner_sees_the_waiting_request_first_then_who_decided_the_others(
        make_app, demo):
    jonas = store.people.access.resolve_actor(JONAS)
    bea = store.people.access.resolve_actor("billing@mycompany.example")
    first = store.profile.requests.request_change(jonas, demo["nordwind"], {
        "vat_number": "DE811907980"})
    store.profile.requests.reject_request(bea, first.id, {"reason": "Not in VIES"})
    second = store.profile.requests.request_change(jonas, demo["nordwind"], TO_PARIS)
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        text = str(app.screen.query_one("#change-requests", Static).render())
        assert text.index(f"Request {second.id}") < text.index(f"Request {first.id}")
        assert "by billing@mycompany.example on" in text and "Reason: Not in VIES" in text
