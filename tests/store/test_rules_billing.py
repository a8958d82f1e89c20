"""Every rule of the article at the store level, named after it: Billing (R12-R16). R1-R11 are in
tests/store/test_rules.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

import store
import store.errors
import store.invoicing.invoices
import store.people.access
import store.plans.plan
import store.profile.billing
import store.profile.company
import store.profile.requests
from store import clock
from store.errors import FORM_WIDE
from store.persistence.models import AuditEvent, BillingAddress, Invoice
from store.persistence.models_requests import ChangeRequest
from store.profile.billing import ADDRESS_FIELDS
from tests.conftest import TODAY

JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"
LEA = "lea@atelier-lumiere.fr"
MARIA = "maria@blueharbor.com"
SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"


def address_of(company_id: int, **changes) -> dict:
    row = BillingAddress.get(BillingAddress.company == company_id)
    data = {f: getattr(row, f) for f in ADDRESS_FIELDS}
    data.update(changes)
    return data


def version_of(company_id: int) -> int:
    return BillingAddress.get(BillingAddress.company == company_id).version


# R12: invoices ------------------------------------------------------------------------------


def test_r12_invoices_with_payment_status(demo, as_):
    page = store.invoicing.invoices.list_invoices(as_(JONAS), demo["nordwind"])
    assert page.total_count == 14
    # Due on issue (the seller's terms): the two open ones are past due on the 27th.
    assert [i.status for i in page.items[:3]] == ["past_due", "past_due", "paid"]
    assert page.items[2].paid_with == "Visa •••• 1881"  # the card then (#17 trial)
    assert page.items[0].issued_on > page.items[1].issued_on
    # The Plan tab's month, reverse-charged: a German business from a French seller.
    assert page.items[0].total == Decimal("2567.00")


def test_r12_invoice_download_is_a_pdf_never_overwriting(demo, as_, tmp_path):
    jonas = as_(JONAS)
    number = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"]).items[0].number
    first = store.invoicing.invoices.download_invoice(jonas, demo["nordwind"], number, tmp_path)
    second = store.invoicing.invoices.download_invoice(jonas, demo["nordwind"], number, tmp_path)
    assert first != second
    assert first.read_bytes().startswith(b"%PDF")
    assert second.read_bytes().startswith(b"%PDF")


def test_r12_pdf_keeps_the_address_as_issued(demo, as_, tmp_path):
    from pypdf import PdfReader

    jonas = as_(JONAS)
    store.profile.billing.save_address(jonas, demo["nordwind"],
                               address_of(demo["nordwind"], line1="Neuer Wall 1",
                                          postal_code="20354"),
                               version_of(demo["nordwind"]))
    number = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"]).items[0].number
    path = store.invoicing.invoices.download_invoice(jonas, demo["nordwind"], number, tmp_path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Speicherstraße 5" in text
    assert "Neuer Wall" not in text
    assert "DE136695976" in text


def test_r12_another_companys_invoice_is_a_refused_reach_and_nothing_is_written(demo, as_,
                                                                               tmp_path):
    """An owner naming another company's invoice number is refused (a reach, recorded: #18
    trial), a name that is no invoice number is not found; no file is written either way."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    blue_number = store.invoicing.invoices.list_invoices(as_(MARIA), demo["blue"]).items[0].number
    with pytest.raises(store.errors.Refused):
        store.invoicing.invoices.download_invoice(as_(JONAS), demo["nordwind"], blue_number,
            downloads)
    with pytest.raises(store.errors.NotFound):
        store.invoicing.invoices.download_invoice(as_(JONAS), demo["nordwind"], "../../etc/passwd",
                                        downloads)
    assert list(downloads.iterdir()) == []


# R13: recipients ----------------------------------------------------------------------------


def test_r13_owner_adds_a_recipient_lower_cased(demo, as_):
    view = store.profile.billing.add_recipient(as_(JONAS), demo["nordwind"],
                                       {"email": "Finanzen@Nordwind.DE"})
    assert "finanzen@nordwind.de" in view.recipients


def test_r13_a_recipient_is_unique_per_company(demo, as_):
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.billing.add_recipient(as_(JONAS), demo["nordwind"],
                                    {"email": "JONAS@nordwind.de"})
    assert "email" in refused.value.errors


def test_r13_owner_removes_a_recipient(demo, as_):
    view = store.profile.billing.remove_recipient(as_(JONAS), demo["nordwind"],
        "buchhaltung@nordwind.de")
    assert view.recipients == ["jonas@nordwind.de"]


