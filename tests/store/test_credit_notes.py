"""Credit notes (SPEC §5, §11): an issued invoice is never edited; a credit note cancels it."""

from __future__ import annotations

from decimal import Decimal

import pytest

import store.errors
import store.invoicing.billing_run
import store.invoicing.credit_notes
from store.persistence.models import AuditEvent, Invoice, InvoiceLine

BILLING = "billing@mycompany.example"
WHY = {"reason": "Wrong licence count", "ticket": "SUP-12"}


def figures(number: str) -> tuple:
    inv = Invoice.get(Invoice.number == number)
    return inv.subtotal_minor, inv.tax_minor, inv.total_minor, inv.status


def test_an_open_invoice_is_settled_by_its_credit_note_and_keeps_its_figures(demo, as_):
    before = figures("INV-000002-0014")
    credit = store.invoicing.credit_notes.credit_invoice(as_(BILLING), demo["nordwind"],
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


def test_a_paid_invoice_leaves_an_open_credit_and_its_month_is_invoiced_again_when_asked(
        demo, as_):
    """#17 trial r2: a month credited in full was billed again by the next routine run. It
    stays invoiced until the billing team asks for the corrected invoice (`reissue`)."""
    bea = as_(BILLING)
    store.invoicing.credit_notes.credit_invoice(bea, demo["blue"], "INV-000003-0006", WHY)
    assert figures("INV-000003-0006")[3] == "paid"
    assert Invoice.get(Invoice.number == "CN-000003-0001").status == "open"
    run = store.invoicing.billing_run.issue_period(bea, "2026-11", company_id=demo["blue"])
    assert (run.issued, run.already) == ([], [demo["blue"]])
    # Asked afterwards: no second credit note, the month freed, History says so.
    assert store.invoicing.credit_notes.credit_invoice(bea, demo["blue"], "INV-000003-0006",
                                                       WHY, reissue=True) is None
    assert Invoice.select().where(Invoice.kind == "credit_note").count() == 1
    line = AuditEvent.get(AuditEvent.action == "invoice.reissue")
    assert (line.old_value, line.new_value, line.reason) == (
        "INV-000003-0006", "2026-11", "Wrong licence count")
    again = store.invoicing.billing_run.issue_period(bea, "2026-11", company_id=demo["blue"])
    assert [i.number for i in again.issued] == ["INV-000003-0007"]  # the corrected invoice
    with pytest.raises(store.errors.InvalidInput, match="already credited"):
        store.invoicing.credit_notes.credit_invoice(bea, demo["blue"], "INV-000003-0006", WHY,
                                                    reissue=True)


def test_an_invoice_is_credited_once_and_a_credit_note_never(demo, as_):
    bea = as_(BILLING)
    store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014", WHY)
    with pytest.raises(store.errors.InvalidInput, match="already credited"):
        store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014", WHY)
    with pytest.raises(store.errors.InvalidInput, match="credit note"):
        store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "CN-000002-0001", WHY)
    with pytest.raises(store.errors.NotFound):  # another company's reads as missing
        store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000003-0001", WHY)
    with pytest.raises(store.errors.InvalidInput):
        store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0013",
                                          {"reason": " "})


