"""What staff look at: the company search, the support banner, and History."""

from __future__ import annotations

import store
import store.people.access
import store.profile.billing
import store.profile.requests
from tests.snapshots.settle import settle


def staff_app(email="support@mycompany.example", company=None):
    from tui.app import MyCompanyApp

    app = MyCompanyApp(store.people.access.resolve_actor(email), company)
    app.animation_level = "none"
    app.theme = "textual-dark"
    return app


def test_search_results_80x24(demo, snap_compare):
    async def search(pilot):
        await pilot.pause()
        await pilot.press(*"gmbh")  # Enter would open the highlighted company
        await pilot.pause(0.3)
        await settle(pilot)  # the field keeps the focus: its cursor steady

    assert snap_compare(staff_app(), terminal_size=(80, 24), run_before=search)


def test_support_view_banner_on_plan_80x24(demo, snap_compare):
    async def plan(pilot):
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(staff_app(company=demo["blue"]), terminal_size=(80, 24), run_before=plan)


def test_history_80x24(make_app, demo, snap_compare):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    store.profile.requests.request_change(jonas, demo["nordwind"],
        {"vat_number": "DE811907980",
            "note": "New VAT number after the merger"})
    store.profile.billing.remove_recipient(jonas, demo["nordwind"], "buchhaltung@nordwind.de")
    assert snap_compare(make_app(tab="history"), terminal_size=(80, 24))
