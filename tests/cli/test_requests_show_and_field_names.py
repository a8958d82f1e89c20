"""`requests show N` (#16 trial: there was none), and a refused address field named on the
command line as its country's post names it, as the form and History do (#16 trial: a US
company's `set address --postal-code 1234` said "Postal code (--postal-code)")."""

from __future__ import annotations

import json

import pytest

JONAS = "jonas@nordwind.de"  # Nordwind (DE), after its trial: country, region and VAT locked
MARIA = "maria@blueharbor.com"  # Blue Harbor (US, CA), after its trial
BILLING = "billing@mycompany.example"
CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière (FR), in its trial


def sent_by_maria(cli) -> int:
    status, out, err = cli("--as", MARIA, "requests", "create", "--state", "NY",
                           "--postal-code", "10118", "--city", "New York", "--line1",
                           "350 Fifth Avenue", "--note", "We moved in October", "--json")
    assert (status, err) == (0, "")
    return int(json.loads(out)["id"])


@pytest.mark.parametrize("who", [MARIA, BILLING])
def test_a_request_is_shown_in_full_to_its_owner_and_the_billing_team(cli, who):
    number = sent_by_maria(cli)
    status, out, err = cli("--as", who, "requests", "show", str(number))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Request #{number} · Blue Harbor Inc. · Pending"
    assert lines[1].startswith("  Sent by maria@blueharbor.com on ")
    assert "  Asked on address version: 1" in lines
    assert "  State: California → New York" in lines
    assert "  ZIP code: 94043 → 10118" in lines
    assert "  Note: We moved in October" in lines
    assert max(len(line) for line in lines) <= 80


def test_a_request_is_shown_as_json_as_requests_list_lists_it(cli):
    number = sent_by_maria(cli)
    status, out, _ = cli("--as", BILLING, "requests", "show", str(number), "--json")
    listed = json.loads(cli("--as", BILLING, "requests", "list", "--json")[1])
    assert status == 0
    assert json.loads(out) == next(item for item in listed if item["id"] == number)


def test_another_companys_request_reads_as_an_unknown_one(cli):
    """A request's number names no company: to another company's owner it is no request of
    theirs, as a number no one has (#16 trial t16: exit 3 told them it existed)."""
    number = sent_by_maria(cli)
    for asked in (number, 999):
        status, _, err = cli("--as", JONAS, "requests", "show", str(asked))
        assert (status, err) == (5, f"mycompany: There is no change request {asked}.\n")
    status, _, err = cli("--as", BILLING, "requests", "show", "999")
    assert (status, err) == (5, "mycompany: There is no change request 999.\n")
    # As withdraw says it of the same numbers to an owner; staff never withdraw: who may
    # speaks first (tests/cli/test_role_speaks_first.py).
    assert [cli("--as", JONAS, "requests", "withdraw", str(asked))[0]
            for asked in (number, 999)] == [5, 5]
    assert cli("--as", BILLING, "requests", "withdraw", "999")[0] == 3


@pytest.mark.parametrize("argv, named", [
    # The stored country: the United States.
    ((MARIA, "set", "address", "--postal-code", "1234"), "ZIP code (--postal-code): "),
    ((MARIA, "requests", "create", "--postal-code", "1234"), "ZIP code (--postal-code): "),
    ((MARIA, "requests", "create", "--state", "ZZ", "--postal-code", "10118"),
     "State (--state): "),
    # The country given with it.
    ((CAMILLE, "set", "address", "--country", "CA", "--postal-code", "1234", "--vat", ""),
     "Postal code (--postal-code): "),
    ((CAMILLE, "set", "address", "--country", "Canada", "--state", "ZZ", "--postal-code",
      "H3Z 2Y7", "--vat", ""), "Province (--state): "),
    ((CAMILLE, "set", "address", "--country", "IE", "--postal-code", "1234", "--vat", ""),
     "Eircode (--postal-code): "),
    ((JONAS, "requests", "create", "--country", "US", "--state", "ZZ", "--vat", ""),
     "State (--state): "),
])
def test_a_refused_field_is_named_as_its_countrys_post_names_it(cli, argv, named):
    who, *command = argv
    status, _, err = cli("--as", who, *command)
    assert status == 1
    assert any(line.startswith(named) for line in err.splitlines()), err


def test_an_approval_keeps_a_ticket_given_without_a_reason(cli):
    """Verification trial: `requests approve N --ticket BIL-12` with no --reason exited 0 and
    dropped the ticket (show, JSON, History); a reason is optional on approval, a ticket given
    is kept."""
    number = sent_by_maria(cli)
    status, out, err = cli("--as", BILLING, "requests", "approve", str(number), "--ticket",
                           "BIL-12", "--json")
    assert (status, err) == (0, "")
    shown = json.loads(out)
    assert (shown["decision_ticket"], shown["decision_reason"]) == ("BIL-12", None)
    status, out, _err = cli("--as", BILLING, "--company", "3", "show", "history", "--json")
    [line] = [item for item in json.loads(out)["items"] if item["action"] == "request.approve"]
    assert line["ticket"] == "BIL-12"
