"""Snapshots show History's "From:" line: the same login and host on every machine."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _stable_origin(stable_origin):
    """tests/conftest.py's stable_origin, for every snapshot."""
