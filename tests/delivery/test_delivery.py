"""SPEC §5 Billing, R13: issued invoices e-mailed to every recipient, PDF attached, through a real
SMTP server; per-recipient status, retries, resend, and who may do what."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader

import store.invoicing.delivery
import store.people.access
import store.profile.billing
from store import clock
from store.errors import Refused
from store.persistence.models import AuditEvent, Company, Invoice
from store.persistence.models_delivery import InvoiceDelivery
from tests.conftest import TODAY
from tests.delivery.conftest import ADMIN, JONAS, SENDER, SUPPORT

pytestmark = pytest.mark.both_backends  # the claim and the inserts on PostgreSQL too

NOON = datetime(TODAY.year, TODAY.month, TODAY.day, 12)


def rows(invoice) -> dict[str, InvoiceDelivery]:
    return {r.email: r for r in InvoiceDelivery.select().where(
        InvoiceDelivery.invoice == invoice.id)}


def at(when: datetime) -> None:
    clock.set_clock(lambda: when.date(), lambda: when)


def pdf_text(message) -> str:
    [attachment] = list(message.iter_attachments())
    assert (attachment.get_content_type(), attachment.get_filename()) == (
        "application/pdf", f"{message['Subject'].split(' ')[1]}.pdf")
    reader = PdfReader(io.BytesIO(attachment.get_content()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_an_issued_invoice_goes_to_every_recipient_with_its_pdf(mailbox, queued, billing):
    summary = store.invoicing.delivery.send_queued(billing)
    assert (summary.sent, summary.failed, summary.not_sent) == (2, 0, None)
    assert sorted(m["To"] for m in mailbox.messages) == ["buchhaltung@nordwind.de", JONAS]
    message = mailbox.to(JONAS)[0]
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["From"].addresses[0].display_name == "MyCompany Téléphonie SAS"
    subject = message["Subject"]
    assert subject.startswith(f"Invoice {queued.number} · MyCompany Téléphonie SAS · €")
    body = message.get_body(("plain",)).get_content()
    assert queued.number in body and "Nordwind" in body and "Amount: €" in body
    due_on = getattr(queued, "due_on", None)
    assert ("Due date:" in body) == (due_on is not None)
    assert queued.number in pdf_text(message)  # the invoice itself, as `invoices download` makes
    assert {r.status for r in rows(queued).values()} == {"sent"}
    assert all(r.attempts == 1 and r.sent_at is not None for r in rows(queued).values())
    # Sent once: a second run finds nothing due.
    again = store.invoicing.delivery.send_queued(billing)
    assert (again.sent, again.failed, len(mailbox.messages)) == (0, 0, 2)


def test_a_french_company_reads_its_invoice_e_mail_in_french(mailbox, queued, billing,
                                                            monkeypatch):
    Company.update(locale="fr").where(Company.id == queued.company_id).execute()
    monkeypatch.setenv("MYCOMPANY_LANG", "en")  # the sender's own language changes nothing
    store.invoicing.delivery.send_queued(billing)
    message = mailbox.to(JONAS)[0]
    assert message["Subject"].startswith(f"Facture {queued.number} · ")
    assert message["Subject"].endswith("\u00a0€")  # "2 567,00 €": amounts as French writes them
    assert message["Content-Language"] == "fr"
    body = message.get_body(("plain",)).get_content()
    assert "Montant\u00a0: " in body and "Période\u00a0: " in body and "novembre 2026" in body
    assert "Facture" in pdf_text(message)


def test_an_address_put_off_is_marked_failed_and_retried_once_the_server_takes_it(
        mailbox, queued, billing):
    mailbox.defer.add("buchhaltung@nordwind.de")
    at(NOON)
    summary = store.invoicing.delivery.send_queued(billing)
    assert (summary.sent, summary.failed) == (1, 1)
    failed = rows(queued)["buchhaltung@nordwind.de"]
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert failed.last_error.startswith("450 4.2.1 Mailbox busy")
    assert "\n" not in failed.last_error
    [view] = [v for v in store.invoicing.delivery.deliveries(billing, queued.company_id,
        queued.number)
              if v.status == "failed"]
    assert view.next_attempt_at.replace(tzinfo=None) == NOON + timedelta(minutes=5)
    # Not due yet: nothing is tried, the row waits for its back-off.
    mailbox.defer.clear()
    early = store.invoicing.delivery.send_queued(billing)
    assert (early.sent, early.later, len(mailbox.messages)) == (0, 1, 1)
    at(NOON + timedelta(minutes=5))
    retried = store.invoicing.delivery.send_queued(billing)
    assert (retried.sent, retried.failed) == (1, 0)
    assert [m["To"] for m in mailbox.messages] == [JONAS, "buchhaltung@nordwind.de"]
    done = rows(queued)["buchhaltung@nordwind.de"]
    assert (done.status, done.attempts, done.last_error) == ("sent", 2, None)


def test_an_address_refused_for_good_is_not_tried_again_until_resent(mailbox, queued, billing):
    """#17 trial: a 550 (RFC 5321: a permanent refusal of the recipient) was retried five times
    over seven hours; it is tried no more, and says so, until the billing team resends it."""
    mailbox.refuse.add("buchhaltung@nordwind.de")
    at(NOON)
    assert store.invoicing.delivery.send_queued(billing).failed == 1
    failed = rows(queued)["buchhaltung@nordwind.de"]
    assert (failed.status, failed.attempts, failed.permanent) == ("failed", 1, True)
    assert failed.last_error.startswith("550 5.1.1 Mailbox unavailable")
    [view] = [v for v in store.invoicing.delivery.deliveries(billing, queued.company_id,
        queued.number)
              if v.status == "failed"]
    assert (view.next_attempt_at, view.permanent) == (None, True)
    from tui.delivery_cli import status_label
    assert status_label(view.status, view.permanent) == "Refused for good"
    mailbox.refuse.clear()  # whatever the server says now, the run does not ask it again
    at(NOON + timedelta(days=1))
    later = store.invoicing.delivery.send_queued(billing)
    assert (later.sent, later.failed, later.given_up, later.refused, len(mailbox.messages)) \
        == (0, 0, 0, 1, 1)  # refused for good, not "given up after 5 attempts" (#17 trial)
    resent = store.invoicing.delivery.resend_invoice(billing, queued.company_id, queued.number,
                                           "buchhaltung@nordwind.de")
    assert resent.sent == 1
    done = rows(queued)["buchhaltung@nordwind.de"]
    assert (done.status, done.permanent) == ("sent", False)


def test_an_unreachable_server_fails_each_e_mail_and_gives_up_after_five_attempts(
        mailbox, queued, billing, monkeypatch):
    from tests.delivery.conftest import free_port

    monkeypatch.setenv("MYCOMPANY_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # nobody there
    when = NOON
    for attempt in range(1, 6):
        at(when)
        summary = store.invoicing.delivery.send_queued(billing)
        assert (summary.sent, summary.failed) == (0, 2)
        assert all(r.attempts == attempt and r.last_error.startswith("cannot reach smtp://")
                   for r in rows(queued).values())
        when += timedelta(minutes=5 * 4 ** (attempt - 1))
    at(when + timedelta(days=1))
    last = store.invoicing.delivery.send_queued(billing)
    assert (last.sent, last.failed, last.given_up) == (0, 0, 2)
    # A resend starts again: the billing team decides it is worth another try.
    monkeypatch.setenv("MYCOMPANY_SMTP_URL", f"smtp://127.0.0.1:{mailbox.port}")
    store.invoicing.delivery.resend_invoice(billing, queued.company_id, queued.number, JONAS)
    assert (rows(queued)[JONAS].status, rows(queued)[JONAS].attempts) == ("sent", 1)


def test_without_settings_nothing_is_sent_and_the_summary_says_why(queued, billing,
                                                                  monkeypatch):
    monkeypatch.delenv("MYCOMPANY_SMTP_URL", raising=False)
    summary = store.invoicing.delivery.send_queued(billing)
    assert (summary.sent, summary.failed, summary.waiting) == (0, 0, 2)
    assert "MYCOMPANY_SMTP_URL is not set" in summary.not_sent
    assert {(r.status, r.attempts) for r in rows(queued).values()} == {("pending", 0)}


def test_r13_changing_recipients_never_resends_old_invoices(mailbox, queued, billing, demo):
    store.invoicing.delivery.send_queued(billing)
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.billing.add_recipient(jonas, demo["nordwind"], {"email": "ap@nordwind.de"})
    store.profile.billing.remove_recipient(jonas, demo["nordwind"], "buchhaltung@nordwind.de")
    assert store.invoicing.delivery.send_queued(billing).sent == 0
    assert sorted(rows(queued)) == ["buchhaltung@nordwind.de", JONAS]
    assert len(mailbox.messages) == 2
    # The next invoice goes to the list as it is when that invoice is queued.
    older = (Invoice.select().where((Invoice.company == demo["nordwind"])
                                    & (Invoice.id != queued.id)).order_by(Invoice.id.desc())
             .first())
    assert store.invoicing.delivery.queue_invoice(older.id) == 2
    assert store.invoicing.delivery.queue_invoice(older.id) == 0  # queued once
    store.invoicing.delivery.send_queued(billing)
    assert sorted(m["To"] for m in mailbox.messages[2:]) == ["ap@nordwind.de", JONAS]


def test_resend_to_an_address_is_sent_now_and_recorded_in_history(mailbox, queued, billing):
    summary = store.invoicing.delivery.resend_invoice(billing, queued.company_id,
        queued.number.lower(),
                                            "  Accounting@Example.COM ")
    assert (summary.sent, [v.email for v in summary.deliveries]) == (
        1, ["accounting@example.com"])
    assert [m["To"] for m in mailbox.messages] == ["accounting@example.com"]
    line = AuditEvent.get(AuditEvent.action == "invoice.resend")
    assert (line.company, line.actor_email, line.outcome, line.field, line.new_value) == (
        queued.company_id, billing.email, "done", "invoice",
        f"{queued.number} → accounting@example.com")
    views = store.invoicing.delivery.deliveries(billing, queued.company_id, queued.number)
    assert [(v.email, v.status, v.queued_by) for v in views] == [
        ("accounting@example.com", "sent", billing.email),
        ("buchhaltung@nordwind.de", "pending", None), (JONAS, "pending", None)]
    # Admin staff may too; the owner reads the statuses of their own invoices.
    admin = store.people.access.resolve_actor(ADMIN)
    assert store.invoicing.delivery.resend_invoice(admin, queued.company_id, queued.number,
                                         JONAS).sent == 1
    owner = store.people.access.resolve_actor(JONAS)
    assert len(store.invoicing.delivery.deliveries(owner, queued.company_id, queued.number)) == 3


@pytest.mark.parametrize("who", [SUPPORT, JONAS], ids=["support", "owner"])
def test_a_support_agent_or_an_owner_may_not_resend_or_send(mailbox, queued, who):
    actor = store.people.access.resolve_actor(who)
    with pytest.raises(Refused) as refused:
        store.invoicing.delivery.resend_invoice(actor, queued.company_id, queued.number,
                                      "someone@example.com")
    assert refused.value.exit_status == 3
    with pytest.raises(Refused):
        store.invoicing.delivery.send_queued(actor)
    assert mailbox.messages == []
    lines = list(AuditEvent.select().where(AuditEvent.outcome == "refused")
                 .order_by(AuditEvent.id))
    assert [(line.action, line.actor_email) for line in lines] == [
        ("invoice.resend", who), ("invoice.send", who)]
    # what was tried: the invoice and the address (refusals_recorded keeps both, #18 trial)
    assert json.loads(lines[0].new_value) == {"invoice": queued.number,
                                              "recipient": "someone@example.com"}
    assert {r.status for r in rows(queued).values()} == {"pending"}


def test_the_password_is_url_decoded_for_the_sign_in_and_never_shown(signing_in_mailbox,
                                                                     queued, billing,
                                                                     monkeypatch):
    port = signing_in_mailbox.port
    monkeypatch.setenv("MYCOMPANY_SMTP_URL",
                       f"smtp://ap%40mycompany.example:S3cr%2Ft%40x@127.0.0.1:{port}")
    # the sender: the user, an address
    assert store.invoicing.delivery.send_queued(billing).sent == 2
    assert signing_in_mailbox.sign_ins[0] == ("ap@mycompany.example", "S3cr/t@x")
    assert signing_in_mailbox.messages[0]["From"].addresses[0].addr_spec == \
        "ap@mycompany.example"
    # A wrong password: refused, and the reason names the server without either form of it.
    monkeypatch.setenv("MYCOMPANY_SMTP_URL",
                       f"smtp://ap%40mycompany.example:Wr0ng%2Fpass@127.0.0.1:{port}")
    view = store.invoicing.delivery.resend_invoice(billing, queued.company_id, queued.number,
                                         JONAS).deliveries[0]
    assert view.status == "failed"
    assert view.last_error.startswith(
        f"smtp://ap%40mycompany.example@127.0.0.1:{port} refused the sign-in: 535")
    assert "Wr0ng" not in repr(view) and "Wr0ng" not in str(
        store.invoicing.delivery.deliveries(billing, queued.company_id, queued.number))


def test_a_password_is_not_sent_in_clear_over_the_network(queued, billing, monkeypatch):
    monkeypatch.setenv("MYCOMPANY_SMTP_URL", "smtp://ap:Hunter2@mail.example.com:587")
    monkeypatch.setenv("MYCOMPANY_MAIL_FROM", SENDER)
    summary = store.invoicing.delivery.send_queued(billing)
    assert summary.waiting == 2 and "Hunter2" not in summary.not_sent
    assert summary.not_sent == ("smtp://ap@mail.example.com:587: a password would cross the "
                                "network unencrypted; add ?starttls=1 or use smtps://.")


def test_two_senders_at_once_send_each_e_mail_once(mailbox, queued, billing, demo):
    """Two `send-queued` processes (two cron jobs, two servers) running together: each row is
    claimed by one of them, so every recipient gets one e-mail."""
    import multiprocessing

    from store.persistence.db import database

    more = [i.id for i in Invoice.select().where((Invoice.company == demo["nordwind"])
                                                 & (Invoice.id != queued.id)).limit(3)]
    for invoice_id in more:
        store.invoicing.delivery.queue_invoice(invoice_id)
    database.close()  # each process opens its own connection
    senders = [multiprocessing.get_context("fork").Process(
        target=store.invoicing.delivery.send_queued, args=(billing,)) for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(120)
    assert [sender.exitcode for sender in senders] == [0, 0]
    sent = sorted((m["Subject"].split(" ")[1], m["To"]) for m in mailbox.messages)
    assert len(sent) == 8 and len(set(sent)) == 8
    assert {(r.status, r.attempts) for r in InvoiceDelivery.select()} == {("sent", 1)}


def test_a_paid_invoice_s_e_mail_says_it_is_paid_not_when_it_is_due(mailbox, queued, billing):
    """#17 trial: the card on file paid the invoice at issue, yet its e-mail read as a bill
    ("Due date: …"): an accountant could have paid it again by bank transfer."""
    Invoice.update(status="paid", paid_on=queued.issued_on, paid_with="Visa •••• 4242").where(
        Invoice.id == queued.id).execute()
    store.invoicing.delivery.send_queued(billing)
    body = mailbox.to(JONAS)[0].get_body(("plain",)).get_content()
    assert "with Visa •••• 4242: nothing to pay." in body and "Due date:" not in body


def test_an_invoice_e_mailed_after_the_vendor_renamed_names_the_seller_it_was_issued_by(
        mailbox, queued, billing):
    """#17: the seller an invoice keeps at issue is the one its e-mail names, as its PDF."""
    from store.persistence.models_seller import Seller

    assert queued.seller_details is not None  # issued by the billing run, which keeps it
    Seller.update(legal_name="Renamed Telecom SAS").execute()
    store.invoicing.delivery.send_queued(billing)
    message = mailbox.to(JONAS)[0]
    assert message["From"].addresses[0].display_name == "MyCompany Téléphonie SAS"
    assert "Renamed Telecom" not in message["Subject"] + pdf_text(message)
