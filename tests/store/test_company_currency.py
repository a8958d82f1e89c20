"""A company's currency is decided when it is created, never a silent EUR (#17 trial: Canadian
and Chinese companies were billed in EUR because the catalogue has no CAD or CNY prices)."""

from __future__ import annotations

import pytest

import store.profile.companies
from store.errors import InvalidInput
from store.persistence.models import AuditEvent, Company

ADMIN = "admin@mycompany.example"


def new(as_, country: str, **more: str) -> store.profile.companies.CompanyDetail:
    return store.profile.companies.create_company(as_(ADMIN), {
        "name": f"Maple {country}", "country": country, "plan": "essentials",
        "term": "monthly", "owner_email": f"kim@{country.lower()}.example", "owner_name": "Kim",
        **more})


def test_a_canadian_company_is_refused_naming_the_catalogue_s_currencies(demo, as_):
    before = Company.select().count()
    with pytest.raises(InvalidInput) as refused:
        new(as_, "CA")
    message = refused.value.errors["currency"]
    assert "CAD" in message and "EUR, USD" in message
    with pytest.raises(InvalidInput) as chinese:
        new(as_, "CN")
    assert "Country China: the catalogue has no prices in its currency, CNY" in (
        chinese.value.errors["currency"])
    with pytest.raises(InvalidInput) as british:  # no article to get wrong (#18 trial)
        new(as_, "GB")
    assert british.value.errors["currency"].startswith("Country United Kingdom: ")
    assert Company.select().count() == before  # nothing made


def test_an_explicit_currency_is_taken_shown_and_in_the_trail(demo, as_):
    made = new(as_, "CA", currency="usd")
    assert made.currency == "USD"
    assert store.profile.companies.show_company(as_(ADMIN), made.id).currency == "USD"
    assert AuditEvent.select().where((AuditEvent.company == made.id)
                                     & (AuditEvent.field == "currency")
                                     & (AuditEvent.new_value.contains("USD"))).exists()


def test_a_currency_the_catalogue_does_not_price_is_refused(demo, as_):
    with pytest.raises(InvalidInput) as refused:
        new(as_, "DE", currency="CHF")
    assert "CHF" in refused.value.errors["currency"]


def test_the_country_s_own_currency_when_priced(demo, as_):
    assert new(as_, "DE").currency == "EUR"
    assert new(as_, "US").currency == "USD"
