"""A payment question left open is asked again when what it would charge changes (#17
verification: Billing's Pay now asked €5,134.00 for 2 invoices; INV-000002-0014 was paid in a
shell; the list behind said "Paid" but the question still asked €5,134.00; y said "INV-000002-0014
is not open: nothing to pay." and only a second y asked €2,567.00 for 1). The question reads
again while it is open and when y is pressed (tui.screens.pay_question.PayQuestion): Pay now,
y on an invoice in full, and the card dialog's question after a card is saved alike."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from textual import events
from textual.widgets import DataTable

import store.invoicing.payments
import store.people.access
from store.persistence.models import Invoice
from tui.screens import pay_question
from tui.screens.confirm import ConfirmModal
from tui.screens.invoice_entry import InvoiceEntryModal
from tui.screens.pay_question import PayQuestion

from .helpers import asked, store_answered, until
from .test_billing_card import fill_card

JONAS = "jonas@nordwind.de"
NEWEST, OLDER = "INV-000002-0014", "INV-000002-0013"  # Nordwind's two open ones, past due
BOTH = f"Charge €5,134.00 to Visa •••• 4242 now for 2 open invoices ({OLDER}, {NEWEST})?"
AGAIN = (f"{NEWEST} is no longer open.\n"
         f"Charge €2,567.00 to Visa •••• 4242 now for 1 open invoice ({OLDER})?")


def paid_elsewhere(demo, number: str = NEWEST) -> None:
    """`invoices pay NUMBER --yes` in a shell, while the question is open."""
    jonas = store.people.access.resolve_actor(JONAS)
    store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], [number], Decimal("2567.00"))


def status(number: str) -> str:
    return Invoice.get(Invoice.number == number).status


async def test_an_open_question_rewords_itself_after_a_payment_elsewhere(demo, make_app,
                                                                          monkeypatch):
    monkeypatch.setattr(pay_question, "LOOK_EVERY", 0.1)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        question = await asked(pilot, "the payment asked")
        assert question.question == BOTH
        paid_elsewhere(demo)
        await until(pilot, lambda: question.question == AGAIN, "asked again, no key pressed")
        await asked(pilot, "the new words drawn")
        await pilot.press("y")
        await store_answered(pilot)
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "answered")
        assert status(OLDER) == "paid"


async def test_y_after_a_payment_elsewhere_asks_again_and_charges_nothing(demo, make_app):
    app = make_app(JONAS, tab="billing")  # the question reads again every 5 s: not meanwhile
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("y")
        question = await asked(pilot, "the payment asked")
        paid_elsewhere(demo)
        await pilot.press("y")
        await until(pilot, lambda: question.question == AGAIN, "asked again at y")
        assert app.screen is question and status(OLDER) == "open"
        assert not any("not open" in n.message for n in app._notifications)
        await asked(pilot, "the new words drawn")
        await pilot.press("y")
        await store_answered(pilot)
        await until(pilot, lambda: status(OLDER) == "paid", "the one left paid")


async def test_a_y_typed_before_the_new_words_were_drawn_does_not_pay(demo, make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        question = await asked(pilot, "the payment asked")
        paid_elsewhere(demo)
        typed_ahead = events.Key("y", "y")  # the second y of "yy": before the new amount shows
        await pilot.press("y")
        await until(pilot, lambda: question.question == AGAIN, "asked again at y")
        app.post_message(typed_ahead)
        for _ in range(10):
            await pilot.pause()
            await asyncio.sleep(0.05)
        assert app.screen is question and status(OLDER) == "open"


async def test_everything_paid_elsewhere_closes_the_question_saying_so(demo, make_app,
                                                                       monkeypatch):
    monkeypatch.setattr(pay_question, "LOOK_EVERY", 0.1)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        paid_elsewhere(demo, OLDER)
        paid_elsewhere(demo, NEWEST)
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "closed")
        assert [n.message for n in app._notifications][-1] == (
            "No invoice is open: nothing to pay.")


async def test_the_invoice_in_full_paid_elsewhere_closes_its_question(demo, make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.company_screen().query_one("#invoices", DataTable).focus()
        await pilot.press("enter")  # the first row: NEWEST
        await until(pilot, lambda: isinstance(app.screen, InvoiceEntryModal), "shown in full")
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        paid_elsewhere(demo)
        await pilot.press("y")
        await until(pilot, lambda: not isinstance(app.screen, PayQuestion), "closed")
        assert [n.message for n in app._notifications][-1] == (
            f"Invoice {NEWEST} is not open: nothing to pay.")
        assert status(OLDER) == "open"


async def test_the_question_after_a_new_card_is_asked_again_too(demo, make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_card(pilot, "5555 5555 5555 4444")
        await pilot.press("enter")  # the holder: sends the card
        await store_answered(pilot)
        question = await asked(pilot, "the payment asked")
        assert question.question.startswith("Charge €5,134.00 to Mastercard •••• 4444")
        paid_elsewhere(demo)
        await pilot.press("y")
        await until(pilot, lambda: question.question == AGAIN.replace(
            "Visa •••• 4242", "Mastercard •••• 4444"), "asked again at y")
        await asked(pilot, "the new words drawn")
        await pilot.press("y")
        await store_answered(pilot)
        await until(pilot, lambda: status(OLDER) == "paid", "paid with the new card")
