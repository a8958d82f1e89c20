"""The Plan tab's Account total row says what period its amount is for, in the words `show plan`
prints (SPEC §4: amounts labelled "/month" or "/year"; #18 trial: the tab's row read "€2,567.00"
where `show plan` read "€2,567.00 /month"): both take the unit from tui.periods."""

from __future__ import annotations

from textual.widgets import Static

import store.people.access
import store.plans.plan
from tui.textout import plan_text

JONAS = "jonas@nordwind.de"


def _total_row(text: str) -> str:
    [row] = [line for line in text.splitlines() if line.startswith("Account total")]
    return " ".join(row.split())


async def test_the_account_total_row_reads_as_show_plan_prints_it(make_app):
    app = make_app(JONAS, tab="plan")
    async with app.run_test(size=(80, 24)):
        on_screen = _total_row(str(app.query_one("#licences", Static).render()))
        summary = store.plans.plan.licence_summary(store.people.access.resolve_actor(JONAS),
                                             app.context.company_id)
    assert on_screen == "Account total €2,567.00 /month"
    assert on_screen == _total_row(plan_text(summary, "en"))


async def test_a_yearly_plan_says_year_on_both(make_app, demo):
    from store.persistence.models import Subscription

    (Subscription.update(term="annual_upfront")
     .where(Subscription.company == demo["nordwind"]).execute())
    app = make_app(JONAS, tab="plan")
    async with app.run_test(size=(80, 24)):
        on_screen = _total_row(str(app.query_one("#licences", Static).render()))
        summary = store.plans.plan.licence_summary(store.people.access.resolve_actor(JONAS),
                                             app.context.company_id)
    assert summary.period == "year" and on_screen.endswith(" /year")
    assert on_screen == _total_row(plan_text(summary, "en"))
