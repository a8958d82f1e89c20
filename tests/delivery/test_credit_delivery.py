"""Credit notes by e-mail (#17, SPEC §5): a credit note goes to the recipients as an invoice does,
its reason on its PDF; an invoice credited in full before its e-mail went is never sent after,
and its delivery says so; `mycompany invoices credit` as the billing team uses it."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader

import store.invoicing.credit_notes
import store.invoicing.delivery
from store import clock
from store.persistence.models import Invoice
from store.persistence.models_delivery import InvoiceDelivery
from tests.cli.conftest import cli  # noqa: F401  (the fixture: `mycompany` on a demo database)
from tests.conftest import TODAY
from tests.delivery.conftest import BILLING, JONAS
from tests.delivery.test_delivery_cli import NORDWIND, queue

WHY = {"reason": "Two licences billed twice", "ticket": "SUP-77"}


def attached_text(message) -> str:
    [attachment] = list(message.iter_attachments())
    reader = PdfReader(io.BytesIO(attachment.get_content()))
    return " ".join(page.extract_text() for page in reader.pages)


def statuses(invoice) -> dict[str, tuple[str, str | None]]:
    return {r.email: (r.status, r.last_error) for r in InvoiceDelivery.select().where(
        InvoiceDelivery.invoice == invoice.id)}


@pytest.mark.both_backends
def test_a_credit_note_is_e_mailed_to_the_recipients_with_its_reason_on_the_pdf(
        mailbox, demo, billing):
    credit = store.invoicing.credit_notes.credit_invoice(billing, demo["nordwind"],
        "INV-000002-0014",
                                               WHY, "120.50")
    summary = store.invoicing.delivery.send_invoice(billing, demo["nordwind"], credit)

    assert (summary.sent, summary.failed) == (2, 0)
    assert sorted(m["To"] for m in mailbox.messages) == ["buchhaltung@nordwind.de", JONAS]
    message = mailbox.to(JONAS)[0]
    assert message["Subject"].startswith(f"Credit note {credit} · MyCompany Téléphonie SAS · ")
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Corrects invoice: INV-000002-0014" in body  # the body names it too (#17 trial)
    text = attached_text(message)
    assert "Credit note" in text and "Corrects invoice INV-000002-0014" in text
    assert "Reason: Two licences billed twice" in text
    assert "Partial credit" in text and "-€120.50" in text


@pytest.mark.both_backends
def test_crediting_an_invoice_whose_e_mail_waits_cancels_it_for_good(mailbox, queued, billing):
    mailbox.refuse.add("buchhaltung@nordwind.de")
    first = store.invoicing.delivery.send_queued(billing)
    assert (first.sent, first.failed) == (1, 1)  # jonas@ has it; buchhaltung@ to retry
    mailbox.refuse.clear()
    credit = store.invoicing.credit_notes.credit_invoice(billing, queued.company_id, queued.number,
        WHY)

    reason = f"not sent: the invoice was credited by {credit}"
    assert statuses(queued) == {JONAS: ("sent", None),
                                "buchhaltung@nordwind.de": ("cancelled", reason)}
    # Hours later, when the retry would have been due: only the credit note goes.
    later = datetime(TODAY.year, TODAY.month, TODAY.day, 12) + timedelta(hours=8)
    clock.set_clock(lambda: later.date(), lambda: later)
    again = store.invoicing.delivery.send_queued(billing)
    assert (again.sent, again.failed, again.later, again.given_up) == (2, 0, 0, 0)
    subjects = [m["Subject"].split(" · ")[0] for m in mailbox.messages]
    assert subjects.count(f"Invoice {queued.number}") == 1
    assert subjects.count(f"Credit note {credit}") == 2
    [row] = [d for d in store.invoicing.delivery.deliveries(billing, queued.company_id,
        queued.number)
             if d.status == "cancelled"]
    assert (row.email, row.last_error, row.next_attempt_at) == (
        "buchhaltung@nordwind.de", reason, None)


def test_a_partial_credit_leaves_the_invoice_e_mail_to_go(mailbox, queued, billing):
    store.invoicing.credit_notes.credit_invoice(billing, queued.company_id, queued.number, WHY,
        "10")

    assert {status for status, _ in statuses(queued).values()} == {"pending"}
    store.invoicing.delivery.send_queued(billing)
    assert sum(m["Subject"].startswith(f"Invoice {queued.number}")
               for m in mailbox.messages) == 2


def test_an_e_mail_under_way_when_its_invoice_is_credited_reads_sent_if_it_went(
        mailbox, queued, billing, monkeypatch):
    real_send = store.invoicing.delivery.SmtpConnection.send

    def credited_meanwhile(connection, message):
        if message["Subject"].startswith("Invoice") and not Invoice.select().where(
                Invoice.kind == "credit_note").exists():
            store.invoicing.credit_notes.credit_invoice(billing, queued.company_id, queued.number,
                WHY)
        real_send(connection, message)

    monkeypatch.setattr(store.invoicing.delivery.SmtpConnection, "send", credited_meanwhile)
    summary = store.invoicing.delivery.send_queued(billing, [queued.id])

    # The first went as the credit note was made; the second never did.
    assert sorted(status for status, _ in statuses(queued).values()) == ["cancelled", "sent"]
    assert (summary.sent, summary.failed) == (1, 0)  # a cancelled e-mail has not failed
    assert sum(m["Subject"].startswith("Invoice") for m in mailbox.messages) == 1


def test_the_billing_team_credits_part_of_an_invoice_on_the_command_line(cli, mailbox):  # noqa: F811
    status, out, err = cli("--as", BILLING, "--company", NORDWIND, "invoices", "credit",
                           "INV-000002-0014", "--reason", "Two licences billed twice",
                           "--amount", "120.50")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("CN-000002-0001")
    assert "Invoice INV-000002-0014: €120.50 of €2,567.00 credited (CN-000002-0001), " \
           "€2,446.50 left." in lines
    assert lines[-1] == "2 e-mails sent · 0 failed"
    status, out, err = cli("--as", BILLING, "--company", NORDWIND, "invoices", "credit",
                           "INV-000002-0014", "--reason", "Again", "--amount", "2446.51",
                           "--json")
    assert (status, out) == (1, "")
    assert "At most €2,446.50 excluding tax is left to credit on this invoice." in err
    status, out, _ = cli("--as", BILLING, "--company", NORDWIND, "invoices", "credit",
                         "INV-000002-0014", "--reason", "The rest", "--json")
    answer = json.loads(out)
    assert (status, answer["number"], answer["total"]) == (0, "CN-000002-0002", "-2446.50")
    assert answer["invoice_credited"]["total"] == "2567.00"
    assert answer["delivery"]["sent"] == 2


def test_a_cancelled_e_mail_reads_so_in_the_deliveries(cli, mailbox):  # noqa: F811
    queue("INV-000002-0014")
    status, _, _ = cli("--as", BILLING, "--company", NORDWIND, "invoices", "credit",
                       "INV-000002-0014", "--reason", "Wrong plan")
    assert status == 0
    status, out, _ = cli("--as", BILLING, "--company", NORDWIND, "invoices", "deliveries",
                         "INV-000002-0014")
    assert status == 0
    for line in out.splitlines()[1:]:
        assert " Cancelled " in line
        assert line.endswith("not sent: the invoice was credited by CN-000002-0001")


def test_a_paid_invoice_credited_in_full_is_not_e_mailed_after_either(mailbox, demo, billing):
    invoice = Invoice.get(Invoice.number == "INV-000003-0006")  # Blue Harbor's, paid
    assert store.invoicing.delivery.queue_invoice(invoice.id) == 1
    credit = store.invoicing.credit_notes.credit_invoice(billing, demo["blue"], invoice.number, WHY)

    assert statuses(invoice) == {
        "maria@blueharbor.com": ("cancelled", f"not sent: the invoice was credited by {credit}")}
    store.invoicing.delivery.send_queued(billing)
    assert [m["Subject"].split(" · ")[0] for m in mailbox.messages] == [f"Credit note {credit}"]
