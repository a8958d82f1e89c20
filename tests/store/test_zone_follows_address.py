"""A company's time zone follows its billing address (#18: a company created without an address,
or one that moves, kept the zone it was created with for good: rule dates, the day an invoice
is issued and "past due", fell in the wrong zone). store.places.zones.follow_address, called where
every address is written (store.profile.billing.apply_address: the form, the billing team, an
approved request)."""

from __future__ import annotations

import store.profile.billing
import store.trail.audit
from store.persistence.models import AuditEvent, BillingAddress, Company

BILLING = "billing@mycompany.example"
NEW_YORK = {"line1": "350 5th Ave", "line2": "", "postal_code": "10118", "city": "New York",
            "state": "NY", "country": "US"}


def test_a_company_that_moves_from_california_to_new_york_takes_new_york_s_zone(demo, as_):
    blue = demo["blue"]
    assert Company.get_by_id(blue).time_zone == "America/Los_Angeles"
    version = BillingAddress.get(BillingAddress.company == blue).version
    vat = BillingAddress.get(BillingAddress.company == blue).vat_number or ""
    store.profile.billing.save_address(as_(BILLING), blue, {**NEW_YORK, "vat_number": vat}, version,
                               reason={"reason": "The company moved", "ticket": ""})
    assert Company.get_by_id(blue).time_zone == "America/New_York"
    line = AuditEvent.get((AuditEvent.company == blue)
                          & (AuditEvent.action == "company.time_zone"))
    assert (line.old_value, line.new_value, line.reason) == (
        "America/Los_Angeles", "America/New_York", "The company moved")


def test_a_move_within_the_same_zone_changes_no_zone(demo, as_):
    blue = demo["blue"]
    address = BillingAddress.get(BillingAddress.company == blue)
    values = {f: getattr(address, f) or "" for f in
              ("line1", "line2", "postal_code", "city", "state", "country", "vat_number")}
    store.profile.billing.save_address(as_(BILLING), blue, {**values, "city": "Portland",
        "state": "OR",
                                                    "postal_code": "97201"}, address.version,
                               reason={"reason": "New office", "ticket": ""})
    assert BillingAddress.get(BillingAddress.company == blue).state == "OR"
    assert Company.get_by_id(blue).time_zone == "America/Los_Angeles"
    assert not AuditEvent.select().where(AuditEvent.action == "company.time_zone").exists()
