"""The #16 trial t16's findings on change requests from the command line: the billing team's
ticket shows wherever its reason does; a request that changes nothing is a no-op first; a move
abroad brings its own street, postal code and city; another company's request reads as no
request at all."""

from __future__ import annotations

import json

import pytest

from store.i18n import set_language

JONAS = "jonas@nordwind.de"  # Nordwind Logistik GmbH, Hamburg; trial over
MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
CAMILLE = "camille@atelier-lumiere.fr"  # Atelier Lumière, Lyon; in its trial
BILLING = "billing@mycompany.example"
TO_PARIS = ("--country", "France", "--vat", "FR 40 303 265 045")
PARIS = ("--line1", "10 rue de la Paix", "--postal-code", "75002", "--city", "Paris")


def sent(cli, who: str, *options: str) -> int:
    status, out, err = cli("--as", who, "requests", "create", *options, "--json")
    assert (status, err) == (0, "")
    return int(json.loads(out)["id"])


@pytest.mark.parametrize(("decision", "ticket"), [("approve", "BIL-12"), ("reject", "BIL-7")])
def test_the_decisions_ticket_shows_where_its_reason_does(cli, decision, ticket):
    """#16 trial t16: `requests approve 3 --ticket BIL-12` showed the ticket in History only."""
    number = sent(cli, MARIA, "--state", "NY", "--postal-code", "10118", "--city", "New York",
                  "--line1", "350 Fifth Avenue")
    status, out, err = cli("--as", BILLING, "requests", decision, str(number), "--reason",
                           "Lease checked", "--ticket", ticket, "--json")
    assert (status, err) == (0, "")
    assert json.loads(out)["decision_ticket"] == ticket
    for who in (MARIA, BILLING):
        shown = json.loads(cli("--as", who, "requests", "show", str(number), "--json")[1])
        assert (shown["decision_reason"], shown["decision_ticket"]) == ("Lease checked", ticket)
        for command in (("requests", "show", str(number)), ("requests", "list", "--all")):
            status, out, err = cli("--as", who, *command)
            assert (status, err) == (0, "")
            assert f"  Reason: Lease checked\n  Ticket id: {ticket}\n" in out
    [listed] = json.loads(cli("--as", BILLING, "requests", "list", "--all", "--json")[1])
    assert listed["decision_ticket"] == ticket
    assert f"  Ticket id: {ticket}\n" in cli("--as", MARIA, "show", "billing")[1]
    status, out, _ = cli("--as", MARIA, "--lang", "fr", "requests", "show", str(number))
    assert f"  Motif\u00a0: Lease checked\n  N° de ticket\u00a0: {ticket}\n" in out


def test_a_request_without_a_ticket_has_none(cli):
    number = sent(cli, MARIA, "--state", "NY", "--postal-code", "10118", "--city", "New York",
                  "--line1", "350 Fifth Avenue")
    status, out, _ = cli("--as", BILLING, "requests", "reject", str(number), "--reason", "No",
                         "--json")
    assert status == 0 and json.loads(out)["decision_ticket"] is None
    assert "Ticket" not in cli("--as", MARIA, "requests", "show", str(number))[1]


@pytest.mark.parametrize("typed", ["02108-1234", "021081234", "02108 1234"])
def test_a_request_of_the_values_stored_is_a_no_op_first(cli, typed):
    """#16 trial t16: `requests create --postal-code 02108` on Boston's 02108-1234."""
    assert cli("--as", BILLING, "--company", "3", "set", "address", "--state", "MA",
               "--postal-code", "02108-1234", "--city", "Boston", "--line1", "24 Beacon St",
               "--reason", "Moved")[0] == 0
    for options in (("--postal-code", typed), ("--postal-code", typed, "--state", "ma"),
                    ("--city", " Boston ", "--country", "United States")):
        status, _, err = cli("--as", MARIA, "requests", "create", *options)
        assert (status, err) == (1, ("mycompany: This is the address already: a request must "
                                     "change something.\n")), options


def test_dropping_the_zip_plus_4_is_the_owners_own_change_not_a_request(cli):
    """What the trial sent: 02108 on 02108-1234 changes the ZIP code, which the owner saves."""
    assert cli("--as", BILLING, "--company", "3", "set", "address", "--state", "MA",
               "--postal-code", "02108-1234", "--city", "Boston", "--line1", "24 Beacon St",
               "--reason", "Moved")[0] == 0
    status, _, err = cli("--as", MARIA, "requests", "create", "--postal-code", "02108")
    assert status == 1 and err.startswith("ZIP code (--postal-code): Change the street, postal "
                                          "code and city yourself, in Billing")
    assert cli("--as", MARIA, "set", "address", "--postal-code", "02108")[0] == 0


