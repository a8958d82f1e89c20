"""`mycompany plans change|list|cancel|trial` (SPEC §11, #18): the billing team changes a plan
from a month and ends trials; support and owners are refused (exit 3) and the refusal recorded;
the Plan tab's `show plan` says what is scheduled."""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest

from store.persistence.db import database, open_database
from store.persistence.models import AuditEvent

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"
JONAS = "jonas@nordwind.de"
MARIA = "maria@blueharbor.com"
BLUE = "3"
CHANGE = ("plans", "change", "--company", BLUE, "--from", "2026-12", "--plan", "professional",
          "--users", "8", "--add", "analytics_plus", "--reason", "Upgrade by phone",
          "--ticket", "SUP-7")


def trail(**where: str) -> list[AuditEvent]:
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        query = AuditEvent.select().order_by(AuditEvent.id)
        for name, value in where.items():
            query = query.where(getattr(AuditEvent, name) == value)
        return list(query)
    finally:
        database.close()


@pytest.mark.parametrize("who", [BILLING, ADMIN])
def test_the_billing_team_schedules_a_change_and_show_plan_says_it(cli, who):
    status, out, err = cli("--as", who, *CHANGE)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"Plan change 1 of company {BLUE} scheduled.",
        "#1 scheduled  From Dec 1, 2026: plan Professional; 8 user licences; adds Analytics+"]
    status, out, _ = cli("--as", MARIA, "show", "plan")
    assert status == 0
    assert "From Dec 1, 2026: plan Professional; 8 user licences; adds Analytics+" in out
    status, out, _ = cli("--as", SUPPORT, "plans", "list", "--company", BLUE, "--json")
    [change] = json.loads(out)
    assert (change["effective_from"], change["plan_code"], change["included_users"],
            change["add"], change["status"]) == ("2026-12-01", "professional", 8,
                                                 ["analytics_plus"], "scheduled")
    lines = trail(action="plan.change")
    assert [(e.field, e.new_value) for e in lines] == [
        ("effective_from", "2026-12-01"), ("plan", "Professional"), ("included_users", "8"),
        ("products_added", "analytics_plus")]
    assert {(e.actor_email, e.reason, e.ticket) for e in lines} == {
        (who, "Upgrade by phone", "SUP-7")}


@pytest.mark.parametrize("who", [SUPPORT, MARIA, JONAS])
@pytest.mark.parametrize(("action", "argv"), [
    ("plan.change", CHANGE),
    ("plan.change.cancel", ("plans", "cancel", "--company", BLUE, "1", "--reason", "no")),
    ("plan.trial", ("plans", "trial", "--company", "1", "--now", "--reason", "signed")),
], ids=["change", "cancel", "trial"])
def test_support_and_owners_are_refused_and_recorded(cli, who, action, argv):
    status, out, err = cli("--as", who, *argv)
    assert (status, out) == (3, "")
    assert err.startswith("mycompany: ")
    [line] = trail(action=action, outcome="refused")
    assert line.actor_email == who


def test_a_month_invoiced_or_a_bad_value_is_named_by_its_option(cli):
    status, out, err = cli("--as", BILLING, "plans", "change", "--company", "2", "--from",
                           "2026-11", "--users", "50", "--reason", "more people")
    assert (status, out, err) == (
        1, "", "--from: 2026-11 can no longer change: the first month that can is 2026-12.\n")
    status, _, err = cli("--as", BILLING, "plans", "change", "--company", BLUE, "--from",
                         "2026-12", "--add", "fax", "--reason", "r")
    assert (status, err) == (1, ("--add: Choose products of the catalogue: analytics_plus, "
                                 "europe_unlimited, north_america_unlimited\n"))
    assert cli("--as", BILLING, "plans", "change", "--from", "2026-12", "--users", "9",
               "--reason", "r")[0] == 2  # no company


def test_r9_a_move_to_essentials_names_the_teams(cli):
    status, _, err = cli("--as", BILLING, "plans", "change", "--company", "2", "--from",
                         "2026-12", "--plan", "essentials", "--reason", "cheaper")
    assert status == 3
    assert err == ("mycompany: Essentials allows 3 teams; company 2 has 7: Team 1, Team 2, "
                   "Team 3, Team 4, Team 5, Team 6, Team 7. Remove teams before the move.\n")


def test_a_change_is_cancelled_and_history_reads_it_as_words(cli):
    assert cli("--as", BILLING, *CHANGE)[0] == 0
    status, out, err = cli("--as", BILLING, "plans", "cancel", "--company", BLUE, "1",
                           "--reason", "customer changed their mind")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == f"Plan change 1 of company {BLUE} cancelled."
    status, out, _ = cli("--as", MARIA, "show", "plan")
    assert "From Dec 1, 2026" not in out
    status, out, _ = cli("--as", MARIA, "show", "history")
    assert status == 0
    for words in ("Plan change scheduled", "Plan change cancelled", "Products added",
                  "Analytics+", "Users included"):
        assert words in out
    assert cli("--as", BILLING, "plans", "cancel", "--company", BLUE, "1", "--reason",
               "again")[0] == 3


def test_the_trial_ends_now_or_on_a_day(cli):
    status, out, err = cli("--as", BILLING, "plans", "trial", "--company", "1", "--ends",
                           "2027-01-15", "--reason", "more time to try")
    assert (status, err) == (0, "")
    assert out == "Company 1: in its trial until Jan 15, 2027; first invoice Feb 1, 2027.\n"
    status, out, err = cli("--as", ADMIN, "plans", "trial", "--company", "1", "--now",
                           "--reason", "signed the contract")
    assert (status, err) == (0, "")
    # Its first invoice, as `show plan`'s header calls it (#17: not "next invoice").
    assert out == "Company 1: trial ended on Nov 26, 2026; first invoice Dec 1, 2026.\n"
    status, out, _ = cli("--as", "camille@atelier-lumiere.fr", "show", "plan")
    assert "First invoice: Dec 1, 2026" in out and "Next invoice" not in out
    [first, now] = trail(action="plan.trial")
    assert (first.new_value, now.old_value, now.new_value) == (
        "2027-01-15", "2027-01-15", "2026-11-26")
    status, out, _ = cli("--as", "camille@atelier-lumiere.fr", "show", "history")
    assert "Trial end set" in out


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_show_plan_says_what_the_next_invoice_charges_as_the_billing_run_then_issues(cli):
    assert cli("--as", BILLING, *CHANGE)[0] == 0
    status, out, _ = cli("--as", MARIA, "show", "plan", "--json")
    plan = json.loads(out)
    status, run, _ = cli("--as", BILLING, "invoices", "issue", "--period", "2026-12",
                         "--company", BLUE, "--dry-run", "--json")
    [issued] = json.loads(run)["issued"]
    assert (plan["next_invoice_total"], plan["next_invoice_period"]) == (
        issued["subtotal"], "month")
    assert plan["next_invoice_total"] != plan["total"]  # today's plan, today's prices
    status, out, _ = cli("--as", MARIA, "show", "plan")
    assert status == 0
    assert (f"Next invoice, Dec 1, 2026: ${Decimal(issued['subtotal']):,} /month excl. VAT"
            in out.splitlines())
