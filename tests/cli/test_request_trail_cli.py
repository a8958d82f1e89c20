"""Change requests as the billing team and History read them on the command line (#16 trial):
a stale request shows both versions and the version to approve on; History names the request
on every line; a field is found by name, option or label; a decided request exits 4."""

from __future__ import annotations

import json

import pytest

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"


def send_move(cli) -> int:
    status, _, err = cli("--as", MARIA, "requests", "create", "--state", "NY",
                         "--postal-code", "10118", "--city", "New York",
                         "--line1", "350 Fifth Avenue")
    assert (status, err) == (0, "")
    status, out, _ = cli("--as", BILLING, "requests", "list", "--json")
    [request] = json.loads(out)
    return request["id"]


def test_a_stale_request_shows_both_versions_and_the_version_to_approve_on(cli):
    number = send_move(cli)
    status, _, err = cli("--as", MARIA, "set", "address", "--line1", "1601 Amphitheatre Pkwy")
    assert (status, err) == (0, "")
    status, out, err = cli("--as", BILLING, "requests", "list", "--json")
    [request] = json.loads(out)
    version = request["current_version"]
    status, out, err = cli("--as", BILLING, "requests", "list")
    assert (status, err) == (0, "")
    flat = " ".join(out.split())
    assert "1601 Amphitheatre Pkwy → 350 Fifth Avenue (when asked:" in flat
    assert f"version {version} now" in flat
    assert f"requests approve {number} --if-version {version}" in flat
    status, _, err = cli("--as", BILLING, "requests", "approve", str(number))
    assert status == 4 and "after this request was sent" in err
    assert f"requests approve {number} --if-version {version}" in err
    assert cli("--as", BILLING, "requests", "approve", str(number),
               "--if-version", str(version))[0] == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_owner_is_not_told_the_billing_teams_command(cli, monkeypatch, lang):
    """#16 trial: `requests list` and `show billing` as the owner of a stale request printed
    "To approve it…: mycompany requests approve 12 --if-version 6", which only billing may run."""
    monkeypatch.setenv("MYCOMPANY_LANG", lang)
    number = send_move(cli)
    assert cli("--as", MARIA, "set", "address", "--line2", "Floor 3")[0] == 0
    for args in (["requests", "list"], ["show", "billing"]):
        status, out, err = cli("--as", MARIA, *args)
        assert (status, err) == (0, "")
        assert str(number) in out and "requests approve" not in out
    status, out, _ = cli("--as", BILLING, "requests", "list")
    assert f"requests approve {number} --if-version" in out


def test_every_decision_on_a_request_no_longer_pending_exits_4(cli):
    number = send_move(cli)
    assert cli("--as", MARIA, "requests", "withdraw", str(number))[0] == 0
    for who, args in ((MARIA, ["withdraw"]), (BILLING, ["approve"]),
                      (BILLING, ["reject", "--reason", "late"])):
        status, out, err = cli("--as", who, "requests", args[0], str(number), *args[1:])
        assert (status, out) == (4, "") and "withdrawn by the owner" in err
    number = send_move(cli)
    assert cli("--as", BILLING, "requests", "reject", str(number), "--reason", "No lease")[0] == 0
    for who, args in ((BILLING, ["reject", "--reason", "again"]), (BILLING, ["approve"]),
                      (MARIA, ["withdraw"])):
        status, _, err = cli("--as", who, "requests", args[0], str(number), *args[1:])
        assert status == 4 and "already rejected" in err


def history(cli, *args: str) -> str:
    status, out, err = cli("--as", MARIA, "show", "history", *args)
    assert (status, err) == (0, "")
    return " ".join(out.split())


def test_history_names_the_request_on_every_line(cli):
    number = send_move(cli)
    out = history(cli)
    # One line for the move (#16 trial: one per field read as four requests), its fields in it
    assert out.count(f"Request #{number} sent") == 1
    assert "asked Address: 1600 Amphitheatre Pkwy" in out and "State: California → New York" in out
    assert "Change request sent" not in out
    assert cli("--as", MARIA, "requests", "withdraw", str(number))[0] == 0
    assert cli("--as", MARIA, "requests", "withdraw", str(number))[0] == 4
    out = history(cli)
    assert f"Request #{number} withdrawn" in out
    assert f"Withdrawal of request #{number}" in out  # the refused second try names it too


def test_history_of_a_field_lists_the_requests_that_asked_for_it(cli):
    number = send_move(cli)
    assert cli("--as", BILLING, "requests", "reject", str(number), "--reason", "No lease")[0] == 0
    out = history(cli, "--field", "state")
    assert f"Request #{number} sent" in out and f"Request #{number} rejected" in out
    assert f"Request #{number} rejected" not in history(cli, "--field", "website")


@pytest.mark.parametrize("name", ["vat", "--field=--vat", "vat_number", "VAT number",
                                  "postal-code"])
def test_a_field_is_found_by_its_option_name_or_label(cli, name):
    args = [name] if name.startswith("--field=") else ["--field", name]
    status, _, err = cli("--as", MARIA, "show", "history", *args)
    assert (status, err) == (0, "")


def test_a_field_is_found_by_its_label_in_french(cli):
    for name in ("TVA", "Numéro de TVA", "Code postal", "pays"):
        status, _, err = cli("--as", MARIA, "--lang", "fr", "show", "history", "--field", name)
        assert (status, err) == (0, ""), name
    status, _, err = cli("--as", MARIA, "show", "history", "--field", "colour")
    assert status == 2 and "colour" in err  # a usage error (#15 trial: one rule for filters)
