"""The decision dialog's error is in view after the key, however long the request's note (#16
trial: rejecting without a reason under a long note showed the error above the visible area)."""

from __future__ import annotations

from textual.widgets import Static

import store
import store.people.access
import store.profile.requests
from tui.screens.decision import DecisionModal
from tui.widgets.form_field import FormField

from .helpers import store_answered
from .test_billing_team import BILLING, JONAS, NEW_VAT, dialog_shown, staff_app

LONG_NOTE = " ".join(["The merger moved our registered office and with it the VAT number;"] * 12)


def in_view(dialog: DecisionModal, widget) -> bool:
    """Whether `widget` is drawn within the dialog's visible rows."""
    area = dialog.query_one("#dialog").content_region
    box = widget.region
    return box.height > 0 and area.y <= box.y and box.bottom <= area.bottom


async def test_a_missing_reason_shows_in_view_under_a_long_note(demo):
    store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                  {"vat_number": NEW_VAT, "note": LONG_NOTE})
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("j")
        await dialog_shown(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, DecisionModal)
        await pilot.press("ctrl+s")  # no reason typed: the store says one is needed
        await store_answered(pilot)
        await pilot.pause()
        await pilot.pause()
        row = dialog.query_one("#row-reason", FormField)
        error = row.query_one(".form-field--error", Static)
        assert str(error.render()).strip()
        assert in_view(dialog, error)


async def test_a_refusal_in_the_banner_shows_in_view_under_a_long_note(demo):
    from .test_decision_moved import owner_saves_city

    store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                  {"vat_number": NEW_VAT, "note": LONG_NOTE})
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("v")
        await dialog_shown(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, DecisionModal)
        owner_saves_city(demo["nordwind"], "Bremen")
        await pilot.press("ctrl+s")  # refused: the address moved since the request
        await store_answered(pilot)
        await pilot.pause()
        await pilot.pause()
        banner = dialog.query_one("#dialog-banner", Static)
        assert "after this request was sent" in str(banner.render())
        assert in_view(dialog, banner)
