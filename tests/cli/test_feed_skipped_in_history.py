"""A feed's lines skipped for a company stay in that company's History, one refused line per
reason with the lines' numbers (#18 trial: company 10's teams beyond Essentials' three and closed
company 99's lines were on stderr alone; "Platform feed synced" shows counts only)."""

from __future__ import annotations

import json
import os

from store.feed.sync_skipped import line_ranges, lines_in
from store.persistence.db import database, open_database
from store.persistence.models import AuditEvent
from store.views import AuditEntryView
from tui import audit_text

BEA = ("--as", "billing@mycompany.example")
FEED = [
    {"company": 3, "kind": "user", "login": "maria", "name": "Maria", "role": "owner",
     "email": "maria@blueharbor.com", "active": True},
    {"company": 3, "kind": "user", "login": "zoe", "name": "Zoé", "email": "not-an-email",
     "role": "agent", "active": True},
    *({"company": 3, "kind": "team", "name": name}
      for name in ("Harbour", "Dock", "Pier", "Quay", "Wharf")),  # Essentials: three (R9)
    {"company": 2, "kind": "team", "name": "Nord"},  # closed below
    {"company": 2, "kind": "number", "e164": "+494030000000", "active": True},
    {"company": 99, "kind": "team", "name": "Nobody"},  # no such company: stderr alone
]


def _history(company: int) -> list[list[str]]:
    """Company `company`'s feed lines, newest first, as History reads them."""
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        rows = list(AuditEvent.select().where((AuditEvent.company == company)
                                              & (AuditEvent.action == "feed.sync"))
                    .order_by(AuditEvent.id.desc()).dicts())
    finally:
        database.close()
    return [[audit_text.title(e), audit_text.change(e), e.outcome, audit_text.reason_text(e)]
            for e in map(AuditEntryView.from_row, rows)]


def _feed(tmp_path) -> str:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in FEED), encoding="utf-8")
    return str(path)


def test_each_company_s_skipped_lines_are_in_its_history_by_reason(cli, tmp_path):
    assert cli("--as", "admin@mycompany.example", "companies", "close", "2", "--reason",
               "Left us")[0] == 0
    status, _out, err = cli(*BEA, "sync", _feed(tmp_path))
    assert status == 1 and "Line 10: There is no company 99." in err
    assert _history(3) == [
        ["Feed sync · Feed lines", "lines 6, 7 skipped", "refused",
         "Essentials allows 3 teams; upgrade to Professional for more."],
        ["Feed sync · Feed lines", "line 2 skipped", "refused",
         "email: This is not an e-mail address; enter one like billing@example.com"],
        ["Platform feed synced", ("Users: 1 changed, 4 deactivated · Numbers: 6 deactivated · "
                                  "Teams: 3 added, 3 deactivated"), "done", ""]]
    assert _history(2) == [
        ["Feed sync · Feed lines", "lines 8, 9 skipped", "refused",
         "Company 2 is closed: its data is kept and can be read, but nothing in it changes."]]


def test_a_dry_run_leaves_no_line(cli, tmp_path):
    status, _out, _err = cli(*BEA, "sync", "--dry-run", _feed(tmp_path))
    assert status == 1
    assert _history(3) == []


def test_line_numbers_read_as_ranges():
    assert line_ranges([90, 82, 83, 84, 86, 87, 84]) == "82-84, 86, 87, 90"
    assert lines_in("82-84, 86, 87, 90") == 6 and lines_in("") == 0


def test_the_same_feed_again_does_not_say_its_refusals_again(cli, tmp_path):
    """#18 trial: three runs of one feed left company 3 with 12 refused lines, the same four
    each run. Said once; said again only under a run that changed the company, or when the
    refusals change."""
    feed = _feed(tmp_path)
    for _run in range(3):
        assert cli(*BEA, "sync", feed)[0] == 1
    first = _history(3)
    assert [line[2] for line in first] == ["refused", "refused", "done"]
    assert _history(99) == []
    # The feed changes: Zoé's e-mail is fixed and a fourth team is asked of Essentials.
    fixed = [dict(line, email="zoe@blueharbor.com") if line.get("login") == "zoe" else line
             for line in FEED] + [{"company": 3, "kind": "team", "name": "Slip"}]
    path = tmp_path / "fixed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in fixed), encoding="utf-8")
    for _run in range(2):
        assert cli(*BEA, "sync", str(path))[0] == 1
    assert _history(3)[:2] == [
        ["Feed sync · Feed lines", "lines 6, 7, 11 skipped", "refused",
         "Essentials allows 3 teams; upgrade to Professional for more."],
        ["Platform feed synced", "Users: 1 added", "done", ""]]
    assert _history(3)[2:] == first
