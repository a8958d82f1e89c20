"""An address pasted as lines into an address field spreads over the address fields in every form
that has them (tui.widgets.pastes.SpreadsAddressPastes, mixed into FormSection): #15 trial, the
admin's New company dialog (ctrl+n on the staff search) said "4 lines pasted: only the first was
taken." where the Billing tab and the change request dialog spread the same paste."""

from __future__ import annotations

from textual.widgets import Input

from tui.screens.company_admin import CompanyFormDialog

from .helpers import until
from .test_pastes import note_under, paste_into

ADMIN = "admin@mycompany.example"
PASTE = "Hafenstraße 7\nHinterhaus\n20459 Hamburg\nGermany"


def values(app, *names: str) -> dict[str, str]:
    return {name: app.screen.query_one(f"#field-{name}", Input).value for name in names}


async def test_the_new_company_dialog_spreads_a_pasted_address(make_app, demo):
    app = make_app(ADMIN, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CompanyFormDialog), "the form")
        app.screen.query_one("#field-name", Input).value = "Hafen Telecom GmbH"
        await paste_into(pilot, "line1", PASTE)
        assert values(app, "line1", "line2", "postal_code", "city", "country") == {
            "line1": "Hafenstraße 7", "line2": "Hinterhaus", "postal_code": "20459",
            "city": "Hamburg", "country": "Germany"}
        assert note_under(app, "line1") == ("Pasted over 5 fields: Country, Address, Address "
                                            "line 2, Postal code, City.")
        assert values(app, "name") == {"name": "Hafen Telecom GmbH"}  # not an address field


async def test_lines_pasted_into_a_field_that_is_no_address_field_are_not_spread(make_app, demo):
    app = make_app(ADMIN, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CompanyFormDialog), "the form")
        await paste_into(pilot, "name", PASTE)
        assert values(app, "name", "line1", "city") == {"name": "Hafenstraße 7", "line1": "",
                                                        "city": ""}
        assert note_under(app, "name") == "4 lines pasted: only the first was taken."
