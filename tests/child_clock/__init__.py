"""Tests only: fix the clock of a child process (`python -m tui ...`, a worker) at a UTC instant.

The installed program reads no environment variable for its clock (SPEC §2). A test that starts
a child process puts this folder on the child's PYTHONPATH with `environment(now)`; Python then
imports the `sitecustomize` module here as it starts, before the program, and that sets
store.clock (set_clock) to `now` from MYCOMPANY_TEST_NOW. Nothing outside tests/ knows the name.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
VARIABLE = "MYCOMPANY_TEST_NOW"


def environment(now: datetime, base: dict[str, str] | None = None) -> dict[str, str]:
    """`base` (default os.environ) with the child's clock fixed at `now` (naive: UTC)."""
    env = dict(os.environ if base is None else base)
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    paths = [str(FOLDER), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env[VARIABLE] = now.isoformat()
    return env
