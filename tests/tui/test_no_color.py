"""NO_COLOR is a person's wish for no colour: the screens honour it (Textual's monochrome filter),
while the test run itself ignores the developer's own NO_COLOR (tests/conftest.py)."""

from __future__ import annotations

import re

HEX = re.compile(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})\b")
# The screenshot's frame (its buttons, its title's colour), not the screen.
FRAME = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}


def colours(svg: str) -> set[str]:
    """The colours a screenshot uses, as #rrggbb."""
    return {match.group(0) for match in HEX.finditer(svg.lower())} - FRAME


def greys_only(found: set[str]) -> bool:
    return all(r == g == b for r, g, b in (HEX.fullmatch(c).groups() for c in found))


async def screenshot(make_app) -> str:
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return app.export_screenshot()


async def test_the_run_ignores_the_developers_no_color(make_app):
    assert not greys_only(colours(await screenshot(make_app)))


async def test_no_color_draws_the_screens_without_colour(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    found = colours(await screenshot(make_app))

    assert found and greys_only(found)