def test_r13_the_last_recipient_cannot_be_removed(demo, as_):
    with pytest.raises(store.errors.Refused, match="last recipient"):
        store.profile.billing.remove_recipient(as_(MARIA), demo["blue"], MARIA)
    assert store.profile.billing.get_billing(as_(MARIA), demo["blue"]).recipients == [MARIA]


def test_r13_support_cannot_change_recipients_and_billing_only_with_a_reason(demo, as_):
    """SPEC §2: the billing team changes recipients for a customer, with a reason."""
    form = {"email": "x@example.com"}
    with pytest.raises(store.errors.Refused):
        store.profile.billing.add_recipient(as_(SUPPORT), demo["nordwind"], form, {"reason": "r"})
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.billing.add_recipient(as_(BILLING), demo["nordwind"], form)
    assert "reason" in refused.value.errors
    view = store.profile.billing.add_recipient(as_(BILLING), demo["nordwind"], form,
                                       {"reason": "Asked by phone"})
    assert "x@example.com" in view.recipients


# R14: the card ------------------------------------------------------------------------------


def card(number="4242 4242 4242 4242", expiry="12/28", code="123", holder="Jonas Weber"):
    return {"number": number, "expiry": expiry, "security_code": code,
                               "holder": holder}


def test_r14_owner_updates_the_card_and_only_the_token_is_kept(demo, as_, db_url):
    view = store.profile.billing.set_card(as_(JONAS), demo["nordwind"],
                                  card("5555 5555 5555 4444", code="987"))
    pm = view.payment_method
    assert (pm.brand, pm.last4, pm.exp_month, pm.exp_year) == ("Mastercard", "4444", 12, 2028)
    from store.persistence.models import PaymentMethod

    row = PaymentMethod.get(PaymentMethod.company == demo["nordwind"])
    assert row.token.startswith("tok_") and "5555555555554444" not in row.token


def test_r14_a_new_card_charges_nothing_by_itself(demo, as_):
    """#17: adding a card silently charged every open invoice; now the owner sees the amount
    and confirms it first (store.invoicing.payments, tests/store/test_payments.py)."""
    store.profile.billing.set_card(as_(JONAS), demo["nordwind"], card())
    assert Invoice.select().where((Invoice.company == demo["nordwind"])
                                  & (Invoice.status == "open")).count() == 2


def test_r14_a_declined_card_changes_nothing(demo, as_):
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.billing.set_card(as_(JONAS), demo["nordwind"], card("4000 0000 0000 0002"))
    assert "declined" in refused.value.errors["number"]
    pm = store.profile.billing.get_billing(as_(JONAS), demo["nordwind"]).payment_method
    assert (pm.brand, pm.last4) == ("Visa", "4242")


def test_r14_the_trail_names_cards_by_brand_last_four_and_expiry_only(demo, as_):
    store.profile.billing.set_card(as_(JONAS), demo["nordwind"], card("5555 5555 5555 4444"))
    event = AuditEvent.get(AuditEvent.action == "card.set")
    assert (event.old_value, event.new_value) == ("Visa •••• 4242 · 12/27",
                                                  "Mastercard •••• 4444 · 12/28")


def test_r14_only_the_owner_manages_the_card(demo, as_):
    for staff in (SUPPORT, BILLING):
        with pytest.raises(store.errors.Refused):
            store.profile.billing.set_card(as_(staff), demo["nordwind"], card())


def test_r14_other_payment_methods_only_through_the_billing_team(demo, as_):

    reason = {"reason": "SEPA mandate signed", "ticket": "T-1"}
    with pytest.raises(store.errors.Refused):
        store.profile.billing.set_other_payment_method(as_(JONAS), demo["nordwind"], "direct_debit",
                                               reason)
    view = store.profile.billing.set_other_payment_method(as_(BILLING), demo["nordwind"],
        "direct_debit",
                                                  reason)
    assert view.payment_method.kind == "direct_debit"
    assert view.payment_method.last4 is None


# R15-R16: the billing address and its lock --------------------------------------------------


def test_r15_owner_changes_street_postal_code_and_city_after_the_trial(demo, as_):
    form = address_of(demo["nordwind"], line1="Neuer Wall 1", postal_code="20354", city="Hamburg")
    view = store.profile.billing.save_address(as_(JONAS), demo["nordwind"], form,
                                      version_of(demo["nordwind"]))
    assert (view.address.line1, view.address.postal_code) == ("Neuer Wall 1", "20354")


def test_r16_owner_cannot_change_vat_after_trial(demo, as_):
    form = address_of(demo["nordwind"], vat_number="DE811907980")
    with pytest.raises(store.errors.Refused, match="locked"):
        store.profile.billing.save_address(as_(JONAS), demo["nordwind"], form,
                                   version_of(demo["nordwind"]))
    assert BillingAddress.get(BillingAddress.company == demo["nordwind"]).vat_number == \
        "DE136695976"
    refused = AuditEvent.get((AuditEvent.outcome == "refused") & (AuditEvent.field == "vat_number"))
    assert refused.new_value == "DE811907980"


