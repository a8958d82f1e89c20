"""`mycompany invoices issue --period` stopped with Ctrl-C (SIGINT) in a real process (#17 trial:
the invoices already made were said only on stderr, so a script did not know what was issued):
every invoice issued before the interrupt is on stdout, then a line saying the run stopped and
that the same command finishes it; running it again issues the rest, none twice."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

import pytest

from tests.child_clock import environment as clock_environment
from tests.conftest import DECEMBER_BEGUN, TODAY

BILLING = "billing@mycompany.example"
PERIOD = "2026-12"  # the month after TODAY's: issued once it has begun (DECEMBER_BEGUN)


def _environment(tmp_path, day=TODAY) -> dict[str, str]:
    env = clock_environment(datetime(day.year, day.month, day.day, 12))
    env["MYCOMPANY_DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.sqlite3'}"
    env["LANG"] = "C.UTF-8"
    for name in ("MYCOMPANY_SMTP_URL", "MYCOMPANY_USER", "MYCOMPANY_LANG"):
        env.pop(name, None)  # no e-mail: the run's exit status is the issuing's
    return env


def _issued(tmp_path, after: int = 0) -> dict[str, int]:
    """The period's invoices in the database, number → company, with an id above `after`."""
    with sqlite3.connect(tmp_path / "run.sqlite3", timeout=30) as db:
        return dict(db.execute("SELECT number, company_id FROM invoice WHERE kind = 'invoice' "
                               "AND billing_period = ? AND id > ?", (PERIOD, after)))


def _printed(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line.startswith("INV-")]


def test_ctrl_c_says_every_invoice_issued_on_stdout_and_the_rerun_finishes(tmp_path):
    env = _environment(tmp_path)
    command = [sys.executable, "-m", "tui", "--as", BILLING, "invoices", "issue", "--period",
               PERIOD]
    subprocess.run([sys.executable, "-m", "tui", "demo", "--companies", "150"], env=env,
                   check=True, capture_output=True, timeout=120)
    with sqlite3.connect(tmp_path / "run.sqlite3") as db:
        [(before,)] = db.execute("SELECT MAX(id) FROM invoice")
    env = _environment(tmp_path, DECEMBER_BEGUN)  # the run: December begun (#17)
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    deadline = time.monotonic() + 60
    while len(_issued(tmp_path, before)) < 5 and run.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=60)

    assert run.returncode == 130, err
    issued = _issued(tmp_path, before)
    printed = _printed(out)
    assert sorted(printed) == sorted(issued)  # every one, each once
    assert 5 <= len(issued) < 100  # stopped in the middle, not after the last company
    last = out.rstrip("\n").splitlines()[-1]
    assert last == (f"Stopped: {len(issued)} invoices issued for {PERIOD}. Run the same "
                    "command again to finish the period.")
    assert "Traceback" not in err

    again = subprocess.run(command, check=False, env=env, capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0, again.stderr
    rest = _printed(again.stdout)
    assert rest and not set(rest) & set(printed)  # the others, none issued twice
    everything = _issued(tmp_path, before)
    assert sorted(everything) == sorted(printed + rest)
    assert len(set(everything.values())) == len(everything)  # one invoice per company
    assert f"{len(issued)} companies already invoiced for this period." in again.stdout


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_ctrl_c_with_json_answers_json_naming_the_invoices_issued(cli, monkeypatch):
    import store.invoicing.billing_run

    bill = store.invoicing.billing_run._bill_company

    def stop_at_blue(actor, cid, *rest):
        if cid == 3:  # Nordwind (2) issued; Blue Harbor (3) not yet
            raise KeyboardInterrupt
        return bill(actor, cid, *rest)

    monkeypatch.setattr(store.invoicing.billing_run, "_bill_company", stop_at_blue)
    status, out, _ = cli("--as", BILLING, "invoices", "issue", "--period", PERIOD, "--json")
    answer = json.loads(out)
    assert status == 130
    assert [(i["company"], i["number"][:11]) for i in answer["issued"]] == [(2, "INV-000002-")]
    assert answer["stopped"].startswith("Stopped: 1 invoice issued for 2026-12.")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_invoice_committed_just_before_the_interrupt_is_said(cli, monkeypatch):
    """Ctrl-C in the instant after a company's transaction committed, before the run noted its
    invoice: the invoice is issued, so it is said."""
    import store.invoicing.billing_run

    issue = store.invoicing.billing_run._issue_one

    def committed_then_stopped(*args, **kwargs):
        issue(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(store.invoicing.billing_run, "_issue_one", committed_then_stopped)
    status, out, _ = cli("--as", BILLING, "invoices", "issue", "--period", PERIOD,
                         "--company", "2")
    assert status == 130
    lines = out.strip().splitlines()
    assert lines[0].startswith("INV-000002-") and "Nordwind Logistik GmbH" in lines[0]
    assert lines[-1].startswith("Stopped: 1 invoice issued for 2026-12.")
