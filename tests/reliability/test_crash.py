"""A program killed at any moment while it saves leaves a sound database (SPEC §7).

A worker saves the billing city over and over; it is SIGKILLed at a random moment, many times,
on the same file. After every kill the file must pass SQLite's integrity check, still be in WAL
mode, and hold every change together with its audit row, or neither: the address version has
moved exactly once per audit row, the rows form one unbroken chain of old -> new values, and the
city is the newest row's new value. The program must then start on the file as usual.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time

import pytest

import store
import store.people.access
import store.persistence.db
import store.profile.billing
from store.persistence.db import database
from store.persistence.models import AuditEvent, BillingAddress

from ._worker import OWNER, start

KILLS = 20
LONG_KILLS = 200
SEED = int(os.environ.get("MYCOMPANY_CRASH_SEED", "20261127"))
MAX_DELAY = 0.080  # one save takes about 4 ms here: up to some 20 saves before each kill


def file_state(path, company_id: int) -> dict:
    """What a plain sqlite3 connection finds in the file (no help from the program)."""
    conn = sqlite3.connect(path)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        version, city = conn.execute(
            f"SELECT version, city FROM {BillingAddress._meta.table_name} WHERE company_id = ?",
            (company_id,)).fetchone()
        trail = conn.execute(
            f"SELECT action, field, old_value, new_value, outcome FROM "
            f"{AuditEvent._meta.table_name} WHERE company = ? ORDER BY id", (company_id,)
        ).fetchall()
    finally:
        conn.close()
    return {"integrity": integrity, "journal": journal, "version": version, "city": city,
            "trail": trail}


def kill_while_saving(path, company_id: int, kills: int, seed: int) -> dict:
    """Start, let run, SIGKILL, check; `kills` times on the same file. Returns what happened."""
    rng = random.Random(seed)
    url = store.persistence.db.database_url_for(path)
    marks = path.with_name("marks")
    first = file_state(path, company_id)
    start_version, start_city = first["version"], first["city"]
    inside = 0
    for kill in range(kills):
        marks.write_bytes(b"")
        worker = start("crash", url, str(kill * 100_000 + 1), str(marks))
        ready = worker.stdout.readline()
        delay = rng.uniform(0, MAX_DELAY)
        context = f"seed {seed}, kill {kill + 1} of {kills}, {delay * 1000:.1f} ms after ready"
        if ready.strip() != "ready":
            worker.kill()
            pytest.fail(f"{context}: worker did not start: {worker.communicate()[1]}")
        time.sleep(delay)
        worker.send_signal(signal.SIGKILL)
        _, err = worker.communicate(timeout=30)
        assert worker.returncode == -signal.SIGKILL, f"{context}: worker died by itself:\n{err}"
        inside += marks.read_bytes().endswith(b"B")  # a transaction began and never ended

        state = file_state(path, company_id)
        assert state["integrity"] == ["ok"], context
        assert state["journal"] == "wal", context
        trail = state["trail"]
        assert {(action, field, outcome) for action, field, _, _, outcome in trail} <= {
            ("address.save", "city", "done")}, context
        assert state["version"] - start_version == len(trail), context
        chain = [start_city] + [new for *_, new, _ in trail]
        assert [old for _, _, old, _, _ in trail] == chain[:-1], context
        assert state["city"] == chain[-1], context

        # The program itself starts on the file and shows the same address.
        store.persistence.db.open_database(url)
        try:
            assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal", context
            owner = store.people.access.resolve_actor(OWNER)
            address = store.profile.billing.get_billing(owner, company_id).address
            assert (address.city, address.version) == (state["city"], state["version"]), context
        finally:
            database.close()
    return {"saves": len(trail), "inside": inside}


def killed_database(demo, tmp_path):
    database.close()
    return tmp_path / "data" / "mycompany.sqlite3", demo["nordwind"]


def test_killing_the_program_while_it_saves_never_loses_or_half_writes_a_change(demo, tmp_path):
    path, nordwind = killed_database(demo, tmp_path)
    seen = kill_while_saving(path, nordwind, KILLS, SEED)
    # It proves something only if saves happened and some kills struck inside a transaction.
    assert seen["saves"] >= KILLS, f"seed {SEED}: {seen}"
    assert seen["inside"] >= 1, f"seed {SEED}: {seen}"


@pytest.mark.long
def test_two_hundred_kills_while_saving_never_lose_or_half_write_a_change(demo, tmp_path):
    path, nordwind = killed_database(demo, tmp_path)
    seen = kill_while_saving(path, nordwind, LONG_KILLS, SEED)
    assert seen["saves"] >= LONG_KILLS, f"seed {SEED}: {seen}"
    assert seen["inside"] >= LONG_KILLS // 10, f"seed {SEED}: {seen}"
