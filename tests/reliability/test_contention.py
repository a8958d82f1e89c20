"""Two programs on one database: no lost update, writers queue, a long wait is a clear "busy".

SPEC §7: every user action is one BEGIN IMMEDIATE transaction; a save against a stale version
is refused with "changed by X at T"; busy_timeout is at least 5000 ms.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import threading
import time
from collections import Counter

import pytest

import store
import store.demo
import store.errors
import store.people.access
import store.persistence.db
import store.profile.company
from store.persistence.db import database
from store.persistence.models import AuditEvent, BillingAddress, Company, Price, Subscription
from tests.conftest import with_frequency, without_time_zone

from ._worker import OWNER, start

SAVES_EACH = 500
CHANGED_BY = re.compile(
    r"^Changed by jonas@nordwind\.de at 2026-11-27 12:00 UTC since you opened it; "
    r"reload to see their change\.$"
)
BUSY = "The database is busy with another change; try again in a moment."


def general_form(view, **changes) -> dict:
    return {"name": view.name, "website": view.website, **changes}


def audit_rows(company_id: int) -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.company == company_id)
                .order_by(AuditEvent.id))


def wait_ready(worker: subprocess.Popen) -> None:
    line = worker.stdout.readline()
    if line.strip() != "ready":
        worker.kill()
        _, err = worker.communicate()
        pytest.fail(f"worker did not start: {line!r} {err}")


# ------------------------------------------------------------------ two processes, 500 saves each


@pytest.mark.both_backends
def test_two_programs_saving_the_same_company_at_once_never_lose_an_update(demo, db_url,
                                                                         tmp_path):
    nordwind = demo["nordwind"]
    start_version = Company.get_by_id(nordwind).version
    start_address_version = BillingAddress.get(BillingAddress.company == nordwind).version
    database.close()

    logs = {role: tmp_path / f"{role}.jsonl" for role in ("alternate", "hammer")}
    workers = {role: start("contend", db_url, role, str(SAVES_EACH), str(log), str(seed))
               for seed, (role, log) in enumerate(logs.items(), start=11)}
    for worker in workers.values():
        wait_ready(worker)
    for worker in workers.values():  # both are waiting on stdin: they start together
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for role, worker in workers.items():
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, f"{role} worker failed:\n{err}"

    outcomes = [json.loads(line) for log in logs.values() for line in log.read_text().splitlines()]
    assert len(outcomes) == 2 * SAVES_EACH
    assert [o for o in outcomes if o["outcome"] == "busy"] == [], \
        "writers must queue behind each other (BEGIN IMMEDIATE), not fail as busy"
    conflicts = [o for o in outcomes if o["outcome"] == "conflict"]
    saved = [o for o in outcomes if o["outcome"] == "ok"]
    assert len(conflicts) + len(saved) == len(outcomes)

    # The test proves something only if the two really got in each other's way, on the same
    # field (both save the name) and on different fields (website against name).
    same_field = [o for o in conflicts if o["field"] == "name"]
    other_field = [o for o in conflicts if o["worker"] == "alternate" and o["field"] == "website"]
    assert same_field and other_field, Counter((o["worker"], o["field"]) for o in conflicts)
    for conflict in conflicts:
        assert CHANGED_BY.match(conflict["message"]), conflict["message"]

    database.connect(reuse_if_open=True)
    company = Company.get_by_id(nordwind)
    address = BillingAddress.get(BillingAddress.company == nordwind)
    general_saves = [o for o in saved if o["kind"] == "general"]
    address_saves = [o for o in saved if o["kind"] == "address"]
    assert address_saves

    # Every success made exactly one new version, and every version was made by one success.
    assert company.version == start_version + len(general_saves)
    assert sorted(o["read_version"] + 1 for o in general_saves) == list(
        range(start_version + 1, company.version + 1))
    assert address.version == start_address_version + len(address_saves)
    assert sorted(o["read_version"] + 1 for o in address_saves) == list(
        range(start_address_version + 1, address.version + 1))

    # Exactly one audit row per success, none without one.
    rows = audit_rows(nordwind)
    assert Counter((r.action, r.field, r.new_value, r.outcome) for r in rows) == Counter(
        (f"{o['kind']}.save", o["field"], o["value"], "done") for o in saved)

    # Each field's trail is one unbroken chain ending in what the row holds now.
    final = {"name": company.name, "website": company.website, "city": address.city}
    for field, value in final.items():
        chain = [r for r in rows if r.field == field]
        assert chain, field
        assert [r.old_value for r in chain[1:]] == [r.new_value for r in chain[:-1]], field
        assert chain[-1].new_value == value, field


# ------------------------------------------------------------------ BEGIN IMMEDIATE


def test_every_save_takes_the_write_lock_as_it_begins(demo):
    nordwind = demo["nordwind"]
    owner = store.people.access.resolve_actor(OWNER)
    view = store.profile.company.get_general(owner, nordwind)
    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    try:
        store.profile.company.save_general(owner, nordwind, general_form(view, name="Nordwind AG"),
                                   view.version)
    finally:
        database.connection().set_trace_callback(None)
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"], statements


def test_someone_reading_does_not_hold_up_a_save(demo, tmp_path):
    nordwind = demo["nordwind"]
    owner = store.people.access.resolve_actor(OWNER)
    reader = sqlite3.connect(tmp_path / "data" / "mycompany.sqlite3", isolation_level=None)
    try:
        reader.execute("BEGIN")
        old_name = reader.execute("SELECT name FROM company WHERE id = ?", (nordwind,)).fetchone()
        view = store.profile.company.get_general(owner, nordwind)
        started = time.monotonic()
        saved = store.profile.company.save_general(owner, nordwind, general_form(view,
            name="Nordwind AG"),
                                           view.version)
        assert time.monotonic() - started < 2
        assert saved.name == "Nordwind AG"
        # The reader keeps the picture it started with until its transaction ends.
        query = "SELECT name FROM company WHERE id = ?"
        assert reader.execute(query, (nordwind,)).fetchone() == old_name
        reader.execute("COMMIT")
        assert reader.execute(query, (nordwind,)).fetchone() == ("Nordwind AG",)
    finally:
        reader.close()


def test_two_saves_at_the_same_moment_queue_and_the_later_one_is_told_who_changed_it(
        demo, monkeypatch):
    """Both read version N; the first is still inside its transaction when the second begins.

    With BEGIN IMMEDIATE the second waits for the first and then sees the new version: a
    conflict naming who changed it. DEFERRED transactions only read until they write: the second
    would slip past and save, and the first would then fail with "database is locked".
    """
    import store.profile.company as company_service

    nordwind = demo["nordwind"]
    owner = store.people.access.resolve_actor(OWNER)
    view = store.profile.company.get_general(owner, nordwind)
    first_inside, let_first_finish = threading.Event(), threading.Event()
    original = company_service.require_company

    def require_company(company_id):
        row = original(company_id)
        if threading.current_thread().name == "first":
            first_inside.set()
            assert let_first_finish.wait(10)
        return row

    monkeypatch.setattr(company_service, "require_company", require_company)
    results: dict[str, object] = {}

    def save(name: str) -> None:
        try:
            results[name] = store.profile.company.save_general(
                owner, nordwind, general_form(view, name=f"Nordwind {name}"), view.version)
        except store.errors.StoreError as exc:
            results[name] = exc
        finally:
            database.close()  # this thread's own connection

    first = threading.Thread(target=save, args=("first",), name="first")
    second = threading.Thread(target=save, args=("second",), name="second")
    first.start()
    assert first_inside.wait(10)
    second.start()
    time.sleep(0.3)  # the second is now at its BEGIN, waiting for the first
    assert second.is_alive(), results.get("second")
    let_first_finish.set()
    first.join(10)
    second.join(10)

    assert results["first"].name == "Nordwind first"
    assert isinstance(results["second"], store.errors.Conflict), results["second"]
    assert CHANGED_BY.match(results["second"].message)
    assert store.profile.company.get_general(owner, nordwind).name == "Nordwind first"
    assert [(r.field, r.new_value) for r in audit_rows(nordwind)] == [("name", "Nordwind first")]


# ------------------------------------------------------------------ starting at the same moment


def older_database(path) -> None:
    """A file as the first version of the program left it (only the first migration applied)."""
    from playhouse.migrations import Runner

    from store.persistence.db import connect_url
    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    old = connect_url(store.persistence.db.database_url_for(path))
    database.initialize(old)
    Runner(old, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE).up("0001_initial")
    from unittest import mock

    with (mock.patch("store.demo.data.mark_database"),  # the first version had no `setting` table
          mock.patch("store.demo.data.add_seller"),  # nor a `seller` table (0008)
          mock.patch.object(Company, "create", without_time_zone(Company.create)),
          mock.patch.object(Subscription, "create", with_frequency(Subscription.create)),
          mock.patch("store.demo.data._replay_billing_runs"),  # invoices by the billing run
          mock.patch.dict(Price._meta.defaults) as defaults):  # prices had no date (0021)
        del defaults[Price.effective_from]
        store.demo.create_demo()
    database.close()


@pytest.mark.parametrize("made_by", ["nobody yet", "an older version"])
def test_two_programs_starting_at_once_on_a_new_or_older_database_both_start(tmp_path, made_by):
    """Both create or upgrade the file at the same moment; neither may fail, three times over."""
    for attempt in range(3):
        path = tmp_path / f"try{attempt}" / "mycompany.sqlite3"
        if made_by == "an older version":
            older_database(path)
        url = store.persistence.db.database_url_for(path)
        programs = [start("open", url) for _ in range(2)]
        for program in programs:
            wait_ready(program)
        for program in programs:
            program.stdin.write("go\n")
            program.stdin.flush()
        results = [(*p.communicate(timeout=60), p.returncode) for p in programs]
        assert [(out, status) for out, _, status in results] == [("started\n", 0)] * 2, (
            f"attempt {attempt + 1}: {results}")
        store.persistence.db.open_database(url)
        try:
            assert store.profile.company.has_companies() is (made_by == "an older version")
        finally:
            database.close()


# ------------------------------------------------------------------ longer than busy_timeout


def test_a_save_blocked_longer_than_the_busy_timeout_says_try_again_and_writes_nothing(
        demo, db_url, tmp_path):
    nordwind = demo["nordwind"]
    owner = store.people.access.resolve_actor(OWNER)
    before = store.profile.company.get_general(owner, nordwind)
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000

    other_writer = sqlite3.connect(tmp_path / "data" / "mycompany.sqlite3", isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")  # holds the write lock until we let go
    try:
        command = start("--db", db_url, "--as", OWNER, "set", "general", "--name",
                        "Nordwind from the command line", module="tui")
        started = time.monotonic()
        with pytest.raises(store.errors.Busy) as busy:
            store.profile.company.save_general(owner, nordwind, general_form(before,
                name="Nordwind AG"),
                                       before.version)
        waited = time.monotonic() - started
        out, err = command.communicate(timeout=60)
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()

    assert waited >= 4.5, "the save must wait for the busy timeout before giving up"
    assert busy.value.message == BUSY
    assert (command.returncode, out, err) == (4, "", f"mycompany: {BUSY}\n")

    after = store.profile.company.get_general(owner, nordwind)
    assert (after.name, after.version) == (before.name, before.version)
    assert audit_rows(nordwind) == []
    # And once the other writer is gone, the same save goes through.
    store.profile.company.save_general(owner, nordwind, general_form(before, name="Nordwind AG"),
                               before.version)
    assert store.profile.company.get_general(owner, nordwind).name == "Nordwind AG"


# ------------------------------------------------------------------ pragmas on every connection

SPEC_PRAGMAS = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")


def pragmas_of(execute) -> dict:
    values = {name: execute(f"PRAGMA {name}").fetchone()[0] for name in SPEC_PRAGMAS}
    values["busy_timeout"] = values["busy_timeout"] >= 5000
    return values


EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": True}


def test_every_connection_the_program_opens_has_wal_full_sync_foreign_keys_and_busy_timeout(
        db, db_url):
    seen = {"first": pragmas_of(database.execute_sql)}

    def in_thread() -> None:
        try:
            seen["another thread"] = pragmas_of(database.execute_sql)
        finally:
            database.close()

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join(10)

    database.close()
    database.connect()
    seen["after close and reconnect"] = pragmas_of(database.execute_sql)
    database.close()
    store.persistence.db.open_database(db_url)
    seen["after reopening the file"] = pragmas_of(database.execute_sql)

    other = start("pragmas", db_url, *SPEC_PRAGMAS)
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0, err
    values = dict(zip(SPEC_PRAGMAS, json.loads(out), strict=True))
    values["busy_timeout"] = values["busy_timeout"] >= 5000
    seen["another process"] = values

    assert seen == {where: EXPECTED for where in (
        "first", "another thread", "after close and reconnect", "after reopening the file",
        "another process")}
