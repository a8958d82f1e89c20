"""`mycompany invoices issue` over every company: one company's failure is listed with its reason,
the others are issued, and the exit status says something failed (#18 trial)."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_run_lists_the_failed_company_issues_the_others_and_exits_1(cli, tmp_path):
    bea = ("--as", "billing@mycompany.example")
    status, _out, err = cli(*bea, "plans", "change", "--company", "3", "--from", "2026-12",
                            "--users", "9223372036854775807", "--reason", "x")
    # A count past the one limit is a usage error, as any too-large number (#18 trial).
    assert status == 2 and err.strip().endswith("Enter a whole number from 0 to 100,000")
    assert cli(*bea, "plans", "change", "--company", "3", "--from", "2026-12", "--users",
               "12", "--reason", "x")[0] == 0
    with sqlite3.connect(tmp_path / "cli.sqlite3") as db:  # as stored before the bound
        db.execute("UPDATE plan_change SET included_users = ?", (2 ** 63 - 1,))
    status, out, _err = cli(*bea, "invoices", "issue", "--period", "2026-12")
    assert status == 1
    assert ("Blue Harbor Inc. (company 3): failed, nothing written: a number of its plan is "
            "too large") in out
    assert "INV-000002-0015  Nordwind Logistik GmbH" in out and "1 invoice issued" in out