@pytest.mark.parametrize("who", ["support@mycompany.example", "jonas@nordwind.de"])
def test_only_the_billing_team_credits(demo, as_, who):
    with pytest.raises(store.errors.Refused):
        store.invoicing.credit_notes.credit_invoice(as_(who), demo["nordwind"], "INV-000002-0014",
            WHY)
    assert figures("INV-000002-0014")[3] == "open"
    assert not Invoice.select().where(Invoice.kind == "credit_note").exists()


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_open_credit_is_deducted_from_what_pay_now_charges(demo, as_):
    """#17 trial: a paid invoice credited, the corrected one issued, and Pay now charged the
    whole amount again: the customer paid twice."""
    from decimal import Decimal

    import store.invoicing.payments

    bea, jonas = as_(BILLING), as_("jonas@nordwind.de")
    # paid
    store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0012", WHY)
    preview = store.invoicing.payments.pay_preview(jonas, demo["nordwind"])
    assert (preview.numbers, preview.credits, preview.total) == (
        ["INV-000002-0013", "INV-000002-0014"], ["CN-000002-0001"], Decimal("2567.00"))
    store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], preview.numbers, preview.total)
    assert Invoice.get(Invoice.number == "CN-000002-0001").status == "applied"
    assert figures("INV-000002-0014")[3] == "paid"
    # A credit larger than what is open waits for later invoices, whole.
    store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0011", WHY)
    store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0010", WHY)
    # The billing run uses it on the next invoice before charging the card (here: all of it).
    run = store.invoicing.billing_run.issue_period(bea, "2026-12", company_id=demo["nordwind"])
    paid = Invoice.get(Invoice.number == run.issued[0].number)
    assert (paid.status, paid.paid_with) == ("paid", "CN-000002-0002")
    assert Invoice.get(Invoice.number == "CN-000002-0002").status == "applied"
    assert Invoice.get(Invoice.number == "CN-000002-0003").status == "open"
    assert store.invoicing.payments.pay_preview(jonas, demo["nordwind"]).numbers == []


def taxed(number: str) -> Invoice:
    """Invoice `number` as a domestic sale at 20 % would be: €2,567.00 + €513.40 = €3,080.40
    (the demo's invoices are reverse-charged or outside the EU: no tax to take back)."""
    Invoice.update(tax_rate_permille=200, tax_minor=51340, total_minor=308040,
                   tax_rule="domestic").where(Invoice.number == number).execute()
    return Invoice.get(Invoice.number == number)


def test_a_partial_credit_note_takes_an_amount_excluding_tax_and_the_invoice_rate(demo, as_):
    invoice = taxed("INV-000002-0014")
    credit = store.invoicing.credit_notes.credit_invoice(as_(BILLING), demo["nordwind"],
                                               "INV-000002-0014", WHY, "100.05")
    note = Invoice.get(Invoice.number == credit)
    # 100.05 x 20 % = 20.01: the invoice's rate, its rule and mention kept.
    assert (note.subtotal_minor, note.tax_minor, note.total_minor, note.tax_rule) == (
        -10005, -2001, -12006, "domestic")
    [line] = InvoiceLine.select().where(InvoiceLine.invoice == note.id)
    assert (line.description, line.quantity, line.amount_minor) == ("Partial credit", 1, -10005)
    # The invoice still stands, open for the rest; its period stays invoiced.
    invoice = Invoice.get(Invoice.id == invoice.id)
    assert (invoice.status, invoice.billing_period, note.status) == ("open", "2026-11", "open")
    done = store.invoicing.credit_notes.credited_on(as_("jonas@nordwind.de"), demo["nordwind"],
                                          "INV-000002-0014")
    assert (done.subtotal, done.total, done.numbers) == (
        Decimal("100.05"), Decimal("120.06"), [credit])


def test_partial_credit_notes_add_up_to_the_invoice_and_no_further(demo, as_):
    bea = as_(BILLING)
    taxed("INV-000002-0014")
    first = store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014",
        WHY,
                                              "1000.01")
    with pytest.raises(store.errors.InvalidInput, match="At most €1,566.99 excluding tax"):
        store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014", WHY,
                                          "1567.00")
    for wrong in ("0", "-5", "12.345", "12,50", "lots", "NaN", "1e3", "Infinity", "0x10",
                  "١٢٠", "１２０", "1_000"):
        with pytest.raises(store.errors.InvalidInput) as refused:
            store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014",
                WHY,
                                              wrong)
        assert "amount" in refused.value.errors
    last = store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014",
        WHY,
                                             "1566.99")
    notes = [Invoice.get(Invoice.number == n) for n in (first, last)]
    # The last takes exactly the tax left (1566.99 x 20 % would round to 313.40, not 313.39).
    assert sum(n.total_minor for n in notes) == -308040
    assert sum(n.tax_minor for n in notes) == -51340
    # Credited in full: the invoice is settled, its credit notes used up; its month stays
    # invoiced (#17 trial r2: the next run billed it again).
    invoice = Invoice.get(Invoice.number == "INV-000002-0014")
    assert (invoice.status, invoice.billing_period) == ("credited", "2026-11")
    assert [n.status for n in Invoice.select().where(Invoice.corrects == invoice.id)] == [
        "applied", "applied"]
    with pytest.raises(store.errors.InvalidInput, match="already credited"):
        store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014", WHY)


