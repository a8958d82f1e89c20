"""Tests only (tests/child_clock): imported by Python as a child process starts, when a test has
put this folder on its PYTHONPATH; fixes store.clock at the UTC instant MYCOMPANY_TEST_NOW."""

import os

_now = os.environ.get("MYCOMPANY_TEST_NOW")
if _now:
    from datetime import datetime

    from store import clock

    _instant = datetime.fromisoformat(_now)
    clock.set_clock(_instant.date, lambda: _instant)
