"""A character every form refuses, planted in a stored field the owner may not change (#15 trial:
BEL in the VAT number, locked after the trial), no longer blocks the owner's other changes: the
value the owner did not change and may not change is not validated again, it is kept as stored,
and the field says so as a warning the owner cannot act on. The billing team, who may change it,
is still told to remove it (store.forms.kept)."""

from __future__ import annotations

import pytest

import store.errors
import store.profile.billing
from store.forms.kept import locked_value_warning
from store.persistence.db import database

PLANTED = "DE1366\x0795976"
NAMED = ("Remove the invisible control character U+0007 (shown as ␇); use letters, digits, "
         "spaces and punctuation")


def _plant(company: int) -> None:
    p = database.param  # "?" on SQLite, "%s" on PostgreSQL
    database.execute_sql(f"UPDATE billing_address SET vat_number = {p} WHERE company_id = {p}",
                         (PLANTED, company))


def _values(address, **changes):
    return {"line1": address.line1, "line2": address.line2, "postal_code": address.postal_code,
            "city": address.city, "state": address.state, "country": address.country,
            "vat_number": address.vat_number, **changes}


def test_the_owner_saves_the_city_beside_a_planted_locked_vat_number(as_, demo):
    company = demo["nordwind"]
    _plant(company)
    owner = as_("jonas@nordwind.de")
    view = store.profile.billing.get_billing(owner, company)
    assert "vat_number" in view.locked_fields and "vat_number" not in view.editable_fields
    saved = store.profile.billing.save_address(owner, company, _values(view.address, city="Bremen"),
                                       view.address.version)
    assert saved.address.city == "Bremen"
    assert saved.address.vat_number == PLANTED  # kept as stored: the billing team removes it
    assert locked_value_warning(saved.address.vat_number) == (
        "Holds the invisible control character U+0007 (shown as ␇); you cannot change this "
        "field: the billing team removes it. Your other changes save.")


def test_the_owner_still_hears_of_an_error_in_a_field_they_changed(as_, demo):
    company = demo["nordwind"]
    _plant(company)
    owner = as_("jonas@nordwind.de")
    view = store.profile.billing.get_billing(owner, company)
    with pytest.raises(store.errors.InvalidInput) as raised:
        store.profile.billing.save_address(owner, company, _values(view.address, city=""),
                                   view.address.version)
    assert set(raised.value.errors) == {"city"}  # not the VAT number: not theirs to fix


def test_the_billing_team_who_may_change_it_is_told_to_remove_it(as_, demo):
    company = demo["nordwind"]
    _plant(company)
    team = as_("billing@mycompany.example")
    view = store.profile.billing.get_billing(team, company)
    with pytest.raises(store.errors.InvalidInput) as raised:
        store.profile.billing.save_address(team, company, _values(view.address, city="Bremen"),
                                   view.address.version,
                                   reason={"reason": "moved", "ticket": "T-1"})
    assert raised.value.errors == {"vat_number": NAMED}


def test_a_clean_value_has_no_warning():
    assert locked_value_warning("DE136695976") is None
    assert locked_value_warning(None) is None
