"""The billing team's decision dialog when the request moves while it is open (#16 trial: after
the owner saved the address, ctrl+s refused forever with the old values shown, and only escape,
losing the reason, got out; a request withdrawn meanwhile the same)."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Static

import store
import store.people.access
import store.profile.billing
import store.profile.requests
from tui.screens.decision import DecisionModal
from tui.screens.requests import RequestQueueScreen

from .helpers import store_answered
from .test_billing_team import (
    BILLING,
    JONAS,
    NEW_VAT,
    address,
    dialog_shown,
    request_status,
    request_vat_change,
    set_value,
    staff_app,
)


def owner_saves_city(company_id: int, city: str) -> None:
    jonas = store.people.access.resolve_actor(JONAS)
    now = store.profile.billing.get_billing(jonas, company_id).address
    store.profile.billing.save_address(jonas, company_id, {
        f: getattr(now, f) for f in store.profile.billing.ADDRESS_FIELDS} | {"city": city},
            now.version)


async def open_approval(app, pilot) -> tuple[RequestQueueScreen, DecisionModal]:
    await pilot.pause()
    await pilot.press("ctrl+r")
    await pilot.pause()
    queue = app.screen
    assert isinstance(queue, RequestQueueScreen)
    await pilot.press("v")
    await dialog_shown(app, pilot)
    assert isinstance(app.screen, DecisionModal)
    return queue, app.screen


async def test_an_address_saved_meanwhile_shows_both_versions_and_keeps_the_reason(demo):
    request = request_vat_change(demo["nordwind"])
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        queue, dialog = await open_approval(app, pilot)
        owner_saves_city(demo["nordwind"], "Bremen")
        await set_value(pilot, "#field-reason", "Checked in VIES")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is dialog  # not approved on values the team did not see
        assert "after this request was sent" in str(
            dialog.query_one("#dialog-banner", Static).render())
        summary = str(dialog.query_one("#reason-summary", Static).render())
        assert "City: Hamburg → Bremen" in summary  # saved since, next to what was asked
        assert f"VAT number: DE136695976 → {NEW_VAT}" in summary
        assert dialog.query_one("#field-reason", Input).value == "Checked in VIES"
        assert request_status(request.id).status == "pending"
        await pilot.press("ctrl+s")  # having looked: approved on the version now
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is queue
        assert queue.query_one("#queue", DataTable).row_count == 0
    decided = request_status(request.id)
    assert (decided.status, decided.decision_reason) == ("approved", "Checked in VIES")
    assert (address(demo["nordwind"]).vat_number, address(demo["nordwind"]).city) == (
        NEW_VAT, "Bremen")


async def test_a_request_withdrawn_meanwhile_says_so_and_leaves_only_closing(demo):
    request = request_vat_change(demo["nordwind"])
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        queue, dialog = await open_approval(app, pilot)
        store.profile.requests.withdraw_request(store.people.access.resolve_actor(JONAS),
            request.id)
        await set_value(pilot, "#field-reason", "Checked in VIES")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is dialog
        assert "withdrawn by the owner" in str(
            dialog.query_one("#dialog-banner", Static).render())
        assert not dialog.query_one("#dialog-save", Button).display
        assert dialog.query_one("#field-reason", Input).disabled
        assert dialog.check_action("submit", ()) is False  # ctrl+s is off the key line
        await pilot.press("escape")  # no "discard what you typed?": nothing is left to send
        await pilot.pause()
        assert app.screen is queue
        assert queue.query_one("#queue", DataTable).row_count == 0  # the list shows it gone
    assert request_status(request.id).status == "withdrawn"
