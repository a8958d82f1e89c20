"""The Plan tab says a plan change that waits for its month (#18): "From <date>: <what changes>",
under the header, as the store's view says it; nothing when none waits."""

from __future__ import annotations

from textual.widgets import Static

import store.people.access
import store.plans.plan_changes


async def test_the_plan_tab_says_the_change_scheduled(make_app, demo):
    billing = store.people.access.resolve_actor("billing@mycompany.example")
    store.plans.plan_changes.schedule_change(billing, demo["nordwind"], {
        "from": "2026-12", "users": 45, "remove": ["europe_unlimited"],
        "reason": "Grew by five"})
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)):
        header = str(app.company_screen().query_one("#plan-header", Static).render())
        assert header.splitlines()[-2] == (
            "From Dec 1, 2026: 45 user licences; removes Europe unlimited")
        # Then what that invoice charges, the change applied (#18 trial: the total mixed today's
        # plan and the next invoice's prices); the table's total stays today's.
        summary = app.company_screen().query_one("#plan-tab").summary
        assert summary.next_invoice_total != summary.total
        assert header.splitlines()[-1] == (
            "Next invoice, Dec 1, 2026: €2,718.00 /month excl. VAT")
        # The figures are still today's: the change applies with December's invoice.
        assert app.company_screen().query_one("#plan-tab").summary.users.included == 40


async def test_no_line_when_nothing_waits(make_app):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)):
        header = str(app.company_screen().query_one("#plan-header", Static).render())
        assert "From " not in header
