"""A payment under way (SPEC §5 Paying, #17 trial): data only."""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField

from store.persistence.models import BaseModel, Company


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
