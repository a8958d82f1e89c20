"""A closed company reads as closed in the screens (#18 trial: it looked open, and each key was
refused only after its dialog was filled): the banner says since when, the keys the store would
refuse are not offered (the company's owner, closing it again; Billing's recipients, payment
method, requests), and Billing's address line says it is read only."""

from __future__ import annotations

from textual.widgets import Static

import store
import store.people.access
import store.profile.billing
import store.profile.companies
from tui.widgets.key_footer import shown_entries

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
JONAS = "jonas@nordwind.de"


def keys(app) -> set[str]:
    return {entry.keys for entry in shown_entries(app.screen)}


def close(company_id: int) -> None:
    store.profile.companies.close_company(store.people.access.resolve_actor(ADMIN), company_id,
                                  {"reason": "Contract ended"})


def text_of(app, selector: str) -> str:
    return str(app.company_screen().query_one(selector, Static).render())


async def test_an_open_company_offers_the_admin_and_billing_team_keys(make_app, demo):
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert {"a", "m"} <= keys(app)
        assert text_of(app, "#address-note").startswith("Billing team: every field")


async def test_the_billing_team_sees_a_closed_company_read_only(make_app, demo):
    close(demo["nordwind"])
    view = store.profile.billing.get_billing(store.people.access.resolve_actor(BILLING),
        demo["nordwind"])
    assert view.closed and not view.editable_fields and not view.reason_required
    assert not (view.can_manage_recipients or view.can_set_payment_method
                or view.can_decide_requests)
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not {"a", "r", "m", "v", "j"} & keys(app)
        assert text_of(app, "#address-note") == (
            "Closed company: the billing details are read only.")
        banner = text_of(app, "#banner")
        assert banner.startswith(f"Billing team view: Nordwind Logistik GmbH "
                                 f"({demo['nordwind']}) · closed on ")


async def test_admin_staff_see_no_owner_nor_close_key_on_a_closed_company(make_app, demo):
    close(demo["nordwind"])
    app = make_app(ADMIN, company=demo["nordwind"], tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not {"^n", "^l"} & keys(app)
        assert "· closed on " in text_of(app, "#banner")
        await pilot.press("ctrl+l")  # not offered, and does nothing
        await pilot.pause()
        assert app.screen is app.company_screen()


async def test_the_owner_of_a_closed_company_reads_billing_only(make_app, demo):
    close(demo["nordwind"])
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not {"a", "r", "c", "y", "x"} & keys(app)
        assert text_of(app, "#address-note") == (
            "Closed company: the billing details are read only.")


async def test_the_owner_of_a_company_created_without_an_address_enters_the_first_one(
        make_app, demo):
    """#18 trial: the country given at creation fills the form, locked; the rest is theirs."""
    from textual.widgets import Input

    from .helpers import replace_value, store_answered

    created = store.profile.companies.create_company(store.people.access.resolve_actor(ADMIN), {
        "name": "Soleil SAS", "country": "FR", "plan": "essentials", "term": "monthly",
        "owner_email": "anne@soleil.example", "owner_name": "Anne"})
    app = make_app("anne@soleil.example", tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        country = app.query_one("#field-country", Input)
        assert (country.value, country.disabled) == ("France", True)
        assert not app.query_one("#field-state", Input).disabled
        assert text_of(app, "#lock-reason").endswith(
            "No billing address yet: enter it; its country is the one the company was created "
            "with, which only the billing team changes.")
        await replace_value(pilot, "#field-line1", "3 rue Oberkampf")
        await replace_value(pilot, "#field-postal_code", "75011")
        await replace_value(pilot, "#field-city", "Paris")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
    saved = store.profile.billing.get_billing(store.people.access.resolve_actor(
        "anne@soleil.example"),
                                      created.id).address
    assert saved is not None and (saved.country, saved.city) == ("FR", "Paris")
