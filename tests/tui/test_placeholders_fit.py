"""What a field's placeholder says fits the field at 80×24 (#18 trial: the New company dialog's
State read "State, province or region where the country's post use", cut mid-word).

The language of the screens is the process's (store.i18n.set_language: the command line sets it
from --lang before the screens load); the app's `locale` only formats dates and money. So the
French case sets the language as the program does (tests/i18n's screens_in) and checks that the
dialog is French on screen: before, it built the dialog in English and measured English twice.
"""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from textual.widgets import Input

from tests.i18n.conftest import screens_in
from tests.planted.test_screens import screen_lines

ADMIN = "admin@mycompany.example"
# (locale, the dialog's title, the plan field's placeholder), as the catalogue says them
LANGUAGES = [("en", "New company", "essentials or professional"),
             ("fr", "Nouvelle entreprise", "essentials ou professional")]


def cut_placeholders(screen) -> list[str]:
    return [f"{field.id}: {field.placeholder!r} in {field.content_region.width} cells"
            for field in screen.query(Input)
            if field.placeholder and len(field.placeholder) > field.content_region.width]


@pytest.mark.parametrize(("locale", "title", "plan_placeholder"), LANGUAGES)
async def test_every_placeholder_of_the_new_company_dialog_fits(make_app, locale, title,
                                                                plan_placeholder):
    with nullcontext() if locale == "en" else screens_in(locale):
        # Imported in the language: the screens' modules translate some words as they load.
        from tui.screens.company_admin import new_company_dialog

        app = make_app(ADMIN, locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.push_screen(new_company_dialog(app.actor))
            await pilot.pause()
            await pilot.pause()
            assert any(title in line for line in screen_lines(app)), screen_lines(app)
            assert app.screen.query_one("#field-plan", Input).placeholder == plan_placeholder
            assert cut_placeholders(app.screen) == []
