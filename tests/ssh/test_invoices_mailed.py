"""The README's "Operate it" step 8 over `mycompany serve`: the server's own mail settings
(MYCOMPANY_SMTP_URL, MYCOMPANY_MAIL_FROM) reach the sessions it runs, and nothing the SSH client
sends replaces them (#17 trial: an invoice issued over ssh was e-mailed to no one, "not set").
The real OpenSSH client, the real server, a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from store import clock
from store.plans.terms import add_months
from tests.delivery.conftest import Mailbox, start
from tui.serve_session import PERSONAL_SETTINGS, SERVER_SETTINGS, child_env

from .conftest import make_demo, start_server

SENDER = "billing@vendor.example"
NORDWIND = ("jonas@nordwind.de", "buchhaltung@nordwind.de")  # its invoice recipients


def test_an_invoice_issued_over_ssh_is_e_mailed_through_the_server_s_mail_settings(tmp_path):
    # The demo made a month ago, so its invoices stop there, and this month, begun on the
    # server's real clock (PERIOD=$(date -u +%Y-%m), as step 8 writes it), is still to issue.
    this_month = datetime.now(UTC).date().replace(day=1)
    clock.set_clock(lambda: add_months(this_month, -1))
    demo = make_demo(tmp_path / "db")
    mailbox = Mailbox()
    mail_server = start(mailbox)
    server = start_server(demo, tmp_path / "serve", env={
        "MYCOMPANY_SMTP_URL": f"smtp://127.0.0.1:{mail_server.port}",
        "MYCOMPANY_MAIL_FROM": SENDER})
    try:
        # The client asks for a mail server and a sender of its own: ignored, as its every
        # variable but TERM and the language's.
        client_settings = ("-o", "SetEnv=MYCOMPANY_SMTP_URL=smtp://127.0.0.1:9 "
                           + "MYCOMPANY_MAIL_FROM=mallory@example.com")
        period = f"{this_month:%Y-%m}"
        run = server.ssh("billing", "invoices", "issue", "--period", period, "--company", "2",
                         "--json", options=client_settings)
        assert run.returncode == 0, run.stderr
        report = json.loads(run.stdout)
        [issued] = report["issued"]
        number = issued["number"]
        assert report["delivery"]["not_sent"] is None
        assert report["delivery"]["sent"] == len(NORDWIND)
        assert sorted(m["To"] for m in mailbox.messages) == sorted(NORDWIND)
        for message in mailbox.messages:
            assert SENDER in message["From"]
            [pdf] = [part for part in message.iter_attachments()
                     if part.get_content_type() == "application/pdf"]
            assert number in pdf.get_filename()
        queued = server.ssh("billing", "invoices", "send-queued", options=client_settings)
        assert queued.returncode == 0, queued.stderr  # set, with nothing waiting: exit 0
        assert len(mailbox.messages) == len(NORDWIND)
        demo.wait_sessions_ended()
    finally:
        server.stop()
        mail_server.stop()


def test_every_setting_the_program_reads_is_the_operator_s_or_the_person_s():
    """Each MYCOMPANY_ variable store/ and tui/ read is passed from the server to its sessions
    (the operator's configuration) or never (the person's): a new one cannot go unclassified
    and be silently dropped over SSH, as the mail settings were."""
    source = Path(__file__).resolve().parents[2]
    read = {name for folder in ("store", "tui") for path in (source / folder).rglob("*.py")
            for name in re.findall(r"MYCOMPANY_[A-Z_]*[A-Z]", path.read_text(encoding="utf-8"))}
    assert read <= set(SERVER_SETTINGS) | set(PERSONAL_SETTINGS), read
    server = {name: f"server's {name}" for name in read} | {"PGPASSFILE": "/srv/pgpass"}
    client = {name: f"client's {name}" for name in read} | {"LANG": "fr_FR.UTF-8"}
    env = child_env(client, None, "token", server)
    assert {name: env[name] for name in read if name in env} == {
        name: f"server's {name}" for name in read if name in SERVER_SETTINGS} | {
        "MYCOMPANY_SESSION_TOKEN": "token"}
    assert env["PGPASSFILE"] == "/srv/pgpass" and env["LANG"] == "fr_FR.UTF-8"
