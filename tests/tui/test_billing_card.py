"""The card (R14) through the keyboard: brand and last four only, errors, nothing kept."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

import store
import store.people.access
import store.profile.billing
import store.profile.requests
from tui.screens.card import CardModal
from tui.widgets.form_field import FormField

from .helpers import asked, cells, store_answered, text_of, type_text, until

JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"
MARIA = "maria@blueharbor.com"
SUPPORT = "support@mycompany.example"


# -- R14 the card ----------------------------------------------------------------------------


async def fill_card(pilot, number: str, expiry: str = "12/29", code: str = "123") -> None:
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CardModal)
    await type_text(pilot, number)
    await pilot.press("enter")
    await type_text(pilot, expiry)
    await pilot.press("enter")
    await type_text(pilot, code)
    await pilot.press("enter")
    await pilot.pause()


async def test_r14_update_card_shows_brand_and_last_four_only(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CardModal)
        await type_text(pilot, "5555 5555 5555 4444")
        await pilot.press("enter", *"12/29", "enter", *"123")
        await pilot.pause()
        number = modal.query_one("#field-number", Input)
        code = modal.query_one("#field-security_code", Input)
        assert number.value == "5555 5555 5555 4444"
        for masked in (number, code):
            shown = masked.render_line(0).text
            assert "•" in shown
            assert not any(char.isdigit() for char in shown)
        # The holder is filled in from the card on file; enter there sends the form.
        assert modal.query_one("#field-holder", Input).value == "Jonas Weber"
        await pilot.press("enter", "enter")
        await store_answered(pilot)
        await asked(pilot, "the payment asked")
        assert number.value == "" and code.value == ""
        panel = text_of(app.query_one("#payment-method", Static))
        assert panel.startswith("Mastercard •••• 4444 · expires 12/29 · Jonas Weber")
        # A new card charges nothing by itself: the amount is shown and asked first (SPEC §5).
        question = app.screen.question
        assert question.startswith("Charge €5,134.00 to Mastercard •••• 4444 now for 2 open")
        assert {s if s == "Past due" else s.split(" ")[0]  # Paid with its day and method
                for s in cells(app.query_one("#invoices", DataTable), 5)} == {"Past due", "Paid"}
        await pilot.press("y")
        await store_answered(pilot)
        await until(pilot, lambda: {s.split(" ")[0] for s in cells(
            app.query_one("#invoices", DataTable), 5)} == {"Paid"}, "the invoices shown paid")
        stored = store.profile.billing.get_billing(store.people.access.resolve_actor(JONAS),
            demo["nordwind"])
        assert (stored.payment_method.brand, stored.payment_method.last4) == ("Mastercard",
                                                                              "4444")


async def test_r14_declined_card_error_next_to_the_number(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_card(pilot, "4000 0000 0000 0002")
        await pilot.press("enter")
        await store_answered(pilot)
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CardModal)
        row = modal.query_one("#row-number", FormField)
        assert row.has_class("-invalid")
        assert "declined" in text_of(row.query_one(".form-field--error", Static))
        assert app.focused is row.input
        assert "Visa •••• 4242" in text_of(app.query_one("#payment-method", Static))


async def test_r14_every_card_error_at_once(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_card(pilot, "4242 4242 4242 4241", expiry="13/29", code="12")
        await pilot.press("enter")
        await store_answered(pilot)
        await pilot.pause()
        modal = app.screen
        for name in ("number", "expiry", "security_code"):
            assert modal.query_one(f"#row-{name}", FormField).has_class("-invalid"), name
        assert not modal.query_one("#row-holder", FormField).has_class("-invalid")


async def test_r14_cancel_empties_the_card_inputs(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        await type_text(pilot, "4242 4242 4242 4242")
        number = modal.query_one("#field-number", Input)
        assert number.value
        await pilot.press("escape")  # "Discard what you typed?" (#15)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is not modal
        assert number.value == ""


async def test_r14_crash_in_the_card_form_prints_no_card_number(make_app, monkeypatch,
                                                                 capsys):
    def exploding_gateway(*args, **kwargs):
        raise RuntimeError("the gateway exploded")

    monkeypatch.setattr(store.profile.billing, "set_card", exploding_gateway)
    app = make_app(JONAS, tab="billing")
    # The app prints its exit renderables (the traceback) and then clears them: keep a copy.
    exit_renderables = []
    print_them = app._print_error_renderables

    def keep_and_print() -> None:
        exit_renderables.extend(app._exit_renderables)
        print_them()

    app._print_error_renderables = keep_and_print
    with pytest.raises(RuntimeError, match="the gateway exploded"):
        async with app.run_test(size=(80, 24)) as pilot:
            await fill_card(pilot, "4242 4242 4242 4242", code="987")
            number = pilot.app.screen.query_one("#field-number", Input)
            await pilot.press("enter")
            await pilot.pause()
    rendered = "".join(segment.text for renderable in exit_renderables
                       for segment in renderable.segments)
    printed = capsys.readouterr().err
    for output in (rendered, printed):
        assert "RuntimeError" in output and "the gateway exploded" in output
        assert "exploding_gateway" in output  # the traceback itself, with its source lines
        assert "4242" not in output.replace(" ", "").replace("\n", "")
        assert "987" not in output
    assert number.value == ""
