"""`mycompany export companies|invoices|history` and `mycompany history` as the vendor's staff
run them (SPEC §6, §11; #18): CSV and JSON Lines read back and compared with the database,
formula cells defused, text from the database kept as data, owners refused (exit 3, recorded)."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from store.persistence.db import database, open_database
from store.persistence.models import AuditEvent, Company, Invoice

SUPPORT = ("--as", "support@mycompany.example")
BILLING = ("--as", "billing@mycompany.example")
JONAS = ("--as", "jonas@nordwind.de")
HOSTILE = "=HYPERLINK(\"http://evil.example\",\"Click\") \x1b[31mRed\u202e"


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def with_database(action):
    """Run `action()` on the cli fixture's database, then close it for the next command."""
    import os

    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        return action()
    finally:
        database.close()


def test_invoices_as_csv_are_the_database_rows(cli):
    status, out, err = cli(*SUPPORT, "export", "invoices")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == ("number,kind,company_id,company_name,issued_on,due_on,period,"
                                   "currency,subtotal,tax,total,tax_rule,status,paid_on,"
                                   "paid_with,corrects")
    rows = read_csv(out)
    invoices = with_database(lambda: [
        (i.number, str(i.company_id), i.issued_on.isoformat(), i.currency, i.total_minor,
         i.status) for i in Invoice.select().order_by(Invoice.id)])
    assert [(r["number"], r["company_id"], r["issued_on"], r["currency"]) for r in rows] == [
        i[:4] for i in invoices]
    for row, invoice in zip(rows, invoices, strict=True):
        assert row["total"] == f"{invoice[4] / 100:.2f}"  # major units, as written
    assert {r["number"]: r["status"] for r in rows}["INV-000002-0013"] == "past_due"


def test_json_lines_carry_iso_dates_utc_times_and_amounts_as_strings(cli):
    status, out, _ = cli(*BILLING, "export", "invoices", "--format", "jsonl",
                         "--since", "2026-10-01", "--company", "2")
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    wanted = with_database(lambda: [i.number for i in Invoice.select().where(
        (Invoice.company == 2) & (Invoice.issued_on >= "2026-10-01")).order_by(Invoice.id)])
    assert wanted and [r["number"] for r in rows] == wanted
    first = rows[0]
    assert first["total"] == "2567.00" and first["currency"] == "EUR"
    assert first["issued_on"] == "2026-10-01"
    status, out, _ = cli(*BILLING, "export", "companies", "--format", "jsonl")
    companies = [json.loads(line) for line in out.splitlines()]
    assert [c["id"] for c in companies] == [1, 2, 3]
    assert companies[0]["created_at"].endswith("+00:00")


def test_a_formula_is_defused_in_csv_and_control_characters_never_reach_a_terminal(
        cli, monkeypatch, tmp_path):
    with_database(lambda: Company.update(name=HOSTILE).where(Company.id == 2).execute())
    path = tmp_path / "companies.csv"
    status, out, err = cli(*SUPPORT, "export", "companies", "--out", str(path))
    assert status == 0 and out == ""
    assert err == f"3 rows written to {path}.\n"
    assert not list(tmp_path.glob("*.part"))  # written beside it, then renamed
    [row] = [r for r in read_csv(path.read_text(encoding="utf-8")) if r["id"] == "2"]
    # defused for a spreadsheet, escaped as on a terminal: a file is read on one too (#15)
    assert row["name"] == "'" + HOSTILE.replace("\x1b", "␛").replace("\u202e", "⇄")
    status, out, _ = cli(*SUPPORT, "export", "companies", "--format", "jsonl")
    assert "\x1b" not in out and "\u202e" not in out and "\\u001b" in out
    assert json.loads(out.splitlines()[1])["name"] == HOSTILE  # JSON: the value, escaped
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    status, out, _ = cli(*SUPPORT, "export", "companies")
    assert status == 0 and "\x1b" not in out and "\u202e" not in out
    assert "'=HYPERLINK" in out and "␛[31mRed⇄" in out


@pytest.mark.parametrize("what", ["companies", "invoices", "history"])
def test_an_owner_is_refused_exit_3_and_the_refusal_is_recorded(cli, tmp_path, what):
    path = tmp_path / "out.csv"
    status, out, err = cli(*JONAS, "export", what, "--out", str(path))
    assert (status, out) == (3, "")
    assert "Only the vendor's staff" in err
    assert not path.exists() and not list(tmp_path.glob("*.part"))
    line = with_database(lambda: AuditEvent.select().order_by(AuditEvent.id.desc()).first())
    assert (line.action, line.outcome, line.actor_email) == (
        f"export.{what}", "refused", "jonas@nordwind.de")


def test_the_export_is_in_history_across_companies_as_words(cli):
    assert cli(*SUPPORT, "export", "invoices", "--since", "2026-01-01")[0] == 0
    assert cli(*JONAS, "history")[0] == 3
    status, out, _ = cli(*BILLING, "history", "--action", "export")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["Company", "Time", "(UTC)", "Who"]  # UTC, named (#17)
    assert "Invoices exported" in lines[1] and "rows · from 2026-01-01" in lines[1]
    assert lines[-1] == "Page 1 of 1 (1 line)"
    status, out, _ = cli(*BILLING, "history", "--person", "jonas", "--json")
    # The demo's own lines by Jonas (his card replaced, #17) are there too.
    [refused] = [i for i in json.loads(out)["items"] if i["action"] == "history.all"]
    assert (refused["outcome"], refused["company_id"]) == ("refused", 2)


def test_bad_dates_and_folders_are_usage_errors(cli, tmp_path):
    status, _, err = cli(*SUPPORT, "export", "invoices", "--since", "01/02/2026")
    assert status == 2 and "YYYY-MM-DD" in err
    status, _, err = cli(*SUPPORT, "export", "invoices", "--out",
                         str(tmp_path / "missing" / "x.csv"))
    assert status == 1 and "is not a folder that exists" in err
    status, _, err = cli(*SUPPORT, "export", "invoices", "--since", "2026-05-01",
                         "--until", "2026-04-01")
    assert status == 1 and "before the start" in err


def test_an_export_never_writes_over_a_file_unless_told(cli, tmp_path):
    """#18 trial: a second export to the same --out silently replaced the first. Refused, the
    first kept whole and no half file left; --replace writes over it."""
    path = tmp_path / "invoices.csv"
    assert cli(*SUPPORT, "export", "invoices", "--out", str(path))[0] == 0
    first = path.read_bytes()
    path.write_bytes(first + b"the accountant's note\r\n")
    status, _out, err = cli(*SUPPORT, "export", "companies", "--out", str(path))
    assert status == 1 and "already exists" in err and "--replace" in err
    assert path.read_bytes() == first + b"the accountant's note\r\n"
    assert not list(tmp_path.glob("*.part"))
    status, _, err = cli(*SUPPORT, "export", "companies", "--out", str(path), "--replace")
    assert status == 0 and path.read_text(encoding="utf-8").startswith("id,")
    assert not list(tmp_path.glob("*.part"))
