"""The one form section (#14): ctrl+s sends dialogs too, errors next to their field, input kept."""

from __future__ import annotations

from textual.widgets import Input, Static

import store
import store.people.access
import store.profile.billing
from tui.screens.reason import ReasonModal
from tui.screens.recipient import RecipientModal
from tui.widgets.form_field import FormField

from .helpers import store_answered

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"


async def test_ctrl_s_sends_a_dialog(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RecipientModal)
        app.screen.query_one("#field-email", Input).value = "finance@nordwind.de"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not isinstance(app.screen, RecipientModal)
    assert "finance@nordwind.de" in store.profile.billing.get_billing(
        store.people.access.resolve_actor(JONAS), demo["nordwind"]).recipients


async def test_ctrl_s_in_a_dialog_shows_errors_next_to_the_field_and_keeps_the_input(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-email", Input).value = "not an address"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, RecipientModal)
        row = app.screen.query_one("#row-email", FormField)
        assert row.has_class("-invalid")
        assert row.value == "not an address"
        assert app.screen.focused is row.input


async def test_ctrl_s_sends_the_reason_dialog_over_the_billing_address(make_app, demo):
    """The billing team's save asks why; ctrl+s in that dialog sends it (it saved nothing)."""
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-city", Input).value = "Bremen"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        app.screen.query_one("#field-reason", Input).value = "Moved, per ticket"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not isinstance(app.screen, ReasonModal)
        assert not app.screen.query_one("#address-banner", Static).has_class("-shown")
    address = store.profile.billing.get_billing(store.people.access.resolve_actor(BILLING),
                                        demo["nordwind"]).address
    assert address is not None and address.city == "Bremen"


async def test_ctrl_s_answers_a_prompt(make_app):
    from tui.screens.prompt import PromptModal

    answers: list[str | None] = []
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PromptModal("Title", "Label"), answers.append)
        await pilot.pause()
        await pilot.press("x", "ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not isinstance(app.screen, PromptModal)
    assert answers == ["x"]


async def test_secret_fields_travel_wrapped(make_app):
    """The card number and security code leave the dialog as Secret (fields.py says secret)."""
    from store.forms.fields import Secret
    from tui.screens.card import CardModal
    from tui.widgets.form_section import FormSection

    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CardModal)
        app.screen.query_one("#field-number", Input).value = "4242424242424242"
        sent = app.screen.query_one(FormSection).to_send()
        assert isinstance(sent["number"], Secret) and isinstance(sent["security_code"], Secret)
        assert sent["number"].get_secret_value() == "4242424242424242"
        assert "4242" not in repr(sent)
        assert isinstance(sent["holder"], str)
