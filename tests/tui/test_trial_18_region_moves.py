"""A country change on the Billing tab at 80x24 keeps the region it makes wrong, and the save
says so by name (#18 trial: Canada's ON became an empty State under the United States without
a word); a region is typed by its English name and the list offers it (one matcher with the
save: tests/cli/test_trial_18_regions.py)."""

from __future__ import annotations

from textual.widgets import Input

from .helpers import address, error_of, store_answered, type_into

CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, Lyon: in its trial


async def test_a_province_kept_under_another_country_is_refused_by_name(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for field, text in [("country", "Canada"), ("state", "ON"), ("postal_code", "K1A 0B1"),
                            ("city", "Ottawa"), ("vat_number", "")]:
            await type_into(pilot, app, field, text)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert address(CAMILLE, demo["atelier"]).state == "ON"
        await type_into(pilot, app, "country", "United States")
        assert app.query_one("#field-state", Input).value == "ON"  # in sight, not emptied
        await type_into(pilot, app, "postal_code", "10001")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert error_of(app, "state") == ("The United States has no state called ON: enter its "
                                          "name or code, e.g. Alabama or AL")
        assert address(CAMILLE, demo["atelier"]).country == "CA"


async def test_a_russian_oblast_is_saved_by_its_english_name(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for field, text in [("country", "Russia"), ("state", "Sverdlovsk Oblast"),
                            ("postal_code", "620014"), ("city", "Yekaterinburg"),
                            ("vat_number", "")]:
            await type_into(pilot, app, field, text)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert error_of(app, "state") == ""
        assert address(CAMILLE, demo["atelier"]).state == "Sverdlovskaya oblast'"
