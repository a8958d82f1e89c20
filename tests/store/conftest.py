"""The store tests run on SQLite and, when MYCOMPANY_TEST_POSTGRES_URL is set, on PostgreSQL too."""

from __future__ import annotations

import pytest

from tests.conftest import POSTGRES_URL

NO_SERVER = pytest.param("postgres", marks=pytest.mark.skip(
    reason="MYCOMPANY_TEST_POSTGRES_URL is not set: this test needs a PostgreSQL server"))


def pytest_generate_tests(metafunc):
    if "db_url" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if metafunc.definition.get_closest_marker("postgres_only"):
        metafunc.parametrize("db_url", ["postgres" if POSTGRES_URL else NO_SERVER], indirect=True)
        return
    metafunc.parametrize("db_url", ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"],
                         indirect=True)
