"""Every key in sight at 80x24 (issue #15, "Lost keys at 80 columns"): the key line of every tab,
of the search and of each dialog, in English and French, shows every key that applies there,
whole; help lists each key once per meaning in a section, by its display name, and wraps."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, DirectoryTree, Static

import store.i18n
from tests.i18n.conftest import screens_in

JONAS = "jonas@nordwind.de"  # owner, invoices on two pages
CAMILLE = "camille@atelier-lumiere.fr"  # owner in trial: every billing field can change
BILLING = "billing@mycompany.example"  # billing team
SUPPORT = "support@mycompany.example"


def in_language(locale: str) -> AbstractContextManager[object]:
    """The screens in `locale` (their bindings' words are translated as their modules load)."""
    return nullcontext() if locale == "en" else screens_in(locale)


def key_footer(screen: Screen) -> Widget:
    return screen.query_one("KeyFooter")


def footer_lines(screen: Screen) -> list[str]:
    footer = key_footer(screen)
    lines = str(footer.render()).split("\n")
    assert len(lines) <= footer.size.height, "a line of keys is below the footer's bottom"
    return lines


def expected_entries(screen: Screen) -> list[str]:
    """"key words" for each key the screen offers now (Binding.show, not refused by
    check_action), from the bindings themselves; a compact group as one entry ("1234 Tabs")."""
    app = screen.app
    entries: list[str] = []
    groups: dict[object, list[str]] = {}
    seen: set[str] = set()
    from tui.widgets.key_footer import described

    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        key = app.get_key_display(binding)
        if binding.group is not None and binding.group.compact:
            groups.setdefault(binding.group, []).append(key)
            continue
        entries.append(f"{key} {described(node, binding)}")  # a dialog's ^s: its button
    entries += [f"{''.join(keys)} {group.description}" for group, keys in groups.items()]
    return entries


def assert_every_key_shown(screen: Screen, where: str) -> None:
    lines = footer_lines(screen)
    width = key_footer(screen).size.width
    for line in lines:
        assert cell_len(line) <= width, (where, line)
        assert "…" not in line, (where, line)
    text = "\n".join(lines)
    expected = expected_entries(screen)
    assert expected, where
    for entry in expected:
        assert entry in text, (where, entry, text)


async def settle(pilot) -> None:
    """Until the store calls off the event loop have answered (not the file browser's loader,
    which lives as long as its tree)."""
    await pilot.pause()
    if not pilot.app.screen.query(DirectoryTree):
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def visit_tabs(pilot, app, who: str) -> None:
    for key in "1234":
        app.screen.set_focus(None)  # out of any text field: digits switch
        await pilot.press(key)
        await settle(pilot)
        tab = app.screen.query_one("#tabs").active
        assert_every_key_shown(app.screen, f"{who} {tab} start")
        # Every place the focus can go in the tab (the key line follows the focus).
        for widget in app.screen.focus_chain:
            if tab in [a.id for a in widget.ancestors_with_self]:
                widget.focus()
                await settle(pilot)
                assert_every_key_shown(app.screen, f"{who} {tab} {widget!r}")


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("who", [JONAS, CAMILLE, BILLING])
async def test_every_tab_shows_every_key_that_applies(make_app, demo, who, locale):
    company = demo["nordwind"] if who == BILLING else None
    with in_language(locale):
        app = make_app(who, company=company, locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await visit_tabs(pilot, app, who)


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_billing_shows_card_and_request_at_80_columns(make_app, demo, locale):
    """The issue's example: c Card and x Request were cut off the end of Billing's line."""
    with in_language(locale):
        app = make_app(JONAS, tab="billing", locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            text = "\n".join(footer_lines(app.screen))
            for key, word in (("c", store.i18n._("Card")), ("x", store.i18n._("Request")),
                              ("?", store.i18n._("Help"))):
                assert f"{key} {word}" in text


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_the_search_and_the_request_queue_show_every_key(make_app, demo, locale):
    with in_language(locale):
        app = make_app(BILLING, locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert_every_key_shown(app.screen, "search")
            app.screen.query_one("#results", DataTable).focus()
            await settle(pilot)
            assert_every_key_shown(app.screen, "search results")
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert_every_key_shown(app.screen, "request queue")


DIALOGS = [
    # (person, tab, keys that open it, the dialog's class)
    (JONAS, "billing", ["a"], "RecipientModal"),
    (JONAS, "billing", ["c"], "CardModal"),
    (JONAS, "billing", ["x"], "ChangeRequestModal"),
    (JONAS, "billing", ["r"], "ConfirmModal"),
    (JONAS, "general", ["u"], "PromptModal"),
    (JONAS, "general", ["o"], "LogoFilePicker"),
    (JONAS, "general", ["ctrl+o"], "OwnKeysModal"),
    (JONAS, "billing", ["question_mark"], "HelpScreen"),
    (BILLING, "billing", ["m"], "OtherPaymentModal"),
]


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize(("who", "tab", "keys", "kind"), DIALOGS)
async def test_each_dialog_has_its_own_key_line(make_app, demo, who, tab, keys, kind, locale,
                                                tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the logo picker starts in the home folder
    company = demo["nordwind"] if who == BILLING else None
    with in_language(locale):
        app = make_app(who, company=company, tab=tab, locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            if tab == "billing":
                app.screen.query_one("#recipients", DataTable).focus()
                await settle(pilot)
            below = app.screen
            await pilot.press(*keys)
            await settle(pilot)
            dialog = app.screen
            assert dialog is not below and dialog.is_modal and type(dialog).__name__ == kind
            assert_every_key_shown(dialog, f"{type(dialog).__name__}")
            # It covers the screen's line: no key of the screen below is in sight.
            ours = key_footer(dialog)
            theirs = key_footer(below)
            assert ours.region.y <= theirs.region.y and ours.region.bottom == theirs.region.bottom


async def test_ctrl_s_is_offered_only_where_it_saves(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, offered in (("1", True), ("2", False), ("3", True), ("4", False)):
            await pilot.press(key)
            await settle(pilot)
            assert ("^s Save" in "\n".join(footer_lines(app.screen))) is offered, key


# -- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("who", [JONAS, BILLING])
async def test_help_one_meaning_per_key_and_section_and_nothing_cut(make_app, demo, who,
                                                                     locale):
    company = demo["nordwind"] if who == BILLING else None
    with in_language(locale):
        app = make_app(who, company=company, tab="billing", locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            help_screen = app.screen
            assert type(help_screen).__name__ == "HelpScreen"
            titles = [title for title, _rows in help_screen.sections]
            assert len(titles) == len(set(titles))
            everywhere = {keys for keys, _text in help_screen.sections[0][1]}
            for title, rows in help_screen.sections:
                keys = [part for shown, _text in rows for part in shown.split(" / ")]
                assert len(keys) == len(set(keys)), (title, keys)  # one meaning per key
                if title != help_screen.sections[0][0]:
                    assert not everywhere & {shown for shown, _text in rows}, title
                assert all("," not in shown for shown, _text in rows), title  # display names
            # d: a PDF on Billing (and the logo on General, once there is a logo to delete).
            by_title = dict(help_screen.sections)
            general, billing = store.i18n._("General"), store.i18n._("Billing")
            # Staff have no key on General (no form of theirs, no logo to delete): no section.
            assert [k for k, _t in by_title.get(general, [])].count("d") <= 1
            assert (general in by_title) == (who == JONAS)
            assert [k for k, _t in by_title[billing]].count("d") == 1
            if who == JONAS:
                assert ("r / del", store.i18n._(
                    "Stop sending the invoices to the highlighted recipient")) in by_title[billing]
            # Each description is all there, inside the screen, wrapped rather than cut.
            for text_widget in help_screen.query(".help-text").results(Static):
                help_screen.query_one("#help-keys").scroll_to_widget(text_widget,
                                                                     animate=False)
                await pilot.pause()
                region = text_widget.region
                assert region.right <= 80
                shown = " ".join(strip.text.strip() for strip in text_widget.render_lines(
                    Region(0, 0, region.width, region.height)))
                assert " ".join(shown.split()) == " ".join(
                    str(text_widget.render()).split()), shown
            # End goes to the last key, and the key column stays in sight.
            await pilot.press("home", "end")
            await pilot.pause()
            last_key = list(help_screen.query(".help-key").results(Static))[-1]
            scroller = help_screen.query_one("#help-keys")
            assert last_key.region.x >= scroller.region.x
            assert scroller.region.contains_region(last_key.region)
