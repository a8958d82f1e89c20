"""What a person looks at on the Billing tab: invoices, the card dialog, the locked address."""

from __future__ import annotations

from textual.widgets import Input

from tests.snapshots.settle import settle

CARD_NUMBER = ["5", "5", "5", "5", "space"] * 3 + ["4", "4", "4", "4"]


def steady_cursors(pilot) -> None:
    """No blinking cursor: a snapshot taken mid-blink would differ from the stored one."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


async def focus(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    steady_cursors(pilot)
    await pilot.pause()


def test_billing_snapshot_80x24(make_app, snap_compare):
    assert snap_compare(make_app(tab="billing"), terminal_size=(80, 24))


def test_billing_card_modal_masked_number_80x24(make_app, snap_compare):
    async def open_card(pilot):
        await pilot.pause()  # the company screen has composed its tabs
        await pilot.press("c")
        await pilot.pause()
        steady_cursors(pilot)
        await pilot.press(*CARD_NUMBER)

    assert snap_compare(make_app(tab="billing"), terminal_size=(80, 24), run_before=open_card)


def test_billing_address_locked_after_trial_80x24(make_app, snap_compare):
    async def to_address(pilot):
        await pilot.pause()  # the company screen has composed its tabs
        await focus(pilot, "#field-postal_code")
        # The whole section, from its title to the lock reason, in view.
        pilot.app.query_one("#billing-tab").scroll_end(animate=False)
        await settle(pilot)

    assert snap_compare(make_app(tab="billing"), terminal_size=(80, 24), run_before=to_address)


def test_billing_trial_company_120x36(make_app, snap_compare):
    assert snap_compare(make_app("camille@atelier-lumiere.fr", tab="billing"),
                        terminal_size=(120, 36))


def test_billing_address_errors_at_once_80x24(make_app, snap_compare):
    async def bad_address(pilot):
        await pilot.pause()  # the company screen has composed its tabs
        screen = pilot.app.screen
        screen.query_one("#field-postal_code", Input).value = "ABC"
        screen.query_one("#field-vat_number", Input).value = "FR123"
        steady_cursors(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)  # the errors, the section's title and the focused field in view

    assert snap_compare(make_app("camille@atelier-lumiere.fr", tab="billing"),
                        terminal_size=(80, 24), run_before=bad_address)
