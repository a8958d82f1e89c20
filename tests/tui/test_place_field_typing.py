"""#16 trial: the country and region fields behave as a person typing expects, in the Billing
address and the change request dialog alike (tui.widgets.form_field.FormField, one widget for
both): Tab into a filled one selects it, so typing replaces it ("GermanyJapon" read after Tab);
Tab takes the completion shown, as Enter does, and moves on (`Ont` was saved, "no province
called Ont"); after a save, or escape, no completion is left drawn and no list open ("ONtario"
under "Billing address saved")."""

from __future__ import annotations

from textual.widgets import Input

from .helpers import address, listed, settle, store_answered, type_into, type_text

CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, Lyon: in its trial, every field open
JONAS = "jonas@nordwind.de"  # Nordwind, Hamburg: after the trial, `x` asks for a change
MARIA = "maria@blueharbor.com"  # Blue Harbor, Boston MA: after the trial


def drawn(app, name: str) -> str:
    """The field's line as the person sees it: its text and the faint completion after it."""
    return app.screen.query_one(f"#field-{name}", Input).render_line(0).text.rstrip()


def focused(app) -> str:
    return getattr(app.focused, "id", None) or ""


async def open_request(pilot) -> None:
    await store_answered(pilot)
    await pilot.press("x")
    await settle(pilot)


async def canada(pilot, app) -> None:
    """Camille's address moved to Ottawa but for its province (the row Canada's post names)."""
    for field, text in [("country", "Canada"), ("postal_code", "K1A 0B1"), ("city", "Ottawa"),
                        ("vat_number", "")]:
        await type_into(pilot, app, field, text)
    await settle(pilot)


# -- 1. Tab into a filled field of choices selects it: typing replaces it -----------------------

async def test_billing_tab_into_the_country_then_typing_replaces_it(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        app.screen.query_one("#field-city", Input).focus()
        await settle(pilot)
        await pilot.press("tab")  # France has no region row: the country is next
        await settle(pilot)
        assert focused(app) == "field-country"
        await type_text(pilot, "Jap")
        await settle(pilot)
        assert app.screen.query_one("#field-country", Input).value == "Jap"
        assert listed(app.screen, "country")[0] == "Japan  JP"


async def test_billing_tab_into_a_province_then_typing_replaces_it(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await canada(pilot, app)
        await type_into(pilot, app, "state", "Quebec")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert address(CAMILLE, demo["atelier"]).state == "QC"
        app.screen.query_one("#field-city", Input).focus()
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Ont")
        await settle(pilot)
        assert app.screen.query_one("#field-state", Input).value == "Ont"


async def test_a_typed_key_after_escape_still_goes_at_the_end(make_app, demo):
    """Escape leaves the field (its value put back) and a letter typed goes back into it at its
    end (FormSection.keep_focus): the focus coming back does not select the value over it."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        country = app.screen.query_one("#field-country", Input)
        shown = country.value
        country.focus()
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x", "y")
        await settle(pilot)
        assert country.value == shown + "xy"


async def test_request_dialog_tab_into_the_country_then_typing_replaces_it(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_request(pilot)
        app.screen.query_one("#field-city", Input).focus()
        await settle(pilot)
        await pilot.press("tab")  # Germany has no region row
        await settle(pilot)
        assert focused(app) == "field-country"
        await type_text(pilot, "Esp")
        await settle(pilot)
        assert app.screen.query_one("#field-country", Input).value == "Esp"
        # Shift+Tab back to a country taken from the list selects it too.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab", "shift+tab")
        await settle(pilot)
        await type_text(pilot, "Fra")
        await settle(pilot)
        assert app.screen.query_one("#field-country", Input).value == "Fra"


# -- 2. Tab takes the completion shown, then moves on -------------------------------------------

async def test_billing_tab_takes_the_province_shown_and_the_save_keeps_it(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await canada(pilot, app)
        await type_into(pilot, app, "state", "Ont")
        await settle(pilot)
        assert drawn(app, "state") == "Ontario"  # "Ont" and the faint "ario"
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.query_one("#field-state", Input).value == "Ontario"
        assert focused(app) == "field-country" and listed(app.screen, "state") == []
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert address(CAMILLE, demo["atelier"]).state == "ON"


async def test_request_dialog_tab_takes_the_state_shown(make_app, demo):
    app = make_app(MARIA, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_request(pilot)
        await type_into(pilot, app, "state", "New Y")
        await settle(pilot)
        assert listed(app.screen, "state")[0] == "New York  NY"
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.query_one("#field-state", Input).value == "New York"
        assert focused(app) == "field-country"


async def test_tab_takes_the_line_chosen_with_the_arrows(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await type_into(pilot, app, "country", "ca")
        await settle(pilot)
        second = listed(app.screen, "country")[1].split("  ")[0]
        await pilot.press("down", "tab")
        await settle(pilot)
        assert app.screen.query_one("#field-country", Input).value == second
        assert focused(app) == "field-vat_number"


async def test_tab_leaves_a_text_nothing_completes(make_app, demo):
    """`Epa` lists Nepal but completes to nothing: Tab moves on with the text as typed (the
    save then says what is wrong), not with a place the person did not see offered."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await type_into(pilot, app, "country", "Epa")
        await settle(pilot)
        assert listed(app.screen, "country") == ["Nepal  NP"] and drawn(app, "country") == "Epa"
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.query_one("#field-country", Input).value == "Epa"
        assert focused(app) == "field-vat_number"


# -- 3. After a save or escape: no completion drawn, no list open -----------------------------

async def test_billing_after_saving_a_province_code_nothing_is_left_offered(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await canada(pilot, app)
        await type_into(pilot, app, "state", "on")
        await settle(pilot)
        assert listed(app.screen, "state") != []
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await settle(pilot)
        assert address(CAMILLE, demo["atelier"]).state == "ON"
        assert focused(app) == "field-state"
        assert app.screen.query_one("#field-state", Input).value == "ON"
        assert drawn(app, "state") == "ON"  # not "ONtario"
        assert listed(app.screen, "state") == []
        await pilot.press("escape")
        await settle(pilot)
        assert drawn(app, "state") == "ON" and listed(app.screen, "state") == []


async def test_billing_escape_closes_the_list_and_the_completion(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await canada(pilot, app)
        await type_into(pilot, app, "state", "Ont")
        await settle(pilot)
        assert drawn(app, "state") == "Ontario" and listed(app.screen, "state") != []
        await pilot.press("escape")
        await settle(pilot)
        assert drawn(app, "state") == "Ont" and listed(app.screen, "state") == []
        assert focused(app) == "field-state"
        await type_text(pilot, "a")  # typing on offers them again
        await settle(pilot)
        assert drawn(app, "state") == "Ontario" and listed(app.screen, "state") != []


async def test_request_dialog_escape_closes_the_list_and_the_completion(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_request(pilot)
        await type_into(pilot, app, "country", "Fran")
        await settle(pilot)
        assert drawn(app, "country") == "France" and listed(app.screen, "country") != []
        await pilot.press("escape")
        await settle(pilot)
        assert drawn(app, "country") == "Fran" and listed(app.screen, "country") == []
        assert focused(app) == "field-country"  # the dialog stays, with what was typed
