"""The clock: every "now" and "today" of the store comes from here; only tests move it.

SPEC §2: rule dates (trial end, the lock, due dates) are decided on the server's UTC clock in the
company's own time zone; every stored timestamp is UTC (naive `datetime` values in UTC, the way
both SQLite and PostgreSQL columns hold them); screens show them in the reader's zone. No
environment variable moves this clock: a test injects one with `set_clock`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time


def _system_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


_now: Callable[[], datetime] = _system_now


def now() -> datetime:
    """This instant in UTC, to the second, as a naive datetime (the stored form)."""
    return _now()


def today(zone: str | None = None) -> date:
    """Today's date in the IANA time zone `zone` (a company's `time_zone`); UTC when None.

    An unknown zone name reads as UTC rather than failing a rule check.
    """
    return day_of(_now(), zone)


def day_of(instant: datetime, zone: str | None = None) -> date:
    """The date a stored instant (naive UTC, as `now` gives it) falls on in the IANA time zone
    `zone`; UTC when None, and for an unknown zone name (as `today`)."""
    if not zone or zone == "UTC":
        return instant.date()
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return instant.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return instant.date()


def set_clock(today_fn: Callable[[], date], now_fn: Callable[[], datetime] | None = None) -> None:
    """Tests and snapshots: fix the clock; `now` defaults to midday UTC of `today_fn()`, which is
    the same date in every zone from UTC-11 to UTC+11."""
    global _now
    _now = now_fn or (lambda: datetime.combine(today_fn(), time(12)))


def reset_clock() -> None:
    """Back to the system clock."""
    global _now
    _now = _system_now
