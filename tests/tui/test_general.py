"""The General tab (R2-R3): the form saves, validates, reverts and survives conflicts; the logo."""

from __future__ import annotations

from PIL import Image, ImageDraw
from textual.widgets import Button, Input, Static

import store
import store.access
import store.company
import store.errors
from tui.screens.confirm import ConfirmModal
from tui.screens.prompt import PromptModal
from tui.tabs.general import GeneralTab, LogoFilePicker, typed_path
from tui.widgets.form_field import FormField
from tui.widgets.logo_preview import LogoPreview, half_cell_text

OWNER = "jonas@nordwind.de"
SUPPORT = "support@mycompany.example"
HOSTILE = "[bold]x[/] ACME [EU] GmbH"


def owner():
    return store.access.resolve_actor(OWNER)


def make_png(path, size=(120, 60)):
    """A deterministic two-colour PNG (no randomness, no timestamps)."""
    image = Image.new("RGB", size, (20, 60, 160))
    ImageDraw.Draw(image).ellipse([10, 5, 60, 55], fill=(250, 200, 30))
    image.save(path, format="PNG")
    return path


async def type_into(pilot, app, field: str, text: str) -> Input:
    """Clear `#field-<field>` and type `text` key by key, as a person would."""
    box = app.query_one(f"#field-{field}", Input)
    box.focus()
    await pilot.press("end", "ctrl+u")
    if text:
        await pilot.press(*text)
    await pilot.pause()
    return box


def error_of(app, field: str) -> str:
    row = app.query_one(f"#row-{field}", FormField)
    if not row.has_class("-invalid"):
        return ""
    return str(row.query_one(".form-field--error", Static).render())


def shown(app, selector: str) -> str:
    """The text of a Static, or "" when it is hidden."""
    widget = app.query_one(selector, Static)
    return str(widget.render()) if widget.display and widget.styles.display != "none" else ""


# -- the form ------------------------------------------------------------------------------


