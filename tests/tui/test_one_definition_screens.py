"""One definition per field (#14): every field of every form, on every screen and dialog that shows
it, takes its label and maximum length from store/forms/fields.py and its lock from the store's
view."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.screen import Screen
from textual.widgets import Label

import store
import store.people.access
import store.profile.billing
import store.profile.company
import store.profile.requests
from store.forms import fields
from store.forms.fields import FormSpec
from tui.widgets.form_field import FormField

JONAS = "jonas@nordwind.de"  # Nordwind's owner; its trial is over
CAMILLE = "camille@atelier-lumiere.fr"  # Atelier's owner, in its trial
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"

# The forms the screens show, each walked field by field by a test below (STAFF is the command
# line's alone). A form added to fields.py fails test_every_form_is_walked until it is here.
WALKED = {"general", "address", "recipient", "card", "change_request", "reason"}


def assert_field(screen: Screen, spec: FormSpec, name: str, *, editable: bool) -> None:
    field = spec[name]
    row = screen.query_one(f"#row-{name}", FormField)
    label = row.query_one(".form-field--label", Label)
    assert str(label.render()) == field.label, (spec.name, name)
    assert row.input.max_length == (field.max_length or 0), (spec.name, name)
    assert row.input.password == field.secret, (spec.name, name)
    assert row.input.disabled == (not editable), (spec.name, name)


def assert_form(screen: Screen, spec: FormSpec, editable: Callable[[str], bool]) -> None:
    for field in spec.fields:
        assert_field(screen, spec, field.name, editable=editable(field.name))


@pytest.mark.parametrize("email", [JONAS, SUPPORT])
async def test_general_tab(make_app, demo, email):
    actor = store.people.access.resolve_actor(email)
    view = store.profile.company.get_general(actor, demo["nordwind"])
    app = make_app(email, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_form(app.screen, fields.GENERAL, lambda name: view.can_edit)


@pytest.mark.parametrize("email,company", [(JONAS, "nordwind"), (BILLING, "nordwind"),
                                           (SUPPORT, "nordwind"), (CAMILLE, "atelier")])
async def test_billing_address(make_app, demo, email, company):
    actor = store.people.access.resolve_actor(email)
    view = store.profile.billing.get_billing(actor, demo[company])
    app = make_app(email, company=demo[company], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_form(app.screen, fields.ADDRESS, lambda name: name in view.editable_fields)
        closed = {name for name in fields.ADDRESS.names
                  if app.screen.query_one(f"#field-{name}").disabled}
        expected = {JONAS: {"state", "country", "vat_number"}, BILLING: set(),
                    SUPPORT: set(fields.ADDRESS.names), CAMILLE: set()}[email]
        assert closed == expected  # Nordwind after its trial: R16 for the owner only


def test_nordwind_after_its_trial_locks_r16_fields_for_the_owner_only(demo):
    """The case the walk above must see: the lock comes from the view, so check the view."""
    owner = store.profile.billing.get_billing(store.people.access.resolve_actor(JONAS),
        demo["nordwind"])
    team = store.profile.billing.get_billing(store.people.access.resolve_actor(BILLING),
        demo["nordwind"])
    locked = {f.name for f in fields.ADDRESS.fields if f.locked_after_trial}
    assert locked == {"state", "country", "vat_number"}
    assert not locked & set(owner.editable_fields)
    assert locked <= set(team.editable_fields)


async def open_dialog(make_app, demo, email: str, dialog: Callable[..., Screen]):
    actor = store.people.access.resolve_actor(email)
    app = make_app(email, company=demo["nordwind"], tab="billing")
    return app, lambda: app.push_screen(dialog(actor, demo["nordwind"]))


async def test_recipient_dialog(make_app, demo):
    from tui.screens.recipient import RecipientModal

    app, push = await open_dialog(make_app, demo, JONAS, RecipientModal)
    async with app.run_test(size=(80, 24)) as pilot:
        await push()
        await pilot.pause()
        assert_form(app.screen, fields.RECIPIENT, lambda name: True)


async def test_card_dialog(make_app, demo):
    from tui.screens.card import CardModal

    app, push = await open_dialog(make_app, demo, JONAS, CardModal)
    async with app.run_test(size=(80, 24)) as pilot:
        await push()
        await pilot.pause()
        assert_form(app.screen, fields.CARD, lambda name: True)


async def test_change_request_dialog(make_app, demo):
    from tui.screens.change_request import ChangeRequestModal

    actor = store.people.access.resolve_actor(JONAS)
    view = store.profile.billing.get_billing(actor, demo["nordwind"])
    app = make_app(JONAS, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ChangeRequestModal(actor, demo["nordwind"], view.locked_fields,
                                                 view.address))
        await pilot.pause()
        spec = fields.CHANGE_REQUEST
        # The whole address, each field as the address defines it, and the note.
        for field in spec.fields:
            assert_field(app.screen, spec, field.name, editable=True)


@pytest.mark.parametrize("which", ["reason", "approve", "reject", "payment"])
async def test_reason_dialogs(make_app, demo, which):
    from tui.screens.reason import OtherPaymentModal, ReasonModal
    from tui.sections.decisions import decision_modal

    actor = store.people.access.resolve_actor(BILLING)
    owner = store.people.access.resolve_actor(JONAS)
    request = store.profile.requests.request_change(
        owner, demo["nordwind"], {"vat_number": "DE811907980", "note": ""})
    modal = {"reason": lambda: ReasonModal("Why?"),
             "approve": lambda: decision_modal(actor, request, approve=True),
             "reject": lambda: decision_modal(actor, request, approve=False),
             "payment": lambda: OtherPaymentModal(actor, demo["nordwind"])}[which]()
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(modal)
        await pilot.pause()
        assert_form(app.screen, fields.REASON, lambda name: True)


def test_every_form_is_walked():
    """Every form the screens show has its walk above; the command line's STAFF form has none."""
    assert set(fields.FORMS) - {"staff"} == WALKED
