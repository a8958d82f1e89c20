"""A change request reads as one thing on the command line (#16 trial, as Blue Harbor's owner
and the billing team did it): one History line per request and per decision, a stale approval
refused in History with why, places named as the forms name them (California, ZIP code), and
the owner's `requests list` shows their decided requests under the waiting one."""

from __future__ import annotations

import json
import re

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"
MOVE = ["--state", "NY", "--postal-code", "10118", "--city", "New York",
        "--line1", "350 Fifth Avenue"]


def send_move(cli, *extra: str) -> int:
    status, out, err = cli("--as", MARIA, "requests", "create", *MOVE, *extra, "--json")
    assert (status, err) == (0, "")
    return json.loads(out)["id"]


def history(cli) -> list[str]:
    status, out, err = cli("--as", MARIA, "show", "history")
    assert (status, err) == (0, "")
    return [" ".join(line.split()) for line in out.splitlines()]


def test_a_move_and_its_rejection_are_one_line_each(cli):
    number = send_move(cli)
    assert cli("--as", BILLING, "requests", "reject", str(number), "--reason", "No lease")[0] == 0
    lines = history(cli)
    sent = [line for line in lines if f"Request #{number} sent" in line]
    rejected = [line for line in lines if f"Request #{number} rejected" in line]
    assert len(sent) == 1 and len(rejected) == 1  # not one per field
    assert ("asked Address: 1600 Amphitheatre Pkwy → 350 Fifth Avenue · ZIP code: 94043 → "
            "10118 · City: Mountain View → New York · State: California → New York") in sent[0]
    assert "not applied: Address: 1600 Amphitheatre Pkwy → 350 Fifth Avenue · " in rejected[0]
    assert "· State: California → New York" in rejected[0]
    assert "unchanged" not in rejected[0]


def test_a_field_already_at_the_value_asked_is_not_listed_as_a_change(cli):
    number = send_move(cli)
    # the owner moves the street and city themselves (not locked) before the team decides
    assert cli("--as", MARIA, "set", "address", "--city", "New York")[0] == 0
    status, _, _ = cli("--as", BILLING, "requests", "reject", str(number), "--reason", "No")
    assert status == 0
    [rejected] = [line for line in history(cli) if f"Request #{number} rejected" in line]
    assert "City: Mountain View → New York" not in rejected
    assert "already so: City: New York" in rejected


def test_a_stale_approval_is_refused_in_history_with_why(cli):
    number = send_move(cli)
    assert cli("--as", MARIA, "set", "address", "--line2", "Floor 3")[0] == 0
    status, _, err = cli("--as", BILLING, "requests", "approve", str(number))
    assert status == 4 and "after this request was sent" in err
    [refused] = [line for line in history(cli) if f"Approval of request #{number}" in line]
    assert "refused" in refused and "after this request was sent" in refused
    status, out, _ = cli("--as", BILLING, "--company", "3", "show", "history", "--json")
    [line] = [e for e in json.loads(out)["items"]
              if e["action"] == "request.approve" and e["outcome"] == "refused"]
    assert line["actor_email"] == BILLING


def test_the_owner_lists_the_waiting_request_first_then_the_decided_ones(cli):
    first = send_move(cli)
    assert cli("--as", BILLING, "requests", "reject", str(first), "--reason", "No lease")[0] == 0
    second = send_move(cli, "--note", "Lease attached")
    status, out, err = cli("--as", MARIA, "requests", "list")
    assert (status, err) == (0, "")
    rows = [" ".join(line.split()) for line in out.splitlines()]
    # A block per request, its number, company and status on its first line.
    waiting = next(i for i, row in enumerate(rows) if row.startswith(f"Request #{second} · "))
    decided = next(i for i, row in enumerate(rows) if row.startswith(f"Request #{first} · "))
    assert waiting < decided
    assert "Pending" in rows[waiting]
    # Its decision on a line of its own, the time in the reader's zone, named (#16 trial: "on
    # 2026-11-30 17:45"; SPEC §2: the reader's zone, here the tests' UTC)
    said = next(row for row in rows[decided:] if row.startswith(f"Rejected by {BILLING} on"))
    assert "Reason: No lease" in rows
    assert re.search(r"on .+ UTC", said), said
    status, out, _ = cli("--as", MARIA, "requests", "list", "--json")
    assert [(r["id"], r["status"]) for r in json.loads(out)] == [
        (second, "pending"), (first, "rejected")]


def test_the_queue_names_places_as_history_and_the_forms_do(cli):
    send_move(cli)
    status, out, _ = cli("--as", BILLING, "requests", "list")
    flat = " ".join(out.split())
    assert status == 0
    assert "State: California → New York" in flat and "ZIP code: 94043 → 10118" in flat
    assert "CA → NY" not in flat and "Postal code" not in flat


def test_history_is_filtered_by_the_postal_codes_own_name(cli):
    number = send_move(cli)
    status, out, err = cli("--as", MARIA, "show", "history", "--field", "ZIP code")
    assert (status, err) == (0, "") and f"Request #{number} sent" in out
