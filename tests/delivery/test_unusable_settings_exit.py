"""One rule for every command that e-mails invoices (README "The command line", exit status;
#17 trial: with MYCOMPANY_SMTP_URL set and no MYCOMPANY_MAIL_FROM, `invoices issue` said
"MYCOMPANY_MAIL_FROM is not set … 5 waiting" and exited 0 while send-queued exited 1, so a cron
run with broken mail settings stayed silent). Mail settings set but unusable fail the billing
run, a credit note, resend and send-queued alike (exit 1, the reason on stderr, the e-mails
waiting); mail not configured at all (MYCOMPANY_SMTP_URL unset) leaves them waiting, exit 0, for
the billing run and a credit note, and fails send-queued and resend, whose job is sending."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import cli  # noqa: F401  (the fixture: `mycompany` on a demo database)
from tests.delivery.conftest import BILLING, JONAS
from tests.delivery.test_delivery_cli import NORDWIND

NO_SENDER = ("mycompany: MYCOMPANY_MAIL_FROM is not set: the address invoices are sent from "
             "(see README, Configuration).\n")
NOT_SET = ("mycompany: MYCOMPANY_SMTP_URL is not set: no e-mail is sent (see README, "
           "Configuration).\n")
UNUSABLE = {  # what an operator may get wrong, and the line that says so
    "no sender": ({"MYCOMPANY_SMTP_URL": "smtp://127.0.0.1:8025"}, NO_SENDER),
    "not a URL": ({"MYCOMPANY_SMTP_URL": "mail.vendor.example:25",
                   "MYCOMPANY_MAIL_FROM": "billing@vendor.example"},
                  ("mycompany: MYCOMPANY_SMTP_URL is not an SMTP URL: write smtp://HOST:PORT, "
                   "smtp://USER:PASSWORD@HOST:587?starttls=1 or smtps://USER:PASSWORD@HOST:465."
                   "\n")),
}


def settings(monkeypatch, values: dict[str, str]) -> None:
    for name in ("MYCOMPANY_SMTP_URL", "MYCOMPANY_MAIL_FROM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def issue(cli, *more: str):  # noqa: F811
    return cli("--as", BILLING, "invoices", "issue", "--period", "2026-12", *more)


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
@pytest.mark.parametrize("wrong", UNUSABLE)
def test_a_billing_run_with_unusable_mail_settings_fails_as_send_queued_does(
        cli, monkeypatch, wrong):  # noqa: F811
    values, said = UNUSABLE[wrong]
    settings(monkeypatch, values)
    status, out, err = issue(cli)
    assert (status, err) == (1, said)
    assert "2 invoices issued for 2026-12." in out
    assert out.rstrip().endswith("0 e-mails sent · 0 failed · 3 waiting")
    status, out, err = cli("--as", BILLING, "invoices", "send-queued")
    assert (status, err, out.strip()) == (1, said, "0 e-mails sent · 0 failed · 3 waiting")
    # The invoices stay issued: the run again issues nothing, and still says the mail is broken.
    status, out, err = issue(cli, "--json")
    answer = json.loads(out)
    assert (status, answer["issued"], len(answer["already_invoiced"])) == (1, [], 2)
    assert answer["delivery"]["unusable_settings"] is True
    assert answer["delivery"]["waiting"] == 3


@pytest.mark.usefixtures("december_begun")
def test_a_billing_run_without_mail_configured_leaves_the_e_mails_waiting(cli, monkeypatch):  # noqa: F811
    settings(monkeypatch, {})
    status, out, err = issue(cli, "--json")
    answer = json.loads(out)
    assert (status, err) == (0, "")
    assert answer["delivery"]["unusable_settings"] is False
    assert answer["delivery"]["not_sent"] == NOT_SET.removeprefix("mycompany: ").rstrip()
    status, _, err = cli("--as", BILLING, "invoices", "send-queued")
    assert (status, err) == (1, NOT_SET)  # its job is sending: it fails (README)


@pytest.mark.parametrize("wrong", [*UNUSABLE, "not set"])
def test_a_credit_note_and_a_resend_read_the_settings_by_the_same_rule(
        cli, monkeypatch, wrong):  # noqa: F811
    values, said = UNUSABLE.get(wrong, ({}, NOT_SET))
    settings(monkeypatch, values)
    status, out, err = cli("--as", BILLING, "--company", NORDWIND, "invoices", "credit",
                           "INV-000002-0014", "--reason", "Two licences billed twice",
                           "--amount", "120.50")
    assert (status, err) == (0 if wrong == "not set" else 1, said)
    assert out.splitlines()[0].startswith("CN-000002-0001")  # issued either way
    assert out.rstrip().endswith("0 e-mails sent · 0 failed · 2 waiting")
    status, out, err = cli("--as", BILLING, "--company", NORDWIND, "invoices", "credit",
                           "INV-000002-0014", "--reason", "The rest", "--json")
    assert (status, err) == (0 if wrong == "not set" else 1, "")  # JSON: as the text says
    assert json.loads(out)["delivery"]["not_sent"] == said.removeprefix("mycompany: ").rstrip()
    status, _, err = cli("--as", BILLING, "--company", NORDWIND, "invoices", "resend",
                         "INV-000002-0014", "--to", JONAS)
    assert (status, err) == (1, said)
