"""SPEC §2 Time, with the real program in its own process: no environment variable moves its clock,
the process's zone decides nothing, and each reader sees the trail's times in their own zone.

The children run `python -m tui` on a demo database made here. Where a test needs the clock at a
given instant, the child gets it through tests/child_clock (a sitecustomize only tests put on
PYTHONPATH); the installed program itself reads no variable for it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from store.persistence.db import database
from store.persistence.models import AuditEvent, Subscription
from tests.conftest import TODAY

CAMILLE = "camille@atelier-lumiere.fr"
JONAS = "jonas@nordwind.de"
TRIAL_ENDS = TODAY + timedelta(days=10)  # Atelier Lumière's last day of trial (store/demo/data.py)
TO_GERMANY = ("set", "address", "--country", "DE", "--vat", "DE136695976", "--postal-code",
              "20457", "--city", "Hamburg", "--line1", "Speicherstraße 5")


def trail(company_id: int) -> list[AuditEvent]:
    database.connect(reuse_if_open=True)
    try:
        return list(AuditEvent.select().where(AuditEvent.company == company_id)
                    .order_by(AuditEvent.id))
    finally:
        database.close()


def test_mycompany_today_does_not_reopen_the_lock_nor_backdate_the_trail(demo, mycompany):
    """The trial ended two days ago on the real clock; MYCOMPANY_TODAY names a day inside it."""
    real_today = datetime.now(UTC).date()
    ended = real_today - timedelta(days=2)
    Subscription.update(trial_ends_on=ended).where(
        Subscription.company == demo["atelier"]).execute()
    inside = min(date(2026, 11, 1), ended - timedelta(days=1))
    before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)

    moved = mycompany("--as", CAMILLE, *TO_GERMANY, MYCOMPANY_TODAY=inside.isoformat())
    shown = mycompany("--as", CAMILLE, "show", "billing", "--json",
                      MYCOMPANY_TODAY=inside.isoformat())

    after = datetime.now(UTC).replace(tzinfo=None)
    assert moved.returncode == 3 and "locked" in moved.stderr, moved
    assert json.loads(shown.stdout)["in_trial"] is False
    (refused,) = [e for e in trail(demo["atelier"]) if e.action == "address.save"]
    assert refused.outcome == "refused"
    assert before <= refused.at <= after, (refused.at, before, after)


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Etc/GMT-14"])
def test_a_process_far_west_or_east_at_the_days_edge_neither_reopens_the_lock_nor_moves_the_trail(
        demo, mycompany, zone):
    """23:30 UTC on the trial's last day: 00:30 the next day in Paris (the company's zone), but
    still the last day (11:30) in a UTC−12 process, and two days later (13:30) in a UTC+14 one."""
    instant = datetime.combine(TRIAL_ENDS, datetime.min.time()) + timedelta(hours=23, minutes=30)

    moved = mycompany("--as", CAMILLE, *TO_GERMANY, now=instant, TZ=zone)
    history = mycompany("--as", CAMILLE, "show", "history", "--json", now=instant, TZ=zone)

    assert moved.returncode == 3 and "locked" in moved.stderr, moved
    (refused,) = [e for e in trail(demo["atelier"]) if e.action == "address.save"]
    assert refused.at == instant
    assert json.loads(history.stdout)["items"][0]["at"] == instant.isoformat() + "+00:00"


def test_tokyo_and_new_york_read_the_same_trail_in_the_same_order_each_in_their_zone(
        demo, mycompany):
    """Tokyo saves first (23:50 there), New York twenty minutes later (10:10 there): in naive
    local times New York's line would sort first. Both readers list the UTC order."""
    tokyo_saves, new_york_saves = datetime(2026, 11, 27, 14, 50), datetime(2026, 11, 27, 15, 10)
    assert mycompany("--as", JONAS, "set", "general", "--website", "https://tokyo.example",
                     now=tokyo_saves, TZ="Asia/Tokyo").returncode == 0
    assert mycompany("--as", JONAS, "set", "general", "--website", "https://ny.example",
                     now=new_york_saves, TZ="America/New_York").returncode == 0

    read = {zone: (mycompany("--as", JONAS, "show", "history", now=new_york_saves, TZ=zone),
                   mycompany("--as", JONAS, "show", "history", "--json", now=new_york_saves,
                             TZ=zone))
            for zone in ("Asia/Tokyo", "America/New_York")}

    as_json = {zone: json.loads(out.stdout)["items"] for zone, (_text, out) in read.items()}
    assert as_json["Asia/Tokyo"] == as_json["America/New_York"]
    assert [(i["new_value"], i["at"]) for i in as_json["Asia/Tokyo"]] == [
        ("https://ny.example", "2026-11-27T15:10:00+00:00"),
        ("https://tokyo.example", "2026-11-27T14:50:00+00:00")]
    # Each reader reads the times in their own zone (SPEC §2), named once in the column's
    # title (#17 trial: nothing said which zone History's times were in).
    lines = {zone: text.stdout.splitlines() for zone, (text, _json) in read.items()}
    assert lines["Asia/Tokyo"][0].startswith("Time (Tokyo)")
    assert lines["America/New_York"][0].startswith("Time (New York)")
    assert [line[:16] for line in lines["Asia/Tokyo"][1:]] == [
        "2026-11-28 00:10", "2026-11-27 23:50"]
    assert [line[:16] for line in lines["America/New_York"][1:]] == [
        "2026-11-27 10:10", "2026-11-27 09:50"]
    assert ["ny.example" in line for line in lines["Asia/Tokyo"][1:]] == [True, False]


def test_a_conflict_is_told_in_the_readers_zone(demo, mycompany):
    saved_at = datetime(2026, 11, 27, 23, 45)
    assert mycompany("--as", JONAS, "set", "general", "--name", "Nordwind Nord GmbH",
                     now=saved_at).returncode == 0
    stale = mycompany("--as", JONAS, "set", "general", "--name", "Nordwind Süd GmbH",
                      "--if-version", "1", now=saved_at + timedelta(minutes=5), TZ="Asia/Tokyo")
    assert stale.returncode == 4
    assert stale.stderr == ("mycompany: Changed by jonas@nordwind.de at 2026-11-28 08:45 JST "
                            "since you opened it; reload to see their change.\n")
