"""Change requests on the command line (SPEC §5): a move in one request with the options of
`set address`, withdrawn by the owner, approved on the version it was made on."""

from __future__ import annotations

import json

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"


def pending(cli) -> list[dict]:
    status, out, err = cli("--as", BILLING, "requests", "list", "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


def test_blue_harbor_asks_for_its_move_to_new_york_in_one_request(cli):
    status, out, err = cli("--as", MARIA, "requests", "create", "--state", "NY",
                           "--postal-code", "10118", "--city", "New York",
                           "--line1", "350 Fifth Avenue", "--note", "We moved")
    assert (status, err) == (0, "")
    assert "State: California → New York" in out and "City: Mountain View → New York" in out
    [request] = pending(cli)
    assert {c["field"]: c["new_value"] for c in request["changes"]} == {
        "line1": "350 Fifth Avenue", "postal_code": "10118", "city": "New York", "state": "NY"}
    status, _, err = cli("--as", BILLING, "requests", "approve", str(request["id"]),
                         "--reason", "Lease seen", "--ticket", "SUP-12")
    assert (status, err) == (0, "")
    _, shown, _ = cli("--as", MARIA, "show", "billing", "--json")
    assert json.loads(shown)["address"]["state"] == "NY"


def test_a_state_alone_is_checked_with_the_rest_of_the_address(cli):
    status, out, err = cli("--as", MARIA, "requests", "create", "--state", "NY")
    assert (status, out) == (1, "")
    assert "ZIP" in err or "postal code" in err.lower()


def test_the_owner_withdraws_and_may_ask_again(cli):
    cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code", "10118",
        "--city", "New York")
    [request] = pending(cli)
    status, _, err = cli("--as", MARIA, "requests", "create", "--state", "TX",
                         "--postal-code", "73301", "--city", "Austin")
    assert status == 3 and "withdraw it" in err
    status, out, err = cli("--as", MARIA, "requests", "withdraw", str(request["id"]))
    assert (status, err) == (0, "")
    assert "Withdrawn" in out
    assert pending(cli) == []
    status, _, err = cli("--as", BILLING, "requests", "approve", str(request["id"]))
    assert status == 4 and "withdrawn by the owner" in err  # decided already: exit 4


def test_approving_after_the_address_changed_exits_4_until_the_version_is_given(cli):
    cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code", "10118",
        "--city", "New York")
    assert cli("--as", MARIA, "set", "address", "--line2", "Suite 100")[0] == 0
    [request] = pending(cli)
    assert request["address_version"] != request["current_version"]
    status, _, err = cli("--as", BILLING, "requests", "approve", str(request["id"]))
    assert status == 4 and "after this request was sent" in err
    status, _, err = cli("--as", BILLING, "requests", "approve", str(request["id"]),
                         "--if-version", str(request["current_version"]))
    assert (status, err) == (0, "")


def test_a_wrong_if_version_exits_4_even_when_the_address_did_not_move(cli):
    """#16 trial: `--if-version 3` on a request made at the version stored was approved."""
    cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code", "10118",
        "--city", "New York")
    [request] = pending(cli)
    assert request["address_version"] == request["current_version"]
    status, out, err = cli("--as", BILLING, "requests", "approve", str(request["id"]),
                           "--if-version", str(request["current_version"] - 1), "--json")
    assert (status, out) == (4, "")
    assert "since you opened it" in err
    assert [r["status"] for r in pending(cli)] == ["pending"]
    status, _, err = cli("--as", BILLING, "requests", "approve", str(request["id"]),
                         "--if-version", str(request["current_version"]))
    assert (status, err) == (0, "")


def test_reject_requires_its_reason(cli):
    cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code", "10118",
        "--city", "New York")
    [request] = pending(cli)
    status, _, err = cli("--as", BILLING, "requests", "reject", str(request["id"]))
    assert status == 2 and "--reason" in err


def test_an_owner_with_nothing_waiting_hears_how_to_ask(cli):
    status, out, err = cli("--as", MARIA, "requests", "list")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "No change request is waiting for the billing team.",
        "To ask for a new state, country or VAT number: mycompany requests create --help"]
    status, out, _ = cli("--as", MARIA, "requests", "list", "--json")
    assert (status, json.loads(out)) == (0, [])  # a script still reads an empty list


def test_a_move_lists_its_fields_in_the_addresss_own_order(cli):
    """One order for an address's fields everywhere, the address's own (verify v1: a second
    line that stays came after City, one the request changes after Address)."""
    cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code", "10118",
        "--city", "New York", "--line1", "350 Fifth Avenue")
    [request] = pending(cli)
    assert [c["field"] for c in request["changes"]] == ["line1", "postal_code", "city", "state"]
    _, out, _ = cli("--as", MARIA, "requests", "list")
    assert out.index("350 Fifth Avenue") < out.index("State: California → New York")


def test_the_billing_team_reads_the_note_and_documents_in_the_list(cli):
    """#16 trial: `requests list` in text showed neither (only --json did)."""
    cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code", "10118",
        "--city", "New York", "--note", "We moved", "--documents", "Lease, ticket SUP-2291")
    [request] = pending(cli)
    for who in (BILLING, MARIA):
        status, out, err = cli("--as", who, "requests", "list")
        assert (status, err) == (0, "")
        assert f"Request #{request['id']} · " in out
        assert "  Note: We moved\n  Documents: Lease, ticket SUP-2291" in out


def test_a_note_or_reason_on_several_lines_is_joined_as_a_paste_is(cli):
    """#16 trial: `--note "$(printf 'a\\nb')"` was refused ("invisible control character
    U+000A") while the dialog joins pasted lines with " / ": one rule for both (store.forms)."""
    status, _, err = cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code",
                         "10118", "--city", "New York", "--note", "We moved\nnew lease\n",
                         "--documents", "Lease\r\nSUP-2291")
    assert (status, err) == (0, "")
    [request] = pending(cli)
    assert (request["note"], request["documents"]) == ("We moved / new lease",
                                                       "Lease / SUP-2291")
    status, _, err = cli("--as", BILLING, "requests", "reject", str(request["id"]),
                         "--reason", "No lease\n\nattached")
    assert (status, err) == (0, "")
    status, out, _ = cli("--as", MARIA, "show", "history", "--json")
    assert status == 0 and "No lease / attached" in out


def test_a_version_the_address_never_had_is_named_so(cli):
    """#16 trial: `--if-version 99` said someone had changed the address since (exit 4)."""
    cli("--as", MARIA, "requests", "create", "--state", "NY", "--postal-code", "10118",
        "--city", "New York")
    [request] = pending(cli)
    for version in ("99", "-1"):
        status, out, err = cli("--as", BILLING, "requests", "approve", str(request["id"]),
                               "--if-version", version)
        assert (status, out) == (1, "")
        assert err == (f"--if-version: There is no version {version}: the version now stored "
                       f"is {request['current_version']}.\n")
    assert [r["status"] for r in pending(cli)] == ["pending"]
