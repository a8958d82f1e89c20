"""A past-due invoice says why (#17 trial): the demo's History said Visa •••• 4242, the card on
file, which always succeeds, was "declined by the bank" on Nov 1 and Dec 1, and the invoice in
full said "Past due" and nothing more. The demo's declines went to the card Nordwind had then
(it expired), replaced by the owner after the last one; the invoice names its last declined
charge: when, to which card, how much."""

from __future__ import annotations

import json
from decimal import Decimal

import store.demo
import store.errors
import store.invoicing.invoice_detail
import store.invoicing.payments
import store.people.access
from store.persistence.models import AuditEvent, Invoice, PaymentMethod
from store.profile.billing import card_label, trail_payment

JONAS = "jonas@nordwind.de"


def test_the_demo_declines_went_to_the_card_then_which_was_replaced_after(db):
    _atelier, nordwind, _blue = store.demo.create_demo()
    card = PaymentMethod.get(PaymentMethod.company == nordwind)
    lines = list(AuditEvent.select().where((AuditEvent.company == nordwind)
                                           & (AuditEvent.action == "invoice.pay"))
                 .order_by(AuditEvent.at))
    declined = [line for line in lines if line.outcome == "refused"]
    assert declined
    charged_to = {json.loads(line.new_value)["card"] for line in declined}
    assert card_label(card) not in charged_to  # 4242 always succeeds: never declined
    [replaced] = AuditEvent.select().where((AuditEvent.company == nordwind)
                                           & (AuditEvent.action == "card.set"))
    assert replaced.at >= declined[-1].at
    assert replaced.old_value.split(" · ")[0] in charged_to
    assert replaced.new_value == trail_payment(card)
    # A paid invoice was paid with the card that was charged then.
    paid = Invoice.select().where((Invoice.company == nordwind)
                                  & (Invoice.status == "paid")).first()
    assert paid.paid_with in charged_to

    jonas = store.people.access.resolve_actor(JONAS)
    past_due = [i for i in Invoice.select().where((Invoice.company == nordwind)
                                                  & (Invoice.status == "open"))]
    for inv in past_due:
        view = store.invoicing.invoice_detail.invoice_detail(jonas, nordwind, inv.number)
        assert view.declined is not None and view.declined.card in charged_to
        from tui.invoices_cli import detail_text

        text = detail_text(view, "en")
        assert f"Unpaid: the charge of €2,567.00 to {view.declined.card} on " in text
        assert "was declined by the bank." in text
        assert view.model_dump(mode="json")["declined"]["card"] == view.declined.card


def test_a_declined_pay_now_is_the_reason_shown(demo, as_):
    PaymentMethod.update(token="tok_sandbox_declines_test").where(
        PaymentMethod.company == demo["nordwind"]).execute()
    jonas = as_(JONAS)
    before = store.invoicing.invoice_detail.invoice_detail(jonas, demo["nordwind"],
                                                           "INV-000002-0013")
    assert before.declined is None  # never charged (the fixture's History is empty)
    preview = store.invoicing.payments.pay_preview(jonas, demo["nordwind"])
    try:
        store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], preview.numbers,
                                              preview.total)
    except store.errors.InvalidInput:
        pass
    after = store.invoicing.invoice_detail.invoice_detail(jonas, demo["nordwind"],
                                                          "INV-000002-0013")
    assert after.declined is not None
    assert (after.declined.card, str(after.declined.charge_amount)) == ("Visa •••• 4242",
                                                                        "5134.00")


def test_an_invoice_of_a_declined_charge_of_several_says_its_share_and_which_they_were(demo,
                                                                                        as_):
    """#17 trial: INV-000002-0014 (€2,567.00) read "Unpaid: the charge of €5,134.00 … was
    declined", the charge of two invoices, in --json too (declined.amount 5134.00)."""
    from tui.invoices_cli import detail_text

    PaymentMethod.update(token="tok_sandbox_declines_test").where(
        PaymentMethod.company == demo["nordwind"]).execute()
    jonas = as_(JONAS)
    preview = store.invoicing.payments.pay_preview(jonas, demo["nordwind"])
    assert len(preview.numbers) == 2 and preview.total == 2 * 2567
    try:
        store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], preview.numbers,
                                              preview.total)
    except store.errors.InvalidInput:
        pass
    for number in preview.numbers:
        view = store.invoicing.invoice_detail.invoice_detail(jonas, demo["nordwind"], number)
        assert view.declined is not None
        data = view.model_dump(mode="json")["declined"]
        assert (data["amount"], data["charge_amount"], data["charge_invoices"]) == (
            "2567.00", "5134.00", preview.numbers)
        text = detail_text(view, "en")
        assert ("Unpaid: the bank declined a charge of €5,134.00 to Visa •••• 4242 on Nov 27, "
                f"2026 for 2 invoices ({', '.join(preview.numbers)}), €2,567.00 of it for this "
                "invoice.") in text
    # One invoice charged alone reads as before: the charge is the invoice's.
    first = preview.numbers[0]
    try:
        store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], [first],
                                              Decimal("2567.00"))
    except store.errors.InvalidInput:
        pass
    view = store.invoicing.invoice_detail.invoice_detail(jonas, demo["nordwind"], first)
    assert view.declined is not None and view.declined.charge_invoices == [first]
    assert "Unpaid: the charge of €2,567.00 to Visa •••• 4242 on Nov 27, 2026 was declined by " \
        "the bank." in detail_text(view, "en")


def test_a_credit_note_in_a_declined_charge_lowers_the_share_of_the_invoice_it_was_for(demo,
                                                                                       as_):
    """The share is what the card was to pay for the invoice: a credit note deducted in that
    payment comes off the oldest invoice first, as a payment's parts are split."""
    import store.invoicing.credit_notes

    billing = as_("billing@mycompany.example")
    jonas = as_(JONAS)
    paid = Invoice.select().where((Invoice.company == demo["nordwind"])
                                  & (Invoice.status == "paid")).first()
    store.invoicing.credit_notes.credit_invoice(billing, demo["nordwind"], paid.number,
                                                {"reason": "goodwill"}, "100")
    PaymentMethod.update(token="tok_sandbox_declines_test").where(
        PaymentMethod.company == demo["nordwind"]).execute()
    preview = store.invoicing.payments.pay_preview(jonas, demo["nordwind"])
    assert preview.credits and preview.total == Decimal("5034.00")
    try:
        store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], preview.numbers,
                                              preview.total)
    except store.errors.InvalidInput:
        pass
    shares = [store.invoicing.invoice_detail.invoice_detail(jonas, demo["nordwind"], n).declined
              for n in preview.numbers]
    assert [str(s.amount) for s in shares] == ["2467.00", "2567.00"]
    assert {str(s.charge_amount) for s in shares} == {"5034.00"}
