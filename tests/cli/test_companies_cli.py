"""`mycompany companies create|show|list|set-owner|close` (SPEC §11, #18): admin staff create,
change owners and close; staff list and show; closing keeps everything and makes it read-only."""

from __future__ import annotations

import json
import os

import pytest

from store.persistence.db import database, open_database
from store.persistence.models import AuditEvent, Invoice

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"
JONAS = "jonas@nordwind.de"
NORDWIND = 2
CREATE = ("companies", "create", "--name", "Fjord Telecom AS", "--country", "Norway",
          "--plan", "Professional", "--term", "annual_upfront", "--owner-email",
          "ola@fjord.example", "--owner-name", "Ola Nordmann", "--owner-login", "ola",
          "--currency", "EUR")  # NOK has no prices: the currency is chosen (#17)


def trail(company: int | None = None, **where: str) -> list[AuditEvent]:
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        query = AuditEvent.select().order_by(AuditEvent.id)
        if company is not None:
            query = query.where(AuditEvent.company == company)
        for name, value in where.items():
            query = query.where(getattr(AuditEvent, name) == value)
        return list(query)
    finally:
        database.close()


ADMIN_ONLY = [
    ("company.create", CREATE),
    ("company.owner", ("companies", "set-owner", str(NORDWIND), "--email", "petra@nordwind.de",
                       "--name", "Petra", "--reason", "Jonas left")),
    ("company.close", ("companies", "close", str(NORDWIND), "--reason", "customer left")),
]


@pytest.mark.parametrize("who", [SUPPORT, BILLING, JONAS])
@pytest.mark.parametrize("action, argv", ADMIN_ONLY, ids=[c[0] for c in ADMIN_ONLY])
def test_only_admin_staff_create_change_owners_and_close(cli, who, action, argv):
    status, out, err = cli("--as", who, *argv)
    assert (status, out, err) == (3, "", "mycompany: Only admin staff can do this.\n")
    (line,) = trail(action=action, outcome="refused")
    assert line.actor_email == who


@pytest.mark.parametrize("who", [SUPPORT, BILLING, ADMIN])
def test_staff_list_and_show_companies(cli, who):
    status, out, _ = cli("--as", who, "companies", "list", "--json")
    assert status == 0
    assert [c["name"] for c in json.loads(out)] == [
        "Atelier Lumière SARL", "Nordwind Logistik GmbH", "Blue Harbor Inc."]
    status, out, _ = cli("--as", who, "companies", "show", str(NORDWIND))
    assert status == 0
    assert "Owner: Jonas Weber <jonas@nordwind.de> (login jonas)" in out.splitlines()


def test_an_owner_shows_their_own_company_but_lists_none(cli):
    assert cli("--as", JONAS, "companies", "show", str(NORDWIND))[0] == 0
    assert cli("--as", JONAS, "companies", "show", "3")[0] == 3
    assert cli("--as", JONAS, "companies", "list") == (
        3, "", "mycompany: Only the vendor's staff list companies.\n")
    assert trail(action="company.list", outcome="refused")[0].company == NORDWIND


def test_a_created_company_has_its_plan_term_zone_and_owner(cli):
    status, out, err = cli("--as", ADMIN, *CREATE, "--json")
    assert (status, err) == (0, "")
    company = json.loads(out)
    assert company["id"] == 4
    assert {k: company[k] for k in ("plan", "term", "status", "owner_email", "owner_login",
                                    "time_zone", "currency", "locale", "included_users")} == {
        "plan": "professional", "term": "annual_upfront", "status": "subscribed",
        "owner_email": "ola@fjord.example", "owner_login": "ola", "time_zone": "Europe/Oslo",
        "currency": "EUR", "locale": "nb_NO", "included_users": 3}
    # Its owner opens it, and the Plan tab reads the plan and term it was made with.
    status, out, _ = cli("--as", "ola@fjord.example", "show", "plan", "--json")
    assert status == 0
    plan = json.loads(out)
    assert (plan["plan"], plan["term"]) == ("Professional", "annual_upfront")
    lines = trail(4, action="company.create", outcome="done")
    assert [(line.field, line.new_value) for line in lines] == [
        ("name", "Fjord Telecom AS"), ("country", "NO"), ("plan", "Professional"),
        ("term", "annual_upfront"), ("currency", "EUR"), ("owner", "ola@fjord.example")]
    status, out, _ = cli("--as", "ola@fjord.example", "show", "history")
    assert "Company created · Term" in out and "Annual, paid upfront" in out


