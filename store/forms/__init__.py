"""Every form of the program: its fields defined once, and the checks a change goes through.

This package's own names are the Pydantic-free ones (fields.py), so that a screen draws a form
without loading the validation machinery. The checks load when a change is sent:

- fields.py      label, help, maximum length, order, who may change it, the R16 lock
- unsafe.py      the one rule about characters that never reach a screen raw
- cards.py       card brands and numbers, how a payment method is named (R14)
- text.py        blank is "not given", unsafe characters refused, lengths, websites
- places.py      countries, VAT numbers, US states, postal codes (R15)
- schemas.py     the Pydantic schema of each form
- validation.py  validate(): raw values in, a checked form or InvalidInput out
"""

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
    Values,
    company_field,
    field_label,
)

__all__ = [
    "ADDRESS",
    "CARD",
    "CHANGE_REQUEST",
    "FORMS",
    "GENERAL",
    "LOCKED_AFTER_TRIAL",
    "REASON",
    "RECIPIENT",
    "STAFF",
    "Field",
    "FormSpec",
    "Values",
    "company_field",
    "field_label",
]
