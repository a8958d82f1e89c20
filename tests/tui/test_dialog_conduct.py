"""Every dialog behaves alike (issue #15, "Terminal conduct"): escape on what was typed asks
first and a card number is kept nowhere after it; the focus starts on the first field the person
may change, so keys typed as the dialog opens land there; a note keeps the lines pasted into it;
a character typed past a field's maximum is told; ctrl+s sends and the footer shows the dialog's
keys; under NO_COLOR a disabled button keeps its label."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

import store
import store.people.access
import store.profile.billing
import store.profile.requests
from tui.screens.card import CardModal
from tui.screens.change_request import ChangeRequestModal
from tui.screens.confirm import ConfirmModal
from tui.screens.prompt import PromptModal
from tui.screens.reason import OtherPaymentModal, ReasonModal
from tui.screens.recipient import RecipientModal
from tui.widgets.form_dialog import FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.key_footer import shown_entries

from .helpers import store_answered

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"

# Each dialog: who opens it, from which key on the Billing tab, its class and its first field.
DIALOGS = {
    "card": (JONAS, "c", CardModal, "number"),
    "change request": (JONAS, "x", ChangeRequestModal, "line1"),
    "recipient": (JONAS, "a", RecipientModal, "email"),
    "payment method with a reason": (BILLING, "m", OtherPaymentModal, "kind"),
}


def billing_app(make_app, demo, who: str):
    company = demo["nordwind"] if who == BILLING else None
    return make_app(who, company=company, tab="billing")


async def shown(pilot, kind: type[Screen], seconds: float = 10.0) -> Screen:
    """The dialog of `kind` once it is on top and mounted (a loaded machine may take longer than
    one pause: keys after an action key wait for it, tui/type_ahead.py)."""
    app = pilot.app
    for _ in range(int(seconds / 0.05)):
        await pilot.pause()
        if isinstance(app.screen, kind) and app.screen.is_mounted \
                and getattr(app.screen, "asked", True):  # a question: once drawn (#15)
            await pilot.pause()
            return app.screen
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {kind.__name__}; on screen: {app.screen!r}")


async def gone(pilot, dialog: Screen, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        await pilot.pause()
        if pilot.app.screen is not dialog and not isinstance(pilot.app.screen, ConfirmModal):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"still on screen: {pilot.app.screen!r}")


def note_under(screen: Screen, name: str) -> str:
    row = screen.query_one(f"#row-{name}", FormField)
    notes = [line for line in row.query(".form-field--note").results(Static) if line.display]
    return str(notes[0].render()) if notes else ""


# -- every discard asks ----------------------------------------------------------------------


@pytest.mark.parametrize("dialog", ["card", "change request", "recipient"])
async def test_escape_on_typed_input_asks_before_throwing_it_away(make_app, demo, dialog):
    who, key, kind, first = DIALOGS[dialog]
    app = billing_app(make_app, demo, who)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        modal = await shown(pilot, kind)
        field = modal.query_one(f"#field-{first}", Input)
        await pilot.press("end", "4")
        await pilot.pause()
        typed = field.value
        assert typed.endswith("4")
        await pilot.press("escape")
        question = await shown(pilot, ConfirmModal)
        assert str(question.query_one(Static).render()) == "Discard what you typed?"
        await pilot.press("n")  # keep it
        await shown(pilot, kind)
        assert app.screen is modal
        assert field.value == typed
        await pilot.press("escape")
        await shown(pilot, ConfirmModal)
        await pilot.press("y")  # throw it away
        await gone(pilot, modal)
        assert not app.screen.is_modal


@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_escape_on_an_untouched_dialog_closes_it_at_once(make_app, demo, dialog):
    who, key, kind, _first = DIALOGS[dialog]
    app = billing_app(make_app, demo, who)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        modal = await shown(pilot, kind)
        await pilot.press("escape")
        await gone(pilot, modal)
        assert not app.screen.is_modal


async def test_a_reason_typed_and_escaped_asks_first(make_app, demo):
    app = billing_app(make_app, demo, BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        modal = await shown(pilot, OtherPaymentModal)
        modal.query_one("#field-reason", Input).focus()
        await pilot.press(*"SEPA", "escape")
        await shown(pilot, ConfirmModal)
        await pilot.press("escape")  # escape twice never throws the reason away
        await shown(pilot, OtherPaymentModal)
        assert modal.query_one("#field-reason", Input).value == "SEPA"


async def test_a_prompt_asks_too_once_something_was_typed(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("u")  # upload a logo: the file's path
        prompt = await shown(pilot, PromptModal)
        await pilot.press("escape")  # nothing typed: closed at once
        await gone(pilot, prompt)
        await pilot.press("u")
        prompt = await shown(pilot, PromptModal)
        await pilot.press(*"logo.png", "escape")
        await shown(pilot, ConfirmModal)
        await pilot.press("n")
        await shown(pilot, PromptModal)
        assert prompt.value == "logo.png"
        await pilot.press("escape")
        await shown(pilot, ConfirmModal)
        await pilot.press("y")
        await gone(pilot, prompt)
        assert not app.screen.is_modal


def _texts(value, depth=3):
    """Every string held in `value`, through containers `depth` deep (not numbers: a
    timestamp's digits are not a card's)."""
    if isinstance(value, str | bytes):
        yield value if isinstance(value, str) else value.decode(errors="replace")
    elif depth and isinstance(value, dict):
        for item in value.values():
            yield from _texts(item, depth - 1)
    elif depth and isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _texts(item, depth - 1)


async def test_a_discarded_card_number_is_kept_nowhere(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"4000056655665556", "enter", *"12/29", "enter", *"737")
        modal = await shown(pilot, CardModal)
        number = modal.query_one("#field-number", Input)
        code = modal.query_one("#field-security_code", Input)
        for _ in range(100):  # the keys typed in the burst, once handed on
            if code.value == "737":
                break
            await pilot.pause(0.05)
        assert number.value == "4000056655665556"
        await pilot.press("escape")
        await shown(pilot, ConfirmModal)
        await pilot.press("y")
        await gone(pilot, modal)
        assert number.value == "" and code.value == ""
        kept = [*_texts(vars(modal)), *_texts(vars(number)), *_texts(vars(code))]
        assert not [text for text in kept if "5556" in text or "737" in text]
    view = store.profile.billing.get_billing(store.people.access.resolve_actor(JONAS),
        demo["nordwind"])
    assert view.payment_method.last4 == "4242"  # nothing was sent


# -- the focus starts on the first field the person may change ------------------------------


@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_every_dialog_starts_on_its_first_field(make_app, demo, dialog):
    who, key, kind, first = DIALOGS[dialog]
    app = billing_app(make_app, demo, who)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        modal = await shown(pilot, kind)
        assert app.focused is modal.query_one(f"#field-{first}", Input | Select)


async def test_keys_typed_as_the_change_request_opens_land_in_its_first_field(make_app, demo):
    """The dialog opened on the VAT number: `x` and the street's words typed at once went there."""
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x", "end", "ctrl+u", *"Am Kai 7")  # one burst
        modal = await shown(pilot, ChangeRequestModal)
        line1 = modal.query_one("#field-line1", Input)
        for _ in range(100):
            if line1.value == "Am Kai 7":
                break
            await pilot.pause(0.05)
        assert line1.value == "Am Kai 7"
        assert modal.query_one("#field-vat_number", Input).value == "DE136695976"


