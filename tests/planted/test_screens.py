"""Planted data on the screens (issue #15, SPEC §8): every tab, the staff search, the company
screen as staff and the dialogs reachable from them, at 80×24, on a database whose every text
column holds PLANT (tests/planted/conftest.py).

Checked on what the compositor draws (the text of every line, and the bytes the terminal would
receive): no crash (a `[/b]` read as markup raises MarkupError), no raw control, bidi or separator
character, and the planted text visible as text ("[/b][red]", "漢字").
"""

from __future__ import annotations

import re

import pytest

from tests.planted.conftest import ADMIN, BILLING, JONAS, RAW, SUPPORT

# What the terminal may receive besides text: Textual's own colours and cursor moves.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")


def screen_lines(app) -> list[str]:
    """The text of each line of the screen, as the compositor draws it."""
    update = app.screen._compositor.render_full_update()
    return ["".join(segment.text for strip in line for segment in strip)
            for line in update.strips]


def assert_safe(app, where: str) -> str:
    """The screen's text, after checking that nothing raw is in it or in the terminal's bytes."""
    assert app.return_code is None and not app._exit, f"{where}: the program stopped"
    lines = screen_lines(app)
    for number, line in enumerate(lines):
        assert not RAW.search(line), f"{where}, line {number}: {line!r}"
    sent = app.screen._compositor.render_full_update().render_segments(app.console)
    leftover = OWN_SEQUENCES.sub("", sent).replace("\n", "")
    assert not RAW.findall(leftover), f"{where}: {RAW.findall(leftover)!r} reach the terminal"
    return "\n".join(lines)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


# (who, company, tab, keys pressed one after the other: each screen or dialog they reach is
# checked, then escape closes the dialog)
VISITS = {
    "General": (JONAS, None, "general", ["question_mark", "ctrl+o"]),
    "Plan": (JONAS, None, "plan", []),
    "Billing": (JONAS, None, "billing", ["a", "c", "x"]),
    "History": (JONAS, None, "history", ["down"]),
    "Billing, billing team": (BILLING, "nordwind", "billing", ["m", "j"]),
    "History, admin": (ADMIN, "nordwind", "history", []),
}


@pytest.mark.parametrize("name", VISITS)
async def test_every_tab_and_its_dialogs_show_planted_text_literally(make_app, planted, demo,
                                                                      name):
    who, company, tab, keys = VISITS[name]
    app = make_app(who, company=demo[company] if company else None, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown = assert_safe(app, name)
        assert "[/b][red]" in shown, shown
        for key in keys:
            before = app.screen
            await pilot.press(key)
            await settle(app, pilot)
            assert_safe(app, f"{name}, after {key}")
            if app.screen is not before:
                await pilot.press("escape")
                await settle(app, pilot)


async def test_staff_search_shows_a_planted_country_and_name_literally(make_app, planted, demo):
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"Nordwind", "enter")
        await settle(app, pilot)
        shown = assert_safe(app, "search results")
        assert "[/b][red]" in shown, shown
        await pilot.press("enter")
        await settle(app, pilot)
        assert_safe(app, "company screen as support")


async def test_request_queue_shows_planted_text_literally(make_app, planted):
    app = make_app(BILLING, company=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        shown = assert_safe(app, "request queue")
        assert "[/b][red]" in shown, shown
        await pilot.press("j")
        await settle(app, pilot)
        assert_safe(app, "reject dialog")


async def test_file_names_in_the_logo_picker_show_literally(make_app, tmp_path, monkeypatch):
    """A file name is data too: the picker lists them as they are on disk."""
    home = tmp_path / "home"
    (home / "[red]漢字\x1b]0;x\x07").mkdir(parents=True)
    (home / "[b]\x1b[31m\u202elogo.png").write_bytes(b"")
    monkeypatch.setenv("HOME", str(home))
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause(0.5)  # not settle(): the folder tree's loader is a worker that never ends
        shown = assert_safe(app, "logo picker")
        assert "[red]漢字" in shown and "[b]" in shown, shown


async def test_a_file_name_that_is_not_utf8_shows_its_byte_as_a_field_would(make_app, tmp_path,
                                                                              monkeypatch):
    """#15 trial t15: a raw 0x9b byte (C1 CSI) in a file name showed as `bad\\udc9b2J.png`, the
    surrogate Python reads it as; it shows as � (store.forms.unsafe.pictured), the one notation
    of every surface."""
    import os

    home = tmp_path / "home"
    home.mkdir()
    os.close(os.open(os.path.join(os.fsencode(home), b"bad\x9b2J.png"), os.O_CREAT | os.O_WRONLY))
    monkeypatch.setenv("HOME", str(home))
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause(0.5)  # not settle(): the folder tree's loader is a worker that never ends
        shown = assert_safe(app, "logo picker")
        assert "bad�2J.png" in shown and "udc9b" not in shown, shown
