"""What a field's placeholder says fits the field at 80×24 (#18 trial: the New company dialog's
State read "State, province or region where the country's post use", cut mid-word)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tui.screens.company_admin import new_company_dialog

ADMIN = "admin@mycompany.example"


def cut_placeholders(screen) -> list[str]:
    return [f"{field.id}: {field.placeholder!r} in {field.content_region.width} cells"
            for field in screen.query(Input)
            if field.placeholder and len(field.placeholder) > field.content_region.width]


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_every_placeholder_of_the_new_company_dialog_fits(make_app, locale):
    app = make_app(ADMIN, locale=locale)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(new_company_dialog(app.actor))
        await pilot.pause()
        await pilot.pause()
        assert cut_placeholders(app.screen) == []
