"""A company's zone comes from its region where its country has several (#18 trial: "Mountain
View, CA" got America/New_York): store.places.region_zones reads IANA's zone.tab and
libphonenumber's area data, never a table of our own."""

from __future__ import annotations

import pytest

import store.profile.companies
from store.places.region_zones import region_zone
from store.places.zones import default_zone

ADMIN = "admin@mycompany.example"


def test_a_company_in_mountain_view_ca_is_in_los_angeles(demo, as_):
    made = store.profile.companies.create_company(as_(ADMIN), {
        "name": "Valley Labs", "country": "US", "plan": "essentials", "term": "monthly",
        "owner_email": "val@valley.example", "owner_name": "Val",
        "line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "state": "CA",
        "postal_code": "94043"})
    assert made.time_zone == "America/Los_Angeles"


@pytest.mark.parametrize(("country", "region", "zone"), [
    ("US", "CA", "America/Los_Angeles"), ("US", "California", "America/Los_Angeles"),
    ("US", "OR", "America/Los_Angeles"), ("US", "TX", "America/Chicago"),
    ("US", "AZ", "America/Phoenix"), ("US", "CO", "America/Denver"),
    ("US", "HI", "Pacific/Honolulu"), ("US", "NY", "America/New_York"),
    ("CA", "BC", "America/Vancouver"), ("CA", "ON", "America/Toronto"),
    ("CA", "AB", "America/Edmonton"), ("CA", "NS", "America/Halifax"),
    ("CA", "NL", "America/St_Johns"),
    ("AU", "WA", "Australia/Perth"), ("AU", "QLD", "Australia/Brisbane"),
    ("AU", "SA", "Australia/Adelaide"), ("AU", "VIC", "Australia/Melbourne"),
    ("BR", "SP", "America/Sao_Paulo"), ("BR", "AM", "America/Manaus"),
    ("BR", "AC", "America/Rio_Branco"),
    ("RU", "Новосибирская область", "Asia/Novosibirsk"),
    ("RU", "Калининградская область", "Europe/Kaliningrad"),
    ("MX", "B.C.", "America/Tijuana"),
])
def test_the_region_decides_in_a_country_of_several_zones(country, region, zone):
    assert default_zone(country, region) == zone


def test_one_zone_countries_and_unknown_regions_keep_the_countrys_zone():
    assert region_zone("DE", "BY") is None
    assert default_zone("DE", "BY") == "Europe/Berlin"
    assert default_zone("US", "Nowhere") == "America/New_York"
    assert default_zone("AU", "ACT") == "Australia/Sydney"  # neither source names it
    assert default_zone("US", None) == "America/New_York"
