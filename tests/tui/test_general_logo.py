"""The General tab's logo (R2): upload, refusals, delete, the file browser, the palette."""

from __future__ import annotations

from PIL import Image, ImageDraw
from textual.widgets import Button, Input, Static

import store
import store.errors
import store.people.access
import store.profile.company
from tui.screens.prompt import PromptModal
from tui.tabs.general import GeneralTab, LogoFilePicker, typed_path
from tui.widgets.logo_preview import LogoPreview, half_cell_text

from .helpers import asked, make_png, owner, shown, store_answered

OWNER = "jonas@nordwind.de"
SUPPORT = "support@mycompany.example"
HOSTILE = "[bold]x[/] ACME [EU] GmbH"


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
        await store_answered(pilot)
        assert not isinstance(app.screen, PromptModal)
        assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is not None
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
        await store_answered(pilot)
        assert "PNG or JPEG" in shown(app, "#logo-error")
        assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is None
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
        await store_answered(pilot)
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
    store.profile.company.set_logo(owner(), demo["nordwind"], make_png(tmp_path / "logo.png"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        tab.focus()
        await pilot.press("d")
        await pilot.pause()
        await asked(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await store_answered(pilot)
        assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is None
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
        await store_answered(pilot)
        assert not isinstance(app.screen, LogoFilePicker)
        assert store.profile.company.get_logo_png(owner(), demo["nordwind"]) is not None


async def test_palette_offers_logo_commands(make_app, demo, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one(GeneralTab)
        titles = [title for title, _help, _run in tab.palette_commands()]
        assert titles == ["General: upload logo", "General: pick logo"]
        tab.set_logo(str(make_png(tmp_path / "logo.png")))
        await store_answered(pilot)
        commands = tab.palette_commands()
        assert [title for title, _h, _r in commands][-1] == "General: delete logo"
        commands[-1][2]()
        await pilot.pause()
        await asked(pilot)


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