# -- a note keeps the lines pasted into it ---------------------------------------------------


async def test_lines_pasted_into_the_note_are_kept_and_sent(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        modal = await shown(pilot, ChangeRequestModal)
        modal.query_one("#field-vat_number", Input).value = "DE811907980"
        note = modal.query_one("#field-note", Input)
        note.focus()
        await pilot.pause()
        app.post_message(events.Paste("We move on 1 December.\r\nNew office:\n\nAm Kai 7\n"))
        await pilot.pause()
        await pilot.pause()
        assert note.value == "We move on 1 December. / New office: / Am Kai 7"
        assert note_under(modal, "note") == "3 lines pasted: kept on one line, joined by “/”."
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await gone(pilot, modal)
    sent = store.profile.requests.list_requests(store.people.access.resolve_actor(BILLING))
    assert [r.note for r in sent] == ["We move on 1 December. / New office: / Am Kai 7"]


async def test_a_pasted_note_longer_than_the_field_is_told(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        modal = await shown(pilot, ChangeRequestModal)
        note = modal.query_one("#field-note", Input)
        note.focus()
        await pilot.pause()
        app.post_message(events.Paste("a" * 600 + "\n" + "b" * 600))
        await pilot.pause()
        await pilot.pause()
        assert note.value == "a" * 600 + " / " + "b" * 397
        assert note_under(modal, "note") == (
            "2 lines pasted: kept on one line, joined by “/”. 1203 characters pasted: the field "
            "holds 1000; 203 were not taken.")


# -- a character past the maximum is told ----------------------------------------------------


async def test_a_character_typed_past_the_maximum_is_told(make_app, demo):
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        name.value = "N" * 99
        await pilot.pause()
        await pilot.press("end", "x")
        await pilot.pause()
        assert note_under(app.screen, "name") == ""  # the 100th is taken, silently
        await pilot.press("y")  # the 101st
        await pilot.pause()
        assert name.value == "N" * 99 + "x"
        assert note_under(app.screen, "name") == "At most 100 characters"
        await pilot.press("backspace")  # the next key takes the note away
        await pilot.pause()
        assert note_under(app.screen, "name") == ""


async def test_a_dialog_field_tells_its_maximum_too(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        modal = await shown(pilot, CardModal)
        await pilot.press(*"12345", "enter")  # expiry: at most 7 characters
        await pilot.press(*"12/2029", "9")
        await pilot.pause()
        assert modal.query_one("#field-expiry", Input).value == "12/2029"
        assert note_under(modal, "expiry") == "At most 7 characters"


# -- ctrl+s sends every dialog; its footer shows its keys ------------------------------------


@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_ctrl_s_sends_every_dialog(make_app, demo, dialog):
    """Sent with nothing typed: each dialog shows what the store says is missing."""
    who, key, kind, _first = DIALOGS[dialog]
    app = billing_app(make_app, demo, who)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        modal = await shown(pilot, kind)
        keys = {entry.keys: entry.description for entry in shown_entries(modal)}
        # ^s reads as the dialog's own button (#15: "Send" under "Add").
        assert keys.get("^s") == modal.save_label and keys.get("esc") == "Cancel"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is modal
        errors = [row for row in modal.query(FormField) if row.has_class("-invalid")]
        banner = modal.query_one("#dialog-banner", Static)
        assert errors or banner.has_class("-shown")


async def test_ctrl_s_sends_the_reason_dialog(make_app, demo):
    store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                  {"vat_number": "DE811907980"})
    app = billing_app(make_app, demo, BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.company_screen().query_one("#pending-requests").focus()
        await pilot.press("j")  # reject: a reason is required
        modal = await shown(pilot, ReasonModal)
        assert isinstance(modal, FormDialog)
        await pilot.press(*"Not in VIES", "ctrl+s")
        await store_answered(pilot)
        await gone(pilot, modal)
    assert store.profile.requests.list_requests(store.people.access.resolve_actor(BILLING)) == []


# -- NO_COLOR: a disabled button keeps its label ---------------------------------------------


async def test_no_color_disabled_buttons_keep_their_labels(make_app, demo, monkeypatch):
    """Support staff's logo buttons showed a border and no label at all."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(SUPPORT, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        disabled = [b for b in app.screen.query(Button) if b.disabled and b.display]
        assert {b.id for b in disabled} >= {"logo-upload", "logo-pick", "logo-delete"}
        for button in disabled:
            drawn = "".join(segment.text for line in button.render_lines(button.region.reset_offset)
                            for segment in line)
            assert str(button.label) in drawn, button.id
            style = button.rich_style
            assert style.dim or style.strike, button.id
