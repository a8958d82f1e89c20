"""The Pydantic schema of every form (field order = screen order), lengths from fields.py."""

from __future__ import annotations

import re
from typing import Annotated, Any, cast

from pydantic import (
    BeforeValidator,
    ConfigDict,
    ModelWrapValidatorHandler,
    SecretStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from store import clock
from store.forms.cards import card_brand, card_number
from store.forms.email_address import one_email_address
from store.forms.fields import (
    ADDRESS,
    CARD,
    CHANGE_REQUEST,
    GENERAL,
    REASON,
    RECIPIENT,
    STAFF,
    Secret,
)
from store.forms.places import (
    CountryCode,
    Place,
    PostalCode,
    StateName,
    VatNumber,
    check_vat_number,
)
from store.forms.text import BLANK_IS_NONE, LINES_JOINED, NO_CONTROL, Website, trimmed
from store.forms.validation import LazyModel
from store.i18n import _


def _secret_text(value: Any) -> Any:
    """A secret field (the card number, the security code) trimmed and required; the messages
    never repeat what was typed. No length check of its own: the card's rules say how long."""
    if isinstance(value, SecretStr | Secret):
        value = value.get_secret_value()
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise ValueError(_("This field is required"))
    return value


def _card_number(value: Any) -> Any:
    value = _secret_text(value)
    return card_number(value) if isinstance(value, str) else value


class GeneralForm(LazyModel):
    """General tab: company name and website (R3)."""

    name: Annotated[str, trimmed(GENERAL["name"]), NO_CONTROL]
    website: Annotated[Website | None, BLANK_IS_NONE] = None


class AddressForm(LazyModel):
    """Billing address (R15); state, country and VAT number are locked after the trial (R16)."""

    line1: Annotated[str, trimmed(ADDRESS["line1"]), NO_CONTROL]
    line2: Annotated[Annotated[str, trimmed(ADDRESS["line2"]), NO_CONTROL] | None,
                     BLANK_IS_NONE] = None
    postal_code: Annotated[PostalCode | None, BLANK_IS_NONE] = None
    city: Annotated[str, trimmed(ADDRESS["city"]), NO_CONTROL]
    state: Annotated[StateName | None, BLANK_IS_NONE] = None
    country: CountryCode
    vat_number: Annotated[VatNumber | None, BLANK_IS_NONE] = None

    @field_validator("vat_number")
    @classmethod
    def _vat_number_for_country(cls, number: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if number is None or country is None:
            return number
        checked = check_vat_number(number, country)
        postal_code = str(info.data.get("postal_code") or "")
        if checked.startswith("XI") and postal_code and not postal_code.upper().startswith("BT"):
            # XI is Northern Ireland's prefix (the Windsor Framework), whose postcodes are BT.
            raise ValueError(_("An XI VAT number is for Northern Ireland, whose postcodes start "
                               "with BT; for this address enter it with GB"))
        return checked

    @model_validator(mode="wrap")
    @classmethod
    def _check_place(cls, data: Any, handler: ModelWrapValidatorHandler[AddressForm]) -> Any:
        place_fields = set(Place.model_fields)
        try:
            form = handler(data)
        except ValidationError as exc:
            # Still check postal code and state against the country, so that every
            # field's error shows at once rather than one round after another.
            failed = {err["loc"][0] for err in exc.errors() if err["loc"]}
            if not isinstance(data, dict) or failed & place_fields:
                raise
            try:
                Place.model_validate(data)
            except ValidationError as place_exc:
                # Both lists' entries are what from_exception_data takes (InitErrorDetails has
                # the same keys; pydantic's types tell them apart only by name).
                details = cast(list[InitErrorDetails], [*exc.errors(), *place_exc.errors()])
                raise ValidationError.from_exception_data(cls.__name__, details) from None
            raise
        place = Place.model_validate(form.model_dump(include=place_fields))
        form.postal_code, form.state = place.postal_code, place.state
        return form


class RecipientForm(LazyModel):
    """One invoice e-mail recipient (R13)."""

    email: Annotated[str, trimmed(RECIPIENT["email"])]

    @field_validator("email")
    @classmethod
    def _one_address(cls, value: str) -> str:
        return one_email_address(value, several=_(
            "Enter one e-mail address, like billing@example.com; add each recipient separately"))


class StaffForm(LazyModel):
    """A member of the vendor's staff: e-mail and name (`mycompany init`)."""

    email: Annotated[str, trimmed(STAFF["email"])]
    name: Annotated[str, trimmed(STAFF["name"]), NO_CONTROL]

    @field_validator("email")
    @classmethod
    def _one_address(cls, value: str) -> str:
        return one_email_address(value)


class CardForm(LazyModel):
    """A new payment card (R14): only its token, brand, last four digits and expiry are kept."""

    model_config = ConfigDict(hide_input_in_errors=True)

    # Number, expiry and security code have no length constraint: their own rules say what to
    # type ("Enter the expiry date as MM/YY"), and fields.py's lengths are what those rules allow.
    number: Annotated[SecretStr, BeforeValidator(_card_number)]
    expiry: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    security_code: Annotated[SecretStr, BeforeValidator(_secret_text)]
    holder: Annotated[str, trimmed(CARD["holder"]), NO_CONTROL]

    @field_validator("expiry")
    @classmethod
    def _not_expired(cls, value: str, info: ValidationInfo) -> str:
        # As payment forms take it: 08/29, 8/2029, or the digits alone, 0829 or 082029.
        match = (re.fullmatch(r"([0-9]{1,2})\s*[/ ]\s*([0-9]{2}|20[0-9]{2})", value)
                 or re.fullmatch(r"([0-9]{2})([0-9]{2}|20[0-9]{2})", value))
        if match is None:
            raise ValueError(_("Enter the expiry date as MM/YY, like 08/29"))
        month, year = int(match[1]), 2000 + int(match[2][-2:])
        if not 1 <= month <= 12:
            raise ValueError(_("The month is 01 to 12; enter the expiry date as MM/YY, "
                               "like 08/29"))
        today = (info.context or {}).get("today") or clock.today()  # set_card: the company's day
        if (year, month) < (today.year, today.month):
            raise ValueError(_("This card expired at the end of {expiry}; "
                               "enter a card that is still valid")
                             .format(expiry=f"{month:02d}/{year % 100:02d}"))
        return f"{month:02d}/{year % 100:02d}"

    @field_validator("security_code")
    @classmethod
    def _code_for_brand(cls, code: SecretStr, info: ValidationInfo) -> SecretStr:
        number = info.data.get("number")
        brand = card_brand(number.get_secret_value()) if number else None
        digits = code.get_secret_value()
        if brand == "amex" and not re.fullmatch(r"[0-9]{4}", digits):
            raise ValueError(_("Enter the 4-digit security code printed on the front "
                               "of the card"))
        if brand and brand != "amex" and not re.fullmatch(r"[0-9]{3}", digits):
            raise ValueError(_("Enter the 3-digit security code printed on the back "
                               "of the card"))
        if not re.fullmatch(r"[0-9]{3,4}", digits):
            raise ValueError(_("Enter the card's 3- or 4-digit security code"))
        return code

    @property
    def brand(self) -> str:
        """visa, mastercard, amex or discover."""
        return card_brand(self.number.get_secret_value()) or ""

    @property
    def last4(self) -> str:
        return self.number.get_secret_value()[-4:]

    @property
    def exp_month(self) -> int:
        return int(self.expiry[:2])

    @property
    def exp_year(self) -> int:
        return 2000 + int(self.expiry[3:])


class ChangeRequestForm(AddressForm):
    """An owner's request to the billing team: the address asked for, checked as one address
    (R15), and a note (R16, SPEC §5)."""

    # Free texts: lines sent are joined into one (LINES_JOINED), as a paste into the dialog is.
    # (last: a BeforeValidator wraps what precedes it, the length's own message kept)
    note: Annotated[Annotated[str, trimmed(CHANGE_REQUEST["note"]), NO_CONTROL, LINES_JOINED]
                    | None, BLANK_IS_NONE] = None
    documents: Annotated[Annotated[str, trimmed(CHANGE_REQUEST["documents"]), NO_CONTROL,
                                   LINES_JOINED] | None, BLANK_IS_NONE] = None


class ReasonForm(LazyModel):
    """The mandatory reason a billing-team member gives for changing a locked field."""

    reason: Annotated[str, trimmed(REASON["reason"]), NO_CONTROL, LINES_JOINED]
    ticket: Annotated[Annotated[str, trimmed(REASON["ticket"]), NO_CONTROL] | None,
                      BLANK_IS_NONE] = None



