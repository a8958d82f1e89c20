"""Keys typed in one burst, before a dialog is on screen or the focus has moved (SPEC §8): each
goes where it would have gone had the person waited for the screen."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui.screens.card import CardModal
from tui.screens.change_request import ChangeRequestModal

from .helpers import store_answered

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


async def test_keys_after_a_page_turn_act_on_the_new_page_without_waiting(make_app, monkeypatch):
    """`n` turns the page of the focused list and moves nothing else: the keys typed after it
    are not held (no wait for the screen), and still act in order on the page it turned to."""
    from textual.widgets import DataTable

    import tui.sections.invoices

    monkeypatch.setattr(tui.sections.invoices, "PAGE_SIZE", 5)
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#invoices", DataTable)
        table.focus()
        await pilot.pause()
        held = []
        admit = app.type_ahead.admit
        app.type_ahead.admit = lambda event: held.append(app.type_ahead.busy) or admit(event)
        for key in ["n", "down", "down", "n", "p", "down"]:  # one burst
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        await store_answered(pilot)  # the pages are read off the event loop
        assert held == [False] * 6  # none of them waited for the one before
        page = app.screen.query_one("#invoices-page").render()
        assert str(page).startswith("Page 2 of 3")
        assert table.cursor_row == 1  # p put the cursor on the first row, then one down


async def test_a_key_that_opens_a_dialog_still_holds_the_keys_after_it(make_app):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.type_ahead.is_action(events.Key("c", "c"))
        assert not app.type_ahead.is_action(events.Key("n", "n"))


async def test_a_key_typed_right_after_ctrl_s_in_a_dialog_goes_where_the_save_leaves_it(make_app):
    """ctrl+s then `2` in one burst: the card is saved, the dialog closes, and `2` switches to
    the Plan tab (it is not typed into the holder field of a dialog about to close). Blue
    Harbor has no open invoice: a new card then asks nothing more (store.invoicing.payments)."""
    from textual.widgets import TabbedContent

    app = make_app("maria@blueharbor.com", tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "c4242424242424242", "enter", "12/29", "tab", "123", "tab", "Jonas Becker")
        await settle(pilot)
        assert isinstance(app.screen, CardModal)
        app.post_message(events.Key("ctrl+s", None))
        burst(app, "2")
        for _ in range(100):
            await settle(pilot)
            if not isinstance(app.screen, CardModal) and not app.workers:
                break
        await settle(pilot)
        assert not isinstance(app.screen, CardModal)
        assert app.screen.query_one(TabbedContent).active == "plan"


async def test_a_key_typed_after_a_refused_ctrl_s_goes_to_the_first_field_in_error(make_app):
    """ctrl+s then `7` in the change-request dialog, the postal code wrong: the dialog stays,
    the postal code has the focus, and `7` is typed there (not into the field left)."""
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "x")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ChangeRequestModal)
        modal.query_one("#field-postal_code", Input).value = "1"
        modal.query_one("#field-line1", Input).focus()
        await pilot.pause()
        app.post_message(events.Key("ctrl+s", None))
        burst(app, "7")
        for _ in range(100):
            await settle(pilot)
            if not app.workers and modal.query_one("#field-postal_code", Input).value != "1":
                break
        assert app.screen is modal
        assert modal.query_one("#field-postal_code", Input).value == "17"
        assert not modal.query_one("#field-line1", Input).value.endswith("7")


async def test_a_key_that_arrives_once_the_app_has_closed_is_dropped(make_app):
    """A key read, held back or forwarded back to the App while it closes finds no screen: it is
    dropped, not an error that ends the program with a traceback (a CI run, under load)."""
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert not app.screen_stack
    for forwarded in (False, True):
        for event in (events.Key("a", "a"), events.Paste("x")):
            if forwarded:
                event._set_forwarded()
            await app.on_event(event)  # would raise ScreenStackError


async def test_a_suggested_value_is_replaced_by_what_is_typed_after_tab(make_app):
    """The card holder's name is suggested; Tab reaches it and the name typed replaces it (#15
    trial: "Jonas W" typed after Tab read "Jonas WeberJonas W"). Expiry typed as digits alone."""
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "c4242424242424242", "tab", "1229", "tab", "123", "tab", "Jonas W")
        await settle(pilot)
        assert isinstance(app.screen, CardModal)
        assert app.screen.query_one("#field-holder", Input).value == "Jonas W"
        assert app.screen.query_one("#field-expiry", Input).value == "1229"
