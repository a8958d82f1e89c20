"""An invoice is issued, due and read "past due" on one calendar, the company's (SPEC §2 Time,
store.places.zones.company_today; #17 trial): a company east of UTC billed just before UTC midnight
is not "Past due" in its Billing list, its invoice in full or its e-mailed PDF on the day it is
issued; one west of UTC is issued on its own (earlier) day. And a billing run stopped by Ctrl-C
before e-mailing what it issued: running the same command again sends those e-mails (the same
code as `invoices send-queued`), none twice."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pytest

import store.invoicing.billing_run
import store.invoicing.invoice_detail
import store.invoicing.invoices
import store.people.access
import store.profile.companies
from store import clock
from store.invoicing.billing_run_after import RunStopped
from store.persistence.models import Company
from store.persistence.models_delivery import InvoiceDelivery
from tests.cli.conftest import cli  # noqa: F401  (the command line, in-process)

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"

CHINA = {"name": "北京云通科技有限公司", "country": "CN", "state": "北京市", "city": "东城区",
         "line1": "王府井大街1号", "postal_code": "100006", "owner_email": "li@yuntong.cn",
         "owner_name": "李伟", "currency": "EUR"}  # CNY has no prices: chosen (#17)
NEW_ZEALAND = {"name": "Kōwhai Software Ltd", "country": "NZ", "city": "Auckland",
               "line1": "1 Queen Street", "postal_code": "1010",
               "owner_email": "aroha@kowhai.example", "owner_name": "Aroha",
               "currency": "USD"}  # NZD has no prices: chosen (#17)
CALIFORNIA = {"name": "Redwood Labs Inc.", "country": "US", "state": "CA",
              "city": "Mountain View", "line1": "1 Shoreline Blvd", "postal_code": "94043",
              "owner_email": "sam@redwood.example", "owner_name": "Sam"}


def at(instant: datetime) -> None:
    clock.set_clock(instant.date, lambda: instant)


def _company(values: dict, zone: str) -> int:
    made = store.profile.companies.create_company(store.people.access.resolve_actor(ADMIN), {
        **values, "plan": "essentials", "term": "monthly"})
    Company.update(time_zone=zone).where(Company.id == made.id).execute()
    return made.id


def _pdf_text(message) -> str:
    from pypdf import PdfReader

    pdf = next(part for part in message.iter_attachments()
               if part.get_content_type() == "application/pdf")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_content())).pages)


@pytest.mark.parametrize(("values", "zone", "instant", "local_day"), [
    (CHINA, "Asia/Shanghai", datetime(2026, 11, 30, 16, 30), date(2026, 12, 1)),
    (NEW_ZEALAND, "Pacific/Auckland", datetime(2026, 11, 30, 23, 59), date(2026, 12, 1)),
    # Dec 2 in UTC, still Dec 1 there (December is issued once begun there: #17)
    (CALIFORNIA, "America/Los_Angeles", datetime(2026, 12, 2, 7, 30), date(2026, 12, 1)),
], ids=["shanghai", "auckland", "los-angeles"])
def test_an_invoice_is_not_past_due_on_the_day_it_is_issued(demo, mailbox, values, zone,
                                                             instant, local_day):
    at(datetime(2026, 11, 20, 12))  # created in November: billed from December
    company = _company(values, zone)
    at(instant)
    run = store.invoicing.billing_run.issue_period(store.people.access.resolve_actor(BILLING),
        "2026-12",
                                         company_id=company)
    [made] = run.issued
    assert made.due_on == local_day  # due on issue (the demo seller's terms), on its calendar
    owner = store.people.access.resolve_actor(values["owner_email"])
    [row] = store.invoicing.invoices.list_invoices(owner, company).items
    assert (row.issued_on, row.due_on, row.status) == (local_day, local_day, "open")
    detail = store.invoicing.invoice_detail.invoice_detail(owner, company, made.number)
    assert (detail.issued_on, detail.status) == (local_day, "open")
    assert store.invoicing.invoices.invoice_document(owner, company, made.number).status == "open"
    [message] = mailbox.to(values["owner_email"])
    assert "Past due" not in _pdf_text(message)
    # The next day where the company is, an invoice due on issue and still open is past due.
    at(datetime.combine(local_day + timedelta(days=1), time(12)))
    [row] = store.invoicing.invoices.list_invoices(owner, company).items
    assert row.status == "past_due"
    assert store.invoicing.invoice_detail.invoice_detail(owner, company,
        made.number).status == "past_due"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_same_run_again_emails_what_a_stopped_run_left_waiting(demo, mailbox):
    def stop_at_blue(done: int, total: int) -> None:
        if done == 2:  # Atelier (in its trial), Nordwind issued; Blue Harbor not yet
            raise KeyboardInterrupt

    billing = store.people.access.resolve_actor(BILLING)
    with pytest.raises(RunStopped) as stopped:
        store.invoicing.billing_run.issue_period(billing, "2026-12", progress=stop_at_blue)
    [nordwind] = stopped.value.summary.issued
    assert mailbox.messages == []  # stopped before e-mailing anything
    assert {d.status for d in InvoiceDelivery.select().where(
        InvoiceDelivery.invoice == nordwind.invoice_id)} == {"pending"}
    again = store.invoicing.billing_run.issue_period(billing, "2026-12")
    assert again.already == [demo["nordwind"]] and again.unsent == [nordwind.invoice_id]
    assert again.delivery is not None and (again.delivery.sent, again.delivery.failed) == (3, 0)
    assert sorted(m["To"] for m in mailbox.messages) == [
        "buchhaltung@nordwind.de", "jonas@nordwind.de", "maria@blueharbor.com"]
    assert not InvoiceDelivery.select().where(InvoiceDelivery.status != "sent").exists()
    # A third run: nothing left waiting, nothing sent twice.
    third = store.invoicing.billing_run.issue_period(billing, "2026-12")
    assert (third.issued, third.unsent, third.delivery, len(mailbox.messages)) == ([], [], None, 3)


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_cli_rerun_after_ctrl_c_sends_the_first_runs_emails(cli, mailbox,  # noqa: F811
                                                                monkeypatch):
    import store.invoicing.billing_run

    bill = store.invoicing.billing_run._bill_company

    def stop_at_blue(actor, cid, *rest):
        if cid == 3:  # Nordwind (2) issued; Blue Harbor (3) not yet
            raise KeyboardInterrupt
        return bill(actor, cid, *rest)

    monkeypatch.setattr(store.invoicing.billing_run, "_bill_company", stop_at_blue)
    status, out, _ = cli("--as", BILLING, "invoices", "issue", "--period", "2026-12")
    assert status == 130 and "Run the same command again to finish the period." in out
    monkeypatch.setattr(store.invoicing.billing_run, "_bill_company", bill)
    status, out, _ = cli("--as", BILLING, "invoices", "issue", "--period", "2026-12")
    assert status == 0 and "3 e-mails sent · 0 failed" in out
    assert sorted(m["To"] for m in mailbox.messages) == [
        "buchhaltung@nordwind.de", "jonas@nordwind.de", "maria@blueharbor.com"]
