"""A decline note is about the card the charge went to (#17 trial): after the bank declined Pay
now in Billing, replacing the card (c, 4242) left "The bank declined the charge…" under the new
card until the program was restarted. A new card clears it."""

from __future__ import annotations

from textual.widgets import Static

from store.persistence.models import PaymentMethod

from .helpers import asked, store_answered, text_of, until
from .test_billing_card import fill_card

JONAS = "jonas@nordwind.de"


async def test_a_new_card_clears_the_decline_of_the_old_one(make_app, demo):
    PaymentMethod.update(token="tok_sandbox_declines_test").where(
        PaymentMethod.company == demo["nordwind"]).execute()
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        await pilot.press("y")
        await store_answered(pilot)
        note = app.query_one("#payment-error", Static)
        await until(pilot, lambda: "declined" in text_of(note), "the decline said")
        await fill_card(pilot, "5555 5555 5555 4444")
        await pilot.press("enter")  # the holder: the form is sent
        await store_answered(pilot)
        await until(pilot, lambda: "4444" in text_of(app.query_one("#payment-method", Static)),
                    "the new card shown")
        assert "declined" not in text_of(app.query_one("#payment-error", Static))
