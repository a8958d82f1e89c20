"""What a new company is checked against before store.profile.companies.create_company makes it
(SPEC §11): its form (store.forms.console.NewCompanyForm), its plan in the catalogue, its currency
(currency_of: never a silent EUR, #17), its billing address or region, and an owner who is no one
else yet. checked_new_company says every refused field at once (#15 trial: `companies create`
with a bad country, plan and e-mail said only the first two, the plan once they were fixed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from peewee import fn

from store.errors import FORM_WIDE, InvalidInput
from store.i18n import _
from store.people.staff import check_new_person
from store.persistence.models import Plan

if TYPE_CHECKING:
    from collections.abc import Callable

    from store.forms.console import NewCompanyForm
    from store.forms.fields import Values


@dataclass(frozen=True, slots=True)
class NewCompany:
    """A new company's checked values: its form, its plan's row, its currency (ISO 4217), its
    billing address (the columns of BillingAddress, or None) and region (or None)."""

    form: NewCompanyForm
    plan: Plan
    currency: str
    address: dict[str, object] | None
    region: str | None


def checked_new_company(values: Values) -> NewCompany:
    """`values` (create_company's) checked in full; InvalidInput with every refused field at
    once, one message each, in the form's order then the address's: a field the form refuses
    is not checked further, and the checks that need a field (the currency and address need
    the country; the owner's being no one else the e-mail and login) are made whenever that
    field is good. Reads the database (plans, prices, people): call it in the transaction that
    writes the company."""
    from store.forms.console import NewCompanyForm
    from store.forms.fields import ADDRESS
    from store.forms.validation import validate

    errors: dict[str, str] = {}

    def check(step: Callable[[], Any]) -> Any:
        try:
            return step()
        except InvalidInput as exc:
            for name, message in exc.errors.items():
                errors.setdefault(name, message)
            return None

    form = check(lambda: validate(NewCompanyForm, values))

    def good(name: str) -> Any:
        """The field's value as the form takes it, None when it is refused or left out."""
        if name in errors:
            return None
        return getattr(form, name) if form is not None else _field_alone(name, values.get(name))

    plan = check(lambda: plan_named(str(values.get("plan") or ""))) \
        if "plan" not in errors else None
    country = good("country")
    currency = check(lambda: currency_of(country, good("currency"))) if country else None
    address, region = (check(lambda: new_address(values, country)) or (None, None)) \
        if country else (None, None)
    email, login = good("owner_email"), good("owner_login")
    if email is not None or login is not None:
        check(lambda: check_new_person(email, login, email_field="owner_email",
                                       login_field="owner_login"))
    if errors or form is None or plan is None or currency is None:
        order = [*NewCompanyForm.model_fields, *ADDRESS.names, FORM_WIDE]
        raise InvalidInput(dict(sorted(errors.items(), key=lambda item: order.index(item[0])
                                       if item[0] in order else len(order))))
    return NewCompany(form, plan, currency, address, region)


def _field_alone(name: str, raw: object) -> Any:
    """NewCompanyForm's field `name` checked alone (its type and constraints), None when it is
    refused or blank: the good fields of a form refused elsewhere."""
    from pydantic import TypeAdapter, ValidationError

    from store.forms.console import NewCompanyForm

    info = NewCompanyForm.model_fields[name]
    try:
        return TypeAdapter(info.rebuild_annotation()).validate_python(raw)
    except (ValidationError, ValueError):
        return None


def plan_named(text: str) -> Plan:
    """The catalogue's plan named `text` by its code or its name, case aside; InvalidInput."""
    wanted = text.strip().lower()
    plan = Plan.get_or_none((fn.LOWER(Plan.code) == wanted) | (fn.LOWER(Plan.name) == wanted))
    if plan is None:
        codes = ", ".join(p.code for p in Plan.select(Plan.code).order_by(Plan.code))
        raise InvalidInput({"plan": _("Choose a plan of the catalogue: {plans}").format(
            plans=codes)})
    return plan


def priced_currencies() -> list[str]:
    """The currencies the price catalogue has prices in (store.plans.catalogue, store.plans.prices),
    sorted: ["EUR", "USD"]."""
    from store.persistence.models import Price

    return sorted({str(row.currency) for row in Price.select(Price.currency).distinct()})


def currency_of(country: str, chosen: str | None = None) -> str:
    """The currency a company of `country` is invoiced in, decided once when it is created
    (#17: never a silent EUR): `chosen` (an ISO 4217 code, case aside) when the catalogue has
    prices in it, else the country's own currency (CLDR's tender currencies) when the catalogue
    prices it. InvalidInput on "currency" otherwise, naming the currencies the catalogue has:
    a Canadian company is refused until --currency says which (CAD has no prices)."""
    from babel.numbers import get_territory_currencies

    from store.i18n import country_name

    priced = priced_currencies()
    listed = ", ".join(priced)
    if chosen is not None:
        code = chosen.strip().upper()
        if code not in priced:
            raise InvalidInput({"currency": _(
                "The catalogue has no prices in {currency}: choose one of {currencies}.").format(
                currency=code, currencies=listed)})
        return code
    own = get_territory_currencies(country, tender=True)
    found = next((c for c in own if c in priced), None)
    if found is None:
        raise InvalidInput({"currency": _(
            "Country {country}: the catalogue has no prices in its currency, {currency}; "
            "choose one of {currencies}.").format(
            currency=own[0] if own else "?", country=country_name(country),
            currencies=listed)})
    return found


def locale_of(country: str) -> str:
    """The locale of the country's most likely language (CLDR: DE -> de_DE), "en" if none."""
    from babel import Locale, UnknownLocaleError

    try:
        likely = Locale.parse(f"und_{country}")
    except (UnknownLocaleError, ValueError):
        return "en"
    return f"{likely.language}_{likely.territory or country}"


def first_of_next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def new_address(values: Values, country: str) -> tuple[dict[str, object] | None, str | None]:
    """(the billing address typed with a new company, checked as Billing checks one, InvalidInput
    per field; its region). A region typed alone (`--country CA --state ON`) is checked alone
    (store.forms.places.region_alone): no address, the region deciding the zone (#18 trial:
    refused for want of a street). (None, None) when neither."""
    from store.forms.fields import ADDRESS
    from store.forms.places import region_alone
    from store.forms.schemas import AddressForm
    from store.forms.validation import validate

    typed = {name: values.get(name) for name in ADDRESS.names if name != "country"}
    if not any(str(value or "").strip() for name, value in typed.items() if name != "state"):
        if not str(typed.get("state") or "").strip():
            return None, None
        try:
            return None, region_alone(country, str(typed["state"]))
        except ValueError as error:
            raise InvalidInput({"state": str(error)}) from None
    form = validate(AddressForm, {**typed, "country": country})
    return form.model_dump(include=set(ADDRESS.names)), form.state
