"""Migrations 0010 and 0017 (SPEC §7): the delivery table comes and goes on a real database,
holds one row per invoice and address, and (0017) an e-mail can be cancelled."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

import store.invoicing.delivery
from store.persistence.models import Invoice
from store.persistence.models_delivery import InvoiceDelivery


@pytest.mark.both_backends
def test_migration_0010_goes_back_and_forth_and_keeps_one_row_per_address(demo, db):
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    invoice = Invoice.select().where(Invoice.company == demo["nordwind"]).first()
    assert store.invoicing.delivery.queue_invoice(invoice.id) == 2
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down("0010_invoice_delivery")
    assert "invoice_delivery" not in db.get_tables()
    runner.up()
    assert InvoiceDelivery.select().count() == 0  # the table anew
    assert store.invoicing.delivery.queue_invoice(invoice.id) == 2
    row = InvoiceDelivery.get(InvoiceDelivery.invoice == invoice.id)
    with pytest.raises(IntegrityError), db.atomic():
        InvoiceDelivery.insert(invoice=invoice.id, email=row.email, queued_at=row.queued_at
                               ).execute()
    with pytest.raises(IntegrityError), db.atomic():
        InvoiceDelivery.update(status="lost").where(InvoiceDelivery.id == row.id).execute()


@pytest.mark.both_backends
def test_migration_0017_lets_an_e_mail_be_cancelled_and_keeps_every_row(demo, db):
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    invoice = Invoice.select().where(Invoice.company == demo["nordwind"]).first()
    store.invoicing.delivery.queue_invoice(invoice.id)
    before = [(r.id, r.email) for r in InvoiceDelivery.select().order_by(InvoiceDelivery.id)]
    InvoiceDelivery.update(status="cancelled", last_error="credited").where(
        InvoiceDelivery.id == before[0][0]).execute()
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down("0020_delivery_refused_for_good")  # the later one on this table first
    runner.down("0017_delivery_cancelled")
    # Down: 0010's statuses only; the cancelled row reads failed, its reason kept (read by
    # column: the model's later columns are not there below 0020).
    D = InvoiceDelivery
    assert [(r.id, r.email) for r in D.select(D.id, D.email).order_by(D.id)] == before
    first = D.select(D.status, D.last_error).where(D.id == before[0][0]).get()
    assert (first.status, first.last_error) == ("failed", "credited")
    with pytest.raises(IntegrityError), db.atomic():
        InvoiceDelivery.update(status="cancelled").where(
            InvoiceDelivery.id == before[0][0]).execute()
    runner.up()
    assert [(r.id, r.email) for r in InvoiceDelivery.select().order_by(InvoiceDelivery.id)] \
        == before
    InvoiceDelivery.update(status="cancelled").where(InvoiceDelivery.id == before[1][0]).execute()
    with pytest.raises(IntegrityError), db.atomic():
        InvoiceDelivery.update(status="lost").where(InvoiceDelivery.id == before[1][0]).execute()
    with pytest.raises(IntegrityError), db.atomic():  # still one row per invoice and address
        InvoiceDelivery.insert(invoice=invoice.id, email=before[1][1],
                               queued_at=InvoiceDelivery.get_by_id(before[1][0]).queued_at
                               ).execute()
    assert store.invoicing.delivery.queue_invoice(invoice.id) == 0
