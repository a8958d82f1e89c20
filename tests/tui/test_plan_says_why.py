"""The Plan tab says why its next invoice differs from its table when the catalogue's prices
change before it, and the team limit a company moving to Essentials keeps already (#18 trial
t18: "Next invoice, Jan 1, 2027: €166.00 /month" above a table of €160.00, nothing said why;
"Teams 5" under "From Jan 1, 2027: plan Essentials", no limit shown)."""

from __future__ import annotations

from textual.widgets import Static

import store.people.access
import store.plans.plan_changes
import store.plans.prices
import store.profile.companies


async def test_the_plan_tab_says_the_catalogue_prices_change_before_the_next_invoice(make_app):
    admin = store.people.access.resolve_actor("admin@mycompany.example")
    store.plans.prices.set_price(admin, plan="professional", frequency="annual", currency="EUR",
                                 item="user", amount="55.00", start="2026-12",
                                 reason="2027 price list", ticket=None)
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)):
        header = str(app.company_screen().query_one("#plan-header", Static).render())
        assert header.splitlines()[-2:] == [
            "Next invoice, Dec 1, 2026: €2,767.00 /month excl. VAT",
            "The catalogue's prices change on Dec 1, 2026; the table shows today's."]
        table = str(app.company_screen().query_one("#licences", Static).render())
        assert "€2,567.00 /month" in table


async def test_the_plan_tab_shows_the_team_limit_of_a_move_to_essentials(make_app):
    admin = store.people.access.resolve_actor("admin@mycompany.example")
    made = store.profile.companies.create_company(admin, {
        "name": "Harbour GmbH", "country": "Germany", "plan": "professional", "term": "monthly",
        "owner_email": "kim@harbour.example", "owner_name": "Kim", "trial_days": "",
        "line1": "Hafenstraße 1", "postal_code": "20457", "city": "Hamburg"})
    store.plans.plan_changes.schedule_change(admin, made.id, {
        "from": "2027-01", "plan": "essentials", "reason": "Smaller"})
    app = make_app("kim@harbour.example", tab="plan")
    async with app.run_test(size=(80, 24)):
        table = str(app.company_screen().query_one("#licences", Static).render())
        # On Professional until then, and Essentials' limit kept already (store.plans.team_limit).
        assert [line.split(maxsplit=2) for line in table.splitlines()
                if line.startswith("Teams")] == [
            ["Teams", "0", "of 3 (Essentials limit from Jan 1, 2027)"]]
