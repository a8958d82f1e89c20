"""A resend that does not go leaves the earlier delivery standing (#17 trial: an invoice whose
e-mail was delivered read "Failed" after a failed resend, as though it had never gone). The
owner and the billing team see both facts: sent on D, the resend failed on D2, and why."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

import store.invoicing.delivery
from store import clock
from store.persistence.models_delivery import InvoiceDelivery
from tests.cli.conftest import cli  # noqa: F401  (the fixture: `mycompany` on a demo database)
from tests.conftest import TODAY
from tests.delivery.conftest import BILLING, JONAS
from tests.delivery.test_delivery_cli import NORDWIND, newest_nordwind_invoice, queue

NOON = datetime(TODAY.year, TODAY.month, TODAY.day, 12)


def at(when: datetime) -> None:
    clock.set_clock(lambda: when.date(), lambda: when)


@pytest.mark.both_backends
def test_a_failed_resend_keeps_the_earlier_delivery(mailbox, queued, billing):
    at(NOON)
    assert store.invoicing.delivery.send_queued(billing).sent == 2
    mailbox.refuse.add(JONAS)  # the mailbox went away since
    at(NOON + timedelta(days=2))
    resent = store.invoicing.delivery.resend_invoice(billing, queued.company_id, queued.number,
        JONAS)

    assert (resent.sent, resent.failed) == (0, 1)
    views = {v.email: v for v in store.invoicing.delivery.deliveries(billing, queued.company_id,
                                                           queued.number)}
    jonas = views[JONAS]
    assert (jonas.status, jonas.sent_before) == ("failed", True)
    assert jonas.sent_at is not None and jonas.sent_at.replace(tzinfo=None) == NOON
    assert jonas.last_attempt_at.replace(tzinfo=None) == NOON + timedelta(days=2)
    assert jonas.last_error.startswith("550 5.1.1 Mailbox unavailable")
    # The other recipient's delivery, untouched, reads as before.
    other = views["buchhaltung@nordwind.de"]
    assert (other.status, other.sent_before) == ("sent", False)
    # A resend that goes later is a delivery again, on its own date.
    mailbox.refuse.clear()
    at(NOON + timedelta(days=3))
    assert store.invoicing.delivery.resend_invoice(billing, queued.company_id, queued.number,
                                         JONAS).sent == 1
    row = InvoiceDelivery.get(InvoiceDelivery.email == JONAS)
    assert (row.status, row.sent_at) == ("sent", NOON + timedelta(days=3))
    [again] = [v for v in store.invoicing.delivery.deliveries(billing, queued.company_id,
        queued.number)
               if v.email == JONAS]
    assert again.sent_before is False


def test_a_first_delivery_that_fails_is_not_said_to_have_gone(mailbox, queued, billing):
    mailbox.refuse.add(JONAS)
    store.invoicing.delivery.send_queued(billing)
    [jonas] = [v for v in store.invoicing.delivery.deliveries(billing, queued.company_id,
        queued.number)
               if v.email == JONAS]
    assert (jonas.status, jonas.sent_at, jonas.sent_before) == ("failed", None, False)


def test_owner_and_billing_read_both_facts_on_the_command_line(cli, mailbox):  # noqa: F811
    number = newest_nordwind_invoice(cli)
    queue(number)
    assert cli("--as", BILLING, "invoices", "send-queued")[0] == 0
    mailbox.refuse.add(JONAS)
    status, out, _ = cli("--as", BILLING, "--company", NORDWIND, "invoices", "resend", number,
                         "--to", JONAS)
    assert status == 1 and "550 5.1.1 Mailbox unavailable" in out

    for who in (JONAS, BILLING):  # the table: its columns give the dates
        status, out, _ = cli("--as", who, "--company", NORDWIND, "invoices", "deliveries",
                             number)
        [line] = [row for row in out.splitlines() if row.startswith(JONAS)]
        assert status == 0 and "  Sent; resend refused for good  " in line
        assert " Failed " not in line and line.count(" 20") >= 2  # last attempt, sent at
    status, out, _ = cli("--as", JONAS, "invoices", "show", number)
    [line] = [row for row in out.splitlines() if row.strip().startswith(JONAS)]
    assert "Sent on 20" in line and "resend refused for good on 20" in line
    status, out, _ = cli("--as", JONAS, "invoices", "deliveries", number, "--json")
    [row] = [r for r in json.loads(out) if r["email"] == JONAS]
    assert (row["status"], row["sent_before"]) == ("failed", True)
    assert row["sent_at"].endswith("+00:00")


def test_a_resend_waiting_for_settings_still_says_it_was_sent(cli, mailbox,  # noqa: F811
                                                               monkeypatch):
    number = newest_nordwind_invoice(cli)
    queue(number)
    assert cli("--as", BILLING, "invoices", "send-queued")[0] == 0
    monkeypatch.delenv("MYCOMPANY_SMTP_URL")
    assert cli("--as", BILLING, "--company", NORDWIND, "invoices", "resend", number,
               "--to", JONAS)[0] == 1
    _, out, _ = cli("--as", JONAS, "invoices", "deliveries", number)
    [line] = [row for row in out.splitlines() if row.startswith(JONAS)]
    assert "  Sent; resend waiting  " in line
    _, out, _ = cli("--as", JONAS, "invoices", "show", number)
    [line] = [row for row in out.splitlines() if row.strip().startswith(JONAS)]
    assert "Sent on 20" in line and line.endswith("; resend waiting")
