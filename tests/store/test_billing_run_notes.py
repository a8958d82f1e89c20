"""What the billing run says about each invoice it charges (#17 trial): credit notes that
settled it with no charge, or the card charged after them, worded so in the summary and in
History; the company's older invoices it leaves open (the owner pays them, SPEC §5) named;
and a run stopped by Ctrl-C keeps what it issued, and says how much."""

from __future__ import annotations

import pytest

import store.invoicing.billing_run
import store.invoicing.credit_notes
from store.invoicing.billing_run_after import RunStopped
from store.persistence.models import AuditEvent, Invoice
from tui.audit_text import value_text

BILLING = "billing@mycompany.example"
OPEN = ["INV-000002-0013", "INV-000002-0014"]  # Nordwind's, past due in the demo


def _paid_one(company_id: int) -> str:
    return Invoice.select(Invoice.number).where(
        (Invoice.company == company_id) & (Invoice.kind == "invoice")
        & (Invoice.status == "paid")).order_by(Invoice.id.desc()).scalar()


def _pay_line(company_id: int) -> str:
    line = AuditEvent.get((AuditEvent.action == "invoice.pay")
                          & (AuditEvent.company == company_id))
    return value_text("invoices", line.new_value)


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_credit_notes_that_cover_the_invoice_settle_it_with_no_charge(demo, as_):
    nordwind = demo["nordwind"]
    note = store.invoicing.credit_notes.credit_invoice(as_(BILLING), nordwind, _paid_one(nordwind),
                                             {"reason": "charged twice"})
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=nordwind)
    number = run.issued[0].number
    assert run.collected.by_credits == [number] and run.collected.after_credits == []
    assert Invoice.get(Invoice.number == number).paid_with == note
    from tui.invoices_cli import summary_text

    text = summary_text(run, "en")
    assert "1 invoice settled by credit notes; no card charged." in text
    assert "paid at once by the card" not in text
    assert _pay_line(nordwind) == f"{number} settled by credit notes {note} at issue, no charge"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_credit_note_smaller_than_the_invoice_then_the_card(demo, as_):
    nordwind = demo["nordwind"]
    note = store.invoicing.credit_notes.credit_invoice(as_(BILLING), nordwind, _paid_one(nordwind),
                                             {"reason": "one licence too many"}, "100")
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", company_id=nordwind)
    number = run.issued[0].number
    assert run.collected.after_credits == [number] and run.collected.by_credits == []
    from tui.invoices_cli import summary_json, summary_text

    assert "1 invoice charged to the card on file after credit notes." in summary_text(run, "en")
    assert summary_json(run)["charged_after_credit_notes"] == [number]
    assert _pay_line(nordwind) == (f"{number} charged to Visa •••• 4242 at issue after credit "
                                   f"notes {note} (€2,467.00)")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_older_invoices_left_open_are_named_not_charged(demo, as_):
    run = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert run.still_open == [(demo["nordwind"], OPEN)]
    assert [i.status for i in Invoice.select().where(Invoice.number.in_(OPEN))] == ["open"] * 2
    from tui.invoices_cli import summary_json, summary_text

    assert ("  Nordwind Logistik GmbH (company 2): 2 invoices still open, not charged by the "
            f"run (the owner pays them): {', '.join(OPEN)}"
            in summary_text(run, "en"))
    assert summary_json(run)["still_open"] == [{"company": demo["nordwind"], "invoices": OPEN}]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_run_stopped_keeps_what_it_issued_and_the_same_run_finishes(demo, as_, monkeypatch):
    def stop_at_blue(done: int, total: int) -> None:
        if done == 2:  # Atelier (in its trial), Nordwind issued; Blue Harbor not yet
            raise KeyboardInterrupt

    with pytest.raises(RunStopped) as stopped:
        store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12", progress=stop_at_blue)
    assert [i.company_id for i in stopped.value.summary.issued] == [demo["nordwind"]]
    again = store.invoicing.billing_run.issue_period(as_(BILLING), "2026-12")
    assert ([i.company_id for i in again.issued], again.already) == ([demo["blue"]],
                                                                    [demo["nordwind"]])
