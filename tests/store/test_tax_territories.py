"""The territories of a member state outside the EU's VAT area (Art. 6 of Council Directive
2006/112/EC) are outside the EU (#17, an accountant's trial: a Spanish company in Las Palmas,
Canary Islands, with no VAT number was charged 21 % Spanish VAT as eu_consumer). Decided by
store.invoicing.tax from the billing address's country and postal code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import store.invoicing.billing_run
import store.profile.companies
from store.invoicing.tax import Party, excluded_territory, tax_for
from store.persistence.models import Invoice, Subscription

ON = date(2026, 11, 1)
FRENCH_SELLER = Party("FR", "FR11123456782")  # the demo's seller
SPANISH_SELLER = Party("ES", "ESA12345674")

# (country, postal code as a customer writes it, the territory)
OUTSIDE = [
    ("ES", "35001", "Canary Islands"),  # Las Palmas de Gran Canaria
    ("ES", "38001", "Canary Islands"),  # Santa Cruz de Tenerife
    ("ES", "51001", "Ceuta"),
    ("ES", "52001", "Melilla"),
    ("FI", "22100", "Åland"),  # Mariehamn
    ("FI", "AX-22100", "Åland"),
    ("GR", "630 86", "Mount Athos"),
    ("DE", "78266", "Büsingen am Hochrhein"),
    ("DE", "27498", "Heligoland"),
    ("IT", "23041", "Livigno"),
    ("IT", "22061", "Campione d'Italia"),
    ("FR", "97110", "French overseas department or collectivity"),  # Guadeloupe
    ("FR", "97200", "French overseas department or collectivity"),  # Martinique
    ("FR", "97300", "French overseas department or collectivity"),  # Guyane
    ("FR", "97400", "French overseas department or collectivity"),  # La Réunion
    ("FR", "97600", "French overseas department or collectivity"),  # Mayotte
]
# Their neighbours, in the VAT area: the same state's other codes, Monaco, no code at all.
INSIDE = [("ES", "28001"), ("ES", "08001"), ("FI", "00100"), ("GR", "10431"), ("DE", "78262"),
          ("DE", "27472"), ("IT", "23030"), ("IT", "22060"), ("FR", "75001"), ("FR", "98000"),
          ("ES", None), ("ES", ""), ("ES", "Las Palmas")]


@pytest.mark.parametrize(("country", "postal_code", "territory"), OUTSIDE)
def test_a_territory_outside_the_vat_area_is_outside_the_eu(country, postal_code, territory):
    assert excluded_territory(country, postal_code) == territory
    for seller in (FRENCH_SELLER, SPANISH_SELLER):  # the state's own seller too: not domestic
        for vat in (None, "ESA12345674"):
            decision = tax_for(seller, Party(country, vat, postal_code), ON)
            assert (decision.rule, decision.rate) == ("outside_eu", Decimal(0))
            assert "outside the EU" in decision.mention


@pytest.mark.parametrize(("country", "postal_code"), INSIDE)
def test_the_rest_of_the_state_keeps_its_rule(country, postal_code):
    assert excluded_territory(country, postal_code) is None
    decision = tax_for(FRENCH_SELLER, Party(country, None, postal_code), ON)
    assert decision.rule == ("domestic" if country == "FR" else "eu_consumer")
    assert decision.rate > 0


def test_the_run_bills_a_company_in_las_palmas_without_vat(demo, as_):
    """The example of the trial: a Spanish company in Las Palmas, no VAT number."""
    company = store.profile.companies.create_company(as_("admin@mycompany.example"), {
        "name": "Atlántico Canarias SL", "country": "Spain", "plan": "essentials",
        "term": "monthly", "owner_email": "ana@atlantico.example", "owner_name": "Ana",
        "trial_days": "5", "line1": "Calle Triana 1", "postal_code": "35001",
        "city": "Las Palmas de Gran Canaria", "state": "Las Palmas"})
    Subscription.update(trial_ends_on=date(2026, 11, 30), status="subscribed",
                        next_invoice_on=date(2026, 12, 1)).where(
        Subscription.company == company.id).execute()
    (made,) = store.invoicing.billing_run.issue_period(
        as_("billing@mycompany.example"), "2026-12", company_id=company.id,
        issued_on=date(2026, 12, 1)).issued
    invoice = Invoice.get(Invoice.number == made.number)
    assert (invoice.tax_rule, invoice.tax_rate_permille, invoice.tax_minor) == ("outside_eu", 0, 0)
    assert "outside the EU" in (invoice.tax_mention or "")
