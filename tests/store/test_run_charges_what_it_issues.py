"""What the billing run charges and bills, run again (#17 trial r2), on a real SQLite file:
it charges at issue only what it issues to a company able to pay it then, or what a run stopped
between issuing and charging left so; an invoice issued while the company had no card, or
declined at issue, stays open for the owner's Pay now, a card added since or not, and is named
(`still_open`). A month whose invoice was credited, in full or in part, is invoiced already for
the run: a corrected invoice is issued only when the billing team asks (`reissue`)."""

from __future__ import annotations

import pytest

import store.invoicing.billing_run
import store.invoicing.credit_notes
import store.invoicing.payments
import store.profile.billing
from store.errors import InvalidInput
from store.invoicing.billing_run import issue_period
from store.invoicing.billing_run_after import RunStopped
from store.persistence.models import AuditEvent, Invoice, PaymentMethod
from tui.audit_text import value_text

BILLING = "billing@mycompany.example"
MARIA = "maria@blueharbor.com"  # Blue Harbor's owner
JONAS = "jonas@nordwind.de"
CARD = {"number": "4242 4242 4242 4242", "expiry": "12/29", "security_code": "123",
        "holder": "Card Holder"}


@pytest.fixture(autouse=True)
def demo_trail(demo) -> int:
    """The last History line the demo wrote: the test's own come after."""
    return AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id.desc()).scalar() or 0


@pytest.fixture
def charges(demo_trail):
    """`charges(company_id)`: the company's payment lines written by the test, worded as
    History words them."""
    def lines(company_id: int) -> list[str]:
        return [value_text("invoices", line.new_value) for line in AuditEvent.select().where(
            (AuditEvent.company == company_id) & (AuditEvent.action == "invoice.pay")
            & (AuditEvent.id > demo_trail)).order_by(AuditEvent.id)]

    return lines


def _status(number: str) -> str:
    return Invoice.get(Invoice.number == number).status


def _stop_before_charging(monkeypatch, company_id: int) -> None:
    """Ctrl-C in the run once `company_id`'s invoice is issued, before its charge at issue."""
    charge = store.invoicing.billing_run.charge_due

    def stopped(actor, due, cid, *rest):
        if cid == company_id:
            raise KeyboardInterrupt
        return charge(actor, due, cid, *rest)

    monkeypatch.setattr(store.invoicing.billing_run, "charge_due", stopped)


