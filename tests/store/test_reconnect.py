"""SPEC §7 on PostgreSQL: a dropped connection (server restart, idle timeout,
`pg_terminate_backend`) is reconnected once and the action run again, or refused with one clean
StoreError; never half a change, never a crash (store.persistence.postgres,
store.persistence.db.retried).

The server drops the program's connection from an admin connection, as a restart or an
administrator would.
"""

from __future__ import annotations

import time

import pytest

import store
import store.errors
import store.people.access
import store.persistence.db
import store.persistence.postgres
import store.profile.company
from store.errors import ConnectionLost
from store.persistence.db import database
from store.persistence.models import AuditEvent, Company
from tests.conftest import POSTGRES_URL, _admin

pytestmark = pytest.mark.postgres_only

JONAS = "jonas@nordwind.de"


def backend() -> int:
    return database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]


def drop_connection(pid: int | None = None) -> None:
    """Terminate the program's connection (from the server's maintenance database) and wait until
    it is gone."""
    pid = pid or backend()
    with _admin(POSTGRES_URL) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,)).fetchone()[0]


def save_name(jonas, company_id: int, name: str):
    version = store.profile.company.get_general(jonas, company_id).version
    return store.profile.company.save_general(jonas, company_id,
        {"name": name, "website": "https://nordwind.de"}, version)


def name_lines(company_id: int) -> list[str]:
    return [e.new_value for e in AuditEvent.select().where(
        (AuditEvent.company == company_id) & (AuditEvent.action == "general.save")
        & (AuditEvent.field == "name"))]


def test_a_read_after_the_connection_was_dropped_reconnects(demo, db_url):
    jonas = store.people.access.resolve_actor(JONAS)
    before = backend()
    drop_connection(before)
    assert store.profile.company.get_general(jonas,
        demo["nordwind"]).name == "Nordwind Logistik GmbH"
    assert backend() != before


def test_a_write_after_the_connection_was_dropped_reconnects_and_saves_once(demo, db_url):
    jonas = store.people.access.resolve_actor(JONAS)
    version = store.profile.company.get_general(jonas, demo["nordwind"]).version
    drop_connection()
    view = store.profile.company.save_general(jonas, demo["nordwind"],
        {"name": "Seewind Logistik GmbH"}, version)
    assert view.name == "Seewind Logistik GmbH" and view.version == version + 1
    assert name_lines(demo["nordwind"]) == ["Seewind Logistik GmbH"]


def test_an_idle_timeout_is_reconnected(demo, db_url):
    jonas = store.people.access.resolve_actor(JONAS)
    before = backend()
    database.execute_sql("SET idle_session_timeout = 100")  # ms; this session only
    time.sleep(0.5)
    assert store.profile.company.get_general(jonas,
        demo["nordwind"]).name == "Nordwind Logistik GmbH"
    assert backend() != before  # the server did end the idle session
    save_name(jonas, demo["nordwind"], "Seewind Logistik GmbH")
    assert name_lines(demo["nordwind"]) == ["Seewind Logistik GmbH"]


@pytest.fixture
def dropped_during_save(demo, db_url, monkeypatch):
    """`dropped_during_save(after=False)`: the next save_general loses its connection once,
    inside its transaction, before (or after) it writes its trail line."""
    from store.profile import company

    def arm(*, after: bool):
        real, calls = company.record, []

        def record(*args, **kwargs):
            calls.append(args)
            if after:
                real(*args, **kwargs)
            if len(calls) == 1:
                drop_connection()
            if not after:
                real(*args, **kwargs)

        monkeypatch.setattr(company, "record", record)
        return calls

    return arm


def test_a_write_whose_connection_dies_mid_transaction_is_run_again_whole(
        demo, dropped_during_save):
    """The company row was updated, then the connection went before the trail line: the server
    rolled both back, and the whole service ran once more on a new connection."""
    jonas = store.people.access.resolve_actor(JONAS)
    version = store.profile.company.get_general(jonas, demo["nordwind"]).version
    calls = dropped_during_save(after=False)
    view = save_name(jonas, demo["nordwind"], "Seewind Logistik GmbH")
    assert len(calls) == 2  # run twice: once lost, once whole
    assert view.version == version + 1  # one change, not two
    assert Company.get_by_id(demo["nordwind"]).name == "Seewind Logistik GmbH"
    assert name_lines(demo["nordwind"]) == ["Seewind Logistik GmbH"]


def test_a_connection_lost_while_committing_is_refused_and_nothing_is_half_written(
        demo, dropped_during_save):
    """Every statement ran, then COMMIT met a dead connection: whether the server committed is
    unknown, so the service is not run again; the person is told to reload. PostgreSQL rolled
    the transaction back whole: no name without its trail line, nor the reverse."""
    jonas = store.people.access.resolve_actor(JONAS)
    version = store.profile.company.get_general(jonas, demo["nordwind"]).version
    dropped_during_save(after=True)
    with pytest.raises(ConnectionLost, match="reload to see whether") as refused:
        save_name(jonas, demo["nordwind"], "Seewind Logistik GmbH")
    assert refused.value.exit_status == 6 and "\n" not in refused.value.message
    company = Company.get_by_id(demo["nordwind"])  # a new connection
    assert (company.name, company.version) == ("Nordwind Logistik GmbH", version)
    assert name_lines(demo["nordwind"]) == []


def test_a_connection_lost_twice_is_refused_not_retried_forever(demo, db_url, monkeypatch):
    from store.profile import company

    real = company.record

    def record(*args, **kwargs):
        drop_connection()
        real(*args, **kwargs)

    monkeypatch.setattr(company, "record", record)
    jonas = store.people.access.resolve_actor(JONAS)
    with pytest.raises(ConnectionLost, match="before anything was saved"):
        save_name(jonas, demo["nordwind"], "Seewind Logistik GmbH")
    monkeypatch.undo()
    assert Company.get_by_id(demo["nordwind"]).name == "Nordwind Logistik GmbH"
    assert name_lines(demo["nordwind"]) == []


def test_a_server_that_stays_away_is_refused_cleanly_then_found_again(demo, db_url):
    jonas = store.people.access.resolve_actor(JONAS)
    name = database.execute_sql("SELECT current_database()").fetchone()[0]
    with _admin(POSTGRES_URL) as admin:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
    try:
        drop_connection()
        with pytest.raises(ConnectionLost, match="cannot be reached") as read:
            store.profile.company.get_general(jonas, demo["nordwind"])
        with pytest.raises(ConnectionLost, match="cannot be reached") as write:
            save_name(jonas, demo["nordwind"], "Seewind Logistik GmbH")
        assert {read.value.exit_status, write.value.exit_status} == {6}
        assert isinstance(read.value, store.errors.StoreError)
    finally:
        with _admin(POSTGRES_URL) as admin:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
    save_name(jonas, demo["nordwind"], "Seewind Logistik GmbH")
    assert name_lines(demo["nordwind"]) == ["Seewind Logistik GmbH"]


def test_a_write_outside_a_transaction_is_not_run_again_blind(demo, db_url):
    """Whether a lone statement ran before the connection went is unknown: refused, not re-run."""
    drop_connection()
    with pytest.raises(ConnectionLost, match="reload to see whether"):
        database.execute_sql("UPDATE company SET name = 'Blind' WHERE id = %s",
                             (demo["nordwind"],))
    assert Company.get_by_id(demo["nordwind"]).name == "Nordwind Logistik GmbH"
