"""Every invoice the billing run issues goes to someone (R13, #17 trial): a company created on
the command line has its owner as first recipient, in the trail as any recipient added, and its
first invoice reaches them; a company left with no recipient (an old database) is named in the
run's summary, text and --json, rather than e-mailed to no one in silence."""

from __future__ import annotations

import pytest

import store.invoicing.billing_run
import store.people.access
import store.profile.companies
from store.persistence.models import AuditEvent, InvoiceRecipient

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_new_companys_owner_receives_its_first_invoice(demo, mailbox):
    made = store.profile.companies.create_company(store.people.access.resolve_actor(ADMIN), {
        "name": "Quai Neuf SARL", "country": "FR", "plan": "essentials", "term": "monthly",
        "owner_email": "Lea@QuaiNeuf.example", "owner_name": "Léa", "line1": "3 quai Neuf",
        "postal_code": "75004", "city": "Paris"})
    assert [r.email for r in InvoiceRecipient.select().where(
        InvoiceRecipient.company == made.id)] == ["lea@quaineuf.example"]
    line = AuditEvent.get((AuditEvent.company == made.id)
                          & (AuditEvent.action == "recipient.add"))
    assert (line.field, line.new_value, line.actor_email) == (
        "recipient", "lea@quaineuf.example", ADMIN)
    run = store.invoicing.billing_run.issue_period(store.people.access.resolve_actor(BILLING),
        "2026-12",
                                         company_id=made.id)
    assert len(run.issued) == 1 and run.not_emailed == []
    assert [m["To"] for m in mailbox.messages] == ["lea@quaineuf.example"]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_invoice_for_a_company_with_no_recipient_is_named_in_the_summary(demo, mailbox):
    from tui.invoices_cli import summary_json, summary_text

    InvoiceRecipient.delete().where(InvoiceRecipient.company == demo["blue"]).execute()
    run = store.invoicing.billing_run.issue_period(store.people.access.resolve_actor(BILLING),
        "2026-12")
    blue = next(i.number for i in run.issued if i.company_id == demo["blue"])
    assert run.not_emailed == [(demo["blue"], blue)]
    assert f"  Blue Harbor Inc. (company 3): {blue} not e-mailed: no recipient" in summary_text(
        run, "en")
    assert summary_json(run)["not_emailed"] == [
        {"company": demo["blue"], "number": blue, "reason": "no recipient"}]
    assert "maria@blueharbor.com" not in [m["To"] for m in mailbox.messages]
