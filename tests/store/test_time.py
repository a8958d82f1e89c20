"""SPEC §2 Time: rule dates fall in the company's own zone on the UTC clock; every stored
timestamp is UTC; what the store hands out says it is UTC. (The command line's side, with real
processes in other zones: tests/cli/test_time.py.)"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta

import pytest

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.company
import store.profile.requests
import store.trail.history
from store import clock
from store.persistence.db import database
from store.persistence.models import AuditEvent, BillingAddress, Company
from store.persistence.models_requests import ChangeRequest
from store.places import zones
from store.profile.billing import ADDRESS_FIELDS
from tests.conftest import TODAY

CAMILLE = "camille@atelier-lumiere.fr"
JONAS = "jonas@nordwind.de"
TRIAL_ENDS = TODAY + timedelta(days=10)  # Atelier Lumière's last day of trial (store/demo/data.py)


def at(instant: datetime) -> None:
    """Fix the clock at `instant` (UTC)."""
    clock.set_clock(instant.date, lambda: instant)


def utc(day, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def set_zone(company_id: int, zone: str | None) -> None:
    Company.update(time_zone=zone).where(Company.id == company_id).execute()


def in_trial(company_id: int) -> bool:
    return store.profile.billing.get_billing(store.people.access.resolve_actor(CAMILLE),
        company_id).in_trial


def germany(company_id: int) -> dict:
    row = BillingAddress.get(BillingAddress.company == company_id)
    data = {f: getattr(row, f) for f in ADDRESS_FIELDS}
    data.update(line1="Speicherstraße 5", postal_code="20457", city="Hamburg", country="DE",
                vat_number="DE136695976")
    return data


@pytest.fixture
def reader_zone():
    """`reader_zone("Asia/Tokyo")`: this process's zone (TZ) for the rest of the test."""
    def move(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    return move  # tests/conftest.py's reader_in_utc puts TZ back afterwards


# ---------------------------------------------------------------- the zone of a company


def test_the_demo_companies_have_their_own_zones(demo):
    zones_of = {name: Company.get_by_id(cid).time_zone for name, cid in demo.items()}
    assert zones_of == {"atelier": "Europe/Paris", "nordwind": "Europe/Berlin",
                        "blue": "America/Los_Angeles"}


@pytest.mark.parametrize("country, zone", [
    ("FR", "Europe/Paris"), ("DE", "Europe/Berlin"), ("JP", "Asia/Tokyo"), ("fr", "Europe/Paris"),
    ("US", "America/New_York"), ("ES", "Europe/Madrid"), ("AU", "Australia/Sydney"),
    ("KI", "Pacific/Tarawa"), (None, "UTC"), ("", "UTC"), ("QQ", "UTC"),
])
def test_a_company_without_a_zone_has_its_countrys(country, zone):
    assert zones.default_zone(country) == zone
    assert zones.company_zone(None, country) == zone
    assert zones.company_zone("Pacific/Kiritimati", country) == "Pacific/Kiritimati"


def test_each_principal_zone_is_one_of_babels_zones_of_its_country():
    from babel.core import get_global

    territory_zones = get_global("territory_zones")
    for country, zone in zones.PRINCIPAL_ZONES.items():
        assert zone in territory_zones[country], country
        assert territory_zones[country][0] != zone, f"{country}: Babel's first already is {zone}"


def test_zone_of_reads_the_zone_else_the_billing_countrys(demo):
    assert zones.zone_of(demo["blue"]) == "America/Los_Angeles"
    set_zone(demo["blue"], None)
    assert zones.zone_of(demo["blue"]) == "America/New_York"  # US, no state looked at
    BillingAddress.delete().where(BillingAddress.company == demo["blue"]).execute()
    assert zones.zone_of(demo["blue"]) == "UTC"
    assert zones.zone_of(9999) == zones.zone_of(None) == "UTC"


# ---------------------------------------------------------------- the trial's last day


def test_r16_the_trial_lasts_until_midnight_in_kiritimati_not_in_utc(demo):
    """UTC+14: the last day ends at 10:00 UTC, while UTC is still on that day."""
    set_zone(demo["atelier"], "Pacific/Kiritimati")
    at(utc(TRIAL_ENDS, 9, 59))
    assert in_trial(demo["atelier"])
    at(utc(TRIAL_ENDS, 10, 0))
    assert clock.today() == TRIAL_ENDS
    assert not in_trial(demo["atelier"])
    with pytest.raises(store.errors.Refused, match="locked"):
        store.profile.billing.save_address(store.people.access.resolve_actor(CAMILLE),
            demo["atelier"],
                                   germany(demo["atelier"]), None)


def test_r16_the_trial_is_still_open_in_honolulu_when_utc_is_on_the_next_day(demo):
    """UTC−10: the last day lasts until 10:00 UTC of the day after it."""
    set_zone(demo["atelier"], "Pacific/Honolulu")
    at(utc(TRIAL_ENDS + timedelta(days=1), 9, 59))
    assert clock.today() > TRIAL_ENDS
    assert in_trial(demo["atelier"])
    view = store.profile.billing.save_address(store.people.access.resolve_actor(CAMILLE),
        demo["atelier"],
                                      germany(demo["atelier"]), None)
    assert view.address.country == "DE"
    at(utc(TRIAL_ENDS + timedelta(days=1), 10, 0))
    assert not in_trial(demo["atelier"])


def test_r16_a_company_without_a_zone_ends_its_trial_at_midnight_in_its_country(demo):
    """Atelier Lumière (Lyon, FR) with no zone of its own: Paris, UTC+1 in December."""
    set_zone(demo["atelier"], None)
    at(utc(TRIAL_ENDS, 22, 59))
    assert in_trial(demo["atelier"])
    at(utc(TRIAL_ENDS, 23, 0))
    assert not in_trial(demo["atelier"])


def test_r16_a_change_request_follows_the_companys_day(demo):
    """During the trial (in Paris) the owner changes the field herself; an hour later, in Paris
    the next day, she asks the billing team."""
    camille = store.people.access.resolve_actor(CAMILLE)
    form = {"vat_number": "FR83404833048"}
    at(utc(TRIAL_ENDS, 22, 30))
    with pytest.raises(store.errors.Refused, match="During the trial"):
        store.profile.requests.request_change(camille, demo["atelier"], form)
    at(utc(TRIAL_ENDS, 23, 30))
    assert store.profile.requests.request_change(camille, demo["atelier"], form).status == "pending"


def test_r16_the_processs_zone_does_not_move_the_trial(demo, reader_zone):
    """A far-west or far-east process at the day's edge decides as the company's zone does."""
    at(utc(TRIAL_ENDS, 23, 30))  # Paris: 00:30 the day after the trial
    for zone in ("Etc/GMT+12", "Etc/GMT-14", "UTC"):
        reader_zone(zone)
        assert not in_trial(demo["atelier"]), zone
    at(utc(TRIAL_ENDS, 22, 30))  # Paris: 23:30 on the last day
    for zone in ("Etc/GMT+12", "Etc/GMT-14", "UTC"):
        reader_zone(zone)
        assert in_trial(demo["atelier"]), zone


# ---------------------------------------------------------------- stored and handed out in UTC


def test_stored_timestamps_are_utc_whatever_the_processs_zone(demo, reader_zone):
    """The system clock (not a fixed one) in a UTC+14 process: the columns hold UTC."""
    reader_zone("Etc/GMT-14")
    clock.reset_clock()
    jonas = store.people.access.resolve_actor(JONAS)
    before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    general = store.profile.company.get_general(jonas, demo["nordwind"])
    store.profile.company.save_general(jonas, demo["nordwind"],
        {"name": general.name, "website": "https://www.nordwind.de"},
        general.version)
    store.profile.requests.request_change(jonas, demo["nordwind"],
        {"vat_number": "DE811907980"})
    after = datetime.now(UTC).replace(tzinfo=None)
    stamps = [Company.get_by_id(demo["nordwind"]).updated_at,
              ChangeRequest.get(ChangeRequest.company == demo["nordwind"]).requested_at,
              *[e.at for e in AuditEvent.select().where(AuditEvent.company == demo["nordwind"])]]
    assert len(stamps) >= 4
    for stamp in stamps:
        assert stamp.tzinfo is None and before <= stamp <= after, (stamp, before, after)


def test_what_the_store_hands_out_is_aware_utc(demo):
    instant = datetime(2026, 11, 27, 23, 45, 12)
    at(instant)
    jonas = store.people.access.resolve_actor(JONAS)
    request = store.profile.requests.request_change(jonas, demo["nordwind"],
        {"vat_number": "DE811907980"})
    entry = store.trail.history.company_history(jonas, demo["nordwind"]).items[0]
    for value in (request.requested_at, entry.at):
        assert value == instant.replace(tzinfo=UTC) and value.utcoffset() == timedelta(0)
    assert entry.model_dump(mode="json")["at"] == "2026-11-27T23:45:12+00:00"
    raw = database.execute_sql(f"SELECT at FROM audit_event WHERE id = {database.param}",
                               (entry.id,)).fetchone()
    assert str(raw[0]).startswith("2026-11-27 23:45:12")


def test_a_conflict_says_when_in_utc_and_can_say_it_in_another_zone(demo):
    from zoneinfo import ZoneInfo

    at(datetime(2026, 11, 27, 23, 45))
    jonas = store.people.access.resolve_actor(JONAS)
    general = store.profile.company.get_general(jonas, demo["nordwind"])
    form = {"name": "Nordwind Nord GmbH", "website": general.website}
    store.profile.company.save_general(jonas, demo["nordwind"], form, general.version)
    with pytest.raises(store.errors.Conflict) as caught:
        store.profile.company.save_general(jonas, demo["nordwind"], form, general.version)
    conflict = caught.value
    assert conflict.message == ("Changed by jonas@nordwind.de at 2026-11-27 23:45 UTC since you "
                                "opened it; reload to see their change.")
    tokyo = conflict.changed_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert conflict.message_at(f"{tokyo:%Y-%m-%d %H:%M %Z}").startswith(
        "Changed by jonas@nordwind.de at 2026-11-28 08:45 JST since")
