"""`requests create` and `set address` as the #16 trial t16 found them: a new street kept the old
second line unsaid ("350 Fifth Avenue / Bldg 4" moved to "24 Beacon St / Bldg 4 / Boston")."""

from __future__ import annotations

import json

import pytest

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"
TO_BOSTON = ("--state", "MA", "--line1", "24 Beacon St", "--postal-code", "02108",
             "--city", "Boston")


@pytest.fixture
def bldg_4(cli):
    """Blue Harbor at 350 Fifth Avenue / Bldg 4 / New York, as in the trial."""
    assert cli("--as", BILLING, "--company", "3", "set", "address", "--state", "NY",
               "--line1", "350 Fifth Avenue", "--line2", "Bldg 4", "--postal-code", "10118",
               "--city", "New York", "--reason", "Lease seen")[0] == 0


def _address(cli) -> dict:
    return json.loads(cli("--as", MARIA, "show", "billing", "--json")[1])["address"]


def test_a_new_street_asks_for_its_second_line(cli, bldg_4):
    status, out, err = cli("--as", MARIA, "requests", "create", *TO_BOSTON)
    assert (status, out) == (1, "")
    assert err == ("Address line 2 (--line2): The street changes (350 Fifth Avenue → 24 Beacon "
                   "St): give this line for the new street too, empty to drop Bldg 4 or the "
                   "same to keep it.\n")
    # The owner's own save of a street asks the same (the screens send every field).
    status, _, err = cli("--as", MARIA, "set", "address", "--line1", "351 Fifth Avenue")
    assert status == 1 and err.startswith("Address line 2 (--line2): The street changes")
    # A street typed again, spaces and case aside, is the same street: nothing to ask.
    assert cli("--as", MARIA, "set", "address", "--line1", "350  fifth avenue")[0] == 0
    assert _address(cli)["line2"] == "Bldg 4"


def test_a_second_line_kept_is_said_to_stay_and_one_dropped_is_dropped(cli, bldg_4):
    status, out, err = cli("--as", MARIA, "requests", "create", *TO_BOSTON, "--line2", "Bldg 4")
    assert (status, err) == (0, "")
    assert "  Address line 2: Bldg 4 (stays)" in out.splitlines()
    queue = cli("--as", BILLING, "requests", "list")[1]
    assert "  Address line 2: Bldg 4 (stays)" in queue.splitlines()
    [request] = json.loads(cli("--as", BILLING, "requests", "list", "--json")[1])
    assert request["stays"] == [{"field": "line2", "old_value": "Bldg 4",
                                 "current_value": "Bldg 4", "new_value": "Bldg 4"}]
    assert cli("--as", MARIA, "requests", "withdraw", str(request["id"]))[0] == 0
    status, out, _ = cli("--as", MARIA, "requests", "create", *TO_BOSTON, "--line2", "")
    assert status == 0 and "  Address line 2: Bldg 4 → (empty)" in out.splitlines()
    assert "(stays)" not in out
    [request] = json.loads(cli("--as", BILLING, "requests", "list", "--json")[1])
    assert cli("--as", BILLING, "requests", "approve", str(request["id"]))[0] == 0
    address = _address(cli)
    assert (address["line1"], address["line2"], address["city"]) == ("24 Beacon St", None,
                                                                     "Boston")


def _block(out: str) -> list[str]:
    """A request block's field lines (`requests list`), as printed, in their order."""
    return [line.strip() for line in out.splitlines()
            if line.startswith("  ") and not line.startswith("  Sent by")]


def test_a_second_line_that_stays_is_in_history_and_in_the_addresss_order(cli, bldg_4):
    """Verify v1: History's "Request #1 sent" left out the "Address line 2: Bldg 4 (stays)" that
    `requests list` showed, and the list put it after City while a changed second line came
    after Address. One order, the address's own, and the request's lines say what stays."""
    assert cli("--as", MARIA, "requests", "create", *TO_BOSTON, "--line2", "Bldg 4")[0] == 0
    moved = ["Address: 350 Fifth Avenue → 24 Beacon St", "Address line 2: Bldg 4 (stays)",
             "ZIP code: 10118 → 02108", "City: New York → Boston",
             "State: New York → Massachusetts"]
    assert _block(cli("--as", BILLING, "requests", "list")[1]) == moved
    [request] = json.loads(cli("--as", BILLING, "requests", "list", "--json")[1])
    history = " ".join(cli("--as", MARIA, "show", "history")[1].split())
    assert f"Request #{request['id']} sent asked " + " · ".join(moved) in history
    assert cli("--as", MARIA, "requests", "withdraw", str(request["id"]))[0] == 0
    assert cli("--as", MARIA, "requests", "create", *TO_BOSTON, "--line2", "Suite 9")[0] == 0
    changed = _block(cli("--as", BILLING, "requests", "list")[1])
    assert changed[1] == "Address line 2: Bldg 4 → Suite 9"  # where the one that stays was
    [request] = json.loads(cli("--as", BILLING, "requests", "list", "--json")[1])
    assert cli("--as", MARIA, "requests", "withdraw", str(request["id"]))[0] == 0
    assert cli("--as", MARIA, "requests", "create", *TO_BOSTON, "--line2", "Bldg 4")[0] == 0
    [request] = json.loads(cli("--as", BILLING, "requests", "list", "--json")[1])
    assert cli("--as", BILLING, "requests", "approve", str(request["id"]))[0] == 0
    history = " ".join(cli("--as", MARIA, "show", "history")[1].split())
    assert f"Request #{request['id']} approved applied " + " · ".join(moved) in history
