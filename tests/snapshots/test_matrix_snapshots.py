"""Every tab and modal at 80×24 and 120×40: pristine, invalid, locked, saved, conflict."""

from __future__ import annotations

import pytest
from textual.widgets import Input

import store
import store.people.access
import store.profile.billing
from tests.snapshots.settle import settle

SIZES = [(80, 24), (120, 40)]
JONAS = "jonas@nordwind.de"


async def set_value(pilot, selector: str, value: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = value
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("tab", ["general", "plan", "billing", "history"])
def test_tab_pristine(make_app, snap_compare, tab, size):
    assert snap_compare(make_app(JONAS, tab=tab), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("tab, key", [("general", "question_mark"), ("billing", "c"),
                                      ("billing", "a"), ("billing", "x"), ("general", "u")],
                         ids=["help", "card", "recipient", "change-request", "logo-path"])
def test_modal(make_app, snap_compare, tab, key, size):
    async def open_modal(pilot):
        await settle(pilot)  # the tab has put the focus where its keys work
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(make_app(JONAS, tab=tab), terminal_size=size, run_before=open_modal)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_quit_with_unsaved_changes_asks(make_app, snap_compare, size):
    async def unsaved_then_quit(pilot):
        await pilot.pause()
        await set_value(pilot, "#field-name", "Nordwind Logistik AG")
        await pilot.press("ctrl+q")
        await settle(pilot)

    assert snap_compare(make_app(JONAS), terminal_size=size, run_before=unsaved_then_quit)


def test_general_invalid_120x40(make_app, snap_compare):
    async def invalid(pilot):
        await pilot.pause()
        await set_value(pilot, "#field-name", "")
        await set_value(pilot, "#field-website", "javascript:alert(1)")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(JONAS), terminal_size=(120, 40), run_before=invalid)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_general_saved(make_app, snap_compare, size):
    async def saved(pilot):
        await pilot.pause()
        await set_value(pilot, "#field-name", "Nordwind Logistik AG")
        await set_value(pilot, "#field-website", "nordwind-logistik.example")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(JONAS), terminal_size=size, run_before=saved)


def test_billing_locked_120x40(make_app, snap_compare):
    async def to_address(pilot):
        await pilot.pause()
        pilot.app.screen.query_one("#field-postal_code", Input).focus()
        await settle(pilot)

    assert snap_compare(make_app(JONAS, tab="billing"), terminal_size=(120, 40),
                        run_before=to_address)


def test_billing_invalid_120x40(make_app, snap_compare):
    async def invalid(pilot):
        await pilot.pause()
        await set_value(pilot, "#field-postal_code", "2045")
        await set_value(pilot, "#field-city", "")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(JONAS, tab="billing"), terminal_size=(120, 40),
                        run_before=invalid)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_billing_saved(make_app, snap_compare, size):
    async def saved(pilot):
        await pilot.pause()
        await set_value(pilot, "#field-line1", "Neuer Wall 1")
        await set_value(pilot, "#field-postal_code", "20354")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(JONAS, tab="billing"), terminal_size=size, run_before=saved)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_billing_conflict(make_app, demo, snap_compare, size):
    async def conflict(pilot):
        await pilot.pause()
        jonas = store.people.access.resolve_actor(JONAS)  # the same owner, in another terminal
        view = store.profile.billing.get_billing(jonas, demo["nordwind"])
        data = view.address.model_dump(include=set(store.profile.billing.ADDRESS_FIELDS))
        data["city"] = "Hamburg-Mitte"
        store.profile.billing.save_address(jonas, demo["nordwind"],
                                   data, view.address.version)
        await set_value(pilot, "#field-line1", "Neuer Wall 1")
        await pilot.press("ctrl+s")
        # The save runs in a worker, and a key typed after ctrl+s may wait for it (type-ahead):
        # on a loaded machine the conflict shows after more than one settle.
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await settle(pilot)
            if "Changed by" in str(pilot.app.screen.query_one("#address-banner").render()):
                break
        await settle(pilot)

    assert snap_compare(make_app(JONAS, tab="billing"), terminal_size=size, run_before=conflict)
