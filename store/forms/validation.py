"""validate(): raw values in, a checked form out, or InvalidInput with one message per field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError
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
    per field, in screen order (FORM_WIDE last); anything but a mapping is refused outright. A
    field holding a refused character (store.forms.unsafe) is told so by name, whatever its own
    rule would say (_refused_characters).
    """
    if not isinstance(values, Mapping):
        raise InvalidInput({FORM_WIDE: _("The form is not the one this action takes.")})
    refused = _refused_characters(form_cls, values)  # named first, whatever else is wrong
    try:
        form = form_cls.model_validate(dict(values), context={"today": today})
    except ValidationError as exc:
        messages = error_messages(exc)
    else:
        if not refused:
            return form
        messages = {}
    messages.update(refused)
    screen_order = [*form_cls.model_fields, FORM_WIDE]
    errors = {field: messages[field] for field in screen_order if field in messages}
    # Raised outside the except block: the ValidationError holds the raw input (a card
    # number too) and must not travel on as the InvalidInput's context.
    raise InvalidInput(errors)


def _refused_characters(form_cls: type[BaseModel], values: Mapping[str, Any]) -> dict[str, str]:
    """For each field of the form whose text holds a character every form refuses (a control
    character, a bidi override: store.forms.unsafe), the message naming that character: the
    one rule, in every field, said before the field's own rule (#15 trial: BEL planted in a
    stored VAT number was told "A VAT number has only letters and digits", in a website "has
    no spaces"; a value the person did not type is fixed only once the character is named).
    Line ends are no such character in a free text whose lines are joined (a note, a reason)."""
    from store.forms.text import refused_character_message
    from store.forms.unsafe import first_refused_character

    messages = {}
    for name, info in form_cls.model_fields.items():
        value = values.get(name)
        if not isinstance(value, str) or info.annotation is SecretStr:  # a secret's own rule
            continue  # says what to type (it never echoes it); or not given
        if _joins_lines(form_cls, name):
            value = value.replace("\r", " ").replace("\n", " ")
        char = first_refused_character(value)
        if char is not None:
            messages[name] = refused_character_message(char)
    return messages


def _joins_lines(form_cls: type[BaseModel], name: str) -> bool:
    """Whether field `name` of `form_cls` takes several lines and joins them (LINES_JOINED)."""
    from store.forms.text import LINES_JOINED

    info = form_cls.model_fields.get(name)
    stack: list[Any] = [info.annotation, *info.metadata] if info is not None else []
    while stack:
        item = stack.pop()
        if item is LINES_JOINED:
            return True
        stack.extend(get_args(item))
    return False
