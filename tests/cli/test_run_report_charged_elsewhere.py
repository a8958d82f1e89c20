"""A billing run that finds the owner's Pay now (or another run) charging a company leaves that
company's new invoice to it (store.invoicing.at_issue.collect_at_issue, `under_way`); the run's
report says so, in its text and its JSON, instead of passing over it in silence."""

from __future__ import annotations

import json

import pytest

from store import clock
from store.persistence.models import Invoice
from store.persistence.models_payment import PaymentClaim

BILLING = ("--as", "billing@mycompany.example")


@pytest.mark.usefixtures("december_begun")
def test_the_run_names_the_invoice_another_payer_was_charging(cli, demo):
    PaymentClaim.create(company=demo["nordwind"], token="pay-now", claimed_at=clock.now())
    status, out, err = cli(*BILLING, "invoices", "issue", "--period", "2026-12", "--company",
                           str(demo["nordwind"]), "--json")
    assert status == 0, err
    number = Invoice.get((Invoice.company == demo["nordwind"])
                         & (Invoice.billing_period == "2026-12")).number
    report = json.loads(out)
    assert (report["charged_elsewhere"], report["paid_at_issue"]) == ([number], [])
    PaymentClaim.delete().execute()
    PaymentClaim.create(company=demo["blue"], token="pay-now", claimed_at=clock.now())
    status, out, err = cli(*BILLING, "invoices", "issue", "--period", "2026-12", "--company",
                           str(demo["blue"]))
    blue = Invoice.get((Invoice.company == demo["blue"])
                       & (Invoice.billing_period == "2026-12")).number
    assert status == 0, err
    assert ("1 invoice not charged here: another payment of the company was under way (Pay "
            f"now, or another run); see its status with invoices show: {blue}.") in out


@pytest.mark.usefixtures("december_begun")
def test_a_company_with_nothing_to_pay_with_is_not_named_as_charged_elsewhere(cli, demo):
    """#17 trial: two runs at once named invoices of companies with no card as charged by the
    other run; they are left open for want of a card, as a lone run says."""
    from store.persistence.models import PaymentMethod

    PaymentMethod.delete().where(PaymentMethod.company == demo["nordwind"]).execute()
    PaymentClaim.create(company=demo["nordwind"], token="other-run", claimed_at=clock.now())
    status, out, err = cli(*BILLING, "invoices", "issue", "--period", "2026-12", "--company",
                           str(demo["nordwind"]), "--json")
    assert status == 0, err
    assert json.loads(out)["charged_elsewhere"] == []


@pytest.mark.usefixtures("december_begun")
def test_a_dry_run_words_a_charge_after_credit_notes_as_the_run_does(cli, demo):
    """Verification trial: the dry run said "would be charged to the card on file" where the
    run then said "charged to the card on file after credit notes"."""
    status, _out, err = cli(*BILLING, "invoices", "credit", "INV-000003-0006", "--amount",
                            "10.00", "--reason", "Goodwill")
    assert status == 0, err
    run = ("invoices", "issue", "--period", "2026-12", "--company", str(demo["blue"]))
    status, out, err = cli(*BILLING, *run, "--dry-run")
    assert status == 0, err
    assert "1 invoice would be charged to the card on file after credit notes." in out
    status, out, err = cli(*BILLING, *run)
    assert "1 invoice charged to the card on file after credit notes." in out, out + err
