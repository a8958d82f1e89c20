"""The region row follows the country in every form that has both rows, one place
(tui.widgets.place_fields.FollowsCountry, mixed into FormSection): verification v1, the admin's
New company dialog showed a "State" row for Germany after a paste, while the Billing tab hides
it for a German address."""

from __future__ import annotations

from textual.widgets import Input, Label

from tui.screens.company_admin import CompanyFormDialog
from tui.widgets.form_field import FormField

from .helpers import store_answered, until
from .test_pastes import paste_into

ADMIN = "admin@mycompany.example"
PASTE = "Hafenstraße 7\nHinterhaus\n20459 Hamburg\nGermany"


def region_row(screen) -> str | None:
    """The region row's label as shown; None while the row is hidden."""
    row = screen.query_one("#row-state", FormField)
    if not row.display:
        return None
    return str(row.query_one(".form-field--label", Label).render()).strip()


async def new_company(pilot):
    app = pilot.app
    await pilot.pause()
    await pilot.press("ctrl+n")
    await until(pilot, lambda: isinstance(app.screen, CompanyFormDialog), "the form")
    return app.screen


async def test_a_pasted_german_address_hides_the_region_row_as_billing_does(make_app, demo):
    billing = make_app(tab="billing")  # Nordwind's own address is German
    async with billing.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert billing.screen.query_one("#field-country", Input).value == "Germany"
        assert region_row(billing.screen) is None
    app = make_app(ADMIN, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await new_company(pilot)
        assert region_row(dialog) == "State"  # no country yet: the row as the form has it
        await paste_into(pilot, "line1", PASTE)
        await until(pilot, lambda: region_row(dialog) is None, "no region row for Germany")


async def test_the_new_company_region_row_is_named_after_the_country_typed(make_app, demo):
    app = make_app(ADMIN, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await new_company(pilot)
        country = dialog.query_one("#field-country", Input)
        country.value = "Canada"
        await until(pilot, lambda: region_row(dialog) == "Province", "Province for Canada")
        country.value = "Japan"
        await until(pilot, lambda: region_row(dialog) == "Prefecture", "Prefecture for Japan")
        country.value = "United States"
        await until(pilot, lambda: region_row(dialog) == "State", "State again")
        label = dialog.query_one("#row-postal_code", FormField).query_one(
            ".form-field--label", Label)
        assert str(label.render()).strip() == "ZIP code"
