"""Values a person did not change and may not change (#15 trial: BEL planted in a stored VAT
number, locked for the owner after the trial, blocked every other save of the billing address by
the owner, who could not remove it): such a value is not validated again; it is kept as stored
and named as a warning the person cannot act on. Who may change it (the billing team) is still
told to remove it (store.forms.validation names the character)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from store.errors import InvalidInput
from store.i18n import _

if TYPE_CHECKING:
    from pydantic import BaseModel

    from store.forms.schemas import AddressForm, ReasonForm

Form = TypeVar("Form", bound="BaseModel")


def validate_keeping(form_cls: type[Form], values: Mapping[str, Any],
                     kept: Mapping[str, Any]) -> Form:
    """`values` validated as `form_cls` (store.forms.validation.validate), except the fields of
    `kept` (field name -> the value as stored: fields the person may not change, sent as
    stored): a message on one of those is not the person's to act on, so the field is checked
    as not given and the form holds its stored value. Raises InvalidInput with the other
    fields' messages; with a kept field's own message only if the form cannot be made without
    it (a required field: its message stands)."""
    from store.forms.validation import validate

    try:
        return validate(form_cls, values)
    except InvalidInput as exc:
        failed = [name for name in exc.errors if name in kept]
        if not failed or len(failed) < len(exc.errors):
            raise InvalidInput({name: message for name, message in exc.errors.items()
                                if name not in failed} or exc.errors) from None
        first = exc.errors
    try:
        form = validate(form_cls, {**values, **{name: None for name in failed}})
    except InvalidInput:
        raise InvalidInput(first) from None
    return form.model_copy(update={name: kept[name] for name in failed})


def locked_value_warning(value: str | None, *, changes_others: bool = True) -> str | None:
    """What is said beside a field the person may not change whose stored `value` holds a
    character every form refuses (store.forms.unsafe): the character by its code point and the
    symbol the field shows for it; to one
    who changes other fields of the form (`changes_others`: the owner after the trial), also who
    removes it and that their changes save. A reader who changes nothing there (support, a
    closed company) is told only what the character is (#15 trial: support read "…the billing
    team removes it. Your other changes save." where nothing was theirs to save). None for a
    value without one."""
    from store.forms.unsafe import character_named, first_refused_character

    char = first_refused_character(value or "")
    if char is None:
        return None
    if not changes_others:
        return _("Holds the invisible control character {character}.").format(
            character=character_named(char))
    return _("Holds the invisible control character {character}; you cannot change this "
             "field: the billing team removes it. Your other changes save.").format(
                 character=character_named(char))


def validated_address(values: Mapping[str, Any], reason: Mapping[str, Any] | None,
                      kept: Mapping[str, Any], *, before: object | None = None,
                      given: Collection[str] | None = None,
                      ) -> tuple[AddressForm, ReasonForm | None]:
    """The address (an AddressForm, the fields of `kept` as `validate_keeping` keeps them) and
    the reason (a ReasonForm, None without one) checked together, so that every field's message
    shows at once: raises InvalidInput with all of them (store.profile.billing.save_address,
    R15). `before`: the address stored (a row with its fields; None: none yet); a new country
    needs its street, postal code and city among the fields `given` (the person typed; None:
    every one of `values`), else its message on each, in place of the field's own
    (store.forms.moves)."""
    from store.forms.moves import move_errors
    from store.forms.schemas import AddressForm, ReasonForm
    from store.forms.validation import validate

    errors: dict[str, str] = {}
    form: AddressForm | None = None
    checked_reason: ReasonForm | None = None
    try:
        form = validate_keeping(AddressForm, values, kept)
    except InvalidInput as exc:
        errors.update(exc.errors)
    errors.update(move_errors(before, {name: value for name, value in values.items()
                                       if given is None or name in given}))
    if reason is not None:
        try:
            checked_reason = validate(ReasonForm, reason)
        except InvalidInput as exc:
            errors.update({k: v for k, v in exc.errors.items() if k not in errors})
    if errors or form is None:
        raise InvalidInput(errors)
    return form, checked_reason
