"""The General tab (R3): the form saves, validates, reverts and survives conflicts (logo: _logo)."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

import store
import store.errors
import store.people.access
import store.profile.company
from tui.screens.confirm import ConfirmModal
from tui.screens.prompt import PromptModal
from tui.tabs.general import GeneralTab

from .helpers import asked, error_of, make_png, owner, shown, store_answered, type_into

OWNER = "jonas@nordwind.de"
SUPPORT = "support@mycompany.example"
HOSTILE = "[bold]x[/] ACME [EU] GmbH"


# -- the form ------------------------------------------------------------------------------


async def test_r3_edit_name_and_save(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        assert not tab.dirty
        await type_into(pilot, app, "name", "Nordwind Cargo GmbH")
        assert tab.dirty
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert store.profile.company.get_general(owner(),
            demo["nordwind"]).name == "Nordwind Cargo GmbH"
        assert not tab.dirty
        assert error_of(app, "name") == ""


async def test_r3_website_is_normalised_and_shown_as_stored(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "website", "example.com")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert store.profile.company.get_general(owner(), demo["nordwind"]).website == \
            "https://example.com"
        assert app.query_one("#field-website", Input).value == "https://example.com"
        assert not app.query_one(GeneralTab).dirty


async def test_r3_invalid_website_shows_error_next_to_field_and_saves_nothing(make_app, demo):
    before = store.profile.company.get_general(owner(), demo["nordwind"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "website", "ftp://files.example.com")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert "http://" in error_of(app, "website")
        assert error_of(app, "name") == ""
        assert app.query_one("#field-website", Input).value == "ftp://files.example.com"
        assert app.query_one(GeneralTab).dirty
    after = store.profile.company.get_general(owner(), demo["nordwind"])
    assert (after.website, after.version) == (before.website, before.version)


async def test_r3_both_fields_invalid_show_both_errors_and_focus_the_first(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "   ")
        await type_into(pilot, app, "website", "not a website")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert error_of(app, "name")
        assert error_of(app, "website")
        assert app.focused is app.query_one("#field-name", Input)
        assert app.query_one("#field-name", Input).value == "   "
        assert app.query_one("#field-website", Input).value == "not a website"
        # Correcting a field clears its error; the other stays until the next save.
        await type_into(pilot, app, "name", "Nordwind")
        assert error_of(app, "name") == ""
        assert error_of(app, "website")


async def test_name_with_control_character_is_refused_next_to_the_field(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.query_one("#field-name", Input).value = "Nordwind\u202eGmbH"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert "U+202E" in error_of(app, "name")
    assert store.profile.company.get_general(owner(),
        demo["nordwind"]).name == "Nordwind Logistik GmbH"


async def test_escape_reverts_to_what_is_stored_and_clears_errors(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "")
        await type_into(pilot, app, "website", "bad site")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert error_of(app, "website")
        await pilot.press("escape")  # asks first: the input would be lost
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.query_one("#field-name", Input).value == "Nordwind Logistik GmbH"
        assert app.query_one("#field-website", Input).value == "https://nordwind.de"
        assert error_of(app, "name") == error_of(app, "website") == ""
        assert not app.query_one(GeneralTab).dirty


async def test_conflict_shows_banner_and_keeps_input(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        loaded = store.profile.company.get_general(owner(), demo["nordwind"])
        # Someone else saves after the tab was opened.
        store.profile.company.save_general(owner(), demo["nordwind"],
                                   {"name": "Nordwind Zwei",
                                                          "website": loaded.website},
                                   expected_version=loaded.version)
        await type_into(pilot, app, "name", "My own name")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        banner = shown(app, "#general-banner")
        assert "Changed by jonas@nordwind.de" in banner
        assert app.query_one("#field-name", Input).value == "My own name"
        assert store.profile.company.get_general(owner(), demo["nordwind"]).name == "Nordwind Zwei"
        # Esc loads their version, and the banner goes.
        await pilot.press("escape")  # asks first: the input would be lost
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.query_one("#field-name", Input).value == "Nordwind Zwei"
        assert shown(app, "#general-banner") == ""
        # Now a save goes through on the new version.
        await type_into(pilot, app, "name", "My own name")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert store.profile.company.get_general(owner(), demo["nordwind"]).name == "My own name"


async def test_after_a_conflict_ctrl_s_again_saves_the_input_over_their_change(make_app, demo):
    """The banner offers two ways on: escape (their version) or ctrl+s (mine, over theirs)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        loaded = store.profile.company.get_general(owner(), demo["nordwind"])
        store.profile.company.save_general(owner(), demo["nordwind"],
                                   {"name": "Nordwind Zwei", "website": loaded.website},
                                   expected_version=loaded.version)
        await type_into(pilot, app, "name", "My own name")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        banner = shown(app, "#general-banner")
        assert "ctrl+s saves it over their change" in banner
        assert "reload" not in banner  # no key reloads: the banner names only keys that work
        assert store.profile.company.get_general(owner(), demo["nordwind"]).name == "Nordwind Zwei"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert store.profile.company.get_general(owner(), demo["nordwind"]).name == "My own name"
        assert shown(app, "#general-banner") == ""
        assert not app.query_one(GeneralTab).dirty


