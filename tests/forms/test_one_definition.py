"""One definition per field (#14), the store's and the command line's half: every field of every
form in store/forms/fields.py, on every surface that is not a screen (the schema and its refusal
messages, the command line's options and help, History's lines, the R16 lock message, JSON),
reads its label, its maximum length and its lock from fields.py. tests/tui/test_one_definition_
screens.py walks the screens and dialogs."""

from __future__ import annotations

from datetime import timedelta

import pytest

import store
import store.errors
import store.people.access
import store.profile.billing
import store.trail.history
from store.forms.fields import (
    ADDRESS,
    CARD,
    CHANGE_REQUEST,
    FORMS,
    GENERAL,
    LOCKED_AFTER_TRIAL,
    REASON,
    RECIPIENT,
    STAFF,
    Field,
    FormSpec,
    field_label,
)
from store.forms.schemas import (
    AddressForm,
    CardForm,
    ChangeRequestForm,
    GeneralForm,
    ReasonForm,
    RecipientForm,
    StaffForm,
)
from store.forms.validation import validate
from store.i18n import set_language
from store.persistence.db import transaction
from store.persistence.models import BillingAddress, Subscription, User
from store.trail.audit import record
from tests.conftest import TODAY
from tui import textout
from tui.cli import main
from tui.trail_words import audit_field_label

SCHEMAS = {"general": GeneralForm, "address": AddressForm, "recipient": RecipientForm,
           "card": CardForm, "change_request": ChangeRequestForm, "reason": ReasonForm,
           "staff": StaffForm}

# A valid form of each kind: one field at a time is changed, so a refusal is that field's own.
VALID = {
    "general": {"name": "Nordwind Logistik GmbH", "website": "https://nordwind.example"},
    "address": {"line1": "Speicherstraße 5", "line2": None, "postal_code": "20457",
                "city": "Hamburg", "state": None, "country": "DE", "vat_number": "DE136695976"},
    "recipient": {"email": "billing@example.com"},
    "card": {"number": "4242 4242 4242 4242", "expiry": "12/29", "security_code": "123",
             "holder": "Jonas Weber"},
    "change_request": {"line1": "Speicherstraße 5", "line2": None, "postal_code": "20457",
                       "city": "Hamburg", "state": None, "country": "DE",
                       "vat_number": "DE811907980", "note": None},
    "reason": {"reason": "Customer letter of 27 Nov", "ticket": None},
    "staff": {"email": "admin@example.com", "name": "Ada Admin"},
}

# Fields whose own rule bounds their length and says what to type ("Enter the expiry date as
# MM/YY", "a two-letter ISO code"): too long a value is refused by that rule, not by a count.
FORMAT_BOUNDED = {"address.country", "change_request.country", "card.number", "card.expiry",
                  "card.security_code"}

# Each form's commands, and the fields a command takes when not all (a decision on a request
# takes its reason alone). The card is read from the terminal or stdin, never from options.
COMMANDS: dict[str, list[tuple[list[str], set[str] | None]]] = {
    "general": [(["set", "general"], None)],
    "address": [(["set", "address"], None)],
    "recipient": [(["recipients", "add"], None)],
    "card": [],
    "change_request": [(["requests", "create"], None)],
    "reason": [(["set", "address"], None), (["payment-method", "set"], None),
               (["requests", "approve"], None), (["requests", "reject"], None)],
    "staff": [(["init"], None)],
}

ALL_FIELDS = [pytest.param(spec, field, id=f"{spec.name}.{field.name}")
              for spec in FORMS.values() for field in spec.fields]
LENGTH_FIELDS = [p for p in ALL_FIELDS if p.values[1].max_length]
COMPANY_FIELDS = [pytest.param(spec, field, id=f"{spec.name}.{field.name}")
                  for spec in (GENERAL, ADDRESS) for field in spec.fields]


def typed(spec: FormSpec, field: Field, length: int) -> dict[str, str | None]:
    """The valid form with `field` typed `length` characters long (a website or e-mail address
    stays one, so that only its length can be wrong)."""
    if field.name == "website":
        value = "https://example.com/" + "a" * (length - len("https://example.com/"))
    elif field.name == "email":
        value = "a" * (length - len("@example.com")) + "@example.com"
    else:
        value = "x" * length
    return {**VALID[spec.name], field.name: value}


def refusal(spec: FormSpec, values: dict[str, str | None]) -> dict[str, str]:
    try:
        validate(SCHEMAS[spec.name], values, today=TODAY)
    except store.errors.InvalidInput as invalid:
        return invalid.errors
    return {}


def test_every_form_has_a_schema_with_the_same_fields_in_the_same_order():
    assert set(FORMS) == set(SCHEMAS)
    for spec in FORMS.values():
        assert tuple(SCHEMAS[spec.name].model_fields) == spec.names
        assert not refusal(spec, VALID[spec.name]), spec.name


# ---------------------------------------------------------------- the schema


@pytest.mark.parametrize(("spec", "field"), LENGTH_FIELDS)
def test_the_schema_refuses_one_character_more_than_fields_py_allows(spec, field):
    errors = refusal(spec, typed(spec, field, field.max_length + 1))
    assert field.name in errors
    if f"{spec.name}.{field.name}" not in FORMAT_BOUNDED:
        assert errors[field.name] == (f"Use at most {field.max_length} characters; "
                                      f"this has {field.max_length + 1}")


