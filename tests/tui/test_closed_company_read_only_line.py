"""A closed company's General tab says it is closed (verification v2: staff read "Read-only:
only the company's owner changes the profile." on a closed company, only the banner said it was
closed). The reason is the store's (GeneralView.read_only_reason, from
store.people.access.owner_fields_lock), the refusal's own words."""

from __future__ import annotations

import pytest
from textual.widgets import Static

import store.people.access
import store.profile.companies
import store.profile.company

from .helpers import store_answered

ADMIN = "admin@mycompany.example"
SUPPORT = "support@mycompany.example"
JONAS = "jonas@nordwind.de"


def read_only_line(app) -> str:
    line = app.company_screen().query_one("#general-readonly", Static)
    return str(line.render()) if line.display else ""


def close(company_id: int) -> None:
    store.profile.companies.close_company(store.people.access.resolve_actor(ADMIN), company_id,
                                          {"reason": "Contract ended"})


@pytest.mark.parametrize("email", [SUPPORT, JONAS])
async def test_the_general_tab_of_a_closed_company_says_it_is_closed(make_app, demo, email):
    close(demo["nordwind"])
    closed = (f"Company {demo['nordwind']} is closed: its data is kept and can be read, but "
              "nothing in it changes.")
    view = store.profile.company.get_general(store.people.access.resolve_actor(email),
                                             demo["nordwind"])
    assert (view.can_edit, view.read_only_reason) == (False, closed)
    app = make_app(email, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert read_only_line(app) == closed


async def test_an_open_company_says_who_changes_the_profile(make_app, demo):
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert read_only_line(app) == "Read-only: only the company's owner changes the profile."
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert read_only_line(app) == ""  # his own, open: nothing is read-only
