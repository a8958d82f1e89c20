"""What makes a payment question another one (store.invoicing.payments.changed_since_asked): the
words every surface puts in front of the question asked again (#17 verification)."""

from __future__ import annotations

from decimal import Decimal

from store.invoicing.payments import PayPreview, changed_since_asked

ASKED = PayPreview(numbers=["INV-1-0001", "INV-1-0002"], currency="EUR",
                   total=Decimal("200.00"), card="Visa •••• 4242")


def _now(**changes) -> PayPreview:
    return PayPreview(**{**ASKED.__dict__, **changes})


def test_the_same_charge_is_not_asked_again():
    assert changed_since_asked(ASKED, _now()) == ""


def test_an_invoice_paid_meanwhile_and_one_issued_are_named():
    now = _now(numbers=["INV-1-0002", "INV-1-0003"])
    assert changed_since_asked(ASKED, now) == ("INV-1-0001 is no longer open. "
                                               "INV-1-0003 is open now too.")
    assert changed_since_asked(ASKED, _now(numbers=[], total=Decimal(0))) == (
        "INV-1-0001, INV-1-0002 are no longer open.")


def test_another_card_or_credit_note_changes_the_question():
    assert changed_since_asked(ASKED, _now(card="Mastercard •••• 4444")) == (
        "The card on file is now Mastercard •••• 4444.")
    assert changed_since_asked(ASKED, _now(credits=["CN-1-0001"], total=Decimal("150.00"))) == (
        "The credit notes to deduct changed.")
