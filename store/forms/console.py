"""The vendor's console forms (SPEC §11): a staff account, a new company and its owner.

Fields as every surface names them (label, maximum length, the command line's option), and their
Pydantic schemas, built from the same rules as the other forms: e-mail addresses by
`one_email_address`, names by `trimmed` and NO_CONTROL, the country by CountryCode (names, ISO
codes), the company name as the General tab takes it (GENERAL["name"]).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, field_validator

from store.forms.email_address import one_email_address
from store.forms.fields import GENERAL, REASON, Field, FormSpec
from store.forms.places import CountryCode
from store.forms.text import (
    BLANK_IS_NONE,
    LINES_JOINED,
    NO_CONTROL,
    blank_or,
    trimmed,
    whole_number,
)
from store.forms.validation import LazyModel
from store.i18n import N_, _
from store.plans.terms import TERMS

STAFF_ROLES = ("support", "billing", "admin")
MAX_TRIAL_DAYS = 365
# A login as operating systems write them (POSIX's portable user names, and the dot).
_LOGIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,63}")

STAFF_ACCOUNT = FormSpec(name="staff_account", fields=(
    Field(name="email", label_id=N_("E-mail"), max_length=254, required=True, option="EMAIL"),
    Field(name="name", label_id=N_("Name"), max_length=100, required=True, option="--name"),
    Field(name="role", label_id=N_("Role"), max_length=16, required=True, option="--role"),
    Field(name="login", label_id=N_("Login"), max_length=64, option="--login",
          help_id=N_("the operating-system login this person signs in with")),
))

NEW_COMPANY = FormSpec(name="new_company", fields=(
    GENERAL["name"],
    Field(name="country", label_id=N_("Country"), max_length=60, required=True,
          option="--country", help_id=N_("Name or ISO code, like France, FR, Germany or DE")),
    Field(name="plan", label_id=N_("Plan"), max_length=64, required=True, option="--plan"),
    Field(name="term", label_id=N_("Term"), max_length=16, required=True, option="--term"),
    Field(name="owner_email", label_id=N_("Owner's e-mail"), max_length=254, required=True,
          option="--owner-email"),
    Field(name="owner_name", label_id=N_("Owner's name"), max_length=100, required=True,
          option="--owner-name"),
    Field(name="owner_login", label_id=N_("Owner's login"), max_length=64,
          option="--owner-login"),
    Field(name="trial_days", label_id=N_("Trial days"), max_length=3, option="--trial-days",
          help_id=N_("optional: the trial's days, the day it is created the first; 0 or "
                     "empty: no trial")),
    Field(name="currency", label_id=N_("Currency"), max_length=3, option="--currency",
          help_id=N_("optional: EUR or USD; empty: the country's")),
))

NEW_OWNER = FormSpec(name="new_owner", fields=(
    Field(name="email", label_id=N_("E-mail"), max_length=254, required=True, option="--email"),
    Field(name="name", label_id=N_("Name"), max_length=100, required=True, option="--name",
          help_id=N_("their full name; a user of the company already is renamed to it")),
    Field(name="login", label_id=N_("Login"), max_length=64, option="--login"),
    REASON["reason"],
))

# The most user licences or numbers a plan includes: far beyond any customer, far below what
# makes an amount nobody can pay or the database cannot keep (#18 trial: `--users
# 9223372036854775807` made a Plan of $368,934,881,474,191,032,325.00 and stopped the billing run).
MAX_COUNT = 100_000

PLAN_CHANGE = FormSpec(name="plan_change", fields=(
    Field(name="users", label_id=N_("User licences"), max_length=len(str(MAX_COUNT)),
          option="--users"),
    Field(name="numbers", label_id=N_("Numbers included"), max_length=len(str(MAX_COUNT)),
          option="--numbers"),
))

CONSOLE_FORMS = (STAFF_ACCOUNT, NEW_COMPANY, NEW_OWNER, PLAN_CHANGE)


def plan_count(value: object) -> int:
    """A number of licences or numbers a plan includes (PLAN_CHANGE's fields): a whole number of
    ASCII digits from 0 to MAX_COUNT; ValueError saying so otherwise (a sign, "4.0", "٤",
    9223372036854775807)."""
    from babel.numbers import format_decimal

    from store.i18n import current_locale

    refusal = _("Enter a whole number from 0 to {most}").format(
        most=format_decimal(MAX_COUNT, locale=current_locale()))
    number = whole_number(str(value).strip(), refusal)
    if number > MAX_COUNT:
        raise ValueError(refusal)
    return number


def _login(value: str | None) -> str | None:
    if value is not None and not _LOGIN.fullmatch(value):
        raise ValueError(_("Enter a login as the operating system writes it: letters, digits, "
                           "'.', '_' and '-', at most 64, like jdupont"))
    return value


Login = Annotated[Annotated[str, trimmed(STAFF_ACCOUNT["login"]), AfterValidator(_login)] | None,
                  BLANK_IS_NONE]
Email = Annotated[str, trimmed(STAFF_ACCOUNT["email"]), AfterValidator(one_email_address)]
PersonName = Annotated[str, trimmed(STAFF_ACCOUNT["name"]), NO_CONTROL]


class StaffAccountForm(LazyModel):
    """A member of the vendor's staff (`staff add`): e-mail, name, role and login."""

    email: Email
    name: PersonName
    role: str
    login: Login = None


    @field_validator("role")
    @classmethod
    def _known_role(cls, value: str) -> str:
        return staff_role(value)


def staff_role(value: str) -> str:
    """A staff role (support, billing, admin), case aside; ValueError naming them otherwise."""
    role = (value or "").strip().lower()
    if role not in STAFF_ROLES:
        raise ValueError(_("Choose one of support, billing or admin"))
    return role


def _whole_days(text: str) -> int:
    return whole_number(text, _trial_refused())


def _trial_refused() -> str:
    return _("Enter a number of days from 0 (no trial) to {most}").format(most=MAX_TRIAL_DAYS)


class NewCompanyForm(LazyModel):
    """A new customer company (`companies create`): its name and country, plan and term, its
    owner, and an optional trial. The plan is checked against the catalogue by the service."""

    name: Annotated[str, trimmed(GENERAL["name"]), NO_CONTROL]
    country: CountryCode
    plan: Annotated[str, trimmed(NEW_COMPANY["plan"]), NO_CONTROL]
    term: str
    owner_email: Annotated[str, trimmed(NEW_COMPANY["owner_email"]),
                           AfterValidator(one_email_address)]
    owner_name: Annotated[str, trimmed(NEW_COMPANY["owner_name"]), NO_CONTROL]
    owner_login: Login = None
    trial_days: Annotated[int | None, blank_or(_whole_days)] = None
    # checked by store.profile.companies (#17)
    currency: Annotated[str | None, BLANK_IS_NONE] = None

    @field_validator("term", mode="before")
    @classmethod
    def _known_term(cls, value: Any) -> str:
        term = str(value or "").strip().lower()
        if term not in TERMS:
            raise ValueError(_("Choose one of monthly, annual_monthly or annual_upfront"))
        return term

    @field_validator("trial_days")
    @classmethod
    def _trial_length(cls, value: int | None) -> int | None:
        """0 days is no trial, as no --trial-days is (#17 trial: `--trial-days 0` was refused
        "from 1 to 365" where leaving it out gave no trial)."""
        if value is not None and not 0 <= value <= MAX_TRIAL_DAYS:
            raise ValueError(_trial_refused())
        return value or None


class NewOwnerForm(LazyModel):
    """A company's new owner (`companies set-owner`), with the reason for the change."""

    email: Email
    name: PersonName
    login: Login = None
    reason: Annotated[str, trimmed(REASON["reason"]), NO_CONTROL, LINES_JOINED]



class CloseForm(LazyModel):
    """Why a company is closed (`companies close`): a reason, as the billing team gives one."""

    reason: Annotated[str, trimmed(REASON["reason"]), NO_CONTROL, LINES_JOINED]
