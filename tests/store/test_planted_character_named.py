"""A character every form refuses, planted in one stored field, is named next to THAT field, by
its code point, whatever that field's own rule says (#15 trial: BEL in a stored VAT number
blocked saving the city with "A VAT number has only letters and digits"); once removed, the
save goes through. One rule in store.forms.validation.validate, for every form."""

from __future__ import annotations

import pytest

import store.errors
import store.profile.billing
from store.forms.schemas import AddressForm, ChangeRequestForm, GeneralForm, RecipientForm
from store.forms.validation import validate
from store.persistence.db import database

NAMED = ("Remove the invisible control character U+0007 (shown as ␇); use letters, digits, "
         "spaces and punctuation")
BILLING = "billing@mycompany.example"
ADDRESS = {"line1": "Speicherstraße 5", "postal_code": "20457", "city": "Hamburg",
           "country": "DE", "vat_number": "DE136695976"}


@pytest.mark.parametrize(("form", "values", "field"), [
    (GeneralForm, {"name": "Nordwind", "website": "https://nord\x07wind.de"}, "website"),
    (AddressForm, {**ADDRESS, "vat_number": "DE1366\x0795976"}, "vat_number"),
    (AddressForm, {**ADDRESS, "postal_code": "204\x0757"}, "postal_code"),
    (RecipientForm, {"email": "a\x07@nordwind.de"}, "email"),
])
def test_the_field_holding_it_is_told_its_character(form, values, field):
    with pytest.raises(store.errors.InvalidInput) as raised:
        validate(form, values)
    assert raised.value.errors == {field: NAMED}


def test_a_free_text_still_takes_its_lines():
    form = validate(ChangeRequestForm, {**ADDRESS, "note": "Moving\non 1 Dec"})
    assert form.note == "Moving / on 1 Dec"
    with pytest.raises(store.errors.InvalidInput) as raised:
        validate(ChangeRequestForm, {**ADDRESS, "note": "Moving\x07"})
    assert raised.value.errors == {"note": NAMED}


def test_a_planted_vat_number_blocks_the_city_until_it_is_fixed(as_, demo):
    company = demo["nordwind"]
    p = database.param  # "?" on SQLite, "%s" on PostgreSQL
    database.execute_sql(f"UPDATE billing_address SET vat_number = {p} WHERE company_id = {p}",
                         ("DE1366\x0795976", company))
    team = as_(BILLING)
    view = store.profile.billing.get_billing(team, company)
    address = view.address
    values = {"line1": address.line1, "line2": address.line2, "postal_code": address.postal_code,
              "city": "Bremen", "state": address.state, "country": address.country,
              "vat_number": address.vat_number}
    reason = {"reason": "moved", "ticket": "T-1"}
    with pytest.raises(store.errors.InvalidInput) as raised:
        store.profile.billing.save_address(team, company, values, address.version, reason=reason)
    assert raised.value.errors == {"vat_number": NAMED}
    saved = store.profile.billing.save_address(team, company, {**values,
        "vat_number": "DE136695976"},
                                       address.version, reason=reason)
    assert saved.address.city == "Bremen" and saved.address.vat_number == "DE136695976"
