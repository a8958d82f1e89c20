"""Getting around by keyboard alone: tab keys, escape out of a field, help, palette."""

from __future__ import annotations

from textual.widgets import Input

from tui.screens.help import HelpScreen

from .helpers import asked, store_answered


async def test_escape_leaves_the_field_so_digits_switch_tabs(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        await pilot.pause()
        await pilot.press("x")
        await pilot.press("escape")  # the x would be lost: asks first
        await pilot.pause()
        await asked(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert name.value == "Nordwind Logistik GmbH"
        assert not isinstance(app.focused, Input)
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "billing"


async def test_ctrl_pagedown_switches_tabs_from_inside_a_field(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-website", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "plan"
        await pilot.press("ctrl+pageup", "ctrl+pageup")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "history"


async def test_switching_tabs_with_unsaved_input_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-name", Input).focus()
        await pilot.pause()
        await pilot.press("x", "ctrl+pagedown")
        await pilot.pause()
        await asked(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "plan"
        assert app.screen.query_one("#field-name", Input).value == "Nordwind Logistik GmbH"


async def test_help_lists_every_key_with_an_id(make_app):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = " ".join(text for _key, text in app.screen.keys)
        for words in ("Save the form", "Go to the Billing tab", "Next tab", "PDF",
                      "Add or replace the card", "Upload a PNG or JPEG", "Command palette"):
            assert words in described, words


async def test_every_binding_has_description_tooltip_and_id(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bindings = list(app.BINDINGS) + list(app.screen.help_bindings())
        for binding in bindings:
            assert binding.description and binding.tooltip and binding.id, binding


async def test_palette_has_an_entry_for_every_action(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")  # opening the palette builds the tabs not visited yet
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Save", "Revert", "Help", "Go to General", "Go to Plan", "Go to Billing",
                      "Go to History"):
            assert title in titles, title
        assert any("card" in t.lower() for t in titles)
        assert any("logo" in t.lower() for t in titles)
        assert any("recipient" in t.lower() for t in titles)
        assert any("pdf" in t.lower() or "download" in t.lower() for t in titles)


async def test_save_right_after_fast_typing_keeps_every_character(make_app, demo):
    """ctrl+s waits behind the characters typed before it (a paste, a fast typist)."""
    import store.people.access
    import store.profile.company

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        await pilot.pause()
        name.value = ""
        await pilot.press(*"Nordwind Logistik AG", "ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
    view = store.profile.company.get_general(store.people.access.resolve_actor("jonas@nordwind.de"),
                                     demo["nordwind"])
    assert view.name == "Nordwind Logistik AG"
