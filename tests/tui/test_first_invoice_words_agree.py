"""#17: the Plan tab of a company in its trial said "First invoice: …" in its header and, under
it, "Next invoice, …: €… /month excl. VAT" for the same invoice. The store says whether the next
invoice is the first (LicenceSummary.next_invoice_is_first); both lines word it so."""

from __future__ import annotations

from textual.widgets import Static

import store.people.access
import store.plans.plan_changes

CAMILLE = "camille@atelier-lumiere.fr"


async def test_in_the_trial_both_lines_say_first_invoice(make_app, demo):
    billing = store.people.access.resolve_actor("billing@mycompany.example")
    store.plans.plan_changes.schedule_change(billing, demo["atelier"], {
        "from": "2026-12", "users": 5, "reason": "Two more people"})
    app = make_app(CAMILLE, tab="plan")
    async with app.run_test(size=(80, 24)):
        header = str(app.company_screen().query_one("#plan-header", Static).render())
        summary = app.company_screen().query_one("#plan-tab").summary
        assert summary.status == "trial" and summary.next_invoice_differs
        assert "First invoice: " in header
        assert header.splitlines()[-1].startswith("First invoice, ")
        assert "Next invoice" not in header


async def test_after_the_first_invoice_both_say_next_invoice(make_app, demo):
    billing = store.people.access.resolve_actor("billing@mycompany.example")
    store.plans.plan_changes.schedule_change(billing, demo["nordwind"], {
        "from": "2026-12", "users": 45, "reason": "Grew by five"})
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)):
        header = str(app.company_screen().query_one("#plan-header", Static).render())
        assert "Next invoice: " in header and header.splitlines()[-1].startswith("Next invoice, ")
        assert "First invoice" not in header
