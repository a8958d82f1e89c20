"""Companies from the vendor's console (SPEC §11, #18): a closed company keeps everything and is
read-only for every write service, whoever calls it (the store decides, not the screens)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import store.invoicing.billing_run
import store.invoicing.credit_notes
import store.invoicing.delivery
import store.invoicing.invoices
import store.invoicing.payments
import store.plans.plan
import store.plans.terms
import store.profile.billing
import store.profile.companies
import store.profile.company
import store.profile.requests
from store.errors import Refused
from store.persistence.models import (
    AuditEvent,
    BillingAddress,
    Company,
    Invoice,
    InvoiceRecipient,
    Subscription,
    User,
)
from store.views import Actor

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
JONAS = "jonas@nordwind.de"
OPEN = ["INV-000002-0013", "INV-000002-0014"]
REASON = {"reason": "asked by the customer"}


def close(as_, company_id: int) -> None:
    store.profile.companies.close_company(as_(ADMIN), company_id, {"reason": "customer left"})


def address_of(company_id: int) -> dict:
    row = BillingAddress.get(BillingAddress.company == company_id)
    return {f: getattr(row, f) for f in ("line1", "line2", "postal_code", "city", "state",
                                        "country", "vat_number")}


def test_a_closed_company_refuses_every_write_and_records_each_refusal(demo, as_):
    cid = demo["nordwind"]
    store.profile.requests.request_change(as_(JONAS), cid, {"vat_number": "DE811907980",
                                                    "note": "merger"})
    (waiting,) = store.profile.requests.list_requests(as_(BILLING), status="pending")
    close(as_, cid)
    jonas, bea = as_(JONAS), as_(BILLING)
    moved = {**address_of(cid), "line1": "Neuer Wall 1"}
    attempts = {
        "general.save": lambda: store.profile.company.save_general(jonas, cid, {"name": "X"}, 1),
        "logo.delete": lambda: store.profile.company.delete_logo(jonas, cid),
        "address.save": lambda: store.profile.billing.save_address(jonas, cid, moved, None),
        "recipient.add": lambda: store.profile.billing.add_recipient(jonas, cid,
                                                             {"email": "a@nordwind.de"}),
        "recipient.remove": lambda: store.profile.billing.remove_recipient(jonas, cid,
                                                                   "jonas@nordwind.de"),
        "card.set": lambda: store.profile.billing.set_card(jonas, cid, {
            "number": "4242 4242 4242 4242", "expiry": "12/28", "security_code": "123",
            "holder": "Jonas Weber"}),
        "invoice.pay": lambda: store.invoicing.payments.pay_invoices(jonas, cid, OPEN,
                                                           Decimal("5134.00")),
        "request.withdraw": lambda: store.profile.requests.withdraw_request(jonas, waiting.id),
        "team.create": lambda: store.plans.plan.create_team(jonas, cid, "Night shift"),
        # The billing team too: a closed company's address, payment, requests and invoices.
        "address.save ": lambda: store.profile.billing.save_address(bea, cid, moved, None,
                                                            reason=REASON),
        "payment_method.set": lambda: store.profile.billing.set_other_payment_method(
            bea, cid, "bank_transfer", REASON),
        "request.approve": lambda: store.profile.requests.approve_request(bea, waiting.id, REASON),
        "invoice.credit": lambda: store.invoicing.credit_notes.credit_invoice(bea, cid, OPEN[0],
            REASON),
        "invoice.resend": lambda: store.invoicing.delivery.resend_invoice(bea, cid, OPEN[0],
                                                                "jonas@nordwind.de"),
    }
    before = (address_of(cid), Invoice.select().count(), InvoiceRecipient.select().count())
    for action, attempt in attempts.items():
        refused_before = AuditEvent.select().where(AuditEvent.outcome == "refused").count()
        with pytest.raises(Refused):
            attempt()
        line = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
        assert AuditEvent.select().where(AuditEvent.outcome == "refused").count() \
            == refused_before + 1, action
        assert (line.action, line.outcome, line.company) == (action.strip(), "refused", cid)
    assert (address_of(cid), Invoice.select().count(),
            InvoiceRecipient.select().count()) == before
    # Still read: its tabs, its invoices' PDFs.
    assert store.invoicing.invoices.invoice_pdf(jonas, cid, OPEN[0]).startswith(b"%PDF")
    assert store.plans.plan.licence_summary(jonas, cid).next_invoice_on is None


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_closed_company_is_left_out_of_the_billing_run(demo, as_):
    close(as_, demo["nordwind"])
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", dry_run=True)
    assert (demo["nordwind"], "closed") in run.not_billed  # as everywhere (#18 trial)
    assert demo["nordwind"] not in [i.company_id for i in run.issued]


def test_closing_is_admin_staffs_and_keeps_every_row(demo, as_):
    cid = demo["nordwind"]
    counts = (Invoice.select().where(Invoice.company == cid).count(),
              User.select().where(User.company == cid).count(),
              AuditEvent.select().where(AuditEvent.company == cid).count())
    with pytest.raises(Refused):
        store.profile.companies.close_company(as_(BILLING), cid, REASON)
    close(as_, cid)
    assert Company.get_by_id(cid).closed_at is not None
    assert Subscription.get_by_id(cid).status == "cancelled"
    assert (Invoice.select().where(Invoice.company == cid).count(),
            User.select().where(User.company == cid).count()) == counts[:2]
    # The trail kept, plus the refused attempt and the closing.
    assert AuditEvent.select().where(AuditEvent.company == cid).count() == counts[2] + 2


def test_a_built_actor_is_refused(demo):
    forged = Actor(kind="staff", email=ADMIN, name="Ada Admin", role="admin")
    with pytest.raises(Refused):
        store.profile.companies.close_company(forged, demo["nordwind"], REASON)
    assert Company.get_by_id(demo["nordwind"]).closed_at is None


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_new_company_without_trial_is_billed_from_next_month(demo, as_):
    made = store.profile.companies.create_company(as_(ADMIN), {
        "name": "Harbour Ltd", "country": "United States", "plan": "essentials",
        "term": "monthly", "owner_email": "kim@harbour.example", "owner_name": "Kim"})
    assert (made.status, made.trial_ends_on, made.next_invoice_on.isoformat(),
            made.currency, made.time_zone) == (
        "subscribed", None, "2026-12-01", "USD", "America/New_York")
    sub = Subscription.get_by_id(made.id)
    assert store.invoicing.billing_run.not_billed_reason(sub, store.plans.terms.period_start(
        "2026-12")) \
        is None
    # It has no billing address yet: the run says so rather than invoicing nobody.
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=made.id,
                                         dry_run=True)
    assert run.not_billed == [(made.id, "no billing address yet")]


def test_the_owners_screens_show_a_closed_companys_edits_shut(demo, as_):
    cid = demo["nordwind"]
    assert store.profile.company.get_general(as_(JONAS), cid).can_edit
    close(as_, cid)
    jonas = as_(JONAS)  # signed in after the closing
    assert not store.profile.company.get_general(jonas, cid).can_edit
    billing = store.profile.billing.get_billing(jonas, cid)
    assert (billing.editable_fields, billing.can_manage_card, billing.can_manage_recipients,
            billing.can_request_change) == ([], False, False, False)
