"""The billing address by its country's rules on the Billing tab at 80x24 (R15, SPEC §5, #16):
the country by name in the person's language, completed as typed; the region row as the
country's post has it (Province for Canada, none for Germany); a reader's view laid out as on
invoices."""

from __future__ import annotations

from textual.widgets import Input, Label, Static

from tui.widgets.form_field import FormField

from .helpers import address, error_of, shown, store_answered, type_into

JONAS = "jonas@nordwind.de"  # Nordwind, Hamburg: trial over (country and region locked)
CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, Lyon: in its trial
MARIA = "maria@blueharbor.com"  # Blue Harbor, Mountain View CA
SUPPORT = "support@mycompany.example"


def region_row(app) -> tuple[bool, str]:
    row = app.query_one("#row-state", FormField)
    return row.display, str(row.query_one(".form-field--label", Label).render())


async def test_the_country_shows_by_name_and_germany_has_no_region_row(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one("#field-country", Input).value == "Germany"
        assert region_row(app)[0] is False
        # The country by name is the stored DE: saving the street is no change of a locked field.
        await type_into(pilot, app, "line1", "Speicherstraße 7")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert not shown(app, "#address-banner")
    stored = address(JONAS, demo["nordwind"])
    assert (stored.line1, stored.country) == ("Speicherstraße 7", "DE")


async def test_a_us_address_has_a_state_row(make_app, demo):
    app = make_app(MARIA, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert region_row(app) == (True, "State")
        assert app.query_one("#field-country", Input).value == "United States"


async def test_canada_typed_by_name_gets_a_province_row_and_keeps_its_province(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert region_row(app)[0] is False  # France: no region
        await type_into(pilot, app, "country", "Cana")
        await pilot.press("right")  # takes the suggested name
        await pilot.pause()
        assert app.query_one("#field-country", Input).value == "Canada"
        assert region_row(app) == (True, "Province")
        await type_into(pilot, app, "line1", "290 Bremner Blvd")
        await type_into(pilot, app, "postal_code", "m5v3l9")
        await type_into(pilot, app, "city", "Toronto")
        await type_into(pilot, app, "vat_number", "")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert error_of(app, "state") == ("Enter the province for Canada: its name or code, "
                                          "like Alberta or AB")
        await type_into(pilot, app, "state", "Onta")
        await pilot.press("right")  # the province's name, completed as typed
        assert app.query_one("#field-state", Input).value == "Ontario"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert error_of(app, "state") == ""
        assert app.query_one("#field-postal_code", Input).value == "M5V 3L9"
        assert app.query_one("#field-state", Input).value == "ON"
    stored = address(CAMILLE, demo["atelier"])
    assert (stored.country, stored.state, stored.postal_code) == ("CA", "ON", "M5V 3L9")


async def test_the_country_is_named_in_the_persons_language(make_app, demo):
    app = make_app(JONAS, tab="billing", locale="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one("#field-country", Input).value == "Allemagne"


async def test_a_reader_sees_the_address_laid_out_as_on_invoices(make_app, demo):
    app = make_app(SUPPORT, company=demo["blue"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        company = next(screen for screen in app.screen_stack if screen.query("#address-layout"))
        widget = company.query_one("#address-layout", Static)
        assert widget.display
        layout = str(widget.render())
        assert "1600 Amphitheatre Pkwy\n  Mountain View, CA 94043\n  United States" in layout


async def test_changing_the_country_keeps_a_region_of_another_country(make_app, demo):
    """Blue Harbor (CA, California) moved to Canada by the billing team: California's CA is no
    province, and stays in sight for the save to refuse by name (#18 trial: emptied without a
    word, tests/cli/test_trial_18_regions.py); typing the United States again keeps it."""
    app = make_app("billing@mycompany.example", company=demo["blue"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        state = app.company_screen().query_one("#field-state", Input)
        assert state.value == "CA"
        await type_into(pilot, app.company_screen(), "country", "Canada")
        assert state.value == "CA"
        assert region_row(app.company_screen()) == (True, "Province")
        await type_into(pilot, app.company_screen(), "country", "United States")
        assert state.value == "CA"


async def test_a_code_typed_in_capitals_completes_to_its_own_country(make_app, demo):
    """`CA` suggests Canada, not Cambodia (the first name starting with those letters); so
    does `Ca`, as the list offers Canada first (#16 trial: the completion said Cambodia); a
    region's code is taken from the list (its name does not start with the code's letters)."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_into(pilot, app, "country", "CA")
        await pilot.press("right")
        await pilot.pause()
        assert app.query_one("#field-country", Input).value == "Canada"
        await type_into(pilot, app, "country", "Ca")
        await pilot.press("right")
        await pilot.pause()
        assert app.query_one("#field-country", Input).value == "Canada"
        await type_into(pilot, app, "country", "US")
        await pilot.press("right")
        await pilot.pause()
        await type_into(pilot, app, "state", "NY")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#field-state", Input).value == "New York"
