"""`mycompany invoices resend | deliveries | send-queued` as people and scripts use them, against a
real SMTP server: exit statuses, JSON, History, and the password never printed."""

from __future__ import annotations

import json
import os
import re

import store.invoicing.delivery
import store.persistence.db
from store.persistence.db import database
from store.persistence.models import Invoice
from tests.cli.conftest import cli  # noqa: F401  (the fixture: `mycompany` on a demo database)
from tests.delivery.conftest import BILLING, JONAS, SUPPORT, free_port

NORDWIND = "2"


def newest_nordwind_invoice(cli) -> str:  # noqa: F811
    status, out, _ = cli("--as", JONAS, "show", "invoices", "--json")
    assert status == 0
    return json.loads(out)["items"][0]["number"]


def queue(number: str) -> None:
    """What the billing run does as it issues the invoice."""
    store.persistence.db.open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        store.invoicing.delivery.queue_invoice(Invoice.get(Invoice.number == number).id)
    finally:
        database.close()


def test_billing_resends_an_invoice_and_history_says_so(cli, mailbox):  # noqa: F811
    number = newest_nordwind_invoice(cli)
    status, out, err = cli("--as", BILLING, "--company", NORDWIND, "invoices", "resend",
                           number.lower(), "--to", "Accounting@Example.com")
    assert (status, err) == (0, "")
    assert out.strip() == "1 e-mail sent · 0 failed"
    assert [m["To"] for m in mailbox.messages] == ["accounting@example.com"]
    status, out, _ = cli("--as", JONAS, "invoices", "deliveries", number, "--json")
    [row] = json.loads(out)
    assert (status, row["email"], row["status"], row["attempts"], row["queued_by"]) == (
        0, "accounting@example.com", "sent", 1, BILLING)
    assert row["sent_at"].endswith("+00:00")
    status, out, _ = cli("--as", JONAS, "show", "history", "--json")
    [line] = [i for i in json.loads(out)["items"] if i["action"] == "invoice.resend"]
    assert (line["actor_email"], line["new_value"]) == (
        BILLING, f"{number} → accounting@example.com")
    status, out, _ = cli("--as", JONAS, "show", "history")
    [text] = [row for row in out.splitlines() if "Invoice resent" in row]
    assert re.search(rf"  {number} → accounting@example\.com +done", text)


def test_deliveries_show_each_recipient_and_why_one_failed(cli, mailbox):  # noqa: F811
    number = newest_nordwind_invoice(cli)
    queue(number)
    mailbox.refuse.add("buchhaltung@nordwind.de")
    status, out, err = cli("--as", BILLING, "invoices", "send-queued")
    assert (status, err) == (1, "")  # one failed: a script or cron job sees it
    assert out.splitlines()[0] == "1 e-mail sent · 1 failed"
    assert "buchhaltung@nordwind.de" in out and "550 5.1.1 Mailbox unavailable" in out
    status, out, _ = cli("--as", BILLING, "--company", NORDWIND, "invoices", "deliveries",
                         number)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Recipient", "Status", "Attempts", "Last", "attempt", "Sent",
                                "at", "Next", "attempt", "Reason"]
    assert lines[1].startswith("buchhaltung@nordwind.de") and " Refused for good " in lines[1]
    assert lines[1].endswith("550 5.1.1 Mailbox unavailable")
    assert lines[2].startswith(JONAS) and " Sent " in lines[2]


def test_send_queued_without_settings_says_why_and_fails(cli, monkeypatch):  # noqa: F811
    monkeypatch.delenv("MYCOMPANY_SMTP_URL", raising=False)
    queue(newest_nordwind_invoice(cli))
    status, out, err = cli("--as", BILLING, "invoices", "send-queued")
    assert status == 1
    assert err == ("mycompany: MYCOMPANY_SMTP_URL is not set: no e-mail is sent (see README, "
                   "Configuration).\n")
    assert out.strip() == "0 e-mails sent · 0 failed · 2 waiting"
    status, out, _ = cli("--as", BILLING, "invoices", "send-queued", "--json")
    answer = json.loads(out)
    assert (status, answer["sent"], answer["waiting"]) == (1, 0, 2)
    assert answer["not_sent"].startswith("MYCOMPANY_SMTP_URL is not set")


