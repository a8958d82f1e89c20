"""validate(): raw values in, a checked form out, or InvalidInput with one message per field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from store.errors import FORM_WIDE, InvalidInput
from store.i18n import _


class LazyModel(BaseModel):
    """Validation schemas are built on a form's first use, not when their module is imported."""

    model_config = ConfigDict(defer_build=True)


# Pydantic's own error types; the message says what is wrong and what is accepted.
_BUILTIN_MESSAGES: dict[str, Callable[[ErrorDetails], str]] = {
    "missing": lambda err: _("This field is required"),
    "string_type": lambda err: (_("This field is required") if err["input"] is None
                                else _("Enter text")),
    "string_too_short": lambda err: (
        _("This field is required") if err["ctx"]["min_length"] == 1
        else _("Use at least {min_length} characters").format(**err["ctx"])),
    "string_too_long": lambda err: _("Use at most {max_length} characters; this has {length}")
    .format(length=len(err["input"]), **err["ctx"]),
    "literal_error": lambda err: _("Choose one of {expected}").format(**err["ctx"]),
    "model_type": lambda err: _("The form could not be read; fill it in again"),
    "model_attributes_type": lambda err: _("The form could not be read; fill it in again"),
}


def error_messages(exc: ValidationError) -> dict[str, str]:
    """The first message for each field of a ValidationError, translated."""
    messages: dict[str, str] = {}
    for err in exc.errors(include_url=False):
        field = str(err["loc"][0]) if err["loc"] else FORM_WIDE
        if field in messages:
            continue
        if err["type"] in _BUILTIN_MESSAGES:
            messages[field] = _BUILTIN_MESSAGES[err["type"]](err)
        else:
            # Our own ValueErrors already say what is accepted; anything else keeps
            # pydantic's English message, which at least says what it expected.
            messages[field] = err["msg"].removeprefix("Value error, ")
    return messages


Form = TypeVar("Form", bound=BaseModel)


def validate(form_cls: type[Form], values: Mapping[str, Any], *, today: date | None = None
             ) -> Form:
    """Validate raw `values` (field name -> text as typed, None for not given) as a `form_cls`.

    Returns the form with its values in their stored form. Raises InvalidInput with one message
    per field, in screen order (FORM_WIDE last); anything but a mapping is refused outright.
    """
    if not isinstance(values, Mapping):
        raise InvalidInput({FORM_WIDE: _("The form is not the one this action takes.")})
    try:
        return form_cls.model_validate(dict(values), context={"today": today})
    except ValidationError as exc:
        messages = error_messages(exc)
    screen_order = [*form_cls.model_fields, FORM_WIDE]
    errors = {field: messages[field] for field in screen_order if field in messages}
    # Raised outside the except block: the ValidationError holds the raw input (a card
    # number too) and must not travel on as the InvalidInput's context.
    raise InvalidInput(errors)
