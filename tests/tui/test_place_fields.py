"""The country and region rows of the Billing address at 80x24 (#16 trial): the completion
after the letters typed is the list's first line, the list holds the names that contain the
text, and the region row (label, list and value together) follows a country only once one is
chosen."""

from __future__ import annotations

from textual.widgets import Input, Label

from tui.widgets.form_field import FormField

from .helpers import listed, settle, type_into

CAMILLE = "camille@atelier-lumiere.fr"  # in its trial: every field open
BILLING = "billing@mycompany.example"


def region_label(screen) -> str:
    return str(screen.query_one("#row-state", FormField)
               .query_one(".form-field--label", Label).render())


async def suggestion(pilot, field: Input) -> str:
    for _ in range(50):  # the completion comes from a worker of the Input's own
        await settle(pilot)
        if field._suggestion:
            break
    return field._suggestion


async def test_the_completion_is_the_lists_first_line(make_app, demo):
    """#16 trial: "ca" completed to Cambodia while the list offered Canada first."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        field = await type_into(pilot, app, "country", "ca")
        assert await suggestion(pilot, field) == "Canada"
        assert listed(app.screen, "country")[0] == "Canada  CA"
        await pilot.press("right")
        assert field.value == "Canada"


async def test_the_list_holds_the_names_that_contain_the_text(make_app, demo):
    """#16 trial: "ger" listed Guernsey and missed Algeria and Niger."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_into(pilot, app, "country", "ger")
        await settle(pilot)
        assert listed(app.screen, "country") == ["Germany  DE", "Algeria  DZ", "Niger  NE",
                                                 "Nigeria  NG"]


async def test_the_region_row_follows_a_country_only_once_chosen(make_app, demo):
    """#16 trial: Canada with Quebec retyped towards the United States: the label turned to
    "State" over "Quebec" at "Uni"; now Province and Quebec stay until "United States" is
    written, then State comes with California, the address's own, and Quebec goes."""
    app = make_app(BILLING, company=demo["blue"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.company_screen()
        state = screen.query_one("#field-state", Input)
        await type_into(pilot, screen, "country", "Canada")
        await type_into(pilot, screen, "state", "Quebec")
        assert (region_label(screen), state.value) == ("Province", "Quebec")
        for typed in ("", "U", "Uni", "Unit", "United"):
            await type_into(pilot, screen, "country", typed)
            assert (region_label(screen), state.value) == ("Province", "Quebec"), typed
        await type_into(pilot, screen, "country", "United States")
        assert (region_label(screen), state.value) == ("State", "CA")