def test_a_support_agent_is_refused_and_staff_name_the_company(cli, mailbox):  # noqa: F811
    number = newest_nordwind_invoice(cli)
    status, out, err = cli("--as", SUPPORT, "--company", NORDWIND, "invoices", "resend", number,
                           "--to", "x@example.com")
    assert (status, out, err) == (3, "", "mycompany: Only the billing team can do this.\n")
    status, _, err = cli("--as", SUPPORT, "invoices", "send-queued")
    assert (status, err) == (3, "mycompany: Only the billing team can do this.\n")
    # An invoice number names its company: staff need no --company for it (#17 trial).
    status, out, err = cli("--as", BILLING, "invoices", "resend", number, "--to",
                           "x@example.com")
    assert (status, err, out) == (0, "", "1 e-mail sent · 0 failed\n")
    status, out, _ = cli("--as", SUPPORT, "invoices", "deliveries", number)
    assert status == 0 and "x@example.com" in out
    status, out, _ = cli("--as", SUPPORT, "invoices", "show", number.lower())
    assert status == 0 and out.startswith(number)
    status, _, err = cli("--as", BILLING, "invoices", "resend", "INV-999999-0001", "--to",
                         "x@example.com")
    assert (status, err) == (5, "mycompany: There is no invoice INV-999999-0001.\n")
    status, _, err = cli("--as", SUPPORT, "show", "plan")
    assert (status, err) == (2, "mycompany: Staff members choose a company with --company ID.\n")
    status, _, err = cli("--as", BILLING, "--company", NORDWIND, "invoices", "resend", "NOPE-1",
                         "--to", "x@example.com")
    assert (status, err) == (5, "mycompany: Company 2 has no invoice NOPE-1.\n")
    assert [m["To"] for m in mailbox.messages] == ["x@example.com"]  # the one resent


def test_the_password_is_never_printed(cli, monkeypatch):  # noqa: F811
    number = newest_nordwind_invoice(cli)
    monkeypatch.setenv("MYCOMPANY_SMTP_URL",
                       f"smtp://ap:S3cr%2Ft@127.0.0.1:{free_port()}?timeout=5")
    monkeypatch.setenv("MYCOMPANY_MAIL_FROM", "invoices@mycompany.example")
    outputs = [cli("--as", BILLING, "--company", NORDWIND, "invoices", "resend", number, "--to",
                   JONAS, *json_option) for json_option in ((), ("--json",))]
    assert [status for status, _, _ in outputs] == [1, 1]
    assert "cannot reach smtp://ap@127.0.0.1:" in outputs[0][1]
    outputs.append(cli("--as", BILLING, "--company", NORDWIND, "invoices", "deliveries", number,
                       "--json"))
    monkeypatch.setenv("MYCOMPANY_SMTP_URL", "smtps://ap:S3cr%2Ft@mail.example.com:465?tls=1")
    outputs.append(cli("--as", BILLING, "invoices", "send-queued"))
    assert "smtps://ap@mail.example.com:465: unknown option tls" in outputs[-1][2]
    printed = "".join(out + err for _, out, err in outputs)
    assert "S3cr" not in printed and "S3cr%2Ft" not in printed


def test_a_resend_that_did_not_go_says_so_in_history(cli, monkeypatch):  # noqa: F811
    """#17 trial: six resends to an unreachable server each read "Invoice resent … done"."""
    monkeypatch.setenv("MYCOMPANY_SMTP_URL", f"smtp://127.0.0.1:{free_port()}?timeout=5")
    monkeypatch.setenv("MYCOMPANY_MAIL_FROM", "billing@mycompany.example")
    number = newest_nordwind_invoice(cli)
    status, _, _ = cli("--as", BILLING, "--company", NORDWIND, "invoices", "resend", number,
                       "--to", "accounting@example.com")
    assert status == 1
    _, out, _ = cli("--as", JONAS, "show", "history", "--json")
    [line] = [i for i in json.loads(out)["items"] if i["action"] == "invoice.resend"]
    assert (line["outcome"], line["new_value"]) == ("refused", f"{number} → accounting@example.com")
    assert "127.0.0.1" in line["reason"]
