"""Invoice delivery by e-mail (SPEC §5 Billing, §11 billing run): data only."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from store.persistence.models import BaseModel, Invoice


class InvoiceDelivery(BaseModel):
    """One e-mail of one invoice to one recipient, and how sending it went
    (store.invoicing.delivery).

    One row per (invoice, address): the company's recipients (R13) as they were when the invoice
    was queued, plus any address the billing team resent it to. `status`: pending (not tried
    yet, or resent), sending (an attempt under way: claimed by one sender), sent, failed (the
    last attempt's reason in `last_error`, one line, never a password), cancelled (its invoice
    credited in full before it went: `last_error` says so; migration 0017). `attempts` counts the
    tries since the row was queued or last resent (what the retries read), `attempts_before`
    those made before it was last resent (migration 0028: every attempt is their sum);
    `claimed_by`, while it is sending, the process trying it (store.invoicing.delivery_claims;
    migration 0034);
    `permanent`, that the last attempt's refusal is for good (a 5yz reply to the recipient, RFC
    5321 §4.2.1: not tried again until resent; migration 0020); times are UTC.
    """

    id = AutoField()
    invoice = ForeignKeyField(Invoice, on_delete="CASCADE", index=False)
    invoice_id: int  # the id behind `invoice`, read without a query (peewee's stubs omit it)
    email = CharField(max_length=254)
    status = CharField(max_length=16, default="pending")  # pending…cancelled: see above
    attempts = IntegerField(default=0)
    last_error = CharField(max_length=300, null=True)
    last_attempt_at = DateTimeField(null=True)
    sent_at = DateTimeField(null=True)
    queued_at = DateTimeField()
    queued_by = CharField(max_length=254, null=True)  # None: the billing run; else who resent it
    permanent = BooleanField(default=False)
    attempts_before = IntegerField(default=0)  # 0028: attempts made before the last resend
    claimed_by = CharField(max_length=255, null=True)  # 0034: the `sending` row's process

    class Meta:
        table_name = "invoice_delivery"
        indexes = ((("invoice", "email"), True), (("status",), False))
