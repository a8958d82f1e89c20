"""#15 trial (fast keys): one rule for the focus in every field (SafeInput.on_focus). Tab,
shift+Tab or Enter puts the cursor at the end of the value and selects nothing, so that keys typed
after it add to the value and never wipe it (shift+Tab to Company name, then " X", left the name
" X"). A dialog opening puts its first field's cursor after the value too: `xca` typed in one
burst on Billing left "ca" for the street "Speicherstraße 5". Only where replacing loses nothing
is a value selected by Tab: the card holder the dialog suggests, a country or region taken from
its list (tests/tui/test_place_field_typing.py).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui.screens.card import CardModal
from tui.screens.change_request import ChangeRequestModal

from .test_type_ahead import burst as typed_burst
from .test_type_ahead import settle

CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, Lyon: in its trial, every field open
JONAS = "jonas@nordwind.de"  # Nordwind, Hamburg: after the trial, `x` asks for a change
STREET = "Speicherstraße 5"  # Nordwind's, as the demo stores it
POSTAL_CODE = "20457"


def burst(app, *keys: str) -> None:
    """The keys in one burst (tests/tui/test_type_ahead.py), shift+tab among them."""
    for key in keys:
        if key == "shift+tab":
            app.post_message(events.Key("shift+tab", None))
        else:
            typed_burst(app, key)


def field(app, name: str) -> Input:
    return app.screen.query_one(f"#field-{name}", Input)


async def test_xca_in_one_burst_keeps_the_street_the_dialog_opened_with(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "xca")
        await settle(pilot)
        assert isinstance(app.screen, ChangeRequestModal)
        street = field(app, "line1")
        assert app.focused is street
        # The letters typed ahead went after the street, in sight; nothing of it was replaced.
        assert street.value == STREET + "ca"
        assert street.cursor_position == len(street.value)
        assert street.selection.is_empty


async def test_a_dialog_opens_with_its_cursor_after_the_first_value(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "x")
        await settle(pilot)
        street = field(app, "line1")
        assert app.focused is street
        assert street.selection.is_empty and street.cursor_position == len(STREET)


async def test_general_shift_tab_to_the_company_name_then_typing_adds_to_it(make_app):
    """The trial's example, at 80×24: the name is kept, " X" goes after it."""
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field(app, "website").focus()
        await settle(pilot)
        burst(app, "shift+tab", " X")  # the letters right after shift+Tab, in one burst
        await settle(pilot)
        name = field(app, "name")
        assert app.focused is name
        assert name.value == "Nordwind Logistik GmbH X"


async def test_billing_tab_into_the_postal_code_puts_the_cursor_at_its_end(make_app):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        loaded = field(app, "postal_code").value
        assert loaded
        field(app, "line2").focus()
        await settle(pilot)
        burst(app, "tab")
        await settle(pilot)
        postal_code = field(app, "postal_code")
        assert app.focused is postal_code
        assert postal_code.selection.is_empty and postal_code.cursor_position == len(loaded)
        burst(app, "9")
        await settle(pilot)
        assert postal_code.value == loaded + "9"


async def test_billing_shift_tab_into_a_loaded_field_selects_nothing(make_app):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field(app, "city").focus()
        await settle(pilot)
        burst(app, "shift+tab")
        await settle(pilot)
        postal_code = field(app, "postal_code")
        assert app.focused is postal_code
        assert postal_code.selected_text == "" and postal_code.cursor_at_end


async def test_billing_tab_back_into_a_field_typed_in_puts_the_cursor_at_its_end(make_app):
    """What the person typed is not selected on the way back: typing goes on after it."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field(app, "postal_code").value = ""
        field(app, "line2").focus()
        await settle(pilot)
        burst(app, "tab", "690", "tab", "shift+tab", "03")
        await settle(pilot)
        postal_code = field(app, "postal_code")
        assert app.focused is postal_code
        assert postal_code.value == "69003"


async def test_request_dialog_tab_and_enter_into_the_postal_code_add_to_it(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "x", "tab", "tab", "9", "enter", "shift+tab", "8")
        await settle(pilot)
        assert isinstance(app.screen, ChangeRequestModal)
        assert field(app, "postal_code").value == POSTAL_CODE + "98"
        assert field(app, "line1").value == STREET


async def test_card_holder_suggested_is_replaced_after_tab_the_digits_are_not(make_app):
    """The card dialog: the holder's name it suggests (not stored: nothing is lost) is replaced
    by the name typed after Tab; the number typed, Tab away and back, keeps its digits and goes
    on after them."""
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "c4242", "tab", "shift+tab", "424242424242", "tab", "1229", "tab", "123",
              "tab", "Jonas W")
        await settle(pilot)
        assert isinstance(app.screen, CardModal)
        assert field(app, "number").value == "4242424242424242"
        assert field(app, "holder").value == "Jonas W"


async def test_plan_tab_into_a_what_if_number_adds_to_it(make_app):
    """A field outside a form is not selected by a focus either (Textual's select_on_focus)."""
    app = make_app(JONAS, tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        users = field(app, "add_users")
        users.focus()
        await settle(pilot)
        burst(app, "5", "tab", "shift+tab", "0")
        await settle(pilot)
        assert users.value == "50"
