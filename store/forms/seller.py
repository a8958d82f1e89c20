"""The seller's settings form (SPEC §5 Tax, §11): its fields, defined once, and its schema.

The address is a billing address's (R15: the same fields, the same checks of region, postal code
and VAT number for the country, store.forms.schemas.AddressForm); the seller adds its legal name,
registration, legal mentions, default payment terms and bank account (IBAN and BIC, checked by
python-stdnum and kept compact: ISO 13616, ISO 9362), and two rules of its own: a VAT number
is required (an EU invoice prints the seller's, Art. 226(3) of Directive 2006/112/EC) and the
country is an EU member state (store.invoicing.tax applies the EU's rules).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, field_validator

from store.forms.fields import ADDRESS, Field, FormSpec
from store.forms.places import VatNumber
from store.forms.schemas import AddressForm
from store.forms.text import BLANK_IS_NONE, NO_CONTROL, trimmed
from store.i18n import N_, _

MAX_PAYMENT_TERMS_DAYS = 365

SELLER = FormSpec(name="seller", fields=(
    Field(name="legal_name", label_id=N_("Legal name"), max_length=200, required=True,
          changed_by="billing_team", option="--legal-name"),
    *(Field(name=f.name, label_id=f.label_id, max_length=f.max_length, help_id=f.help_id,
            required=f.required or f.name == "vat_number", changed_by="billing_team",
            option=f.option) for f in ADDRESS.fields),
    Field(name="registration", label_id=N_("Registration"), max_length=200,
          help_id=N_("Where the company is registered and its number, like RCS Paris "
                     "123 456 782"), changed_by="billing_team", option="--registration"),
    Field(name="legal_mentions", label_id=N_("Legal mentions"), max_length=1000,
          help_id=N_("Printed on every invoice, like the share capital and the late-payment "
                     "penalties"), changed_by="billing_team", option="--legal-mentions"),
    Field(name="payment_terms_days", label_id=N_("Payment terms (days)"), max_length=3,
          help_id=N_("Days from the invoice's date to its due date; 0: due on issue"),
          changed_by="billing_team", option="--payment-terms"),
    # 34 characters, and the spaces of groups of four as people copy it from a bank statement.
    Field(name="iban", label_id=N_("IBAN"), max_length=42,
          help_id=N_("The account customers pay transfers into, printed on every invoice, like "
                     "FR76 3000 6000 0112 3456 7890 189"),
          changed_by="billing_team", option="--iban"),
    Field(name="bic", label_id=N_("BIC"), max_length=14,
          help_id=N_("The bank's identifier for transfers from abroad, like BNPAFRPP"),
          changed_by="billing_team", option="--bic"),
))


def _days(value: Any) -> Any:
    """Whole days, 0 to MAX_PAYMENT_TERMS_DAYS; not given is 0 (due on issue)."""
    text = "" if value is None else str(value).strip()
    if not text:
        return 0
    if not re.fullmatch(r"[0-9]{1,3}", text) or int(text) > MAX_PAYMENT_TERMS_DAYS:
        raise ValueError(_("Enter the payment terms as a number of days from 0 to {most} "
                           "(0: due on issue)").format(most=MAX_PAYMENT_TERMS_DAYS))
    return int(text)


def _iban(value: Any) -> Any:
    """An IBAN as stdnum.iban checks it (ISO 13616: its country's length and format, the check
    digits), kept compact and upper-case; blank is None (not set)."""
    from stdnum import iban
    from stdnum.exceptions import InvalidChecksum, ValidationError

    if value is None or not str(value).strip():
        return None
    typed = iban.compact(str(value))
    try:
        return iban.validate(typed)
    except InvalidChecksum:
        pass
    except ValidationError:
        raise ValueError(_not_an_iban()) from None
    # stdnum checks the check digits first: a number too short for its country is said so,
    # not as a typo in the check digits.
    try:
        iban.validate(typed[:2] + iban.calc_check_digits(typed) + typed[4:])
    except ValidationError:
        raise ValueError(_not_an_iban()) from None
    raise ValueError(_("This IBAN's check digits do not match the account: copy it again from "
                       "the bank's statement"))


def _not_an_iban() -> str:
    """The message for what is not an IBAN, in the reader's language."""
    return _("Enter an IBAN: its country, 2 check digits and the account, like "
             "FR76 3000 6000 0112 3456 7890 189")


def _bic(value: Any) -> Any:
    """A BIC as stdnum.bic checks it (ISO 9362: 8 or 11 characters, a known country), kept
    compact and upper-case; blank is None (not set)."""
    from stdnum import bic
    from stdnum.exceptions import ValidationError

    if value is None or not str(value).strip():
        return None
    try:
        return bic.validate(str(value))
    except ValidationError:
        raise ValueError(_("Enter a BIC of 8 or 11 letters and digits: the bank, its country "
                           "and place, like BNPAFRPP")) from None


class SellerForm(AddressForm):
    """The seller's settings: a billing address's fields and rules, then its own."""

    vat_number: VatNumber  # required: overrides AddressForm's optional one, same checks
    legal_name: Annotated[str, trimmed(SELLER["legal_name"]), NO_CONTROL]
    registration: Annotated[Annotated[str, trimmed(SELLER["registration"]), NO_CONTROL] | None,
                            BLANK_IS_NONE] = None
    legal_mentions: Annotated[Annotated[str, trimmed(SELLER["legal_mentions"]), NO_CONTROL]
                              | None, BLANK_IS_NONE] = None
    payment_terms_days: Annotated[int, BeforeValidator(_days)] = 0
    iban: Annotated[str | None, BeforeValidator(_iban)] = None
    bic: Annotated[str | None, BeforeValidator(_bic)] = None

    @field_validator("country")
    @classmethod
    def _in_the_eu(cls, country: str) -> str:
        from store.invoicing.tax import member_states

        if country not in member_states():
            raise ValueError(_("Enter a country of the European Union: the invoices' VAT "
                               "follows the EU's rules"))
        return country
