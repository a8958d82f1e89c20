"""A recipient copied from a mail client into Add recipient (#15 trial: `"AP Team"
<ap@x.example>` was split on blanks into `"AP, Team", <ap@x.example>` and ctrl+s refused every
part): the address is added, the name left out, and a paste of several says so."""

from __future__ import annotations

from textual.widgets import Input

import store.people.access
import store.profile.billing
from tui.screens.recipient import RecipientModal

from .helpers import store_answered
from .test_pastes import note_under, paste_into

JONAS = "jonas@nordwind.de"


async def _dialog(pilot) -> RecipientModal:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RecipientModal)
    return pilot.app.screen


async def test_a_named_address_pasted_is_added_as_its_address(make_app, demo):
    actor = store.people.access.resolve_actor(JONAS)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await _dialog(pilot)
        field = await paste_into(pilot, "email", '"AP Team" <ap@x.example>')
        assert field.value == '"AP Team" <ap@x.example>'
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is not modal
    recipients = store.profile.billing.get_billing(actor, demo["nordwind"]).recipients
    assert "ap@x.example" in recipients
    assert not any("AP" in email or "<" in email for email in recipients)


async def test_named_addresses_pasted_as_lines_show_as_addresses_and_say_names_go(make_app,
                                                                                   demo):
    actor = store.people.access.resolve_actor(JONAS)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await _dialog(pilot)
        await paste_into(pilot, "email", '"A" <a@x.example>,\n"Weber, B" <b@y.example>')
        assert app.screen.query_one("#field-email", Input).value == "a@x.example, b@y.example"
        assert note_under(app, "email") == (
            "2 addresses pasted: Add adds them all. The names beside the addresses are not "
            "kept: a recipient is an address.")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
    assert {"a@x.example", "b@y.example"} <= set(
        store.profile.billing.get_billing(actor, demo["nordwind"]).recipients)


async def test_outlooks_last_first_form_pasted_is_one_address_and_its_name(make_app, demo):
    """Verification trial: `Weber, Anna <aw@x.example>` pasted with another address said "3
    addresses pasted", then "Not added: Weber", and "Anna" went unsaid."""
    actor = store.people.access.resolve_actor(JONAS)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await _dialog(pilot)
        await paste_into(pilot, "email", "apd@x.example\nWeber, Anna <aw@x.example>")
        assert app.screen.query_one("#field-email", Input).value == "apd@x.example, aw@x.example"
        assert note_under(app, "email").startswith("2 addresses pasted: Add adds them all.")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is not modal  # all added, nothing refused
    assert {"apd@x.example", "aw@x.example"} <= set(
        store.profile.billing.get_billing(actor, demo["nordwind"]).recipients)
