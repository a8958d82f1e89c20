"""A question that charges or throws away is answered only by a key pressed once it is on
screen (#15 trial: `yyy` typed in one burst on Billing paid both open invoices, €5,134.00,
without the amount ever being drawn: the keys after `y` waited for the dialog and were then
handed to it, tui/type_ahead.py)."""

from __future__ import annotations

import asyncio

from textual import events

from store.persistence.models import Invoice
from tui.screens.confirm import ConfirmModal

from .helpers import asked, store_answered, until

JONAS = "jonas@nordwind.de"
OPEN = ("INV-000002-0013", "INV-000002-0014")  # Nordwind's two open invoices


def _statuses() -> list[str]:
    return [Invoice.get(Invoice.number == number).status for number in OPEN]


async def test_a_y_typed_before_the_question_was_drawn_does_not_pay(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The second `y` of a burst: read with the first, handed to the question once it is
        # on screen (tui/type_ahead.py keeps the time it was typed at).
        typed_ahead = events.Key("y", "y")
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        question = app.screen
        await pilot.pause()
        app.post_message(typed_ahead)
        for _ in range(10):
            await pilot.pause()
            await asyncio.sleep(0.05)
        assert app.screen is question and question.question.startswith("Charge €5,134.00")
        assert _statuses() == ["open", "open"]
        await pilot.press("y")  # pressed with the amount on screen: that is an answer
        await store_answered(pilot)
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "the answer taken")
        await until(pilot, lambda: _statuses() == ["paid", "paid"], "both paid")
