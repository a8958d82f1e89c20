"""Trial t18 (#18, the vendor's console), section 2, the feed's and staff's commands as a person
running them notices: a closed company in a nightly feed, a dry run's words, a new owner's name,
a company's instants and the billing run's word for a closed company."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_companies_cli import trail
from tests.cli.test_sync_cli import BEA, write

ADMIN = ("--as", "admin@mycompany.example")
ATELIER, NORDWIND, BLUE = 1, 2, 3
CLOSED_NOTE = "Nordwind Logistik GmbH (2) is closed: its 2 lines in the feed were skipped."
FEED = [
    {"company": NORDWIND, "kind": "team", "name": "Nord"},
    {"company": NORDWIND, "kind": "number", "e164": "+494030000000", "active": True},
    {"company": BLUE, "kind": "user", "login": "maria", "name": "Maria Lopez", "role": "owner",
     "email": "maria@blueharbor.com", "active": True},
    {"company": BLUE, "kind": "user", "login": "a1", "name": "Agent 001", "role": "supervisor",
     "email": "agent001@blueharbor.com", "active": False},
]


def test_a_closed_company_in_the_feed_is_one_line_and_no_failure(cli, tmp_path):
    """#18 trial t18: a closed company named by the platform's feed made every nightly run
    fail, a bad line per line; it is said once for the company, and the run exits 0."""
    assert cli(*ADMIN, "companies", "close", str(NORDWIND), "--reason", "Left us")[0] == 0
    feed = write(tmp_path, FEED)
    for argv in (("--dry-run",), ()):
        status, out, err = cli(*BEA, "sync", feed, *argv)
        assert (status, err) == (0, "")
        assert out.count("Nordwind") == 1 and CLOSED_NOTE in out.splitlines()
    status, out, _ = cli(*BEA, "sync", feed, "--json")
    answer = json.loads(out)
    assert status == 0 and answer["bad_lines"] == []
    assert answer["closed_companies"] == [
        {"company": NORDWIND, "name": "Nordwind Logistik GmbH", "lines": [1, 2]}]
    # Its History says it once, however many runs (store.feed.sync_skipped).
    assert [line.new_value for line in trail(NORDWIND, action="feed.sync")] == ["1, 2"]


def test_a_line_that_cannot_be_read_is_still_a_bad_line_of_a_closed_company(cli, tmp_path):
    assert cli(*ADMIN, "companies", "close", str(NORDWIND), "--reason", "Left us")[0] == 0
    feed = write(tmp_path, [*FEED, {"company": NORDWIND, "kind": "user", "login": "x"}])
    status, out, err = cli(*BEA, "sync", feed)
    assert status == 1 and err.startswith("Line 5: ")
    assert CLOSED_NOTE in out.splitlines()


def test_a_dry_run_says_a_change_in_words(cli, tmp_path):
    """#18 trial t18: "active True → False"."""
    status, out, _ = cli(*BEA, "sync", write(tmp_path, FEED[2:]), "--dry-run")
    assert status == 0
    assert "  ~ user a1: login — → a1, role agent → supervisor, active → inactive" \
        in out.splitlines()
    assert "True" not in out and "False" not in out


def test_a_user_made_owner_takes_the_name_given_in_history(cli):
    """#18 trial t18: `set-owner --name` was required, then ignored for a user of the company
    (the owner still read "User 0 of 4")."""
    status, out, _ = cli(*ADMIN, "companies", "set-owner", str(BLUE), "--email",
                         "agent001@blueharbor.com", "--name", "Ana One", "--reason", "sold")
    assert status == 0
    assert "Owner: Ana One <agent001@blueharbor.com>" in out.splitlines()
    named = [(line.field, line.old_value, line.new_value, line.reason)
             for line in trail(BLUE, action="company.owner")]
    assert named == [("name", "Agent 001", "Ana One", "sold"),
                     ("owner", "maria@blueharbor.com", "agent001@blueharbor.com", "sold")]
    status, out, _ = cli(*ADMIN, "companies", "set-owner", "--help")
    assert "renamed to it" in " ".join(out.split())


def test_a_companys_instants_name_their_zone(cli):
    """#18 trial t18: "Created: 2026-12-01 16:47", in no zone said."""
    assert cli(*ADMIN, "companies", "close", str(NORDWIND), "--reason", "Left us")[0] == 0
    status, out, _ = cli(*ADMIN, "companies", "show", str(NORDWIND))
    lines = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    assert status == 0
    assert lines["Created"].endswith(" UTC") and lines["Closed"].endswith(" UTC")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_billing_run_calls_a_closed_company_closed(cli):
    """#18 trial t18: the run said "cancelled", every other place "closed"."""
    assert cli(*ADMIN, "companies", "close", str(ATELIER), "--reason", "Left us")[0] == 0
    run = ("--as", "billing@mycompany.example", "invoices", "issue", "--period", "2026-12",
           "--dry-run")
    _status, out, _ = cli(*run)
    assert "  Atelier Lumière SARL (company 1): closed" in out.splitlines()
    assert {"company": ATELIER, "reason": "closed"} in json.loads(cli(*run, "--json")[1])[
        "not_billed"]