def test_without_an_amount_a_credit_note_takes_what_partial_ones_left(demo, as_):
    bea = as_(BILLING)
    store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0013", WHY, "67")
    rest = store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0013",
        WHY)
    note = Invoice.get(Invoice.number == rest)
    [line] = InvoiceLine.select().where(InvoiceLine.invoice == note.id)
    assert (note.total_minor, line.description) == (-250000, "Credit of the amount left")
    assert figures("INV-000002-0013")[3] == "credited"


def test_pay_now_deducts_a_partial_credit_from_the_open_invoice(demo, as_):
    import store.invoicing.payments

    store.invoicing.credit_notes.credit_invoice(as_(BILLING), demo["nordwind"], "INV-000002-0014",
        WHY,
                                      "567")
    preview = store.invoicing.payments.pay_preview(as_("jonas@nordwind.de"), demo["nordwind"])
    # Two open invoices of €2,567.00, less the €567.00 credited.
    assert (preview.credits, preview.total) == (["CN-000002-0001"], Decimal("4567.00"))
    paid = store.invoicing.payments.pay_invoices(as_("jonas@nordwind.de"), demo["nordwind"], [],
                                       confirmed_total=preview.total)
    # Paid by the credit note and the card: the invoice names both (#17: it named the card).
    assert paid.numbers
    kept = {inv.paid_with for inv in Invoice.select().where(Invoice.number.in_(paid.numbers))}
    assert kept == {"CN-000002-0001, Visa •••• 4242"}


def test_how_an_invoice_was_paid_stays_within_its_column():
    import store.invoicing.payments

    many = [f"CN-000002-{n:04d}" for n in range(1, 6)]
    assert store.invoicing.payments.paid_with(None, many[:1]) == "CN-000002-0001"
    assert store.invoicing.payments.paid_with(None, many) == "CN-000002-0001 +4"
    assert len(store.invoicing.payments.paid_with(None,
        many * 10)) <= store.invoicing.payments.PAID_WITH_MAX


def test_a_month_credited_in_full_takes_a_plan_change_and_is_reissued_with_it(demo, as_):
    """#17 trial: INV-000005-0001 credited in full ("Wrong plan"), then `plans change --from
    2026-12 --plan professional` was refused ("the first month that can is 2027-01") and the
    run re-issued the same invoice at €148.80. The whole correction: credit, change, re-issue."""
    import store.plans.plan_changes

    bea, blue = as_(BILLING), demo["blue"]
    wrong = Invoice.get(Invoice.number == "INV-000003-0006")  # November, Essentials
    with pytest.raises(store.errors.InvalidInput, match="first month that can is 2026-12"):
        store.plans.plan_changes.schedule_change(bea, blue, {
            "from": "2026-11", "plan": "professional", "reason": "Wrong plan"})
    store.invoicing.credit_notes.credit_invoice(bea, blue, wrong.number, {"reason": "Wrong plan"},
                                                reissue=True)
    assert store.plans.plan_changes.first_open_month(blue).isoformat() == "2026-11-01"
    store.plans.plan_changes.schedule_change(bea, blue, {
        "from": "2026-11", "plan": "professional", "reason": "Wrong plan"})
    again = store.invoicing.billing_run.issue_period(bea, "2026-11", company_id=blue)
    [fixed] = again.issued
    assert fixed.number == "INV-000003-0007"
    licences = InvoiceLine.get((InvoiceLine.invoice == fixed.invoice_id)
                               & (InvoiceLine.position == 1))
    before = InvoiceLine.get((InvoiceLine.invoice == wrong.id) & (InvoiceLine.position == 1))
    assert licences.quantity == before.quantity and licences.unit_minor > before.unit_minor
    assert fixed.total_minor != wrong.total_minor
    # The month is invoiced again: it no longer changes; the next one does.
    assert store.plans.plan_changes.first_open_month(blue).isoformat() == "2026-12-01"
