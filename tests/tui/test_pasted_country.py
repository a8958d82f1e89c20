"""A full address pasted with its country line (issue #15): the trial said "not taken (no field
for it, or locked): United States" though Country is editable and takes "United States" typed;
now the country line fills Country, whether its code or its name."""

from __future__ import annotations

from textual.widgets import Input

from tui.screens.confirm import ConfirmModal

from .helpers import address, store_answered
from .test_pastes import CAMILLE, JONAS, note_under, paste_into


async def test_a_pasted_us_address_with_its_country_line_fills_every_field(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await paste_into(pilot, "line1", "1600 Amphitheatre Parkway\nMountain View, CA 94043\n"
                                         "United States\n")
        values = {name: app.screen.query_one(f"#field-{name}", Input).value
                  for name in ("line1", "postal_code", "city", "state", "country")}
        assert values == {"line1": "1600 Amphitheatre Parkway", "postal_code": "94043",
                          "city": "Mountain View", "state": "CA", "country": "United States"}
        assert "Not taken" not in note_under(app, "line1")  # nothing left untaken
        app.screen.query_one("#field-vat_number", Input).value = ""  # the French one would not do
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        saved = address(CAMILLE, demo["atelier"])
        assert (saved.country, saved.city, saved.postal_code) == ("US", "Mountain View", "94043")


async def test_a_uk_address_with_its_postcode_alone_fills_street_city_and_postcode(make_app,
                                                                                  demo):
    """#16 trial: with Country United Kingdom, "10 Downing Street / London / SW1A 2AA" gave
    Postal code "10", City "Downing Street", "not taken: London / SW1A 2AA"."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await paste_into(pilot, "country", "United Kingdom")
        await paste_into(pilot, "line1", "10 Downing Street\nLondon\nSW1A 2AA\n")
        values = {name: app.screen.query_one(f"#field-{name}", Input).value
                  for name in ("line1", "postal_code", "city", "country")}
        assert values == {"line1": "10 Downing Street", "postal_code": "SW1A 2AA",
                          "city": "London", "country": "United Kingdom"}
        assert note_under(app, "line1") == "Pasted over 3 fields: Address, Postal code, City."


async def test_escape_takes_a_pastes_not_taken_note_away_with_the_paste(make_app):
    """#16 trial: the "not taken" note stayed on screen after escape discarded the paste."""
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Pasted into City: its note stays under City while the focus goes to line 1.
        await paste_into(pilot, "city", "Hafenstraße 12\n20457 Hamburg\nAT")
        assert "Not taken (no field for it, or locked): AT." in note_under(app, "city")
        await pilot.press("escape")
        for _ in range(40):  # "Discard your changes?"
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmModal):
                break
        await pilot.press("y")
        for _ in range(40):
            await pilot.pause(0.05)
            if not isinstance(app.screen, ConfirmModal) and \
                    app.screen.query_one("#field-line1", Input).value != "Hafenstraße 12":
                break
        assert app.screen.query_one("#field-line1", Input).value != "Hafenstraße 12"
        assert note_under(app, "city") == ""
