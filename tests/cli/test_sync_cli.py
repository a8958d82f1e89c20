"""`mycompany sync FILE|-` as the billing team runs it (SPEC §11, #18): the summary, bad lines
with their numbers on stderr and exit 1, dry-run, JSON, CSV and JSON Lines, refusals."""

from __future__ import annotations

import json

BEA = ("--as", "billing@mycompany.example")

FEED = [
    {"company": 3, "kind": "user", "login": "maria", "name": "Maria", "role": "owner",
     "email": "maria@blueharbor.com", "active": True},
    {"company": 3, "kind": "user", "login": "zoe", "name": "Zoé", "email": "zoe@blueharbor.com",
     "role": "agent", "active": True},
    {"company": 3, "kind": "number", "e164": "+12125550100", "active": True},
    {"company": 3, "kind": "team", "name": "Harbour"},
]
CSV = ("company,kind,login,name,email,role,active,e164\n"
       "3,user,maria,Maria,maria@blueharbor.com,owner,true,\n"
       "3,user,zoe,Zoé,zoe@blueharbor.com,agent,true,\n"
       "3,number,,,,,true,+12125550100\n"
       "3,team,,Harbour,,,,\n")


def write(tmp_path, lines, name="feed.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(x) + "\n" for x in lines) if isinstance(lines, list)
                    else lines, encoding="utf-8")
    return str(path)


def test_a_feed_is_applied_then_found_in_step(cli, tmp_path):
    path = write(tmp_path, FEED)
    status, out, err = cli(*BEA, "sync", path)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        ("Blue Harbor Inc. (3): Users: 1 added, 1 changed, 4 deactivated · Numbers: 1 added, "
         "6 deactivated · Teams: 1 added, 3 deactivated"),
        "1 company changed."]
    status, out, _ = cli(*BEA, "sync", path)
    assert status == 0 and out.splitlines() == [  # one line (#18 trial)
        "1 company already in step with the feed: nothing changed."]
    status, out, _ = cli(*BEA, "--company", "3", "show", "plan", "--json")
    rows = json.loads(out)["rows"]
    assert (rows["users"]["active"], rows["numbers"]["active"], rows["teams"]["active"]) \
        == (2, 1, 1)


def test_the_csv_form_is_the_same_feed(cli, tmp_path):
    status, out, err = cli(*BEA, "sync", write(tmp_path, CSV, "feed.csv"), "--dry-run")
    assert (status, err) == (0, "")
    assert "+ user zoe" in out and "+ number +12125550100" in out and "+ team Harbour" in out
    assert out.splitlines()[-1] == "1 company would change; nothing was written."
    status, out, _ = cli(*BEA, "sync", "-", "--format", "csv", stdin=CSV)
    assert status == 0 and out.splitlines()[-1] == "1 company changed."
    status, out, _ = cli(*BEA, "sync", write(tmp_path, FEED))  # JSON Lines: nothing left to do
    assert "nothing changed" in out


def test_a_dry_run_writes_nothing(cli, tmp_path):
    path = write(tmp_path, FEED)
    status, out, _ = cli(*BEA, "sync", path, "--dry-run", "--json")
    answer = json.loads(out)
    assert status == 0 and answer["dry_run"] is True
    [company] = answer["companies"]
    assert {"kind": "user", "what": "added", "key": "zoe", "fields": []} \
        in company["differences"]
    status, out, _ = cli(*BEA, "sync", path, "--json")
    assert json.loads(out)["companies"][0]["users"] == {"added": 1, "changed": 1,
                                                        "deactivated": 4}


def test_bad_lines_go_to_stderr_with_their_number_and_exit_1(cli, tmp_path):
    lines = [json.dumps(x) for x in FEED]
    lines.insert(1, '{"company": 3, "kind": "user", "login": "x", "name": "X", '
                    '"email": "nope", "role": "agent"}')
    lines.insert(3, "garbage")
    status, out, err = cli(*BEA, "sync", write(tmp_path, "\n".join(lines) + "\n"))
    assert status == 1
    assert err.splitlines() == [
        "Line 2: email: This is not an e-mail address; enter one like billing@example.com",
        "Line 4: This line is not JSON"]
    assert "Users: 1 added" in out and out.splitlines()[-1] == "2 bad lines skipped (see above)."
    status, out, _ = cli(*BEA, "sync", write(tmp_path, "\n".join(lines) + "\n"), "--json")
    assert status == 1 and [b["line"] for b in json.loads(out)["bad_lines"]] == [2, 4]


def test_support_and_owners_are_refused_with_exit_3_and_it_is_recorded(cli, tmp_path):
    path = write(tmp_path, FEED)
    for who in ("support@mycompany.example", "maria@blueharbor.com"):
        status, out, err = cli("--as", who, "sync", path)
        assert (status, out) == (3, "") and "Only the billing team" in err
    status, out, _ = cli(*BEA, "sync", path, "--dry-run", "--json")
    assert json.loads(out)["companies"][0]["users"]["added"] == 1  # nothing was written


def test_history_names_the_sync_in_words(cli, tmp_path):
    cli("--as", "admin@mycompany.example", "sync", write(tmp_path, FEED))
    status, out, _ = cli(*BEA, "--company", "3", "show", "history")
    assert status == 0
    line = next(text for text in out.splitlines() if "feed" in text)
    assert "Platform feed synced" in line and "Users: 1 added" in line


def test_a_missing_file_or_a_header_that_is_not_the_feeds_is_said(cli, tmp_path):
    status, _, err = cli(*BEA, "sync", str(tmp_path / "none.jsonl"))
    assert status == 1 and "does not exist" in err
    status, _, err = cli(*BEA, "sync", write(tmp_path, "a,b\n1,2\n", "x.csv"))
    assert status == 1 and "company and kind at least" in err


def test_the_readmes_two_forms_are_the_same_feed(cli, tmp_path):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The platform's feed", 1)[1]
    jsonl_example, csv_example = (block.split("```", 1)[0].lstrip("\n")
                                  for block in section.split("```\n")[1::2][:2])
    status, out, err = cli(*BEA, "sync", write(tmp_path, csv_example, "feed.csv"), "--json",
                           "--dry-run")
    assert (status, err) == (0, "")
    by_csv = json.loads(out)["companies"]
    status, out, err = cli(*BEA, "sync", write(tmp_path, jsonl_example), "--json", "--dry-run")
    assert (status, err) == (0, "") and json.loads(out)["companies"] == by_csv
    assert by_csv[0]["users"]["added"] == 1 and by_csv[0]["teams"]["added"] == 1


def test_a_spreadsheets_csv_with_a_byte_order_mark_is_read(cli, tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes("\ufeff".encode() + CSV.encode())
    status, out, err = cli(*BEA, "sync", str(path), "--dry-run")
    assert (status, err) == (0, "") and "+ team Harbour" in out


def test_a_dry_run_line_shows_an_empty_value_as_a_dash():
    """#18 trial: `~ user owner6: login  → owner6` (the login it had was none)."""
    from store.feed.sync import Difference
    from tui.sync_cli import difference_text

    line = difference_text(Difference("user", "changed", "owner6", (("login", None, "owner6"),)))
    assert line == "  ~ user owner6: login — → owner6"
