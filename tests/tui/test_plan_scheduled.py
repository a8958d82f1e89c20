"""The Plan tab says a plan change that waits for its month (#18): "From <date>: <what changes>",
under the header, as the store's view says it; nothing when none waits."""

from __future__ import annotations

from textual.widgets import Static

import store.access
import store.plan_changes


async def test_the_plan_tab_says_the_change_scheduled(make_app, demo):
    billing = store.access.resolve_actor("billing@mycompany.example")
    store.plan_changes.schedule_change(billing, demo["nordwind"], {
        "from": "2026-12", "users": 45, "remove": ["europe_unlimited"],
        "reason": "Grew by five"})
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)):
        header = str(app.company_screen().query_one("#plan-header", Static).render())
        assert header.splitlines()[-1] == (
            "From Dec 1, 2026: 45 user licences; removes Europe unlimited")
        # The figures are still today's: the change applies with December's invoice.
        assert app.company_screen().query_one("#plan-tab").summary.users.included == 40


async def test_no_line_when_nothing_waits(make_app):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)):
        header = str(app.company_screen().query_one("#plan-header", Static).render())
        assert "From " not in header
