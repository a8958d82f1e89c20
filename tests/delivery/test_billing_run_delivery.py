"""The billing run e-mails what it issues (SPEC §5, §11; R13): each recipient gets the invoice,
PDF attached, through the SMTP server of MYCOMPANY_SMTP_URL; the demo's past invoices are sent
to no one."""

from __future__ import annotations

import io

import pytest

import store.invoicing.billing_run
import store.people.access
from store.persistence.models import Invoice
from store.persistence.models_delivery import InvoiceDelivery

BILLING = "billing@mycompany.example"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_issuing_next_month_emails_each_invoice_to_its_recipients(demo, mailbox):
    assert not InvoiceDelivery.select().exists()  # the demo's replayed months: e-mailed to no one
    run = store.invoicing.billing_run.issue_period(store.people.access.resolve_actor(BILLING),
        "2026-12")
    assert run.delivery is not None and (run.delivery.sent, run.delivery.failed) == (3, 0)
    assert sorted(m["To"] for m in mailbox.messages) == [
        "buchhaltung@nordwind.de", "jonas@nordwind.de", "maria@blueharbor.com"]
    message = mailbox.to("maria@blueharbor.com")[0]
    assert "INV-000003-0007" in message["Subject"]
    pdf = next(part for part in message.iter_attachments()
               if part.get_content_type() == "application/pdf")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf.get_content())).pages[0].extract_text()
    assert "INV-000003-0007" in text and "Mountain View, CA 94043" in text
    # Run again: nothing issued, nothing e-mailed twice.
    again = store.invoicing.billing_run.issue_period(store.people.access.resolve_actor(BILLING),
        "2026-12")
    assert (again.issued, again.delivery, len(mailbox.messages)) == ([], None, 3)
    assert Invoice.select().where(Invoice.billing_period == "2026-12").count() == 2


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_invoice_in_full_says_how_each_e_mail_went(demo, mailbox):
    import store.invoicing.invoice_detail
    from tui.invoices_cli import detail_text

    mailbox.refuse.add("buchhaltung@nordwind.de")
    store.invoicing.billing_run.issue_period(store.people.access.resolve_actor(BILLING), "2026-12",
                                   company_id=demo["nordwind"])
    billing = store.people.access.resolve_actor(BILLING)
    view = store.invoicing.invoice_detail.invoice_detail(billing, demo["nordwind"],
        "INV-000002-0015")
    assert [(d.email, d.status) for d in view.deliveries] == [
        ("buchhaltung@nordwind.de", "failed"), ("jonas@nordwind.de", "sent")]
    text = detail_text(view, "en")
    assert "  jonas@nordwind.de  Sent" in text
    assert "  buchhaltung@nordwind.de  Refused for good (550 " in text  # not tried again


@pytest.mark.usefixtures("december_begun")
def test_the_run_s_bar_goes_on_to_the_e_mails_after_the_companies(demo, mailbox):
    """#17 trial: the bar stood at "Issuing 153/153" for 10 s while 150 e-mails went out. The
    same bar, read as a terminal shows it, names the e-mails and counts them."""
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from tui.progress import Bar

    out = io.StringIO()
    with Progress(TextColumn("{task.description} {task.completed}/{task.total}"),
                  console=Console(file=out, force_terminal=True, width=80)) as progress:
        bar = Bar(progress, progress.add_task("Issuing", total=None))
        store.invoicing.billing_run.issue_period(
            store.people.access.resolve_actor(BILLING), "2026-12", progress=bar,
            emailing=bar.then("E-mailing"))
        [task] = progress.tasks
        assert (task.description, task.completed, task.total) == ("E-mailing", 3, 3)
    assert "E-mailing 3/3" in out.getvalue()
