"""Pay now (SPEC §5 Paying): the amount is shown and confirmed before a charge; a decline says
so and leaves the invoices open; only the owner pays."""

from __future__ import annotations

from decimal import Decimal

import pytest

import store
import store.errors
import store.invoicing.payments
import store.people.access
import store.profile.billing
from store.persistence.models import AuditEvent, Invoice

JONAS = "jonas@nordwind.de"
OPEN = ["INV-000002-0013", "INV-000002-0014"]


def statuses(numbers: list[str]) -> list[str]:
    return [Invoice.get(Invoice.number == n).status for n in numbers]


def test_the_preview_shows_every_open_invoice_and_the_card_and_charges_nothing(demo, as_):
    preview = store.invoicing.payments.pay_preview(as_(JONAS), demo["nordwind"])
    assert (preview.numbers, preview.total, preview.currency, preview.card) == (
        OPEN, Decimal("5134.00"), "EUR", "Visa •••• 4242")
    assert statuses(OPEN) == ["open", "open"]


def test_paying_marks_them_paid_today_with_the_card_and_records_it(demo, as_):
    jonas = as_(JONAS)
    store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], OPEN, Decimal("5134.00"))
    paid = Invoice.get(Invoice.number == OPEN[0])
    assert (paid.status, paid.paid_with, str(paid.paid_on)) == ("paid", "Visa •••• 4242",
                                                                "2026-11-27")
    line = AuditEvent.get(AuditEvent.action == "invoice.pay")
    assert (line.actor_email, line.outcome) == (JONAS, "done") and OPEN[1] in line.new_value


def test_an_amount_other_than_the_one_confirmed_charges_nothing(demo, as_):
    with pytest.raises(store.invoicing.payments.AmountChanged) as refused:
        store.invoicing.payments.pay_invoices(as_(JONAS), demo["nordwind"], OPEN, Decimal(
            "2567.00"))
    assert refused.value.exit_status == 4 and "€5,134.00" in refused.value.message
    assert statuses(OPEN) == ["open", "open"]


def test_a_declined_charge_says_so_and_leaves_them_open(demo, as_):
    jonas = as_(JONAS)
    store.profile.billing.set_card(jonas, demo["nordwind"], {  # taken, then every charge declined
        "number": "4000 0000 0000 0341", "expiry": "12/29", "security_code": "123",
        "holder": "Jonas Weber"})
    assert statuses(OPEN) == ["open", "open"]  # a new card charges nothing by itself
    with pytest.raises(store.errors.InvalidInput, match="declined the charge of €5,134.00"):
        store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], OPEN, Decimal("5134.00"))
    assert statuses(OPEN) == ["open", "open"]
    assert AuditEvent.get(AuditEvent.action == "invoice.pay").outcome == "refused"


def test_one_invoice_is_paid_alone_and_a_paid_one_is_not_open(demo, as_):
    jonas = as_(JONAS)
    one = store.invoicing.payments.pay_preview(jonas, demo["nordwind"], ["inv-000002-0013"])
    assert (one.numbers, one.total) == (["INV-000002-0013"], Decimal("2567.00"))
    store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], one.numbers, one.total)
    assert statuses(OPEN) == ["paid", "open"]
    with pytest.raises(store.errors.InvalidInput, match="not open"):
        store.invoicing.payments.pay_preview(jonas, demo["nordwind"], ["INV-000002-0013"])
    with pytest.raises(store.errors.NotFound):
        store.invoicing.payments.pay_preview(jonas, demo["nordwind"], ["INV-000002-9999"])
    # Blue's series: a reach into another company, refused (find_invoice's rule, #18 trial)
    with pytest.raises(store.errors.Refused, match="another company's invoice number"):
        store.invoicing.payments.pay_preview(jonas, demo["nordwind"], ["INV-000003-0001"])


@pytest.mark.parametrize("who", ["billing@mycompany.example", "support@mycompany.example",
                                 "petra@nordwind.de"])
def test_only_the_owner_pays(demo, as_, who):
    with pytest.raises(store.errors.Refused):
        store.invoicing.payments.pay_invoices(as_(who), demo["nordwind"], OPEN, Decimal("5134.00"))
    assert statuses(OPEN) == ["open", "open"]


def test_two_payments_at_once_charge_the_card_once(demo, as_):
    """#17 trial: two `invoices pay` at the same moment both charged the card for the same
    invoices. The second now waits for the first, then finds nothing open."""
    import threading
    import time

    import store.invoicing.payments
    from store.invoicing.gateway import SandboxGateway
    from store.persistence.db import database

    charges: list[str] = []

    class SlowBank(SandboxGateway):
        def charge(self, token, amount_minor, currency, reference):
            charges.append(reference)
            time.sleep(0.3)  # the other payment starts meanwhile
            return "ch_test"

    jonas = as_("jonas@nordwind.de")
    preview = store.invoicing.payments.pay_preview(jonas, demo["nordwind"])
    outcomes: list[str] = []

    def pay() -> None:
        try:
            store.invoicing.payments.pay_invoices(jonas, demo["nordwind"], preview.numbers,
                preview.total,
                                        SlowBank())
            outcomes.append("paid")
        except store.errors.StoreError as exc:
            outcomes.append(exc.message if hasattr(exc, "message") else str(exc))
        finally:
            database.close()

    threads = [threading.Thread(target=pay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(charges) == 1
    assert outcomes.count("paid") == 1 and len(outcomes) == 2
