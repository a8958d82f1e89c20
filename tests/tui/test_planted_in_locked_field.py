"""#15 trial: BEL planted in the VAT number, locked for the owner after the trial, blocked every
other save of the billing address. Now the field says, as a warning the owner cannot act on,
what it holds and who removes it, and the owner's change of the city saves (store.forms.kept)."""

from __future__ import annotations

from textual.widgets import Input

from store.persistence.db import database

from .helpers import address, error_of, store_answered
from .test_pastes import note_under

JONAS = "jonas@nordwind.de"
WARNING = ("Holds the invisible control character U+0007 (shown as ␇); you cannot change this "
           "field: the billing team removes it. Your other changes save.")


async def test_the_owner_saves_beside_a_planted_locked_vat_number(make_app, demo):
    database.execute_sql("UPDATE billing_address SET vat_number = ? WHERE company_id = ?",
                         ("DE1366\x0795976", demo["nordwind"]))
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert note_under(app, "vat_number") == WARNING
        city = app.screen.query_one("#field-city", Input)
        city.focus()
        city.value = "Bremen"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert error_of(app.screen, "vat_number") == ""
        assert note_under(app, "vat_number") == WARNING  # still said, after the save
    saved = address(JONAS, demo["nordwind"])
    assert (saved.city, saved.vat_number) == ("Bremen", "DE1366\x0795976")


async def test_a_reader_who_changes_nothing_is_told_only_what_the_character_is(make_app, demo):
    """#15 trial: support, on the read-only billing details of a company with a control
    character planted, read "…the billing team removes it. Your other changes save." where
    nothing was theirs to change or save; the profile's name said so too."""
    database.execute_sql("UPDATE billing_address SET vat_number = ? WHERE company_id = ?",
                         ("DE1366\x0795976", demo["nordwind"]))
    database.execute_sql("UPDATE company SET name = ? WHERE id = ?",
                         ("Nordwind\x1b Logistik", demo["nordwind"]))
    app = make_app("support@mycompany.example", company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert note_under(app, "vat_number") == (
            "Holds the invisible control character U+0007 (shown as ␇).")
        await pilot.press("1")
        await store_answered(pilot)
        assert note_under(app, "name") == (
            "Holds the invisible control character U+001B (shown as ␛).")
