"""The vendor's own settings as the seller of every invoice (SPEC §5 Tax, §11): data only."""

from __future__ import annotations

from peewee import SQL, CharField, DateTimeField, IntegerField, TextField

from store.persistence.models import BaseModel


class Seller(BaseModel):
    """The seller printed on every invoice, and whose country decides the tax (store.invoicing.tax).

    One row (id 1, a CHECK keeps it so): legal name, the address with the same fields as a
    billing address (R15), VAT number, registration ("RCS Paris 123 456 782"), legal mentions
    (free text printed on invoices), the default payment terms in days (0: due on issue), the
    bank account customers pay transfers into: IBAN and BIC, compact and upper-case, NULL when
    not set (migration 0023). Changed by admin staff only (store.invoicing.seller), with a version
    for optimistic locking.
    """

    id = IntegerField(primary_key=True, constraints=[SQL("CHECK (id = 1)")])
    legal_name = CharField(max_length=200)
    line1 = CharField(max_length=200)
    line2 = CharField(max_length=200, null=True)
    postal_code = CharField(max_length=20, null=True)
    city = CharField(max_length=100)
    state = CharField(max_length=64, null=True)
    country = CharField(max_length=2)
    vat_number = CharField(max_length=32)
    registration = CharField(max_length=200, null=True)
    legal_mentions = TextField(null=True)
    payment_terms_days = IntegerField(default=0)
    iban = CharField(max_length=34, null=True)
    bic = CharField(max_length=11, null=True)
    version = IntegerField(default=1)
    updated_at = DateTimeField(null=True)
    updated_by = CharField(null=True)
