"""SPEC §5 Tax and §11: the seller's settings, changed by admin staff only, checked as a billing
address; migration 0008 (the seller table, the invoice's tax rule) on a real database."""

from __future__ import annotations

from datetime import date

import pytest

import store.invoicing.seller
import store.people.access
from store.demo.data import SELLER
from store.errors import Conflict, InvalidInput, NotFound, Refused
from store.forms.seller import SELLER as SELLER_FORM
from store.invoicing.tax import tax_for
from store.persistence.models import AuditEvent, BillingAddress, Invoice

ADMIN, BILLING, SUPPORT = ("admin@mycompany.example", "billing@mycompany.example",
                           "support@mycompany.example")
OWNER = "jonas@nordwind.de"

TYPED = {"legal_name": "  Harbor Telecom SAS ", "line1": "8 quai de la Seine",
         "postal_code": "75019", "city": "Paris", "country": "France",
         "vat_number": "fr 11 123 456 782", "registration": "RCS Paris 123 456 782",
         "legal_mentions": "SAS au capital de 10 000 €", "payment_terms_days": "30"}


def trail(action="seller.save"):
    return list(AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id))


def test_the_demo_sells_from_a_french_sas_that_passes_its_own_checks(demo):
    from store.forms.seller import SellerForm
    from store.forms.validation import validate

    seller = store.invoicing.seller.get_seller(store.people.access.resolve_actor(OWNER))
    assert (seller.country, seller.vat_number, seller.payment_terms_days) == (
        "FR", "FR11123456782", 0)
    form = validate(SellerForm, {k: str(v) for k, v in SELLER.items()})
    assert form.vat_number == SELLER["vat_number"] and form.postal_code == "75011"
    # Nordwind, a German business with a valid VAT number, is reverse-charged by it.
    nordwind = BillingAddress.get(BillingAddress.company == demo["nordwind"])
    assert tax_for(seller, nordwind, date(2026, 11, 1)).rule == "eu_reverse_charge"


def test_admin_staff_save_the_seller_in_its_stored_form_with_a_line_per_field(demo):
    ada = store.people.access.resolve_actor(ADMIN)
    before = store.invoicing.seller.get_seller(ada)
    saved = store.invoicing.seller.save_seller(ada, TYPED, before.version)
    assert (saved.legal_name, saved.country, saved.vat_number, saved.payment_terms_days) == (
        "Harbor Telecom SAS", "FR", "FR11123456782", 30)
    assert saved.version == before.version + 1 and saved.updated_by == ADMIN
    lines = trail()
    # TYPED gives no bank account: the demo's is emptied, as a form saved with them blank.
    assert [line.field for line in lines] == ["legal_name", "line1", "postal_code",
                                              "legal_mentions", "payment_terms_days", "iban",
                                              "bic"]
    line = next(line for line in lines if line.field == "legal_name")
    assert (line.old_value, line.new_value, line.outcome, line.company) == (
        SELLER["legal_name"], "Harbor Telecom SAS", "done", None)
    # Saving the same again changes nothing and writes nothing.
    again = store.invoicing.seller.save_seller(ada, TYPED, saved.version)
    assert again.version == saved.version and len(trail()) == len(lines)


@pytest.mark.parametrize("who", [BILLING, SUPPORT, OWNER])
def test_only_admin_staff_change_the_seller_and_refusals_are_in_the_trail(demo, who):
    actor = store.people.access.resolve_actor(who)
    with pytest.raises(Refused) as refused:
        store.invoicing.seller.save_seller(actor, TYPED, None)
    assert refused.value.exit_status == 3
    assert store.invoicing.seller.current_seller().legal_name == SELLER["legal_name"]
    [line] = trail()
    assert (line.actor_email, line.outcome, line.reason) == (
        who, "refused", "Only admin staff change the seller's settings.")
    assert "Harbor Telecom SAS" in line.new_value  # what they sent (SPEC §6)


def test_the_seller_is_checked_as_a_billing_address_with_its_own_rules(demo):
    ada = store.people.access.resolve_actor(ADMIN)
    with pytest.raises(InvalidInput) as invalid:
        store.invoicing.seller.save_seller(ada, {**TYPED, "postal_code": "7501", "vat_number": "",
                                       "payment_terms_days": "-3"}, None)
    assert set(invalid.value.errors) == {"postal_code", "vat_number", "payment_terms_days"}
    assert invalid.value.errors["postal_code"].startswith("This is not a postal code for France")
    with pytest.raises(InvalidInput) as invalid:
        store.invoicing.seller.save_seller(ada, {**TYPED, "country": "US", "state": "CA",
                                       "postal_code": "94043", "vat_number": "US123"}, None)
    assert invalid.value.errors["country"].startswith("Enter a country of the European Union")
    with pytest.raises(InvalidInput) as invalid:
        store.invoicing.seller.save_seller(ada, {**TYPED, "vat_number": "DE136695976"}, None)
    assert invalid.value.errors == {
        "vat_number": "This VAT number is for Germany; the address is in France"}
    assert trail() == []  # nothing saved, nothing refused


