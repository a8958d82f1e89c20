"""Visible focus and no silent discard (issue #15): after every tab switch the focus is on a
widget in sight that looks focused; every tab stop looks different when focused (no invisible
stop); the wheel never leaves the focus on something out of sight; escape on unsaved input asks,
as leaving the tab does."""

from __future__ import annotations

import pytest
from textual import events
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, Input

from tui.screens.confirm import ConfirmModal

from .helpers import asked, until

JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"
BILLING = "billing@mycompany.example"


def look(widget: Widget) -> list[list[tuple[str, object]]]:
    """What the widget and what is inside it draw: lines of (text, style) segments, outline
    included."""
    drawn = []
    for part in [widget, *widget.query("*")]:
        lines = part.render_lines(Region(0, 0, part.size.width, part.size.height))
        drawn += [[(segment.text, segment.style) for segment in line] for line in lines]
    return drawn


async def looks_focused(pilot, widget: Widget) -> bool:
    """Whether `widget` draws differently focused than not."""
    app = pilot.app
    widget.focus(scroll_visible=False)
    await pilot.pause()
    focused = look(widget)
    app.screen.set_focus(None)
    await pilot.pause()
    blurred = look(widget)
    widget.focus(scroll_visible=False)
    await pilot.pause()
    return focused != blurred


def in_sight(app, widget: Widget) -> bool:
    """Whether some of the widget shows: inside the screen and every container around it."""
    region = widget.region.intersection(app.screen.region)
    for container in widget.ancestors:
        if isinstance(container, Widget):
            region = region.intersection(container.region)
    return bool(region.area)


@pytest.mark.parametrize("who", [JONAS, CAMILLE, BILLING])
async def test_after_every_tab_switch_the_focus_is_in_sight_and_looks_focused(make_app, demo,
                                                                               who):
    company = demo["nordwind"] if who == BILLING else None
    app = make_app(who, company=company)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in "2341" "3142":
            await pilot.press(key)
            await pilot.pause()
            focused = app.focused
            assert focused is not None, key
            # In the tab shown; or, where it has nothing to focus (staff on the owner's
            # profile), the tab strip.
            assert app.screen.query_one("#tabs").active in [
                a.id for a in focused.ancestors_with_self] or type(focused).__name__ == \
                "ContentTabs", key
            assert in_sight(app, focused), (key, focused)
            assert await looks_focused(pilot, focused), (key, focused)


@pytest.mark.parametrize("tab", ["general", "plan", "billing", "history"])
async def test_every_tab_stop_looks_focused(make_app, demo, tab):
    """History's page, with nothing to scroll, was a tab stop that looked like nothing."""
    app = make_app(CAMILLE, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stops = [w for w in app.screen.focus_chain
                 if tab in [a.id for a in w.ancestors_with_self]]
        assert stops
        for widget in stops:
            assert await looks_focused(pilot, widget), widget


async def test_the_start_focus_differs_from_the_other_buttons(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        upload, browse = app.screen.query_one("#logo-upload"), app.screen.query_one("#logo-pick")
        assert app.focused is upload
        assert upload.rich_style.bgcolor != browse.rich_style.bgcolor


async def test_the_wheel_does_not_leave_the_focus_out_of_sight(make_app, demo):
    """The invoice list scrolled away while focused, and keys still acted on it."""
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        invoices = app.screen.query_one("#invoices", DataTable)
        assert app.focused is invoices
        for _step in range(6):
            invoices.post_message(events.MouseScrollDown(invoices, 5, 5, 0, 1, 0, False, False,
                                                         False, screen_x=5, screen_y=9))
            await pilot.pause()
        for _wait in range(20):  # the wheel's scroll, then the check after it settles
            await pilot.pause(0.1)
            if app.focused is not invoices:
                break
        assert not in_sight(app, invoices)
        assert app.focused is app.screen.query_one("#billing-tab")
        assert await looks_focused(pilot, app.focused)


@pytest.mark.parametrize(("tab", "field"), [("general", "name"), ("billing", "city")])
async def test_escape_with_unsaved_input_asks_first(make_app, demo, tab, field):
    app = make_app(CAMILLE, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one(f"#field-{field}", Input)
        before = box.value
        box.focus()
        await pilot.press("end", "x")
        await pilot.press("escape")
        await pilot.pause()
        await asked(pilot)  # the same question as leaving the tab
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert box.value == before + "x"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # throw it away
        await pilot.pause()
        assert box.value == before
        assert not isinstance(app.focused, Input)  # out of the field: 1-4 switch tabs again


async def test_escape_then_y_typed_as_one_gesture_discards(make_app, demo):
    """The y comes before the question is drawn (a fast typist, a laggy link): it is the
    answer, as in every dialog's "Discard what you typed?" (ConfirmModal typed_ahead)."""
    app = make_app(CAMILLE, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#field-name", Input)
        before = box.value
        box.focus()
        await pilot.press("end", "x")
        typed_ahead = events.Key("y", "y")  # typed with the escape, before the question shows
        await pilot.press("escape")
        await asked(pilot)
        app.post_message(typed_ahead)
        await until(pilot, lambda: box.value == before, "discarded")
        assert not isinstance(app.screen, ConfirmModal)


async def test_escape_without_edits_asks_nothing(make_app, demo):
    app = make_app(CAMILLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-name", Input).focus()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.is_modal
        assert not isinstance(app.focused, Input)


async def test_the_vat_error_after_ctrl_s_is_in_sight(make_app, demo):
    """The last field's error came under the key line: ctrl+s seemed to do nothing."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-vat_number", Input).focus()
        await pilot.pause()
        await pilot.press("end", "ctrl+u", *"FR123", "ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        error = app.screen.query_one("#row-vat_number .form-field--error")
        assert "VAT" in str(error.render())
        assert in_sight(app, error)
        footer = app.screen.query_one("KeyFooter")
        assert error.region.bottom <= footer.region.y


async def test_tab_and_shift_tab_never_leave_the_focus_outside_the_tabs_keys(make_app, demo):
    """Tab from Billing's last widget, shift+tab from its first: the focus stays in the tab
    (the tab strip is no stop while the tab has one), so `c` still opens the card dialog."""
    from textual.widgets import Tabs

    from tui.screens.card import CardModal

    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#billing-tab")
        chain = [w for w in app.screen.focus_chain if pane in w.ancestors_with_self]
        chain[-1].focus()
        await pilot.pause()
        await pilot.press("tab")
        assert not isinstance(app.focused, Tabs) and pane in app.focused.ancestors_with_self
        chain[0].focus()
        await pilot.pause()
        await pilot.press("shift+tab")
        assert not isinstance(app.focused, Tabs) and pane in app.focused.ancestors_with_self
        app.screen.query_one("#recipients").focus()
        await pilot.pause()
        await pilot.press("c")
        for _ in range(40):
            if isinstance(app.screen, CardModal):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, CardModal)
