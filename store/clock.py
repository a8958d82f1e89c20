"""The injected clock: every "today" and "now" of the store comes from here (tests fix it)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime


def _system_today() -> date:
    fixed = os.environ.get("MYCOMPANY_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def _system_now() -> datetime:
    fixed = os.environ.get("MYCOMPANY_TODAY")
    if fixed:
        return datetime.combine(date.fromisoformat(fixed), datetime.now().time()).replace(
            microsecond=0
        )
    return datetime.now(UTC).astimezone().replace(tzinfo=None, microsecond=0)


today: Callable[[], date] = _system_today
now: Callable[[], datetime] = _system_now


def set_clock(today_fn: Callable[[], date], now_fn: Callable[[], datetime] | None = None) -> None:
    """Replace the clock (tests, snapshots); `now` defaults to midday of `today`."""
    global today, now
    today = today_fn
    now = now_fn or (lambda: datetime.combine(today_fn(), datetime.min.time()).replace(hour=12))


def reset_clock() -> None:
    """Back to the system clock (or MYCOMPANY_TODAY)."""
    global today, now
    today, now = _system_today, _system_now
