"""What a new user met at 80×24 (issue #15, "Terminal conduct"): the palette finds an action by
the word its key line shows ("pdf" for "d PDF") and says "nothing matches" in the person's
language, as ctrl+c's hint does; a yes/no dialog's focused button is the one that stands out
(with and without NO_COLOR); help lists every key the key line lists (a dimmed one included).
"""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import Button

from tests.planted.test_screens import screen_lines
from tests.snapshots.settle import settle
from tui.palette import AppCommands, ScreenCommands
from tui.screens.confirm import ConfirmModal
from tui.widgets.key_footer import shown_entries

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"


async def wait_for_text(pilot, text: str, tries: int = 60) -> str:
    """Poll until `text` is on the screen (the palette searches in the background)."""
    for _ in range(tries):
        shown = "\n".join(screen_lines(pilot.app))
        if text in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"{text!r} never showed:\n{shown}")


async def palette_titles(screen, query: str) -> list[str]:
    """The titles the palette lists for `query` on `screen`, from its providers."""
    titles: list[str] = []
    for provider_type in (AppCommands, ScreenCommands):
        provider = provider_type(screen)
        async for hit in provider.search(query):
            titles.append(str(hit.text))
    return titles


async def test_pdf_finds_the_invoice_download(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"pdf")
        await wait_for_text(pilot, "Billing: download invoice · PDF")
        await pilot.press("enter")  # runs it: the highlighted invoice is downloaded
        await settle(pilot)
        assert "PDF" in "\n".join(screen_lines(app))


@pytest.mark.parametrize("who, tab", [(JONAS, "general"), (JONAS, "billing"),
                                      (JONAS, "history"), (BILLING, "billing")])
async def test_every_key_line_word_finds_its_action(make_app, demo, who, tab):
    company = demo["nordwind"] if who == BILLING else None
    app = make_app(who, company=company, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.company_screen().mount_all_tabs()
        entries = shown_entries(app.screen)
        for entry in entries[:-1]:  # the palette's own key last
            if len(entry.keys) > 2 and entry.keys.isdigit():
                continue  # "1234 Tabs": each tab is found by its name ("Go to Plan")
            titles = await palette_titles(app.screen, entry.description)
            assert titles and not titles[0].startswith("No command"), \
                f"{entry.keys} {entry.description}: {titles}"


async def test_nothing_found_is_said_through_the_catalogue(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"zqxw")
        shown = await wait_for_text(pilot, "No command matches “zqxw”")
        await pilot.pause(1.0)  # Textual's own line would come after its countdown
        assert "No matches found" not in "\n".join(screen_lines(app)) + shown


async def test_ctrl_c_says_how_to_quit_in_our_words(make_app, demo, monkeypatch):
    app = make_app(JONAS)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "notify", lambda message, *, title="", **kw: told.append(
        (title, message)))  # what the toast shows (headless runs draw no toast)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#general-tab").focus()  # not a text field (there it copies)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert told == [("Do you want to quit?", "Press ^q to quit My company.")]


def focus_colour(app) -> Color:
    return Color.parse(app.get_css_variables()["block-cursor-background"])


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_the_focused_button_of_a_question_stands_out(make_app, demo, monkeypatch,
                                                           no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ConfirmModal("Withdraw your change request?",
                                     confirm_label="Withdraw"))
        await settle(pilot)
        for focused, other in (("#no", "#yes"), ("#yes", "#no")):
            if focused == "#yes":
                await pilot.press("tab")
                await settle(pilot)
            on, off = app.screen.query_one(focused, Button), app.screen.query_one(other, Button)
            assert app.focused is on
            if no_color:  # no colour at all: reverse marks the focus, and only the focus
                assert on.styles.text_style.reverse and not off.styles.text_style.reverse
            else:
                assert on.styles.background.rgb == focus_colour(app).rgb
                assert off.styles.background.rgb != focus_colour(app).rgb


@pytest.mark.parametrize("who, tab", [(JONAS, "general"), (JONAS, "billing"),
                                      (JONAS, "history"), (BILLING, "billing")])
async def test_help_lists_every_key_the_key_line_lists(make_app, demo, who, tab):
    company = demo["nordwind"] if who == BILLING else None
    app = make_app(who, company=company, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entries = shown_entries(app.screen)
        await pilot.press("question_mark")
        await settle(pilot)
        help_keys = {part.strip() for keys, _words in app.screen.keys
                     for part in keys.split(" / ")}
        for entry in entries:
            if len(entry.keys) > 2 and entry.keys.isdigit():
                assert set(entry.keys) <= help_keys  # "1234 Tabs": one row per tab
            else:
                assert entry.keys in help_keys, f"{entry} not in help: {sorted(help_keys)}"


async def test_help_lists_a_dimmed_delete_with_no_logo(make_app, demo):
    app = make_app(JONAS)  # Nordwind has no logo: "d Delete" is dimmed in the key line
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        delete = [e for e in shown_entries(app.screen) if e.keys == "d"]
        assert delete and not delete[0].enabled
        await pilot.press("question_mark")
        await settle(pilot)
        general = dict(app.screen.sections)["General"]
        assert any(keys == "d" for keys, _words in general)