def test_a_trial_of_n_days_has_today_as_its_first_in_the_companys_zone(cli):
    status, out, _ = cli("--as", ADMIN, "companies", "create", "--name", "Soleil SAS",
                         "--country", "FR", "--plan", "essentials", "--term", "monthly",
                         "--owner-email", "anne@soleil.example", "--owner-name", "Anne",
                         "--trial-days", "14", "--json")
    assert status == 0
    company = json.loads(out)
    assert (company["status"], company["trial_ends_on"], company["next_invoice_on"],
            company["currency"]) == ("trial", "2026-12-10", "2027-01-01", "EUR")  # Nov 27-Dec 10


def test_zero_trial_days_is_no_trial_as_no_option_is(cli):
    """#17 trial: without --trial-days a company has no trial, yet `--trial-days 0` was refused
    ("from 1 to 365"): an operator's 0 is "none"."""
    made = []
    for name, extra in (("Zero SAS", ["--trial-days", "0"]), ("None SAS", [])):
        status, out, err = cli("--as", ADMIN, "companies", "create", "--name", name,
                               "--country", "FR", "--plan", "essentials", "--term", "monthly",
                               "--owner-email", f"anne@{name[:4].lower()}.example",
                               "--owner-name", "Anne", *extra, "--json")
        assert status == 0, err
        company = json.loads(out)
        made.append((company["status"], company["trial_ends_on"], company["next_invoice_on"]))
    assert made[0] == made[1] and made[0][:2] == ("subscribed", None)


@pytest.mark.parametrize("days", ["١٤", "１４", "²", "-3", "14.0"])
def test_trial_days_take_ascii_digits_only(cli, days):
    """Other scripts' digits (str.isdigit() takes them) are refused as one line, not a crash."""
    status, out, err = cli("--as", ADMIN, "companies", "create", "--name", "Soleil SAS",
                           "--country", "FR", "--plan", "essentials", "--term", "monthly",
                           "--owner-email", "anne@soleil.example", "--owner-name", "Anne",
                           "--trial-days", days)
    assert (status, out) == (1, "")
    assert err == "Trial days (--trial-days): Enter a number of days from 0 (no trial) to 365\n"


def test_a_bad_company_form_writes_nothing(cli):
    status, out, err = cli("--as", ADMIN, "companies", "create", "--name", "X", "--country",
                           "Narnia", "--plan", "gold", "--term", "monthly", "--owner-email",
                           "x@x.example", "--owner-name", "X", "--trial-days", "366")
    assert (status, out) == (1, "")
    assert err.splitlines()[0].startswith("Country (--country): Enter a country")
    # every refused option at once (#15 trial), the plan with the others
    assert err.splitlines()[1] == "Plan (--plan): Choose a plan of the catalogue: essentials, " \
                                  "professional"
    assert err.splitlines()[2] == ("Trial days (--trial-days): Enter a number of days from 0 "
                                   "(no trial) to 365")
    status, _, err = cli("--as", ADMIN, "companies", "create", "--name", "X", "--country", "DE",
                         "--plan", "gold", "--term", "monthly", "--owner-email", JONAS,
                         "--owner-name", "X")
    assert status == 1
    assert err.splitlines()[0] == "Plan (--plan): Choose a plan of the catalogue: essentials, " \
                                  "professional"
    assert err.splitlines()[1].startswith("Owner's e-mail (--owner-email): ")
    status, _, err = cli("--as", ADMIN, "companies", "create", "--name", "X", "--country", "DE",
                         "--plan", "essentials", "--term", "monthly", "--owner-email", JONAS,
                         "--owner-name", "X")
    assert (status, err) == (
        1, f"Owner's e-mail (--owner-email): {JONAS} is already a user of company 2.\n")
    assert cli("--as", ADMIN, "companies", "list", "--json")[1].count('"id"') == 3


