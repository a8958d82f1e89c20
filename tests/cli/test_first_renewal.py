"""A new company's contract renewal, as `companies create` sets it and `show plan` and `companies
show` read it (store.plans.terms.first_renewal, #18 trial: a monthly company made on Dec 1, 2026
read "Contract renewal: Dec 1, 2026", the day it was made, for Jan 1, 2027): a monthly contract
renews on the 1st of the month after its first paid day, an annual one a year after its first
billed month, with or without a trial."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store import clock

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"


def create(cli, term: str, *options: str) -> int:
    status, out, err = cli("--as", ADMIN, "companies", "create", "--name", "Atelier Bleu SARL",
                           "--country", "FR", "--plan", "essentials", "--term", term,
                           "--owner-email", "luc@atelier-bleu.example", "--owner-name",
                           "Luc Martin", *options, "--json")
    assert status == 0, err
    return json.loads(out)["id"]


def renewal(cli, company: int) -> tuple[str, str | None]:
    """`companies show`'s "Renews" line and `show plan`'s renewal (None while none is named)."""
    _, shown, _ = cli("--as", ADMIN, "companies", "show", str(company))
    _, plan, _ = cli("--as", ADMIN, "--company", str(company), "show", "plan", "--json")
    [line] = [line for line in shown.splitlines() if line.startswith("Renews:")]
    return line, json.loads(plan)["renews_on"]


@pytest.mark.parametrize("made, term, renews", [
    (date(2026, 12, 1), "monthly", date(2027, 1, 1)),  # the tester's company
    (date(2026, 12, 15), "monthly", date(2027, 1, 1)),  # its December days billed in January
    (date(2026, 12, 1), "annual_monthly", date(2027, 12, 1)),
    (date(2026, 12, 15), "annual_upfront", date(2028, 1, 1)),  # first billed month: January
])
def test_a_company_made_without_a_trial_renews_a_term_after_it_starts(cli, made, term, renews):
    clock.set_clock(lambda: made)
    company = create(cli, term)
    assert renewal(cli, company) == (f"Renews: {renews:%b} {renews.day}, {renews.year}",
                                     renews.isoformat())
    _, out, _ = cli("--as", ADMIN, "--company", str(company), "show", "plan")
    assert f"Contract renewal: {renews:%b} {renews.day}, {renews.year}" in out


@pytest.mark.parametrize("days, term, renews", [
    (14, "monthly", date(2027, 1, 1)),  # paid from Dec 15
    (31, "monthly", date(2027, 2, 1)),  # paid from Jan 1: January is its first month
    (31, "annual_monthly", date(2028, 1, 1)),
])
def test_a_company_made_with_a_trial_renews_a_term_after_its_first_paid_day(cli, days, term,
                                                                            renews):
    """In the trial `show plan` names no renewal (no contract yet); `companies show` gives the
    one to come, and the trial's end moved before any invoice moves it as the trial would."""
    clock.set_clock(lambda: date(2026, 12, 1))
    company = create(cli, term, "--trial-days", str(days))
    assert renewal(cli, company) == (f"Renews: {renews:%b} {renews.day}, {renews.year}", None)
    status, _, err = cli("--as", BILLING, "plans", "trial", "--company", str(company), "--ends",
                         "2026-12-31", "--reason", "asked for December")
    assert status == 0, err
    after = date(2027, 2, 1) if term == "monthly" else date(2028, 1, 1)
    assert renewal(cli, company)[0] == f"Renews: {after:%b} {after.day}, {after.year}"


def test_the_demo_s_company_in_its_trial_renews_as_a_company_made_so_would(cli):
    """#17 trial: the demo wrote its own date for Atelier ("Renews: Dec 12, 2026", the day
    after its trial) beside a first invoice on Jan 1; store.plans.terms.first_renewal says it."""
    from store.plans.terms import first_renewal
    from tests.conftest import TODAY

    status, out, _ = cli("--as", ADMIN, "companies", "show", "1", "--json")
    assert status == 0 and json.loads(out)["status"] == "trial"
    ends = date.fromisoformat(json.loads(out)["trial_ends_on"])
    renews = first_renewal("monthly", date.fromordinal(ends.toordinal() + 1))
    assert renews > TODAY
    assert renewal(cli, 1) == (f"Renews: {renews:%b} {renews.day}, {renews.year}", None)
