"""The time zone of a company, in which its rule dates fall (SPEC §2): its own, else its country's.

Rule dates (the trial's last day and the lock after it, a card's expiry month, the day an invoice
is paid) are decided on the server's UTC clock (store.clock) read in the company's zone: a trial
ending on the 27th is open until midnight of the 27th where the company is, whatever the zone of
the process, the server or the person asking.
"""

from __future__ import annotations

from datetime import date

from peewee import JOIN

from store import clock
from store.persistence.models import BillingAddress, Company, Subscription
from store.views import Actor

# Babel lists a country's zones in CLDR's order, which is not by importance: the United States
# start with America/Adak (an Aleutian island), Spain with Africa/Ceuta. For the countries whose
# first zone is not where most of their people live, the principal one: CLDR's primaryZones where
# it names one, else the capital's. tests/store/test_time.py checks each is among Babel's zones.
PRINCIPAL_ZONES = {
    "AU": "Australia/Sydney", "BR": "America/Sao_Paulo", "CA": "America/Toronto",
    "CD": "Africa/Kinshasa", "CL": "America/Santiago", "CY": "Asia/Nicosia",
    "EC": "America/Guayaquil", "ES": "Europe/Madrid", "FM": "Pacific/Pohnpei",
    "GL": "America/Nuuk", "ID": "Asia/Jakarta", "KI": "Pacific/Tarawa", "KZ": "Asia/Almaty",
    "MH": "Pacific/Majuro", "MN": "Asia/Ulaanbaatar", "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur", "PF": "Pacific/Tahiti", "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow", "US": "America/New_York", "UZ": "Asia/Tashkent",
}


def default_zone(country: str | None, region: str | None = None) -> str:
    """The IANA zone of a company that has none of its own: in a country of several zones, its
    `region`'s (the billing address's state, as stored: "CA", "ON", "NSW", "SP") where the data
    names one (store.places.region_zones: IANA's zone.tab, libphonenumber's area data), else its
    country's (the billing address's ISO 3166 code) principal zone from Babel's CLDR data,
    else "UTC"."""
    if not country:
        return "UTC"
    country = country.upper()
    if region and region.strip():
        from store.places.region_zones import region_zone

        found = region_zone(country, region)
        if found is not None:
            return found
    if country in PRINCIPAL_ZONES:
        return PRINCIPAL_ZONES[country]
    from babel.core import get_global

    zones = get_global("territory_zones").get(country)
    return zones[0] if zones else "UTC"


def zone_note(country: str | None, region: str | None) -> str | None:
    """What a person creating a company in `country` (ISO 3166 code) with the address's
    `region` should be told of its time zone when no source decides it: a sentence naming the
    country's principal zone it got and why (no region given; no source names the region's:
    North Kalimantan, the US Armed Forces' "AA"; #18 trial), None when the country has one zone
    or the region's is known (store.places.region_zones)."""
    if not country:
        return None
    from babel.core import get_global

    from store.i18n import _, country_name

    country = country.upper()
    count = len(get_global("territory_zones").get(country, ()))
    if count < 2:
        return None
    name = country_name(country)
    if not region or not region.strip():
        return _("{country}: {count} time zones; {zone}, its main one, chosen: the address "
                 "gives no region to choose by.").format(
            zone=default_zone(country), country=name, count=count)
    from store.places.region_zones import region_zone

    if region_zone(country, region) is not None:
        return None
    return _("{country}: {count} time zones; {zone}, its main one, chosen: no source gives "
             "the zone of {region}.").format(
        zone=default_zone(country), country=name, count=count, region=region.strip())


def company_zone(time_zone: str | None, country: str | None) -> str:
    """A company's IANA zone: its `time_zone` when set, else the default of its country."""
    return time_zone or default_zone(country)


def zone_of(company_id: int | None) -> str:
    """The zone of company `company_id` (one query); "UTC" for no company or an unknown one."""
    if company_id is None:
        return "UTC"
    row = (Company.select(Company.time_zone, BillingAddress.country)
           .join(BillingAddress, JOIN.LEFT_OUTER, on=(BillingAddress.company == Company.id))
           .where(Company.id == company_id).tuples().first())
    return company_zone(*row) if row else "UTC"


def company_today(company_id: int | None) -> date:
    """Today's date where company `company_id` is, on the UTC clock (one query)."""
    return clock.today(zone_of(company_id))


def subscription_and_today(company_id: int) -> tuple[Subscription | None, date]:
    """The company's subscription and today's date in the company's zone, in one query (the
    subscription joined to its company and billing address); with no subscription, the date is
    UTC's, which no rule reads then (a company without one is never in its trial)."""
    row = (Subscription.select(Subscription, Company.time_zone, BillingAddress.country)
           .join(Company)
           .join(BillingAddress, JOIN.LEFT_OUTER, on=(BillingAddress.company == Company.id))
           .where(Subscription.company == company_id).objects().first())
    if row is None:
        return None, clock.today()
    return row, clock.today(company_zone(row.time_zone, row.country))


def follow_address(actor: Actor | None, company_id: int, country: str | None,
                   region: str | None, reason: str | None = None) -> str | None:
    """Inside the caller's transaction (an address saved with another country or region): the
    company's zone becomes the one its new address gives (default_zone), so rule dates fall in
    the company's own zone (SPEC §2) once it moves or gives the region it was created without
    (#18: a company made without an address kept its country's main zone for good). A change
    is a "company.time_zone" trail line. Returns the new zone, None when it stays."""
    from store.trail.audit import record

    zone = default_zone(country, region)
    old = Company.select(Company.time_zone).where(Company.id == company_id).scalar()
    if old == zone:
        return None
    Company.update(time_zone=zone).where(Company.id == company_id).execute()
    record(actor, company_id, "company.time_zone", field="time_zone", old=old, new=zone,
           reason=reason)
    return zone
