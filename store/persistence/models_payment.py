"""Payments (SPEC §5 Paying, #17 trial): the one under way, and what paid each invoice. Data
only."""

from __future__ import annotations

from peewee import (
    AutoField,
    BigIntegerField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from store.persistence.models import BaseModel, Company, Invoice


class PaymentClaim(BaseModel):
    """The payment of a company's invoices under way, one at most per company (migration 0027;
    store.invoicing.payment_claim takes and lets go of it): `token`, whose claim it is (a random
    string of the payer's); `claimed_at`, since when, UTC."""

    company = ForeignKeyField(Company, primary_key=True, on_delete="CASCADE")
    company_id: int  # the id behind `company` (peewee's stubs omit it)
    token = CharField(max_length=32)
    claimed_at = DateTimeField()

    class Meta:
        table_name = "payment_claim"


class InvoicePayment(BaseModel):
    """One payment of a paid invoice (migration 0029; store.invoicing.payment_parts): what paid
    it (`paid_by`: a credit note's number, or the card as invoice.paid_with names it), how much
    (`amount_minor`, the invoice's currency), in order (`position`, from 1)."""

    id = AutoField()
    invoice = ForeignKeyField(Invoice, on_delete="CASCADE", index=False)
    invoice_id: int
    position = IntegerField()
    paid_by = CharField(max_length=64)
    amount_minor = BigIntegerField()

    class Meta:
        table_name = "invoice_payment"
        indexes = ((("invoice", "position"), True), (("paid_by",), False))  # 0031
