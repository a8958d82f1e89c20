"""A full address pasted with its country line (issue #15): the trial said "not taken (no field
for it, or locked): United States" though Country is editable and takes "United States" typed;
now the country line fills Country, whether its code or its name."""

from __future__ import annotations

from textual.widgets import Input

from .helpers import address, store_answered
from .test_pastes import CAMILLE, note_under, paste_into


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
        assert note_under(app, "line1") == ""  # nothing left untaken
        app.screen.query_one("#field-vat_number", Input).value = ""  # the French one would not do
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        saved = address(CAMILLE, demo["atelier"])
        assert (saved.country, saved.city, saved.postal_code) == ("US", "Mountain View", "94043")
