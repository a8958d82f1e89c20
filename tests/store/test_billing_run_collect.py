"""The billing run charges the card on file for what it issues (SPEC §5 Paying): paid at once
with the card named; a declined charge leaves the invoice open and says so in History; a company
without a card keeps its invoice open until it is paid."""

from __future__ import annotations

import json

import pytest

import store.invoicing.billing_run
from store.invoicing.gateway import SandboxGateway
from store.persistence.models import AuditEvent, Invoice, PaymentMethod

BILLING = "billing@mycompany.example"


def _issued(run, company_id: int) -> Invoice:
    number = next(i.number for i in run.issued if i.company_id == company_id)
    return Invoice.get(Invoice.number == number)


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_card_on_file_pays_the_new_invoice_before_it_is_e_mailed(demo, as_):
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    nordwind = _issued(run, demo["nordwind"])
    assert (nordwind.status, nordwind.paid_with) == ("paid", "Visa •••• 4242")
    assert nordwind.paid_on is not None
    assert nordwind.number in run.collected.paid
    line = AuditEvent.get((AuditEvent.action == "invoice.pay")
                          & (AuditEvent.company == demo["nordwind"]))
    kept = json.loads(line.new_value)
    assert (line.outcome, line.actor_email) == ("done", BILLING)
    assert (kept["numbers"], kept["total"], kept["currency"], kept["at_issue"]) == (
        [nordwind.number], "2567.00", "EUR", True)


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_declined_charge_leaves_the_invoice_open_and_is_in_history(demo, as_):
    PaymentMethod.update(token="tok_sandbox_declines_test").where(
        PaymentMethod.company == demo["nordwind"]).execute()
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    nordwind = _issued(run, demo["nordwind"])
    assert (nordwind.status, nordwind.paid_on) == ("open", None)
    assert run.collected.declined == [nordwind.number]
    line = AuditEvent.get((AuditEvent.action == "invoice.pay")
                          & (AuditEvent.company == demo["nordwind"]))
    assert (line.outcome, line.reason) == ("refused", "declined")
    assert json.loads(line.new_value)["total"] == "2567.00"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_without_a_card_the_invoice_stays_open(demo, as_):
    PaymentMethod.delete().where(PaymentMethod.company == demo["blue"]).execute()
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    blue = _issued(run, demo["blue"])
    assert blue.status == "open" and run.collected.no_card == [blue.number]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_dry_run_says_what_it_would_charge_and_charges_nothing(demo, as_):
    class NoGateway(SandboxGateway):
        def charge(self, *args, **kwargs):
            raise AssertionError("a dry run asked the gateway")

    PaymentMethod.delete().where(PaymentMethod.company == demo["blue"]).execute()
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", dry_run=True,
                                                   gateway=NoGateway())
    assert run.collected.paid == ["INV-000002-0015"]  # the number it would take
    assert run.collected.no_card == ["INV-000003-0007"]
    assert not AuditEvent.select().where(AuditEvent.action == "invoice.pay").exists()
    assert not Invoice.select().where(Invoice.number == "INV-000002-0015").exists()
    assert run.still_open == [(demo["nordwind"], ["INV-000002-0013", "INV-000002-0014"])]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_dry_run_names_an_invoice_issued_earlier_and_never_charged_as_the_run_charges_it(
        demo, as_):
    """#17 trial: `demo --companies 300` left December's invoices open with a card on file and
    no charge tried; `invoices issue --dry-run` said paid_at_issue 0, the run then charged 75."""
    bea = as_(BILLING)
    # December issued, never charged: a run that issued it and stopped before charging it
    store.invoicing.billing_run.issue_period(None, "2026-12", company_id=demo["blue"])
    december = Invoice.get((Invoice.company == demo["blue"])
                           & (Invoice.billing_period == "2026-12"))
    assert december.status == "open"
    dry = store.invoicing.billing_run.issue_period(bea, "2026-12", dry_run=True)
    assert dry.already == [demo["blue"]]
    assert dry.collected.paid == ["INV-000002-0015", december.number]
    assert Invoice.get_by_id(december.id).status == "open"
    run = store.invoicing.billing_run.issue_period(bea, "2026-12")
    assert run.collected.paid == dry.collected.paid  # what the dry run said, the run did
    assert Invoice.get_by_id(december.id).status == "paid"


def test_an_annual_contract_renews_a_year_on_when_its_new_year_is_invoiced(demo, as_):
    from datetime import date

    from store.persistence.models import Subscription

    sub = Subscription.get_by_id(demo["nordwind"])
    renews = sub.renews_on
    assert sub.term == "annual_monthly" and renews is not None
    store.invoicing.billing_run.issue_period(as_(BILLING), f"{renews:%Y-%m}",
                                   issued_on=date(renews.year, renews.month, 1))
    after = Subscription.get_by_id(demo["nordwind"])
    assert after.renews_on == date(renews.year + 1, renews.month, 1)


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_month_never_invoiced_before_the_one_issued_is_reported(demo, as_):
    november = Invoice.get((Invoice.company == demo["nordwind"])
                           & (Invoice.billing_period == "2026-11"))
    Invoice.update(billing_period="1999-11").where(Invoice.id == november.id).execute()
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert (demo["nordwind"], ["2026-11"]) in run.missing
    late = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-11",
        company_id=demo["nordwind"])
    assert [i.period for i in late.issued] == ["2026-11"]
    from datetime import date

    from store.persistence.models import Subscription

    assert Subscription.get_by_id(demo["nordwind"]).next_invoice_on == date(2027, 1, 1)


def test_an_owner_refused_the_billing_run_finds_it_in_their_own_history(demo, as_):
    import pytest

    import store.errors

    with pytest.raises(store.errors.Refused):
        store.invoicing.billing_run.issue_period(as_("jonas@nordwind.de"), "2026-12")
    line = AuditEvent.get(AuditEvent.action == "invoice.issue")
    assert (line.company, line.outcome, line.actor_email) == (
        demo["nordwind"], "refused", "jonas@nordwind.de")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_run_stopped_before_charging_is_charged_by_the_next_run(demo, as_):
    """#17 trial: Ctrl-C (or a busy database) after an invoice was issued left it open with a
    card on file, and running again said 'already invoiced' and charged nothing."""
    # issued, never charged (no one's run)
    store.invoicing.billing_run.issue_period(None, "2026-12")
    december = Invoice.get((Invoice.company == demo["nordwind"])
                           & (Invoice.billing_period == "2026-12"))
    assert december.status == "open"
    again = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert demo["nordwind"] in again.already and december.number in again.collected.paid
    assert Invoice.get_by_id(december.id).status == "paid"
    third = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert third.collected is None  # charged once: nothing left to charge or send


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_company_the_database_kept_busy_is_named_and_the_others_billed(demo, as_,
                                                                         monkeypatch):
    from store.errors import Busy

    issue_one = store.invoicing.billing_run._issue_one

    def busy_for_nordwind(actor, cid, *args):
        if cid == demo["nordwind"]:
            raise Busy()
        return issue_one(actor, cid, *args)

    monkeypatch.setattr(store.invoicing.billing_run, "_issue_one", busy_for_nordwind)
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert run.busy == [demo["nordwind"]]
    assert [i.company_id for i in run.issued] == [demo["blue"]]
