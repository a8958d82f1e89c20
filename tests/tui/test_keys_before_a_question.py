"""A key that may open a question holds the keys typed after it for that question (SPEC §8;
verification trial: with unsaved input on General, ctrl+pagedown then y in one write typed the y
into the field, and "Discard them?" came after; escape then y discarded)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from tui.screens.confirm import ConfirmModal

from .test_type_ahead import burst, settle

CAMILLE = "camille@atelier-lumiere.fr"
BILLING = "billing@mycompany.example"


async def _typed_in(pilot, field: str = "name") -> tuple[Input, str]:
    """Field `field` with an x typed at its end: (the field, the value stored)."""
    await pilot.pause()
    box = pilot.app.screen.query_one(f"#field-{field}", Input)
    stored = box.value
    box.focus()
    await pilot.press("end", "x")
    return box, stored


@pytest.mark.parametrize(("key", "tab"), [("escape", "general"), ("ctrl+pagedown", "plan"),
                                          ("ctrl+pageup", "history")])
async def test_a_y_typed_with_a_key_that_leaves_the_input_discards_it(make_app, demo, key, tab):
    app = make_app(CAMILLE, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        box, stored = await _typed_in(pilot)
        app.post_message(events.Key(key, "\x1b" if key == "escape" else None))
        burst(app, "y")  # in the same write: before "Discard them?" is drawn
        await settle(pilot)
        assert box.value == stored  # discarded, the y typed nowhere
        assert not isinstance(app.screen, ConfirmModal)
        assert app.screen.query_one("#tabs").active == tab


@pytest.mark.parametrize(("key", "who", "tab", "field"), [
    ("ctrl+q", CAMILLE, "general", "name"), ("ctrl+f", BILLING, "billing", "line1")])
async def test_a_y_typed_with_quit_or_search_goes_to_their_question(make_app, demo, key, who,
                                                                     tab, field):
    """Quit and staff's back to the search ask without taking a y typed ahead (ConfirmModal's
    guard), but the y never reaches the field behind the question."""
    app = make_app(who, company=demo["atelier"], tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        box, stored = await _typed_in(pilot, field)
        app.post_message(events.Key(key, None))
        burst(app, "y")
        await settle(pilot)
        assert box.value == stored + "x"
        assert isinstance(app.screen, ConfirmModal)
