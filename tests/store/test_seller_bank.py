"""The seller's bank account (#17 trial: no invoice said where to pay by transfer): IBAN and BIC
checked by python-stdnum, stored compact, in History like the other seller fields; a save that
changes nothing, or leaves a field blank, writes no History line ("— → —"); migration 0023."""

from __future__ import annotations

import pytest

import store.invoicing.seller
import store.people.access
from store.errors import InvalidInput
from store.persistence.models import AuditEvent

ADMIN = "admin@mycompany.example"
DEMO_BANK = ("FR7630006000011234567890189", "BNPAFRPP")  # the demo seller's (store.demo.data)
TYPED = {"legal_name": "Harbor Telecom SAS", "line1": "8 quai de la Seine",
         "postal_code": "75019", "city": "Paris", "country": "FR",
         "vat_number": "FR11123456782", "payment_terms_days": "0"}


def lines() -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.action == "seller.save")
                .order_by(AuditEvent.id))


def values(view) -> dict[str, str]:
    return {name: "" if getattr(view, name) is None else str(getattr(view, name))
            for name in store.invoicing.seller.SELLER_FIELDS}


def test_admin_staff_set_the_iban_and_bic_as_typed_and_they_are_kept_compact(demo):
    ada = store.people.access.resolve_actor(ADMIN)
    before = store.invoicing.seller.get_seller(ada)
    assert (before.iban, before.bic) == DEMO_BANK
    saved = store.invoicing.seller.save_seller(
        ada, {**values(before), "iban": " de89 3704 0044 0532 0130 00 ", "bic": "cobadeffxxx"},
        before.version)

    assert (saved.iban, saved.bic) == ("DE89370400440532013000", "COBADEFFXXX")
    assert store.invoicing.seller.iban_as_printed(saved.iban) == "DE89 3704 0044 0532 0130 00"
    assert [(line.field, line.old_value, line.new_value) for line in lines()] == [
        ("iban", DEMO_BANK[0], "DE89370400440532013000"), ("bic", DEMO_BANK[1], "COBADEFFXXX")]
    # The invoices issued from now keep it (invoice.seller_details).
    kept = store.invoicing.seller.issued_seller(store.invoicing.seller.seller_record(saved))
    assert (kept.iban, kept.bic) == (saved.iban, saved.bic)
    # Emptied again: one line each, back to none.
    cleared = store.invoicing.seller.save_seller(ada, {**values(saved), "iban": "", "bic": " "},
                                       saved.version)
    assert (cleared.iban, cleared.bic) == (None, None)
    assert [(line.field, line.new_value) for line in lines()[2:]] == [("iban", None),
                                                                      ("bic", None)]


@pytest.mark.parametrize(("iban", "bic", "said"), [
    ("FR76 3000 6000 0112 3456 7890 188", "BNPAFRPP", {"iban": "check digits"}),
    ("FR76 3000", "BNPAFRPP", {"iban": "Enter an IBAN"}),
    ("FR7630006000011234567890189", "BNPAFRP", {"bic": "Enter a BIC"}),
    ("FR7630006000011234567890189", "BNPAXXPP", {"bic": "Enter a BIC"}),
])
def test_an_iban_or_bic_that_is_not_one_is_refused_with_a_message_for_it(demo, iban, bic,
                                                                          said):
    ada = store.people.access.resolve_actor(ADMIN)
    before = store.invoicing.seller.get_seller(ada)
    with pytest.raises(InvalidInput) as invalid:
        store.invoicing.seller.save_seller(ada, {**values(before), "iban": iban, "bic": bic},
                                 before.version)
    assert set(invalid.value.errors) == set(said)
    for name, words in said.items():
        assert words in invalid.value.errors[name]
    assert store.invoicing.seller.current_seller().iban == DEMO_BANK[0] and lines() == []


def test_a_save_that_changes_nothing_writes_no_history_line(demo):
    ada = store.people.access.resolve_actor(ADMIN)
    before = store.invoicing.seller.get_seller(ada)
    again = store.invoicing.seller.save_seller(ada, values(before), before.version)
    assert again.version == before.version and lines() == []


def test_a_first_save_writes_a_line_only_for_the_fields_given(demo):
    """#17 trial: the first save wrote "— → —" for every field left blank."""
    from store.persistence.models_seller import Seller

    Seller.delete().execute()  # as on a new installation: no seller yet
    ada = store.people.access.resolve_actor(ADMIN)
    store.invoicing.seller.save_seller(ada, {**TYPED, "line2": "", "state": "", "iban": ""}, None)
    written = {line.field: (line.old_value, line.new_value) for line in lines()}
    assert set(written) == {"legal_name", "line1", "postal_code", "city", "country",
                            "vat_number", "payment_terms_days"}
    assert all(new not in (None, "") for _old, new in written.values())


def test_migration_0023_adds_the_bank_account_and_goes_back(demo, db):
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    ada = store.people.access.resolve_actor(ADMIN)
    before = store.invoicing.seller.get_seller(ada)
    store.invoicing.seller.save_seller(ada, {**values(before), "iban": "DE89370400440532013000"},
                             before.version)  # DE89..: the down migration drops a changed one
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down("0023_seller_bank")
    assert {"iban", "bic"}.isdisjoint(c.name for c in db.get_columns("seller"))
    runner.up()
    assert {"iban", "bic"} <= {c.name for c in db.get_columns("seller")}
    seller = store.invoicing.seller.current_seller()
    assert (seller.legal_name, seller.iban, seller.bic) == (before.legal_name, None, None)
