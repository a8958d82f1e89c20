"""What a person looks at on the General tab: the profile with its logo, errors, read-only."""

from __future__ import annotations

from PIL import Image, ImageDraw
from textual.widgets import Input

import store
import store.people.access
import store.profile.company
from tests.tui.helpers import store_answered

OWNER = "jonas@nordwind.de"


def logo_png(path):
    """A deterministic logo: a blue card with a yellow disc and a red square."""
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, 199, 99], radius=12, fill=(20, 60, 160, 255))
    draw.ellipse([20, 10, 100, 90], fill=(250, 200, 30, 255))
    draw.rectangle([120, 20, 180, 80], fill=(230, 40, 60, 255))
    image.save(path, format="PNG")
    return path


async def no_blink(pilot) -> None:
    await pilot.pause()  # the company screen has finished composing its tabs
    for box in pilot.app.query(Input):
        box.cursor_blink = False


def test_general_owner_with_logo_80x24(make_app, demo, tmp_path, snap_compare):
    store.profile.company.set_logo(store.people.access.resolve_actor(OWNER), demo["nordwind"],
                           logo_png(tmp_path / "logo.png"))
    assert snap_compare(make_app(OWNER), terminal_size=(80, 24), run_before=no_blink)


def test_general_validation_errors_80x24(make_app, demo, tmp_path, snap_compare):
    store.profile.company.set_logo(store.people.access.resolve_actor(OWNER), demo["nordwind"],
                           logo_png(tmp_path / "logo.png"))
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')

    async def invalid_form(pilot) -> None:
        await no_blink(pilot)
        app = pilot.app
        app.query_one("#field-name", Input).value = "  "
        app.query_one("#field-website", Input).value = "ftp://files.nordwind.de"
        await pilot.pause()
        await pilot.press("ctrl+s")
        app.query_one("#general-tab").set_logo(str(svg))
        await app.workers.wait_for_complete()  # the logo is stored off the event loop
        await pilot.pause()

    assert snap_compare(make_app(OWNER), terminal_size=(80, 24), run_before=invalid_form)


def test_general_support_staff_read_only_80x24(make_app, demo, snap_compare):
    app = make_app("support@mycompany.example", company=demo["nordwind"])
    assert snap_compare(app, terminal_size=(80, 24), run_before=no_blink)


def test_general_conflict_banner_keeps_input_100x30(make_app, demo, snap_compare):
    actor = store.people.access.resolve_actor(OWNER)

    async def conflict(pilot) -> None:
        await no_blink(pilot)
        loaded = store.profile.company.get_general(actor, demo["nordwind"])
        store.profile.company.save_general(actor, demo["nordwind"],
                                   {"name": "Nordwind Zwei GmbH",
                                                          "website": loaded.website},
                                   expected_version=loaded.version)
        pilot.app.query_one("#field-name", Input).value = "ACME [EU] GmbH"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await store_answered(pilot)  # the save, then the read of their version

    assert snap_compare(make_app(OWNER), terminal_size=(100, 30), run_before=conflict)


def test_general_upload_prompt_refuses_empty_path_80x24(make_app, demo, snap_compare):
    async def empty_path(pilot) -> None:
        await pilot.pause()
        pilot.app.query_one("#general-tab").focus()
        await pilot.press("u")
        await pilot.pause()
        await no_blink(pilot)
        await pilot.press("enter")

    assert snap_compare(make_app(OWNER), terminal_size=(80, 24), run_before=empty_path)
