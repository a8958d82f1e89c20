"""Billing → Change requests as the #16 trial t16 read them at 80×24: a request's wrapped lines
started at column 1, under no label ("the lease PDF", "2026", "VIES; please send…"), for the
owner and for the billing team; the billing team's queue (ctrl+r) did the same under its list
(verify v1)."""

from __future__ import annotations

from textual.widgets import Static

import store.people.access
import store.profile.requests
from tui.screens.requests import RequestQueueScreen
from tui.widgets.indented_text import IndentedText

from .helpers import store_answered, text_of
from .test_billing_team import staff_app

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"
TO_NEW_YORK = {"state": "NY", "line1": "350 Fifth Avenue", "postal_code": "10118",
               "city": "New York"}
NOTE = ("We moved on 1 December; the lease PDF is attached to ticket BIL-77 with the landlord's "
        "letter of 14 November 2026")
REASON = ("The ZIP code 10118 does not match the lease; please send the lease PDF again with "
          "the page naming the floor, as VIES asked in 2026")


def _body(box: str) -> list[str]:
    """The box's lines under each request's first line."""
    return [line for line in box.split("\n") if line and not line.startswith("Request ")]


async def test_wrapped_request_lines_stay_under_their_indent(make_app, demo):
    maria, bea = (store.people.access.resolve_actor(who) for who in (MARIA, BILLING))
    request = store.profile.requests.request_change(maria, demo["blue"],
                                                    {**TO_NEW_YORK, "note": NOTE})
    store.profile.requests.reject_request(bea, request.id, {"reason": REASON,
                                                            "ticket": "BIL-7"})
    for who in (MARIA, BILLING):  # the owner's box and the billing team's decided ones
        app = make_app(who, company=demo["blue"], tab="billing")
        async with app.run_test(size=(80, 24)) as pilot:
            await store_answered(pilot)
            widget = app.company_screen().query_one("#change-requests", Static)
            box = text_of(widget)
            width = widget.content_size.width
        body = _body(box)
        assert len(body) > 8, box  # the note and the reason wrapped
        assert all(line.startswith("  ") for line in body), box
        assert all(len(line) <= width for line in box.split("\n")), box
        # A continuation sits two cells in from its line: "  Note: We moved…" / "    the…"
        note = next(i for i, line in enumerate(body) if line.startswith("  Note: "))
        assert body[note + 1].startswith("    ") and not body[note + 1].startswith("     ")
        assert " ".join(" ".join(body).split()).count("letter of 14 November 2026") == 1


async def test_the_queues_detail_wraps_its_lines_under_their_indent(demo):
    """Verify v1: the request queue's detail (ctrl+r) wrapped the Note back to column 1. Its
    lines go under who asked, and a wrapped one stays under its own indent, two cells in."""
    maria = store.people.access.resolve_actor(MARIA)
    store.profile.requests.request_change(maria, demo["blue"], {
        **TO_NEW_YORK, "note": NOTE, "documents": "https://drive.example.com/leases/2026/"
                                                  "boston-beacon-st-lease-signed.pdf"})
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, RequestQueueScreen)
        widget = app.screen.query_one("#queue-detail", IndentedText)
        detail = text_of(widget)
        width = widget.content_size.width
    heading, *body = detail.split("\n")
    assert heading.startswith("Requested by maria@blueharbor.com on "), detail
    assert all(line.startswith("  ") for line in body), detail
    assert all(len(line) <= width for line in detail.split("\n")), detail
    note = next(i for i, line in enumerate(body) if line.startswith("  Note: "))
    assert body[note + 1].startswith("    ") and not body[note + 1].startswith("     "), detail
    assert " ".join(" ".join(body).split()).count("letter of 14 November 2026") == 1, detail
    documents = next(i for i, line in enumerate(body) if line.startswith("  Documents:"))
    assert body[documents + 1] == "    https://drive.example.com/leases/2026/boston-beacon-st-" \
        "lease-signed.pdf", detail
