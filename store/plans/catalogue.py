"""The plan and price catalogue: plans, optional products and their prices (SPEC §4)."""

from __future__ import annotations

from store.i18n import N_
from store.persistence.models import Plan, Price, Product

# The names are stored in English and translated where they are shown (N_ marks them).
# Indicative demo prices per licence (or per product) per month, in minor units.
# Annual billing charges 12 months of the annual rate.
PLANS = [
    {"code": "essentials", "name": N_("Essentials"), "team_limit": 3, "min_users": 3},
    {"code": "professional", "name": N_("Professional"), "team_limit": None, "min_users": 3},
]
PRODUCTS = [
    {"code": "analytics_plus", "name": N_("Analytics+"), "kind": "feature",
     "per_included_user": True},
    {"code": "europe_unlimited", "name": N_("Europe unlimited"), "kind": "call_plan",
     "per_included_user": False},
    {"code": "north_america_unlimited", "name": N_("North America unlimited"), "kind": "call_plan",
     "per_included_user": False},
]
USER_PRICES = {
    ("essentials", "monthly"): 4000,
    ("essentials", "annual"): 3000,
    ("professional", "monthly"): 7000,
    ("professional", "annual"): 5000,
}
FLAT_PRICES = {
    "number": 0,
    "extra_number": 600,
    "product:analytics_plus": 1000,
    "product:europe_unlimited": 4900,
    "product:north_america_unlimited": 3900,
}
CURRENCIES = ("EUR", "USD")


def seed_catalogue() -> None:
    """Insert the catalogue once; a second call changes nothing."""
    if Plan.select().exists():
        return
    Plan.insert_many(PLANS).execute()
    Product.insert_many(PRODUCTS).execute()
    rows = []
    for (plan, frequency), user_price in USER_PRICES.items():
        for currency in CURRENCIES:
            items = {"user": user_price, "extra_user": user_price, **FLAT_PRICES}
            rows += [
                {"plan": plan, "frequency": frequency, "currency": currency, "item": item,
                 "monthly_minor": amount}
                for item, amount in items.items()
            ]
    Price.insert_many(rows).execute()
