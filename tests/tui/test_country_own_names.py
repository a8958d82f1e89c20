"""A country typed by its own name or without its accents is completed on the Billing tab (R15,
SPEC §5; #16 trial: "Osterreich", "Deutschland", "Espana", "Sverige" found nothing)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from .helpers import type_into

CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, Lyon: in its trial


@pytest.mark.parametrize("typed, completed", [
    ("Osterr", "Österreich"), ("Deutsch", "Deutschland"), ("Espan", "España"),
    ("Sver", "Sverige"), ("Suis", "Suisse"), ("Schwei", "Schweiz"),
])
async def test_a_country_typed_in_its_own_language_is_completed(make_app, demo, typed,
                                                                completed):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_into(pilot, app, "country", typed)
        field = app.query_one("#field-country", Input)
        for _ in range(100):  # the suggestion comes from a worker: right takes it once shown
            await pilot.press("right")
            await pilot.pause(0.02)
            if field.value != typed:
                break
        assert field.value == completed