def test_a_new_owner_takes_over_and_the_former_one_stays_as_admin(cli):
    assert cli("--as", ADMIN, "companies", "set-owner", str(NORDWIND), "--email",
               "petra@nordwind.de", "--name", "Petra Schulz", "--reason", "Jonas left")[0] == 0
    assert cli("--as", "petra@nordwind.de", "show", "general")[0] == 0
    status, _, err = cli("--as", JONAS, "show", "general")
    assert status == 3 and "your role is admin" in err
    (line,) = trail(NORDWIND, action="company.owner")
    assert (line.old_value, line.new_value, line.reason) == (
        JONAS, "petra@nordwind.de", "Jonas left")
    # The new owner receives the invoices; those who did go on (#18 trial: only the old owner).
    status, out, _ = cli("--as", "petra@nordwind.de", "recipients", "list")
    assert status == 0 and {"petra@nordwind.de", JONAS} <= set(out.split())
    assert cli("--as", ADMIN, "companies", "set-owner", str(NORDWIND), "--email",
               "maria@blueharbor.com", "--name", "M", "--reason", "r") == (
        1, "", "E-mail (--email): maria@blueharbor.com is already a user of company 3.\n")
    assert cli("--as", ADMIN, "companies", "set-owner", str(NORDWIND), "--email",
               "petra@nordwind.de", "--name", "M", "--reason", " ")[0] == 1


def test_closing_keeps_invoices_and_trail_and_refuses_later_writes(cli):
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        invoices = Invoice.select().where(Invoice.company == NORDWIND).count()
    finally:
        database.close()
    before = len(trail(NORDWIND))
    assert invoices > 0
    status, out, _ = cli("--as", ADMIN, "companies", "close", str(NORDWIND), "--reason",
                         "customer left")
    assert status == 0
    assert "Status: closed" in out.splitlines()
    status, out, err = cli("--as", JONAS, "set", "general", "--name", "Nordwind neu")
    assert (status, out) == (3, "")
    assert "is closed" in err
    assert cli("--as", BILLING, "--company", "2", "set", "address", "--line1", "Neuer Wall 1",
               "--reason", "moved")[0] == 3
    assert cli("--as", ADMIN, "companies", "close", str(NORDWIND), "--reason", "again")[0] == 3
    # Everything kept: the invoices, the trail (plus the closing and the refusals), readable.
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        assert Invoice.select().where(Invoice.company == NORDWIND).count() == invoices
    finally:
        database.close()
    lines = trail(NORDWIND)
    assert len(lines) >= before + 3
    assert [line.action for line in lines if line.outcome == "refused"][-3:] == [
        "general.save", "address.save", "company.close"]
    assert cli("--as", JONAS, "show", "invoices")[0] == 0
    status, out, _ = cli("--as", SUPPORT, "companies", "list")
    assert "closed" in out.splitlines()[2]
    status, out, _ = cli("--as", JONAS, "show", "plan")
    assert "Next invoice: —   Contract renewal: —" in out


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_company_created_with_its_billing_address_is_billed_by_the_next_run(cli):
    """Onboarding without SQL (#18): a company created without a billing address was skipped
    by the billing run ("no billing address yet") until someone typed one in its screens."""
    status, out, err = cli("--as", ADMIN, "companies", "create", "--name", "Kestrel Freight Ltd",
                           "--country", "GB", "--currency", "EUR", "--plan", "essentials",
                           "--term", "monthly",
                           "--owner-email", "ana@kestrel.example", "--owner-name", "Ana Kowalski",
                           "--line1", "10 Downing Street", "--city", "London", "--postal-code",
                           "SW1A 2AA", "--json")
    assert status == 0, err
    company = json.loads(out)["id"]
    status, out, _ = cli("--as", "billing@mycompany.example", "invoices", "issue", "--period",
                         "2026-12", "--company", str(company))
    assert status == 0 and "1 invoice issued for 2026-12." in out
    status, _, err = cli("--as", ADMIN, "companies", "create", "--name", "Bad Address SAS",
                         "--country", "FR", "--plan", "essentials", "--term", "monthly",
                         "--owner-email", "b@bad.example", "--owner-name", "B", "--line1",
                         "1 rue de Rivoli", "--city", "Paris", "--postal-code", "123")
    assert status == 1 and err.startswith("Postal code (--postal-code): ")
    _, out, _ = cli("--as", ADMIN, "companies", "list", "--json")
    assert "Bad Address SAS" not in out  # nothing made when the address is refused
