"""`companies create` says every refused option at once, one line each, exit 1 (#15 trial: a
bad country, plan and e-mail were said one or two at a time, the plan only once the others were
right). store.profile.new_company.checked_new_company is the one place: the form, the plan, the
currency, the address and the owner's being no one else, each checked whenever what it needs is
good."""

from __future__ import annotations

import pytest

import store.profile.companies
from store.errors import InvalidInput
from store.people.access import resolve_actor

ADMIN = ("--as", "admin@mycompany.example")
GOOD = {"--name": "Neu GmbH", "--country": "DE", "--plan": "essentials", "--term": "monthly",
        "--owner-email": "neu@neu.example", "--owner-name": "Nina Neu"}


def _argv(**bad: str) -> list[str]:
    options = {**GOOD, **{"--" + name.replace("_", "-"): value for name, value in bad.items()}}
    return [*ADMIN, "companies", "create", *(part for pair in options.items() for part in pair)]


def test_a_bad_country_plan_and_email_are_said_at_once(cli):
    status, out, err = cli(*_argv(country="ZZ", plan="nosuch", owner_email="bad"))
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Country (--country)", "Plan (--plan)", "Owner's e-mail (--owner-email)"]
    assert "essentials, professional" in lines[1]


def test_checks_that_need_a_good_field_are_made_with_the_others(cli):
    # the country is good: its postal code is checked; the e-mail is good: its owner too
    status, _out, err = cli(*_argv(name="", plan="nosuch", owner_email="jonas@nordwind.de",
                                   trial_days="999"), "--line1", "Hauptstr. 1",
                            "--postal-code", "1", "--city", "Berlin")
    assert status == 1
    assert [line.split(":")[0] for line in err.splitlines()] == [
        "Company name (--name)", "Plan (--plan)", "Owner's e-mail (--owner-email)",
        "Trial days (--trial-days)", "Postal code (--postal-code)"]
    assert "already a user of company 2" in err


def test_nothing_is_made_and_a_good_one_still_is(cli):
    assert cli(*_argv(plan="nosuch", owner_email="bad"))[0] == 1
    status, out, err = cli(*_argv(), "--json")
    assert status == 0, err
    assert '"id": 4' in out


@pytest.fixture
def admin(cli):
    return resolve_actor("admin@mycompany.example")


def test_the_service_raises_every_field(cli, admin):
    with pytest.raises(InvalidInput) as refused:
        store.profile.companies.create_company(admin, {
            "name": "X", "country": "Atlantis", "plan": "gold", "term": "monthly",
            "owner_email": "nope", "owner_name": "Y", "owner_login": "jonas"})
    assert list(refused.value.errors) == ["country", "plan", "owner_email", "owner_login"]