def test_a_move_abroad_is_refused_without_its_street_postal_code_and_city(cli):
    """#16 trial t16: `--country France --vat FR…` alone was taken as "Speicherstraße 5, 20457
    Hamburg, France"."""
    status, out, err = cli("--as", JONAS, "requests", "create", *TO_PARIS)
    assert (status, out) == (1, "")
    said = ("The country changes (Germany → France): give this field for the new address too, "
            "even to keep {}.")
    assert err.splitlines() == [
        "Address (--line1): " + said.format("Speicherstraße 5"),
        "Postal code (--postal-code): " + said.format("20457"),
        "City (--city): " + said.format("Hamburg")]
    # What is given is not asked for again.
    status, _, err = cli("--as", JONAS, "requests", "create", *TO_PARIS, "--city", "Paris")
    assert status == 1 and "City" not in err and len(err.splitlines()) == 2
    # The field and the countries in the reader's language (the sentence with the catalogue's).
    status, _, err = cli("--as", JONAS, "--lang", "fr", "requests", "create", *TO_PARIS)
    assert status == 1 and err.startswith("Adresse (--line1)\u00a0: ")
    assert "(Allemagne → France)" in err and "Hamburg" in err.splitlines()[2]
    number = sent(cli, JONAS, *TO_PARIS, *PARIS)
    assert cli("--as", BILLING, "requests", "approve", str(number))[0] == 0
    address = json.loads(cli("--as", JONAS, "show", "billing", "--json")[1])["address"]
    assert (address["line1"], address["postal_code"], address["city"], address["country"]) == (
        "10 rue de la Paix", "75002", "Paris", "FR")


def test_a_second_street_line_moves_too_and_a_same_street_is_given_again(cli):
    assert cli("--as", BILLING, "--company", "2", "set", "address", "--line2", "3. OG",
               "--reason", "Floor")[0] == 0
    status, _, err = cli("--as", JONAS, "requests", "create", *TO_PARIS, *PARIS)
    assert (status, err) == (1, ("Address line 2 (--line2): The country changes (Germany → "
                                 "France): give this field for the new address too, even to "
                                 "keep 3. OG.\n"))
    # A country typed wrong is corrected with the same street: given again, it is given.
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "Belgium",
                         "--postal-code", "1000", "--city", "Lyon", "--vat", "")
    assert status == 1 and "(France → Belgium)" in err and "12 rue des Lilas" in err
    assert cli("--as", CAMILLE, "set", "address", "--country", "Belgium", "--postal-code",
               "1000", "--city", "Lyon", "--line1", "12 rue des Lilas", "--vat", "")[0] == 0


def test_another_companys_request_reads_as_no_request(cli):
    """#16 trial t16: `--as jonas requests withdraw 1` (Blue Harbor's) said it was another
    company's, and Nordwind's History named the company. Now exit 5 as for a number no one
    has, recorded in Nordwind's History alike."""
    number = sent(cli, MARIA, "--state", "NY", "--postal-code", "10118", "--city", "New York",
                  "--line1", "350 Fifth Avenue")
    answers = []
    for asked in (number, 999):
        for command in (("withdraw", str(asked)), ("show", str(asked)),
                        ("show", str(asked), "--json")):
            status, out, err = cli("--as", JONAS, "requests", *command)
            answers.append((status, out, err.replace(str(asked), "N")))
    assert set(answers) == {(5, "", "mycompany: There is no change request N.\n")}
    history = json.loads(cli("--as", JONAS, "show", "history", "--json")[1])["items"]
    reasons = [item["reason"] for item in history if item["outcome"] == "refused"
               and item["action"].startswith("request.")]
    assert sorted(r.replace(str(number), "N").replace("999", "N") for r in reasons) == [
        "There is no change request N."] * 6
    assert not any("company" in r for r in reasons)
    status, out, _ = cli("--as", MARIA, "requests", "show", str(number), "--json")
    assert status == 0 and json.loads(out)["status"] == "pending"
    status, _, err = cli("--as", JONAS, "requests", "approve", str(number))
    assert (status, err) == (3, "mycompany: Only the billing team can do this.\n")
    assert cli("--as", BILLING, "requests", "show", str(number))[0] == 0  # staff see it


@pytest.fixture(autouse=True)
def english():
    yield
    set_language("en")


@pytest.mark.parametrize("options", [(), ("--note", "hi"), ("--note", "hi", "--documents", "x")])
def test_a_request_with_no_field_says_to_give_one(cli, options):
    """#16 trial t16: no field, or a note alone, was told "This is the address already"."""
    status, out, err = cli("--as", MARIA, "requests", "create", *options)
    assert (status, out) == (1, "")
    assert err == ("mycompany: Give at least one field to change: a request is for state, "
                   "country and VAT number.\n")
