"""`mycompany export history` as CSV is text a person reads in a spreadsheet, in History's words
(#18 trial: a sync's summary was the raw JSON `{"users": [0, 0, 41], …}`); JSON Lines keeps the
values as kept, for a program."""

from __future__ import annotations

import csv
import io
import json

SUPPORT = ("--as", "support@mycompany.example")
BILLING = ("--as", "billing@mycompany.example")
FEED = '{"company": 2, "kind": "team", "name": "Night shift"}\n'


def test_a_sync_and_a_plan_change_read_as_words_in_csv_and_as_values_in_jsonl(cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(FEED)
    assert cli(*BILLING, "sync", str(feed))[0] == 0
    assert cli(*BILLING, "plans", "change", "--company", "2", "--from", "2026-12", "--term",
               "monthly", "--reason", "asked by phone")[0] == 0
    status, out, err = cli(*SUPPORT, "export", "history")
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    [synced] = [r for r in rows if r["action"] == "Platform feed synced"]
    assert synced["new_value"].startswith("Users: ") and "Teams: 1 added" in synced["new_value"]
    assert "{" not in synced["new_value"] and synced["old_value"] == ""
    assert (synced["actor_role"], synced["outcome"]) == ("billing", "done")
    assert not any(cell.startswith(("{", "[")) for r in rows for cell in r.values())
    status, out, _ = cli(*SUPPORT, "export", "history", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    [kept] = [line for line in lines if line["action"] == "feed.sync"]
    assert json.loads(kept["new_value"])["teams"][0] == 1  # the structure, as kept
    assert kept["actor_role"] == "billing" and kept["outcome"] == "done"
    [term] = [r for r in rows if r["field"] == "Term"]  # a plan change: its value by its name
    assert (term["new_value"], term["reason"]) == ("Monthly", "asked by phone")
    [term_kept] = [line for line in lines if line["action"] == "plan.change"
                   and line["field"] == "term"]
    assert term_kept["new_value"] == "monthly"
