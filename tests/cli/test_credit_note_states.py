"""A credit note is named for what it is, in the same words on every surface: the list, `show
invoices`, the invoice in full and its PDF (#17 trial: a credit note left by a paid invoice read
"Open", and "Credit note: Open" in the detail, which an owner reads as money owed). Not used yet:
"Credit available"; used on an invoice: "Deducted from INV-…"."""

from __future__ import annotations

from datetime import date

from store import clock
from tests.documents.factories import text_of

BEA = ("--as", "billing@mycompany.example")
MARIA = ("--as", "maria@blueharbor.com")
CREDIT = "CN-000003-0001"


def _states(cli, tmp_path, name: str) -> tuple[str, str, str]:
    """The credit note's status in `show invoices`, `invoices show`'s first line, its PDF."""
    _status, listed, _err = cli(*MARIA, "show", "invoices")
    row = next(line for line in listed.splitlines() if line.startswith(CREDIT))
    _status, detail, _err = cli(*MARIA, "invoices", "show", CREDIT)
    folder = tmp_path / name
    folder.mkdir()
    assert cli(*MARIA, "invoices", "download", CREDIT, "--out", str(folder))[0] == 0
    return row, detail.splitlines()[0], text_of((folder / f"{CREDIT}.pdf").read_bytes())


def test_a_credit_note_of_a_paid_invoice_is_a_credit_available_then_deducted(cli, tmp_path):
    status, _out, err = cli(*BEA, "invoices", "credit", "INV-000003-0006", "--reason",
                            "Wrong plan")
    assert status == 0, err
    row, head, pdf = _states(cli, tmp_path, "before")
    assert row.rstrip().endswith("  Credit available") and "Open" not in row
    assert head == f"{CREDIT}  Credit note: Credit available"
    assert "Status Credit available" in pdf and "Open" not in pdf
    # The next invoice deducts it (the run's charge at issue, as Pay now would)
    clock.set_clock(lambda: date(2026, 12, 1))
    status, out, err = cli(*BEA, "invoices", "issue", "--period", "2026-12", "--company", "3")
    assert status == 0 and "settled by credit notes" in out, out + err
    row, head, pdf = _states(cli, tmp_path, "after")
    assert row.rstrip().endswith("  Deducted from INV-000003-0007")
    assert head == f"{CREDIT}  Credit note: Deducted from INV-000003-0007"
    assert "Status Deducted from INV-000003-0007" in pdf
