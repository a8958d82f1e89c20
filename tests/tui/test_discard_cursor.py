"""After escape → discard, a text field's cursor is at the end of the value put back (#16
trial: it stayed where the person had left it in the text thrown away)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from .helpers import asked

CAMILLE = "camille@atelier-lumiere.fr"


@pytest.mark.parametrize(("tab", "field"), [("general", "name"), ("billing", "city")])
async def test_the_cursor_is_at_the_end_of_the_value_put_back(make_app, demo, tab, field):
    app = make_app(CAMILLE, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one(f"#field-{field}", Input)
        before = box.value
        box.focus()
        await pilot.press("home", "N", "e", "w", "space")  # typed in front: cursor at 4
        assert (box.value, box.cursor_position) == ("New " + before, 4)
        await pilot.press("escape")
        await pilot.pause()
        await asked(pilot)
        await pilot.press("y")  # throw it away
        await pilot.pause()
        assert box.value == before
        assert box.cursor_position == len(before)
        box.focus()
        await pilot.press("x")  # typed after the value, not inside it
        assert box.value == before + "x"
