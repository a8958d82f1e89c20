"""An e-mail cut off in the middle of its delivery, in real processes against a real SMTP server
on 127.0.0.1 held at RCPT TO, on a real SQLite file (#17 trial: after Ctrl-C while the run was
e-mailing, one delivery stayed "Sending" though it never reached the server; the next
`invoices issue` and `send-queued` each said "0 e-mails sent · 0 failed · 1 to retry later",
exit 0, for 30 minutes). A run stopped by Ctrl-C gives back what it had not sent; one killed
outright is found gone; either way the next run sends it at once. An e-mail that a run still
alive is sending is left to it, and nothing is sent twice."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime

import pytest

from tests.child_clock import environment as clock_environment
from tests.conftest import DECEMBER_BEGUN, TODAY
from tests.delivery.conftest import BILLING, SENDER, Mailbox, start

PERIOD = "2026-12"
RECIPIENTS = ["buchhaltung@nordwind.de", "jonas@nordwind.de", "maria@blueharbor.com"]
HELD = RECIPIENTS[0]  # the run's first e-mail (Nordwind's invoice, its first address)


class HeldMailbox(Mailbox):
    """A server that holds the first RCPT TO of HELD until `let_go` is set, as a slow server
    does: `arrived` says a sender is waiting on it."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived, self.let_go = threading.Event(), threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == HELD and not self.arrived.is_set():
            self.arrived.set()
            while not self.let_go.is_set():
                await asyncio.sleep(0.02)
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


@pytest.fixture
def server():
    box = HeldMailbox()
    controller = start(box)
    box.port = controller.port
    yield box
    box.let_go.set()
    controller.stop()


@pytest.fixture
def mycompany(tmp_path, server):
    """`mycompany(*argv)`: a new process on the demo database in tmp_path, its clock on Dec 1,
    mail through `server`; returns it running (stdout, stderr piped)."""
    base = clock_environment(datetime(TODAY.year, TODAY.month, TODAY.day, 12))
    base.update(MYCOMPANY_DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}", LANG="C.UTF-8",
                MYCOMPANY_SMTP_URL=f"smtp://127.0.0.1:{server.port}?timeout=60",
                MYCOMPANY_MAIL_FROM=SENDER)
    for name in ("MYCOMPANY_USER", "MYCOMPANY_LANG"):
        base.pop(name, None)
    subprocess.run([sys.executable, "-m", "tui", "demo"], env=base, check=True,
                   capture_output=True, timeout=120)
    env = clock_environment(datetime(DECEMBER_BEGUN.year, 12, 1, 12), base)

    def run(*argv: str, mail: bool = True) -> subprocess.Popen[str]:
        settings = env if mail else {k: v for k, v in env.items() if k != "MYCOMPANY_SMTP_URL"}
        return subprocess.Popen([sys.executable, "-m", "tui", "--as", BILLING, *argv],
                                env=settings, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    return run


def held(server: HeldMailbox, process: subprocess.Popen[str]) -> None:
    """Wait until `process` is in the middle of delivering HELD."""
    deadline = time.monotonic() + 90
    while not server.arrived.wait(0.05):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline


def deliveries(tmp_path) -> dict[str, str]:
    with sqlite3.connect(tmp_path / "run.sqlite3", timeout=30) as db:
        return dict(db.execute("SELECT d.email, d.status FROM invoice_delivery d JOIN invoice i "
                               "ON i.id = d.invoice_id WHERE i.billing_period = ?", (PERIOD,)))


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def received(server: HeldMailbox) -> list[str]:
    return sorted(m["To"] for m in server.messages)


def test_ctrl_c_while_e_mailing_leaves_nothing_sending_and_the_next_run_sends_it_at_once(
        tmp_path, server, mycompany):
    run = mycompany("invoices", "issue", "--period", PERIOD)
    held(server, run)
    run.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    status, out, err = finished(run)
    assert status == 130, err
    assert time.monotonic() - stopped < 15  # not held by the silent server (timeout=60)
    assert out.rstrip().endswith("Stopped while e-mailing the invoices: `mycompany invoices "
                                 "send-queued` sends the rest.")
    assert "Traceback" not in err
    # What it had claimed is given back as it was: none reads "Sending".
    assert deliveries(tmp_path) == dict.fromkeys(RECIPIENTS, "pending")
    server.let_go.set()  # the server answers the cut-off exchange; nobody is there
    status, out, err = finished(mycompany("invoices", "issue", "--period", PERIOD))
    assert (status, err) == (0, "")
    assert out.rstrip().endswith("3 e-mails sent · 0 failed")
    assert received(server) == RECIPIENTS  # each once: the cut-off one never reached it
    assert deliveries(tmp_path) == dict.fromkeys(RECIPIENTS, "sent")


def test_ctrl_c_in_send_queued_gives_back_what_it_had_not_sent(tmp_path, server, mycompany):
    assert finished(mycompany("invoices", "issue", "--period", PERIOD, mail=False))[0] == 0
    run = mycompany("invoices", "send-queued")  # the e-mails the run left waiting
    held(server, run)
    run.send_signal(signal.SIGINT)
    status, _, err = finished(run)
    assert status == 130 and "Traceback" not in err
    assert deliveries(tmp_path) == dict.fromkeys(RECIPIENTS, "pending")
    server.let_go.set()
    status, out, err = finished(mycompany("invoices", "send-queued"))
    assert (status, out.strip(), err) == (0, "3 e-mails sent · 0 failed", "")
    assert received(server) == RECIPIENTS


def test_a_run_killed_while_e_mailing_is_found_gone_and_send_queued_sends_at_once(
        tmp_path, server, mycompany):
    run = mycompany("invoices", "issue", "--period", PERIOD)
    held(server, run)
    run.kill()  # SIGKILL: nothing given back
    assert finished(run)[0] == -signal.SIGKILL
    assert deliveries(tmp_path)[HELD] == "sending"
    server.let_go.set()
    status, out, err = finished(mycompany("invoices", "send-queued"))
    assert (status, out.strip(), err) == (0, "3 e-mails sent · 0 failed", "")
    assert received(server) == RECIPIENTS


def test_an_e_mail_a_running_run_is_sending_is_left_to_it(tmp_path, server, mycompany):
    run = mycompany("invoices", "issue", "--period", PERIOD)
    held(server, run)  # it holds Nordwind's two e-mails; Blue Harbor's waits its turn
    status, out, err = finished(mycompany("invoices", "send-queued"))
    assert (status, err) == (0, "")
    assert out.strip() == "1 e-mail sent · 0 failed · 2 being sent by another run"
    assert received(server) == ["maria@blueharbor.com"]
    server.let_go.set()
    status, out, err = finished(run)
    assert status == 0, err
    assert out.rstrip().endswith("2 e-mails sent · 0 failed")
    assert received(server) == RECIPIENTS  # nothing twice