async def test_after_a_conflict_the_fields_not_touched_show_theirs_and_keep_it(make_app, demo):
    """#15 trial2: the owner typed in Website while someone renamed the company; after the
    conflict the name still showed the old one, and a second ctrl+s wrote it back over theirs.
    The fields the person did not touch take the stored values; a second save keeps them."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        loaded = store.profile.company.get_general(owner(), demo["nordwind"])
        store.profile.company.save_general(owner(), demo["nordwind"],
                                           {"name": "Nordwind Logistik SE",
                                            "website": loaded.website},
                                           expected_version=loaded.version)
        await type_into(pilot, app, "website", "https://nordwind.de/de")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert "Changed by" in shown(app, "#general-banner")
        await store_answered(pilot)  # the view read again, off the event loop
        await pilot.pause()
        assert app.query_one("#field-name", Input).value == "Nordwind Logistik SE"
        assert app.query_one("#field-website", Input).value == "https://nordwind.de/de"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        saved = store.profile.company.get_general(owner(), demo["nordwind"])
        assert (saved.name, saved.website) == ("Nordwind Logistik SE", "https://nordwind.de/de")


async def test_refusal_on_save_shows_in_the_banner_and_keeps_input(make_app, demo,
                                                                   monkeypatch):
    def refuse(*args, **kwargs):
        raise store.errors.Refused("Only the company's owner can change this.")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(store.profile.company, "save_general", refuse)
        await type_into(pilot, app, "name", "Renamed GmbH")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert "Only the company's owner" in shown(app, "#general-banner")
        assert app.query_one("#field-name", Input).value == "Renamed GmbH"


async def test_hostile_name_saved_shows_literally_in_input_and_message(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        posted = []
        real_post = tab.post_message
        tab.post_message = lambda message: (posted.append(message), real_post(message))[1]
        await type_into(pilot, app, "name", HOSTILE)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert store.profile.company.get_general(owner(), demo["nordwind"]).name == HOSTILE
        assert app.query_one("#field-name", Input).value == HOSTILE
        names = [m.name for m in posted if isinstance(m, GeneralTab.NameChanged)]
        assert names == [HOSTILE]


async def test_hostile_name_stored_shows_literally_in_input_and_header(make_app, demo):
    loaded = store.profile.company.get_general(owner(), demo["nordwind"])
    store.profile.company.save_general(owner(), demo["nordwind"],
                               {"name": HOSTILE, "website": None},
                               expected_version=loaded.version)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one("#field-name", Input).value == HOSTILE
        assert HOSTILE in app.screen.query_one("HeaderTitle").render().plain


async def test_saved_name_reaches_the_header_literally(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", HOSTILE)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert HOSTILE in app.screen.query_one("HeaderTitle").render().plain


async def test_leaving_the_tab_with_unsaved_changes_asks(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "Unsaved GmbH")
        app.query_one("#logo-upload", Button).focus()  # out of the text field: "2" is a key
        await pilot.press("2")
        await pilot.pause()
        await asked(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
        assert app.query_one("#tabs").active == "general"
        assert app.query_one("#field-name", Input).value == "Unsaved GmbH"
        assert app.query_one(GeneralTab).dirty


async def test_ctrl_s_under_a_modal_does_not_save_the_form(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "Not yet")
        app.query_one(GeneralTab).action_upload_logo()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
    assert store.profile.company.get_general(owner(),
        demo["nordwind"]).name == "Nordwind Logistik GmbH"


# -- read-only staff -----------------------------------------------------------------------


async def test_r1_support_staff_sees_read_only_profile(make_app, demo, tmp_path):
    png = make_png(tmp_path / "logo.png")
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.company_screen().query_one("#field-name", Input).disabled
        assert app.company_screen().query_one("#field-website", Input).disabled
        assert all(app.company_screen().query_one(f"#logo-{b}", Button).disabled
                   for b in ("upload", "pick", "delete"))
        note = app.company_screen().query_one("#general-readonly", Static)
        assert note.display and "only the company's owner" in str(note.render())
        tab = app.company_screen().query_one(GeneralTab)
        tab.focus()
        await pilot.press("u", "o", "d", "ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is tab.screen  # no prompt, picker or question opened
        assert tab.palette_commands() == []
        # A tampered screen gets the store's refusal, next to the logo.
        tab.set_logo(str(png))
        await store_answered(pilot)
        error = app.company_screen().query_one("#logo-error", Static)
        assert error.display and "owner" in str(error.render())
    assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is None


async def test_support_sees_no_example_in_an_empty_read_only_field(make_app, demo):
    """A company without a website: support reads "—", not the owner's example
    "https://example.com" in grey as though it were the company's (#18 trial)."""
    general = store.profile.company.get_general(owner(), demo["nordwind"])
    store.profile.company.save_general(owner(), demo["nordwind"],
                                       {"name": general.name, "website": ""},
                                       expected_version=general.version)
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        website = app.company_screen().query_one("#field-website", Input)
        assert website.value == "" and website.disabled
        assert website.placeholder == "—"
        assert "example.com" not in str(website.render_line(0).text)
    owner_app = make_app(OWNER)
    async with owner_app.run_test(size=(80, 24)) as pilot:  # the owner still sees the example
        await pilot.pause()
        website = owner_app.company_screen().query_one("#field-website", Input)
        assert "example" in website.placeholder