@pytest.mark.parametrize(("spec", "field"), LENGTH_FIELDS)
def test_the_schema_takes_as_many_characters_as_fields_py_allows(spec, field):
    # The field's own rules may still refuse "xxxx" as a postal code: never for its length.
    message = refusal(spec, typed(spec, field, field.max_length)).get(field.name, "")
    assert "at most" not in message


@pytest.mark.parametrize(("spec", "field"), ALL_FIELDS)
def test_the_schema_requires_what_fields_py_requires(spec, field):
    # A postal code is not always required: only where the country's post requires it (R15).
    errors = refusal(spec, {**VALID[spec.name], field.name: ""})
    if field.required:  # "This field is required", or for a choice "Choose one of ..."
        assert field.name in errors
    else:
        assert errors.get(field.name) != "This field is required"


# ---------------------------------------------------------------- the command line


def help_of(command: list[str], capsys) -> str:
    assert main([*command, "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())  # argparse wraps lines anywhere


@pytest.mark.parametrize(("spec", "field"), ALL_FIELDS)
def test_the_command_line_option_reads_fields_py(spec, field, capsys):
    if not COMMANDS[spec.name]:
        assert field.option == ""  # the card: no option may carry its number
        return
    assert field.option
    for command, names in COMMANDS[spec.name]:
        if names is not None and field.name not in names:
            continue
        shown = help_of(command, capsys)
        if field.option.startswith("--") or field.name != "field":
            assert field.option in shown, command
        assert field.label + "." in shown, command
        if field.max_length and not field.secret:
            assert f"At most {field.max_length} characters." in shown, command


def test_the_command_line_option_help_is_in_the_person_s_language(capsys):
    try:
        assert main(["--lang", "fr", "set", "address", "--help"]) == 0
    finally:
        set_language("en")
    shown = " ".join(capsys.readouterr().out.split())
    assert "Code postal. 20 caractères au plus." in shown


# ---------------------------------------------------------------- History


@pytest.mark.parametrize(("spec", "field"), COMPANY_FIELDS)
def test_a_history_line_names_the_field_by_its_label(demo, spec, field):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    action = "general.save" if spec is GENERAL else "address.save"
    with transaction():
        record(jonas, demo["nordwind"], action, field=field.name, old="before", new="after")
    page = store.trail.history.company_history(jonas, demo["nordwind"])
    assert page.items[0].field == field.name
    assert audit_field_label(field.name) == field.label == field_label(field.name)
    assert f" · {field.label} " in textout.history_text(page).splitlines()[1]


# ---------------------------------------------------------------- the lock (R16)

# Each change is valid on its own, so the refusal can only be the lock.
LOCKED_CHANGES = {
    "state": ("blue", {"state": "NY", "postal_code": "10001", "city": "New York"}),
    "country": ("nordwind", {"country": "AT", "postal_code": "1010", "city": "Wien",
                             "vat_number": None}),
    "vat_number": ("nordwind", {"vat_number": "DE811907980"}),
}


def test_the_locked_fields_are_the_ones_fields_py_locks():
    assert set(LOCKED_CHANGES) == set(LOCKED_AFTER_TRIAL) == {
        f.name for f in ADDRESS.fields if f.locked_after_trial}
    # A request is a whole address (SPEC §5): every address field, as the address defines it.
    assert CHANGE_REQUEST.fields[:len(ADDRESS.fields)] == ADDRESS.fields


@pytest.mark.parametrize("name", LOCKED_AFTER_TRIAL)
def test_the_lock_message_after_the_trial_names_the_field_by_its_label(demo, name):
    company, change = LOCKED_CHANGES[name]
    company_id = demo[company]
    Subscription.update(status="subscribed", trial_ends_on=TODAY - timedelta(days=1)).where(
        Subscription.company == company_id).execute()
    owner = User.get((User.company == company_id) & (User.role == "owner"))
    actor = store.people.access.resolve_actor(owner.email)
    before = BillingAddress.get(BillingAddress.company == company_id)
    values = {f: getattr(before, f) for f in ADDRESS.names} | change
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.billing.save_address(actor, company_id, values, before.version)
    assert refused.value.field == name
    assert refused.value.message == (f"{ADDRESS[name].label} is locked after the trial; send a "
                                     "change request to the billing team.")
    view = store.profile.billing.get_billing(actor, company_id)
    assert name in view.locked_fields and name not in view.editable_fields


# ---------------------------------------------------------------- JSON


def test_the_billing_address_in_json_has_the_fields_of_fields_py(demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    view = store.profile.billing.get_billing(jonas, demo["nordwind"])
    shown = textout.to_json("billing", view)
    for name in ADDRESS.names:
        assert f'"{name}"' in shown


def test_every_form_field_is_walked_here():
    walked = {f"{spec.name}.{field.name}" for spec in FORMS.values() for field in spec.fields}
    assert walked == {p.id for p in ALL_FIELDS}
    assert {s.name for s in (GENERAL, ADDRESS, RECIPIENT, CARD, CHANGE_REQUEST, REASON,
                             STAFF)} == set(FORMS)