def test_a_save_on_a_stale_version_is_a_conflict(demo):
    ada = store.people.access.resolve_actor(ADMIN)
    seen = store.invoicing.seller.get_seller(ada).version
    store.invoicing.seller.save_seller(ada, TYPED, seen)
    with pytest.raises(Conflict):
        store.invoicing.seller.save_seller(ada, {**TYPED, "city": "Lyon", "postal_code": "69003"},
            seen)
    assert store.invoicing.seller.current_seller().city == "Paris"


def test_no_invoice_without_a_seller(db):
    with pytest.raises(NotFound) as missing:
        store.invoicing.seller.current_seller()
    assert missing.value.exit_status == 5


def test_the_form_and_the_service_list_the_same_fields_in_the_same_order():
    assert SELLER_FORM.names == store.invoicing.seller.SELLER_FIELDS


def test_migration_0008_gives_older_invoices_the_legacy_rule_and_goes_back(demo, db):
    """Invoices issued before the rule existed keep their figures and say `legacy`; the
    migration undoes and redoes on the same file (SQLite, and PostgreSQL when its URL is set)."""
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    written = {i.id: i.total_minor for i in Invoice.select()}
    runner.down("0008_seller_and_tax_rule")
    assert "seller" not in db.get_tables()
    assert "tax_rule" not in {c.name for c in db.get_columns("invoice")}
    runner.up()
    rules = {row.tax_rule for row in Invoice.select(Invoice.tax_rule)}
    mentions = {row.tax_mention for row in Invoice.select(Invoice.tax_mention)}
    assert (rules, mentions) == ({"legacy"}, {None})
    assert {i.id: i.total_minor for i in Invoice.select()} == written  # figures as written
    assert Invoice.select().where(Invoice.company == demo["nordwind"]).count() == 14
    # 0009 ran again on them: each invoice's billing period is the month it starts in.
    assert {(i.billing_period, f"{i.period_start:%Y-%m}") for i in Invoice.select().where(
        Invoice.kind == "invoice")} == {(f"{i.period_start:%Y-%m}",) * 2
                                        for i in Invoice.select().where(Invoice.kind == "invoice")}
    # table anew
    assert store.invoicing.seller.get_seller(store.people.access.resolve_actor(ADMIN)) is None
    ada = store.people.access.resolve_actor(ADMIN)
    assert store.invoicing.seller.save_seller(ada, TYPED, None).version == 1


def test_the_seller_table_holds_one_row(demo, db):
    from peewee import IntegrityError

    with pytest.raises(IntegrityError), db.atomic():
        db.execute_sql("INSERT INTO seller (id, legal_name, line1, city, country, vat_number) "
                       "VALUES (2, 'Other SAS', '1 rue', 'Paris', 'FR', 'FR40303265045')")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_an_issued_invoice_keeps_its_seller_when_the_vendor_moves(demo, tmp_path):
    """#17: an invoice states the supplier as it was at issue (Directive 2006/112/EC art. 226):
    the seller saved after it leaves it as issued; the next invoice and a credit note of the
    first read their own (the credit note: its invoice's parties)."""
    from pypdf import PdfReader

    import store.invoicing.billing_run
    import store.invoicing.credit_notes
    import store.invoicing.invoices

    def printed(number: str) -> str:
        path = store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(OWNER),
                                               demo["nordwind"], number, tmp_path)
        return " ".join(page.extract_text() for page in PdfReader(path).pages)

    old = printed("INV-000002-0014")
    assert SELLER["legal_name"] in old and SELLER["line1"] in old
    ada = store.people.access.resolve_actor(ADMIN)
    store.invoicing.seller.save_seller(ada, TYPED, None)
    kept = printed("INV-000002-0014")
    assert SELLER["line1"] in kept and "8 quai de la Seine" not in kept
    assert "Harbor Telecom SAS" not in kept
    bea = store.people.access.resolve_actor(BILLING)
    run = store.invoicing.billing_run.issue_period(bea, "2026-12", company_id=demo["nordwind"])
    new = printed(run.issued[0].number)
    assert "Harbor Telecom SAS" in new and "8 quai de la Seine" in new
    credit = store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014",
                                               {"reason": "Wrong count", "ticket": "SUP-1"})
    assert SELLER["line1"] in printed(credit) and "8 quai" not in printed(credit)


def test_an_invoice_issued_before_sellers_were_kept_prints_the_current_seller(demo, tmp_path):
    """Invoices from before migration 0019 kept no seller: they print today's settings, as
    they always did."""
    import store.invoicing.invoices

    Invoice.update(seller_details=None).where(Invoice.number == "INV-000002-0014").execute()
    ada = store.people.access.resolve_actor(ADMIN)
    store.invoicing.seller.save_seller(ada, TYPED, None)
    doc = store.invoicing.invoices.invoice_document(store.people.access.resolve_actor(OWNER),
        demo["nordwind"],
                                          "INV-000002-0014")
    assert (doc.seller.legal_name, doc.seller.line1) == ("Harbor Telecom SAS",
                                                         "8 quai de la Seine")
