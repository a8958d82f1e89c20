"""#16 trial: the country (and the region, where the country's post has a list) is chosen by
name from a list filtered as it is typed (SPEC §5: "chosen by name in the person's language,
with type-to-filter, or typed as a code"), in the Billing address and in the change request
dialog alike; a code typed is still taken. The names are the store's (country_matches,
region_matches)."""

from __future__ import annotations

from textual.widgets import Input

from tui.widgets.form_field import FormField

from .helpers import listed, settle, store_answered, type_text

CAMILLE = "camille@atelier-lumiere.fr"  # an owner in trial: every field open
JONAS = "jonas@nordwind.de"  # after the trial: the change request dialog


async def test_the_country_is_chosen_from_a_list_filtered_as_typed(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        country = app.screen.query_one("#field-country", Input)
        country.focus()
        country.value = ""
        await settle(pilot)
        await type_text(pilot, "ca")
        await settle(pilot)
        lines = listed(app.screen, "country")
        assert lines[:2] == ["Canada  CA", "Cambodia  KH"] or "Canada  CA" in lines
        await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert country.value == lines[1].split("  ")[0]
        assert listed(app.screen, "country") == []  # chosen: the list closes
        # The region row follows the country chosen, with its own list.
        country.value = ""
        await type_text(pilot, "Canada")
        await settle(pilot)
        state = app.screen.query_one("#field-state", Input)
        state.focus()
        state.value = ""
        await type_text(pilot, "brit")
        await settle(pilot)
        assert listed(app.screen, "state") == ["British Columbia  BC"]
        await pilot.press("enter")
        await settle(pilot)
        assert state.value == "British Columbia"
        # The postal code's row is named as Canada's post names it; a code is still taken.
        country.focus()
        country.value = ""
        await type_text(pilot, "us")
        await settle(pilot)
        assert listed(app.screen, "country")[0] == "United States  US"
        await pilot.press("escape")  # closes the list, nothing else
        await settle(pilot)
        assert listed(app.screen, "country") == [] and country.value == "us"
        row = app.screen.query_one("#row-postal_code", FormField)
        assert str(row.query_one(".form-field--label").render()) == "ZIP code"


async def test_the_change_request_dialog_offers_the_same_list(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await pilot.press("x")
        await settle(pilot)
        country = app.screen.query_one("#field-country", Input)
        country.focus()
        country.value = ""
        await type_text(pilot, "fran")
        await settle(pilot)
        assert listed(app.screen, "country")[0] == "France  FR"
        await pilot.press("enter")
        await settle(pilot)
        assert country.value == "France"
