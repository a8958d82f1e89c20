"""Opening a company's tabs costs the same number of queries, whatever the company's size."""

from __future__ import annotations

from playhouse.test_utils import count_queries

from tests.store.test_queries import grow


async def open_company_queries(make_app) -> int:
    with count_queries() as counter:
        app = make_app("support@mycompany.example", company=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
    return counter.count


async def test_opening_a_company_costs_a_fixed_number_of_queries(make_app, demo):
    assert demo["nordwind"] == 2
    small = await open_company_queries(make_app)
    grow(demo["nordwind"], 30_000, 5_000)
    large = await open_company_queries(make_app)
    assert small == large
    assert small <= 25, small  # every tab filled: profile, plan, billing, invoices, history
