"""Keys typed in one burst, before a dialog is on screen or the focus has moved (SPEC §8): each
goes where it would have gone had the person waited for the screen."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui.screens.card import CardModal
from tui.screens.change_request import ChangeRequestModal

NAMED = {"enter": "\r", "tab": "\t", "escape": "\x1b", "space": " "}


def burst(app, *keys: str) -> None:
    """Post `keys` to the App back to back, as a terminal read of one burst does: no pause, no
    refresh in between. A key longer than one character is a key name (enter, tab...)."""
    for key in keys:
        for one in ([key] if key in NAMED else list(key)):
            app.post_message(events.Key(one, NAMED.get(one, one)))


async def settle(pilot) -> None:
    """Wait until no key is left waiting and the screen is drawn."""
    for _ in range(100):
        await pilot.pause()
        if not pilot.app.type_ahead.busy and not pilot.app.type_ahead.waiting:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def test_x_c_a_in_one_burst_opens_one_dialog(make_app):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "xca")
        await settle(pilot)
        # One dialog, the one x opens; c and a were typed to it, not to the tab behind it.
        assert [type(screen) for screen in app.screen_stack[1:]] == [ChangeRequestModal]


async def test_digits_typed_with_c_go_to_the_card_dialog(make_app):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "c4242424242424242")
        await settle(pilot)
        assert isinstance(app.screen, CardModal)
        assert app.screen.query_one("#field-number", Input).value == "4242424242424242"


async def test_keys_after_enter_and_tab_go_to_the_next_field(make_app):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "c4242424242424242", "enter", "12/29", "tab", "123")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, CardModal)
        assert modal.query_one("#field-number", Input).value == "4242424242424242"
        assert modal.query_one("#field-expiry", Input).value == "12/29"
        assert modal.query_one("#field-security_code", Input).value == "123"


async def test_escape_then_a_digit_in_one_burst_leaves_the_field_and_switches_tab(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        await pilot.pause()
        burst(app, "escape", "3")
        await settle(pilot)
        assert name.value == "Nordwind Logistik GmbH"
        assert app.screen.query_one("#tabs").active == "billing"


async def test_a_paste_right_after_c_goes_to_the_card_dialog(make_app):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "c")
        app.post_message(events.Paste("4242 4242 4242 4242"))
        await settle(pilot)
        assert isinstance(app.screen, CardModal)
        assert app.screen.query_one("#field-number", Input).value == "4242 4242 4242 4242"
