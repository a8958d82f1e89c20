"""Hostile text on the screens, continued (issue #5, SPEC §8): clicking or pressing keys on planted
markup runs nothing, and planted invoice numbers and logo paths show escaped. The helpers and the
cases are tests/hostile/test_shown_literally.py's."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, Input

from store.persistence.models import Invoice
from tests.hostile.test_shown_literally import (
    HOSTILE,
    JONAS,
    SUPPORT,
    assert_nothing_raw,
    newest_invoice,
    plant_name_and_address,
    shown,
    static_text,
    still_running,
)
from tests.tui.helpers import store_answered
from tui.formatting import safe_text
from tui.screens.company import CompanyScreen

# ---------------------------------------------------------------- clicks and keys do nothing


async def test_clicking_markup_in_the_support_banner_and_results_runs_nothing(make_app, demo):
    text = HOSTILE["click-action"]
    plant_name_and_address(demo["nordwind"], text)
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*str(demo["nordwind"]))  # no Enter: it would open the company
        await pilot.pause(0.3)
        assert text in shown(app)
        await pilot.click("#results", offset=(10, 1))  # the company cell of the first row
        await pilot.pause()
        assert still_running(app)
        if not isinstance(app.screen, CompanyScreen):
            await pilot.press("enter")
            await store_answered(pilot)
            await pilot.pause()
        assert static_text(app, "#banner") == f"Support view: {text} ({demo['nordwind']})"
        start = len("Support view: ")
        for x in (start, start + 3, start + len("[@click=app.quit]"), start + len(text) - 1):
            await pilot.click("#banner", offset=(x, 0))  # on "[@", "click", "Acme" and "[/]"
        await pilot.pause()
        assert still_running(app)
        assert isinstance(app.screen, CompanyScreen)


# ---------------------------------------------------------------- other planted text


async def test_planted_invoice_number_with_escape_is_shown_escaped_and_not_saved(
    make_app, demo, tmp_path
):
    number = "INV\x1b]0;pwned\x07"
    Invoice.update(number=number).where(Invoice.id == newest_invoice(demo["nordwind"]).id
                                        ).execute()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#billing-tab").download_folder = downloads
        app.query_one("#invoices", DataTable).focus()
        assert safe_text(number) in shown(app)
        await pilot.press("d")
        await store_answered(pilot)
        await pilot.pause()
        line = static_text(app, "#download-result")
        assert "has no invoice" in line and safe_text(number) in line
        assert_nothing_raw(app, "invoice download error")
    assert list(downloads.iterdir()) == []


async def test_logo_path_with_escape_is_shown_escaped_in_the_prompt_and_the_error(
    make_app, demo, tmp_path
):
    path = "/nowhere/\x1b]0;pwned\x07logo.png"
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.post_message(events.Paste(path))
        await pilot.pause()
        assert "␛]0;pwned␇logo.png" in prompt.render_line(0).text
        assert_nothing_raw(app, "logo prompt")
        await pilot.press("enter")
        await store_answered(pilot)
        await pilot.pause()
        error = static_text(app, "#logo-error")
        assert "There is no file at" in error and "␛]0;pwned␇logo.png" in error
        assert_nothing_raw(app, "logo error")