def test_r16_trial_owner_changes_every_billing_field(demo, as_):
    form = address_of(demo["atelier"], line1="Speicherstraße 5", postal_code="20457",
                      city="Hamburg", country="DE", vat_number="DE136695976")
    view = store.profile.billing.save_address(as_(CAMILLE), demo["atelier"], form,
                                      version_of(demo["atelier"]))
    assert (view.address.country, view.address.vat_number) == ("DE", "DE136695976")


def test_r16_a_form_opened_in_the_trial_and_saved_after_it_is_refused(demo, as_):
    camille = as_(CAMILLE)
    opened = store.profile.billing.get_billing(camille, demo["atelier"])
    assert "vat_number" in opened.editable_fields
    clock.set_clock(lambda: TODAY + timedelta(days=11))
    form = address_of(demo["atelier"], country="DE", postal_code="20457", vat_number=None)
    with pytest.raises(store.errors.Refused):
        store.profile.billing.save_address(camille, demo["atelier"], form, opened.address.version)
    assert BillingAddress.get(BillingAddress.company == demo["atelier"]).country == "FR"


def test_r16_last_day_of_the_trial_is_still_the_trial(demo, as_):
    clock.set_clock(lambda: TODAY + timedelta(days=10))
    assert store.profile.billing.get_billing(as_(CAMILLE), demo["atelier"]).in_trial


def test_r16_billing_view_says_what_is_locked_and_why(demo, as_):
    view = store.profile.billing.get_billing(as_(JONAS), demo["nordwind"])
    assert view.editable_fields == ["line1", "line2", "postal_code", "city"]
    assert view.locked_fields == ["state", "country", "vat_number"]
    assert "billing team" in view.lock_reason


def test_r16_owner_sends_a_change_request_and_sees_its_outcome(demo, as_):

    jonas, bea = as_(JONAS), as_(BILLING)
    request = store.profile.requests.request_change(jonas, demo["nordwind"],
        {"vat_number": "DE811907980",
            "note": "New VAT after merger"})
    assert request.status == "pending"
    assert [(c.field, c.old_value, c.new_value) for c in request.changes] == [
        ("vat_number", "DE136695976", "DE811907980")]
    approved = store.profile.requests.approve_request(bea, request.id,
                                              {"reason": "Checked in VIES"})
    assert approved.status == "approved"
    assert BillingAddress.get(BillingAddress.company == demo["nordwind"]).vat_number == \
        "DE811907980"
    view = store.profile.billing.get_billing(jonas, demo["nordwind"])
    assert view.change_requests[0].status == "approved"


def test_r16_issued_invoices_keep_the_old_address(demo, as_):
    form = address_of(demo["nordwind"], line1="Neuer Wall 1", postal_code="20354")
    store.profile.billing.save_address(as_(JONAS), demo["nordwind"], form, version_of(
        demo["nordwind"]))
    assert {i.bill_to_line1 for i in Invoice.select().where(
        Invoice.company == demo["nordwind"])} == {"Speicherstraße 5"}


def test_r16_nothing_is_written_when_one_locked_field_is_among_allowed_ones(demo, as_):
    form = address_of(demo["nordwind"], line1="Neuer Wall 1", vat_number="DE811907980")
    with pytest.raises(store.errors.Refused):
        store.profile.billing.save_address(as_(JONAS), demo["nordwind"], form,
                                   version_of(demo["nordwind"]))
    assert BillingAddress.get(BillingAddress.company == demo["nordwind"]).line1 == \
        "Speicherstraße 5"


@pytest.mark.parametrize(("field", "value"), [
    ("vat_number", "DE136695976"), ("vat_number", "de 136 695 976"), ("country", "de"),
])
def test_r16_a_request_that_changes_nothing_is_refused(demo, as_, field, value):
    """A no-op request would wait in the queue and hold the field's one pending request."""
    jonas = as_(JONAS)
    with pytest.raises(store.errors.InvalidInput) as invalid:
        store.profile.requests.request_change(jonas, demo["nordwind"],
                                      {field: value, "note": None})
    assert "a request must change something" in invalid.value.errors[FORM_WIDE]
    assert not ChangeRequest.select().where(ChangeRequest.company == demo["nordwind"]).exists()
    # The field stays free for a real request.
    store.profile.requests.request_change(jonas, demo["nordwind"],
                                  {"vat_number": "DE811907980",
                                   "note": None})
