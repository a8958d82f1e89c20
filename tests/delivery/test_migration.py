"""Migration 0010 (SPEC §7): the delivery table comes and goes on a real database, and holds
one row per invoice and address."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

import store.delivery
from store.persistence.models import Invoice
from store.persistence.models_delivery import InvoiceDelivery


@pytest.mark.both_backends
def test_migration_0010_goes_back_and_forth_and_keeps_one_row_per_address(demo, db):
    from playhouse.migrations import Runner

    from store.persistence.db import HISTORY_TABLE, MIGRATIONS_DIR

    invoice = Invoice.select().where(Invoice.company == demo["nordwind"]).first()
    assert store.delivery.queue_invoice(invoice.id) == 2
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down("0010_invoice_delivery")
    assert "invoice_delivery" not in db.get_tables()
    runner.up()
    assert InvoiceDelivery.select().count() == 0  # the table anew
    assert store.delivery.queue_invoice(invoice.id) == 2
    row = InvoiceDelivery.get(InvoiceDelivery.invoice == invoice.id)
    with pytest.raises(IntegrityError), db.atomic():
        InvoiceDelivery.insert(invoice=invoice.id, email=row.email, queued_at=row.queued_at
                               ).execute()
    with pytest.raises(IntegrityError), db.atomic():
        InvoiceDelivery.update(status="lost").where(InvoiceDelivery.id == row.id).execute()