@pytest.mark.parametrize("stopped", [False, True], ids=["ran", "stopped-before-charging"])
@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_invoice_issued_without_a_card_is_never_charged_by_a_run_once_a_card_is_added(
        demo, as_, charges, monkeypatch, stopped):
    """The trial's steps: a company with no card invoiced, its owner adds a card (told to pay
    with Pay now), the same run again: "1 invoice paid at once by the card on file"."""
    bea, blue = as_(BILLING), demo["blue"]
    PaymentMethod.delete().where(PaymentMethod.company == blue).execute()
    if stopped:
        _stop_before_charging(monkeypatch, blue)
        with pytest.raises(RunStopped) as interrupted:
            issue_period(bea, "2026-12", company_id=blue)
        [made] = interrupted.value.summary.issued
        monkeypatch.undo()
    else:
        first = issue_period(bea, "2026-12", company_id=blue)
        [made] = first.issued
        assert first.collected.no_card == [made.number]
    store.profile.billing.set_card(as_(MARIA), blue, CARD)

    dry = issue_period(bea, "2026-12", company_id=blue, dry_run=True)
    again = issue_period(bea, "2026-12", company_id=blue)
    everyone = issue_period(bea, "2026-12")  # a plain re-run: Nordwind's December issued
    for run in (dry, again, everyone):
        assert made.number not in (run.collected.paid if run.collected else [])
        assert (blue, [made.number]) in run.still_open  # named: the owner pays it
    assert blue in everyone.already and [i.company_id for i in everyone.issued] == [
        demo["nordwind"]]
    assert _status(made.number) == "open" and charges(blue) == []
    # The owner pays it, asked first (Pay now).
    maria = as_(MARIA)
    preview = store.invoicing.payments.pay_preview(maria, blue)
    assert preview.numbers == [made.number]
    store.invoicing.payments.pay_invoices(maria, blue, preview.numbers, preview.total)
    assert _status(made.number) == "paid"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_charge_declined_at_issue_is_not_tried_again_by_a_run_with_a_new_card(demo, as_):
    bea, nordwind = as_(BILLING), demo["nordwind"]
    PaymentMethod.update(token="tok_sandbox_declines_test").where(
        PaymentMethod.company == nordwind).execute()
    first = issue_period(bea, "2026-12", company_id=nordwind)
    [made] = first.issued
    assert first.collected.declined == [made.number]
    store.profile.billing.set_card(as_(JONAS), nordwind, CARD)
    again = issue_period(bea, "2026-12", company_id=nordwind)
    assert again.collected is None or not again.collected.paid
    assert again.still_open == [(nordwind, ["INV-000002-0013", "INV-000002-0014", made.number])]
    assert _status(made.number) == "open"
    assert [line.outcome for line in AuditEvent.select().where(
        (AuditEvent.action == "invoice.pay") & AuditEvent.new_value.contains(made.number))] == [
        "refused"]  # the decline at issue, and nothing since


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_run_stopped_between_issuing_and_charging_is_finished_by_the_next_run(
        demo, as_, charges, monkeypatch):
    """README: the same command finishes what a stopped run began, its charge at issue too."""
    bea, nordwind = as_(BILLING), demo["nordwind"]
    _stop_before_charging(monkeypatch, nordwind)
    with pytest.raises(RunStopped) as interrupted:
        issue_period(bea, "2026-12")
    [made] = interrupted.value.summary.issued
    assert made.company_id == nordwind and _status(made.number) == "open"
    assert charges(nordwind) == []
    monkeypatch.undo()
    dry = issue_period(bea, "2026-12", dry_run=True)
    assert made.number in dry.collected.paid  # what the run will do, said
    again = issue_period(bea, "2026-12")
    assert made.number in again.collected.paid
    paid = Invoice.get(Invoice.number == made.number)
    assert (paid.status, paid.paid_with) == ("paid", "Visa •••• 4242")
    assert charges(nordwind) == [
        f"{made.number} charged to Visa •••• 4242 at issue (€2,567.00)"]
    # Its older invoices, declined in the demo, stay the owner's.
    assert again.still_open == [(nordwind, ["INV-000002-0013", "INV-000002-0014"])]
    third = issue_period(bea, "2026-12")
    assert not (third.collected and third.collected.paid) and len(charges(nordwind)) == 1


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_month_credited_by_partial_notes_is_not_billed_again_until_asked(demo, as_,
                                                                            charges):
    """The trial's: four partial credit notes cancelled INV-000002-0001, and the next run (for
    other companies) issued INV-000002-0002 for €240.00 and charged it."""
    bea, blue = as_(BILLING), demo["blue"]
    PaymentMethod.delete().where(PaymentMethod.company == blue).execute()
    [made] = issue_period(bea, "2026-12", company_id=blue).issued  # $245.00, open
    why = {"reason": "Goodwill"}
    notes = [store.invoicing.credit_notes.credit_invoice(bea, blue, made.number, why, amount)
             for amount in ("40", "40", "40", None)]
    assert _status(made.number) == "credited"
    assert [_status(n) for n in notes] == ["applied"] * 4
    store.profile.billing.set_card(as_(MARIA), blue, CARD)
    for dry_run in (True, False):
        run = issue_period(bea, "2026-12", dry_run=dry_run)
        assert blue in run.already and blue not in [i.company_id for i in run.issued]
    december = Invoice.select().where((Invoice.company == blue) & (Invoice.kind == "invoice")
                                      & (Invoice.id >= made.invoice_id))  # since
    assert [i.number for i in december] == [made.number] and charges(blue) == []

    # A corrected invoice is asked for, not a partial credit of it.
    with pytest.raises(InvalidInput) as refused:
        store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014",
                                                    why, "10", reissue=True)
    assert "credited in full" in refused.value.errors["amount"]
    assert Invoice.get(Invoice.number == "INV-000002-0014").billing_period == "2026-11"
    # Asked: the next run of the month issues it, and charges the card on file now.
    assert store.invoicing.credit_notes.credit_invoice(bea, blue, made.number, why,
                                                       reissue=True) is None
    fixed = issue_period(bea, "2026-12", company_id=blue)
    [corrected] = fixed.issued
    assert (corrected.number, made.number) == ("INV-000003-0008", "INV-000003-0007")
    assert fixed.collected.paid == [corrected.number] and _status(corrected.number) == "paid"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_month_credited_in_part_stays_invoiced_and_its_rest_the_owners(demo, as_,
                                                                         charges):
    bea, blue = as_(BILLING), demo["blue"]
    PaymentMethod.delete().where(PaymentMethod.company == blue).execute()
    [made] = issue_period(bea, "2026-12", company_id=blue).issued
    store.invoicing.credit_notes.credit_invoice(bea, blue, made.number, {"reason": "x"}, "45")
    store.profile.billing.set_card(as_(MARIA), blue, CARD)
    run = issue_period(bea, "2026-12")
    assert blue in run.already and (blue, [made.number]) in run.still_open
    assert _status(made.number) == "open" and charges(blue) == []
