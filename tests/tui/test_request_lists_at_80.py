"""Change requests as the billing team decides them at 80×24 (R16, SPEC §5): the locked fields
first in the queue's narrow cell, nothing important off-screen, and a request the address moved
under shows both its values and the fields saved since."""

from __future__ import annotations

from textual.widgets import DataTable, Static

import store
import store.people.access
import store.profile.billing
import store.profile.requests
from tui.screens.requests import RequestQueueScreen
from tui.widgets.indented_text import IndentedText

from .helpers import store_answered, text_of
from .test_billing_team import dialog_shown, staff_app

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"
TO_PARIS = {"line1": "12 rue des Lilas", "postal_code": "75011", "city": "Paris",
            "country": "FR", "vat_number": "FR40303265045"}


def save_line2(company_id: int, value: str) -> None:
    jonas = store.people.access.resolve_actor(JONAS)
    now = store.profile.billing.get_billing(jonas, company_id).address
    data = {f: getattr(now, f) for f in store.profile.billing.ADDRESS_FIELDS}
    data["line2"] = value
    store.profile.billing.save_address(jonas, company_id, data, now.version)


async def test_the_queue_shows_a_move_locked_fields_first_within_80_columns(demo):
    store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"], TO_PARIS)
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, RequestQueueScreen)
        table = queue.query_one("#queue", DataTable)
        cell = str(table.get_row_at(0)[1])
        assert cell.startswith("Country: Germany → France; VAT number: DE136695976 → FR40303265045")
        assert cell.endswith("with Address, Postal code, City")
        assert table.virtual_size.width <= 80  # the date column too is on screen
        assert table.get_row_height(table.coordinate_to_cell_key((0, 0)).row_key) > 1  # wraps


async def test_approving_a_stale_request_shows_the_fields_saved_outside_it(demo):
    """Example from the trial: the owner saved the street's second line after asking to move;
    the team sees the move and that line, and approves on what they saw (the line is kept)."""
    request = store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                            TO_PARIS)
    save_line2(demo["nordwind"], "Hinterhaus")
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        detail = text_of(app.screen.query_one("#queue-detail", IndentedText))
        assert "Saved since the request, not in it (approving keeps them):" in detail
        assert "Address line 2: (empty) → Hinterhaus" in detail
        await pilot.press("v")
        await dialog_shown(app, pilot)
        summary = text_of(app.screen.query_one("#reason-summary", Static))
        assert "Country: Germany → France" in summary  # named, as History names it
        assert "Hinterhaus" in summary.split("approving keeps them):")[1]
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
    decided = store.profile.requests.list_requests(store.people.access.resolve_actor(BILLING),
        status=None)
    assert next(r for r in decided if r.id == request.id).status == "approved"
    after = store.profile.billing.get_billing(store.people.access.resolve_actor(JONAS),
        demo["nordwind"])
    assert (after.address.country, after.address.line2) == ("FR", "Hinterhaus")
