"""Credit notes (SPEC §5, §11): an issued invoice is never edited; a credit note cancels it."""

from __future__ import annotations

import pytest

import store.billing_run
import store.credit_notes
import store.errors
from store.persistence.models import AuditEvent, Invoice, InvoiceLine

BILLING = "billing@mycompany.example"
WHY = {"reason": "Wrong licence count", "ticket": "SUP-12"}


def figures(number: str) -> tuple:
    inv = Invoice.get(Invoice.number == number)
    return inv.subtotal_minor, inv.tax_minor, inv.total_minor, inv.status


def test_an_open_invoice_is_settled_by_its_credit_note_and_keeps_its_figures(demo, as_):
    before = figures("INV-000002-0014")
    credit = store.credit_notes.credit_invoice(as_(BILLING), demo["nordwind"],
                                               "inv-000002-0014", WHY)
    assert credit == "CN-000002-0001"
    assert figures("INV-000002-0014") == (*before[:3], "credited")  # the figures as issued
    note = Invoice.get(Invoice.number == credit)
    assert (note.kind, note.total_minor, note.status, note.corrects_id) == (
        "credit_note", -before[2], "applied", Invoice.get(Invoice.number == "INV-000002-0014").id)
    lines = InvoiceLine.select().where(InvoiceLine.invoice == note.id)
    assert sum(line.amount_minor for line in lines) == -before[0]
    line = AuditEvent.get(AuditEvent.action == "invoice.credit")
    assert (line.old_value, line.new_value, line.reason, line.ticket) == (
        "INV-000002-0014", credit, "Wrong licence count", "SUP-12")


def test_a_paid_invoice_leaves_an_open_credit_and_the_period_can_be_invoiced_again(demo, as_):
    bea = as_(BILLING)
    store.credit_notes.credit_invoice(bea, demo["blue"], "INV-000003-0006", WHY)
    assert figures("INV-000003-0006")[3] == "paid"
    assert Invoice.get(Invoice.number == "CN-000003-0001").status == "open"
    again = store.billing_run.issue_period(bea, "2026-11", company_id=demo["blue"])
    assert [i.number for i in again.issued] == ["INV-000003-0007"]  # the corrected invoice


def test_an_invoice_is_credited_once_and_a_credit_note_never(demo, as_):
    bea = as_(BILLING)
    store.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014", WHY)
    with pytest.raises(store.errors.InvalidInput, match="already credited"):
        store.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014", WHY)
    with pytest.raises(store.errors.InvalidInput, match="credit note"):
        store.credit_notes.credit_invoice(bea, demo["nordwind"], "CN-000002-0001", WHY)
    with pytest.raises(store.errors.NotFound):  # another company's reads as missing
        store.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000003-0001", WHY)
    with pytest.raises(store.errors.InvalidInput):
        store.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0013",
                                          {"reason": " "})


@pytest.mark.parametrize("who", ["support@mycompany.example", "jonas@nordwind.de"])
def test_only_the_billing_team_credits(demo, as_, who):
    with pytest.raises(store.errors.Refused):
        store.credit_notes.credit_invoice(as_(who), demo["nordwind"], "INV-000002-0014", WHY)
    assert figures("INV-000002-0014")[3] == "open"
    assert not Invoice.select().where(Invoice.kind == "credit_note").exists()


def test_an_open_credit_is_deducted_from_what_pay_now_charges(demo, as_):
    """#17 trial: a paid invoice credited, the corrected one issued, and Pay now charged the
    whole amount again: the customer paid twice."""
    from decimal import Decimal

    import store.payments

    bea, jonas = as_(BILLING), as_("jonas@nordwind.de")
    store.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0012", WHY)  # paid
    preview = store.payments.pay_preview(jonas, demo["nordwind"])
    assert (preview.numbers, preview.credits, preview.total) == (
        ["INV-000002-0013", "INV-000002-0014"], ["CN-000002-0001"], Decimal("2567.00"))
    store.payments.pay_invoices(jonas, demo["nordwind"], preview.numbers, preview.total)
    assert Invoice.get(Invoice.number == "CN-000002-0001").status == "applied"
    assert figures("INV-000002-0014")[3] == "paid"
    # A credit larger than what is open waits for later invoices, whole.
    store.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0011", WHY)
    store.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0010", WHY)
    store.billing_run.issue_period(bea, "2026-12", company_id=demo["nordwind"])
    december = store.payments.pay_preview(jonas, demo["nordwind"])
    assert (december.credits, december.total) == (["CN-000002-0002"], Decimal("0.00"))
    store.payments.pay_invoices(jonas, demo["nordwind"], december.numbers, december.total)
    paid = Invoice.get(Invoice.number == december.numbers[0])
    assert (paid.status, paid.paid_with) == ("paid", "CN-000002-0002")
    assert Invoice.get(Invoice.number == "CN-000002-0003").status == "open"
