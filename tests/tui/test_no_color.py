"""NO_COLOR is a person's wish for no colour (SPEC §8): the screens add none, not even greys, so
the terminal's own foreground and background show; focus and cursors show by text style instead
(reverse, bold, underline). The test run itself ignores the developer's own NO_COLOR
(tests/conftest.py)."""

from __future__ import annotations

import re

from rich.terminal_theme import SVG_EXPORT_THEME
from textual.widgets import Button, DataTable

HEX = re.compile(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})\b")
# The screenshot's frame (its buttons, its title's colour), not the screen.
FRAME = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}
# What a screenshot paints for "the terminal's own colour": the export's background and
# foreground, and the foreground dimmed (a blend of the two).
BACKGROUND = SVG_EXPORT_THEME.background_color
FOREGROUND = SVG_EXPORT_THEME.foreground_color


def colours(svg: str) -> set[str]:
    """The colours a screenshot uses, as #rrggbb."""
    return {match.group(0) for match in HEX.finditer(svg.lower())} - FRAME


def rgb(colour: str) -> tuple[int, int, int]:
    r, g, b = (int(part, 16) for part in HEX.fullmatch(colour).groups())
    return r, g, b


def greys_only(found: set[str]) -> bool:
    return all(r == g == b for r, g, b in map(rgb, found))


def terminal_own(colour: str) -> bool:
    """The terminal's own background, foreground, or a blend of the two (dim text)."""
    shares = [(value - back) / (fore - back)
              for value, back, fore in zip(rgb(colour), BACKGROUND, FOREGROUND, strict=True)]
    return max(shares) - min(shares) < 0.02 and -0.01 <= shares[0] <= 1.01


async def screenshot(make_app, tab: str = "plan") -> str:
    app = make_app(tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return app.export_screenshot()


async def test_the_run_ignores_the_developers_no_color(make_app):
    assert not greys_only(colours(await screenshot(make_app)))


async def test_no_color_adds_no_colour_at_all(make_app, monkeypatch):
    """Not Textual's 256-colour greys over the terminal's background: no colour of ours."""
    monkeypatch.setenv("NO_COLOR", "1")

    for tab in ("general", "plan", "billing", "history"):
        found = colours(await screenshot(make_app, tab))

        assert found, tab
        assert all(terminal_own(colour) for colour in found), (tab, sorted(found))


async def test_no_color_still_shows_focus_and_the_cursor(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        button = app.focused
        assert isinstance(button, Button)
        assert button.rich_style.reverse  # the other buttons are not reversed
        assert not app.query_one("#logo-pick", Button).rich_style.reverse
        await pilot.press("3")
        await pilot.pause()
        table = app.focused
        assert isinstance(table, DataTable)
        assert table.get_component_rich_style("datatable--cursor").reverse
