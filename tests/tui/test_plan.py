"""The Plan tab: figures as the store computes them, the what-if line, and how it looks."""

from __future__ import annotations

from textual.widgets import Input, Static


async def test_plan_tab_shows_the_licence_table(make_app):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)):
        table = app.query_one("#licences", Static)
        rendered = str(app.query_one("#plan-tab").summary.total)
        assert rendered == "2567.00"
        assert table.visual is not None


async def test_what_if_shows_new_total_and_writes_nothing(make_app):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#field-add_users", Input).focus()
        await pilot.press("3")
        await pilot.pause()
        result = str(app.query_one("#whatif-result", Static).render())
        assert "€2,717.00" in result
        import store.people.access
        import store.plans.plan

        again = store.plans.plan.licence_summary(store.people.access.resolve_actor(
            "jonas@nordwind.de"),
                                           app.context.company_id)
        assert again.total == app.query_one("#plan-tab").summary.total


async def test_what_if_refuses_letters(make_app):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#field-add_users", Input).focus()
        await pilot.press("x", "-", "2")
        assert app.query_one("#field-add_users", Input).value == "2"
