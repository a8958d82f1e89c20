"""History has one record wherever it is JSON (#18 verify v2, t18 item 10: `history --json` said
old_value, actor_role, impersonator_email, request_id where `export history` said old, role,
impersonator, request): the same keys, in the same order, with the same values, in `history
--json`, `show history --json` and each object of `export history` in JSON Lines; the CSV's
header is the same names (README, "History's record")."""

from __future__ import annotations

import json

ADMIN = ("--as", "admin@mycompany.example")
RECORD = ["id", "at", "company_id", "company_name", "actor_email", "actor_name", "actor_role",
          "action", "field", "old_value", "new_value", "outcome", "reason", "ticket", "origin",
          "impersonator_email", "request_id", "region_country"]


def test_a_line_of_history_is_one_record_in_every_json(cli):
    # A line about a change request, which History names by its number.
    status, _out, err = cli("--as", "jonas@nordwind.de", "requests", "create",
                            "--vat", "DE811907980", "--note", "moved")
    assert status == 0, err
    status, out, err = cli(*ADMIN, "history", "--company", "2", "--json")
    assert status == 0, err
    everyone = {item["id"]: item for item in json.loads(out)["items"]}
    status, out, err = cli(*ADMIN, "--company", "2", "show", "history", "--json")
    assert status == 0, err
    company = {item["id"]: item for item in json.loads(out)["items"]}
    status, out, err = cli(*ADMIN, "export", "history", "--company", "2", "--format", "jsonl")
    assert status == 0, err
    exported = {row["id"]: row for row in map(json.loads, out.splitlines())}

    assert everyone.keys() == company.keys() <= exported.keys()
    for line, item in everyone.items():
        assert list(item) == list(company[line]) == list(exported[line]) == RECORD
        assert item == company[line] == exported[line]
    [sent] = [item for item in everyone.values() if item["action"] == "request.create"]
    assert (sent["company_id"], sent["company_name"], sent["actor_role"]) == (
        2, "Nordwind Logistik GmbH", "owner")
    assert isinstance(sent["request_id"], int)

    status, out, err = cli(*ADMIN, "export", "history", "--company", "2")  # CSV: the same names
    assert out.splitlines()[0].split(",") == RECORD
