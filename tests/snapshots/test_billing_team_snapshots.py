"""What the billing team looks at: the editable address, the reason dialog, the request queue."""

from __future__ import annotations

from textual.widgets import Input

import store
import store.people.access
import store.profile.requests
from tests.snapshots.settle import settle

BILLING = "billing@mycompany.example"


def request_vat_change(company_id: int) -> None:
    store.profile.requests.request_change(store.people.access.resolve_actor("jonas@nordwind.de"),
        company_id,
        {"vat_number": "DE811907980",
            "note": "New VAT number after the merger"})


def staff_app(email: str = BILLING):
    from tui.app import MyCompanyApp

    app = MyCompanyApp(store.people.access.resolve_actor(email))
    app.animation_level = "none"
    app.theme = "textual-dark"
    return app


def test_billing_team_address_80x24(make_app, demo, snap_compare):
    request_vat_change(demo["nordwind"])

    async def address(pilot):
        await settle(pilot)
        # The billing team's list of pending requests, under the address: its keys in the footer.
        pilot.app.screen.query_one("#pending-requests").focus()
        await settle(pilot)

    assert snap_compare(make_app(BILLING, company=demo["nordwind"], tab="billing"),
                        terminal_size=(80, 24), run_before=address)


def test_reason_modal_80x24(make_app, demo, snap_compare):
    async def reason(pilot):
        await settle(pilot)
        box = pilot.app.screen.query_one("#field-vat_number", Input)
        box.focus()
        box.value = "DE811907980"
        # One place under the dialog, whatever the machine's load: the tab scrolled to its end
        # (the field in view), as test_billing_snapshots does (CI: one line off under load).
        pilot.app.screen.query_one("#billing-tab").scroll_end(animate=False)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(BILLING, company=demo["nordwind"], tab="billing"),
                        terminal_size=(80, 24), run_before=reason)


def test_request_queue_80x24(demo, snap_compare):
    request_vat_change(demo["nordwind"])

    async def queue(pilot):
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)

    assert snap_compare(staff_app(), terminal_size=(80, 24), run_before=queue)