async def test_r3_edit_name_and_save(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        assert not tab.dirty
        await type_into(pilot, app, "name", "Nordwind Cargo GmbH")
        assert tab.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.company.get_general(owner(), demo["nordwind"]).name == "Nordwind Cargo GmbH"
        assert not tab.dirty
        assert error_of(app, "name") == ""


async def test_r3_website_is_normalised_and_shown_as_stored(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "website", "example.com")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.company.get_general(owner(), demo["nordwind"]).website == \
            "https://example.com"
        assert app.query_one("#field-website", Input).value == "https://example.com"
        assert not app.query_one(GeneralTab).dirty


async def test_r3_invalid_website_shows_error_next_to_field_and_saves_nothing(make_app, demo):
    before = store.company.get_general(owner(), demo["nordwind"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "website", "ftp://files.example.com")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "http://" in error_of(app, "website")
        assert error_of(app, "name") == ""
        assert app.query_one("#field-website", Input).value == "ftp://files.example.com"
        assert app.query_one(GeneralTab).dirty
    after = store.company.get_general(owner(), demo["nordwind"])
    assert (after.website, after.version) == (before.website, before.version)


async def test_r3_both_fields_invalid_show_both_errors_and_focus_the_first(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "   ")
        await type_into(pilot, app, "website", "not a website")
        await pilot.press("ctrl+s")
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
        await pilot.pause()
        assert "U+202E" in error_of(app, "name")
    assert store.company.get_general(owner(), demo["nordwind"]).name == "Nordwind Logistik GmbH"


async def test_escape_reverts_to_what_is_stored_and_clears_errors(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "")
        await type_into(pilot, app, "website", "bad site")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "website")
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#field-name", Input).value == "Nordwind Logistik GmbH"
        assert app.query_one("#field-website", Input).value == "https://nordwind.de"
        assert error_of(app, "name") == error_of(app, "website") == ""
        assert not app.query_one(GeneralTab).dirty


async def test_conflict_shows_banner_and_keeps_input(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        loaded = store.company.get_general(owner(), demo["nordwind"])
        # Someone else saves after the tab was opened.
        store.company.save_general(owner(), demo["nordwind"],
                                   {"name": "Nordwind Zwei",
                                                          "website": loaded.website},
                                   expected_version=loaded.version)
        await type_into(pilot, app, "name", "My own name")
        await pilot.press("ctrl+s")
        await pilot.pause()
        banner = shown(app, "#general-banner")
        assert "Changed by jonas@nordwind.de" in banner
        assert app.query_one("#field-name", Input).value == "My own name"
        assert store.company.get_general(owner(), demo["nordwind"]).name == "Nordwind Zwei"
        # Esc loads their version, and the banner goes.
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#field-name", Input).value == "Nordwind Zwei"
        assert shown(app, "#general-banner") == ""
        # Now a save goes through on the new version.
        await type_into(pilot, app, "name", "My own name")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.company.get_general(owner(), demo["nordwind"]).name == "My own name"


async def test_refusal_on_save_shows_in_the_banner_and_keeps_input(make_app, demo,
                                                                   monkeypatch):
    def refuse(*args, **kwargs):
        raise store.errors.Refused("Only the company's owner can change this.")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(store.company, "save_general", refuse)
        await type_into(pilot, app, "name", "Renamed GmbH")
        await pilot.press("ctrl+s")
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
        await pilot.pause()
        assert store.company.get_general(owner(), demo["nordwind"]).name == HOSTILE
        assert app.query_one("#field-name", Input).value == HOSTILE
        names = [m.name for m in posted if isinstance(m, GeneralTab.NameChanged)]
        assert names == [HOSTILE]


async def test_hostile_name_stored_shows_literally_in_input_and_header(make_app, demo):
    loaded = store.company.get_general(owner(), demo["nordwind"])
    store.company.save_general(owner(), demo["nordwind"],
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
        await pilot.pause()
        assert HOSTILE in app.screen.query_one("HeaderTitle").render().plain


async def test_leaving_the_tab_with_unsaved_changes_asks(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, app, "name", "Unsaved GmbH")
        app.query_one("#logo-upload", Button).focus()  # out of the text field: "2" is a key
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
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
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
    assert store.company.get_general(owner(), demo["nordwind"]).name == "Nordwind Logistik GmbH"


# -- read-only staff -----------------------------------------------------------------------


async def test_r1_support_staff_sees_read_only_profile(make_app, demo, tmp_path):
    png = make_png(tmp_path / "logo.png")
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one("#field-name", Input).disabled
        assert app.query_one("#field-website", Input).disabled
        assert all(app.query_one(f"#logo-{b}", Button).disabled
                   for b in ("upload", "pick", "delete"))
        assert "only the company's owner" in shown(app, "#general-readonly")
        tab = app.query_one(GeneralTab)
        tab.focus()
        await pilot.press("u", "o", "d", "ctrl+s")
        await pilot.pause()
        assert app.screen is tab.screen  # no prompt, picker or question opened
        assert tab.palette_commands() == []
        # A tampered screen gets the store's refusal, next to the logo.
        tab.set_logo(str(png))
        await pilot.pause()
        assert "owner" in shown(app, "#logo-error")
    assert store.company.get_logo_png(owner(), demo["nordwind"]) is None


# -- the logo ------------------------------------------------------------------------------


async def test_r2_upload_logo_through_the_prompt_shows_preview(make_app, demo, tmp_path,
                                                               monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    make_png(tmp_path / "logo.png")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = app.query_one("#logo-preview", LogoPreview)
        assert "No logo" in str(preview.render())
        assert app.query_one("#logo-delete", Button).disabled
        app.query_one(GeneralTab).focus()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"~/logo.png", "enter")  # tilde means the home folder
        await pilot.pause()
        assert not isinstance(app.screen, PromptModal)
        assert store.company.get_logo_png(owner(), demo["nordwind"]) is not None
        assert preview.png is not None
        assert "▀" in str(preview.render())
        assert shown(app, "#logo-error") == ""
        assert not app.query_one("#logo-delete", Button).disabled
        assert "120×60" in shown(app, "#logo-info")


async def test_r2_svg_is_refused_next_to_the_logo_and_offered_again(make_app, demo, tmp_path):
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        tab.focus()
        await pilot.press("u")
        await pilot.pause()
        await pilot.press(*str(svg), "enter")
        await pilot.pause()
        assert "PNG or JPEG" in shown(app, "#logo-error")
        assert store.company.get_logo_png(owner(), demo["nordwind"]) is None
        assert "No logo" in str(app.query_one("#logo-preview", LogoPreview).render())
        # The refused path comes back, to fix rather than retype.
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.query_one("#prompt-input", Input).value == str(svg)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is tab.screen


async def test_r2_missing_file_is_refused_next_to_the_logo(make_app, demo, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(GeneralTab).set_logo(str(tmp_path / "nope.png"))
        await pilot.pause()
        assert "There is no file" in shown(app, "#logo-error")


async def test_prompt_refuses_an_empty_path_and_stays_open(make_app, demo):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(GeneralTab).focus()
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        assert "path" in str(app.screen.query_one("#prompt-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PromptModal)
        assert shown(app, "#logo-error") == ""


async def test_r2_delete_logo_asks_first(make_app, demo, tmp_path):
    store.company.set_logo(owner(), demo["nordwind"], make_png(tmp_path / "logo.png"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        tab.focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert store.company.get_logo_png(owner(), demo["nordwind"]) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.company.get_logo_png(owner(), demo["nordwind"]) is None
        assert "No logo" in str(app.query_one("#logo-preview", LogoPreview).render())
        assert app.query_one("#logo-delete", Button).disabled


async def test_r2_pick_logo_in_the_file_browser(make_app, demo, tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    make_png(home / "logo.png")
    (home / "notes.txt").write_text("not an image")
    (home / ".hidden.png").write_bytes(b"")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(GeneralTab).focus()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LogoFilePicker)
        tree = app.screen.query_one("#picker-tree")
        for _ in range(100):  # the tree lists the folder in a worker thread
            if tree.root.children:
                break
            await pilot.pause(0.02)
        names = [str(node.label) for node in tree.root.children]
        assert names == ["Pictures", "logo.png"]
        await pilot.press("backspace")  # up to the parent folder, and back down
        await pilot.pause()
        assert str(tmp_path) in str(app.screen.query_one("#picker-folder", Static).render())
        tree.path = home
        for _ in range(100):
            if [str(node.label) for node in tree.root.children] == names:
                break
            await pilot.pause(0.02)
        tree.move_cursor(tree.root.children[1])
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LogoFilePicker)
        assert store.company.get_logo_png(owner(), demo["nordwind"]) is not None


async def test_palette_offers_logo_commands(make_app, demo, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        titles = [title for title, _help, _run in tab.palette_commands()]
        assert titles == ["General: upload logo", "General: pick logo"]
        tab.set_logo(str(make_png(tmp_path / "logo.png")))
        await pilot.pause()
        commands = tab.palette_commands()
        assert [title for title, _h, _r in commands][-1] == "General: delete logo"
        commands[-1][2]()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)


def test_typed_path_drops_quotes_and_expands_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert typed_path("  '~/My Logo.png' ") == str(tmp_path / "My Logo.png")
    assert typed_path('"/tmp/a.png"') == "/tmp/a.png"
    assert typed_path("'/tmp/a.png\"") == "'/tmp/a.png\""


def test_half_cell_preview_keeps_aspect_and_transparency(tmp_path):
    image = Image.new("RGBA", (40, 10), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([0, 0, 39, 9], fill=(255, 0, 0, 255))
    import io

    out = io.BytesIO()
    image.save(out, format="PNG")
    text = half_cell_text(out.getvalue())
    lines = text.plain.split("\n")
    assert len(lines) == 6 and all(len(line) == 16 for line in lines)
    # 40×10 fits as 16×4 pixels: two cell rows of colour, centred, the rest transparent.
    assert [line.strip() for line in lines] == ["", "", "▀" * 16, "▀" * 16, "", ""]


async def test_palette_upload_from_another_tab_shows_general_first(make_app, demo):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the Plan tab has taken the focus, as it does for a person
        assert not app.query(GeneralTab)  # never shown yet: not built
        await pilot.press("ctrl+p")  # the palette builds every tab to list its actions
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        upload = app.query_one(GeneralTab).palette_commands()[0][2]
        upload()
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#tabs").active == "general"
        assert isinstance(app.screen, PromptModal)
