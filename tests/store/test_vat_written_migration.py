"""Migration 0025 (#16): VAT numbers stored compact before their written form was kept
(de118c2) are rewritten as a save stores them, with the save's own function; issued invoices,
change requests and the trail keep what they hold, the address's version does not move."""

from __future__ import annotations

import pytest

import store.people.access
import store.profile.billing
from store.forms.places import stored_vat_number
from store.persistence.models import AuditEvent, BillingAddress, Invoice

MIGRATION = "0025_vat_written_form"


def rerun(db) -> None:
    """0025 run again on the data as it is now (its down leaves the numbers as they are)."""
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down(MIGRATION)
    runner.up()


def stored_as(company_id: int, country: str, number: str | None) -> BillingAddress:
    """Make the company's address hold `number` as a program before de118c2 stored it."""
    BillingAddress.update(country=country, vat_number=number, state=None).where(
        BillingAddress.company == company_id).execute()
    return BillingAddress.get(BillingAddress.company == company_id)


@pytest.mark.parametrize("country, compact, written", [
    ("CH", "CHE116281710MWST", "CHE-116.281.710 MWST"),
    ("AU", "51824753556", "51 824 753 556"),
    ("BR", "11222333000181", "11.222.333/0001-81"),
])
def test_a_compact_number_is_written_as_a_save_writes_it(demo, db, country, compact, written):
    before = stored_as(demo["blue"], country, compact)
    trail = AuditEvent.select().count()
    rerun(db)
    after = BillingAddress.get(BillingAddress.company == demo["blue"])
    assert after.vat_number == written == stored_vat_number(compact, country)
    assert after.version == before.version  # the same number: no conflict for an open screen
    assert AuditEvent.select().count() == trail
    maria = store.people.access.resolve_actor("maria@blueharbor.com")
    assert store.profile.billing.get_billing(maria, demo["blue"]).address.vat_number == written


def test_numbers_written_already_or_refused_now_are_left_as_they_are(demo, db):
    stored_as(demo["blue"], "CH", "CHE123")  # a wrong number: the next save says why
    nordwind = BillingAddress.get(BillingAddress.company == demo["nordwind"]).vat_number
    rerun(db)
    assert BillingAddress.get(BillingAddress.company == demo["blue"]).vat_number == "CHE123"
    assert BillingAddress.get(BillingAddress.company == demo["nordwind"]).vat_number == nordwind


def test_an_issued_invoice_keeps_the_number_it_was_issued_with(demo, db):
    invoice = Invoice.select().where(Invoice.company == demo["nordwind"]).first()
    assert invoice is not None
    Invoice.update(bill_to_vat_number="CHE116281710MWST").where(
        Invoice.id == invoice.id).execute()
    stored_as(demo["nordwind"], "CH", "CHE116281710MWST")
    rerun(db)
    assert Invoice.get_by_id(invoice.id).bill_to_vat_number == "CHE116281710MWST"
    assert BillingAddress.get(BillingAddress.company == demo["nordwind"]).vat_number == \
        "CHE-116.281.710 MWST"
