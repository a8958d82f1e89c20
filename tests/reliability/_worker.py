"""A second program using the same database file, for the contention and crash tests.

Run from the repository root as `python -m tests.reliability._worker MODE ...`:

- `contend URL alternate|hammer COUNT OUT SEED`: print "ready", wait for "go" on stdin, then make
  COUNT saves as the Nordwind owner, each on the version just read, and write one JSON line per
  save to OUT: {"outcome": "ok" | "conflict" | "busy", "kind", "field", "value", "read_version",
  "message"}. `alternate` cycles name, website and billing city; `hammer` always saves the name.
- `crash URL START MARKS`: save the billing city "City-START", print "ready", then save
  "City-START+1", ... until killed. Each store transaction writes "B" to MARKS when it begins
  and "E" when it has ended, so the killer can tell whether it struck inside one.
- `open URL`: print "ready", wait for "go" on stdin, open (and migrate) the database as the
  program does on start, print "started" or the refusal.
- `pragmas URL NAME...`: open the database as the program does and print those pragmas as JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import store
import store.errors
import store.people.access
import store.persistence.db
import store.profile.billing
import store.profile.company
from store.profile.billing import ADDRESS_FIELDS
from tests.child_clock import environment

OWNER = "jonas@nordwind.de"
ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 27, 12, 0)  # the tests' instant (tests/conftest.py), in UTC


def start(*args: str, module: str = "tests.reliability._worker") -> subprocess.Popen:
    """`python -m module args` from the repository root, at the tests' instant, in English."""
    env = {**environment(NOW), "LANG": "C.UTF-8"}
    for name in ("MYCOMPANY_LANG", "MYCOMPANY_USER", "MYCOMPANY_DATABASE_URL"):
        env.pop(name, None)
    return subprocess.Popen([sys.executable, "-m", module, *args], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _address_form(address, city: str) -> dict:
    data = {field: getattr(address, field) for field in ADDRESS_FIELDS}
    return {**data, "city": city}


def _save(actor, company_id: int, field: str, value: str) -> dict:
    """Read, pause a moment so the other process can slip in, save on the version read."""
    if field == "city":
        address = store.profile.billing.get_billing(actor, company_id).address
        form = _address_form(address, value)
        entry = {"kind": "address", "field": field, "value": form["city"],
                 "read_version": address.version}
        time.sleep(random.uniform(0, 0.002))
        store.profile.billing.save_address(actor, company_id, form, address.version)
        return entry
    general = store.profile.company.get_general(actor, company_id)
    data = {"name": general.name, "website": general.website, field: value}
    entry = {"kind": "general", "field": field, "value": data[field],
             "read_version": general.version}
    time.sleep(random.uniform(0, 0.002))
    store.profile.company.save_general(actor, company_id, data, general.version)
    return entry


def contend(url: str, mode: str, count: int, out: str, seed: int) -> int:
    random.seed(seed)
    store.persistence.db.open_database(url, migrate=False)
    actor = store.people.access.resolve_actor(OWNER)
    tag = mode[0].upper()
    fields = ("name", "website", "city") if mode == "alternate" else ("name",)
    values = {"name": "Nordwind {tag}{n}", "website": "https://{tag}{n}.nordwind.example",
              "city": "Hamburg {tag}{n}"}
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return 2
    with open(out, "w", encoding="utf-8") as fh:
        for n in range(count):
            field = fields[n % len(fields)]
            value = values[field].format(tag=tag, n=n)
            entry = {"worker": mode, "n": n, "field": field, "value": value}
            try:
                entry.update(_save(actor, actor.company_id, field, value), outcome="ok")
            except store.errors.Conflict as exc:
                entry.update(outcome="conflict", message=exc.message)
            except store.errors.Busy as exc:
                entry.update(outcome="busy", message=exc.message)
            fh.write(json.dumps(entry) + "\n")
    return 0


def crash(url: str, start: int, marks: str) -> int:
    fd = os.open(marks, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    inner = store.profile.billing.transaction

    @contextlib.contextmanager
    def marked():
        os.write(fd, b"B")
        try:
            with inner():
                yield
        finally:
            os.write(fd, b"E")

    store.profile.billing.transaction = marked
    store.persistence.db.open_database(url, migrate=False)
    actor = store.people.access.resolve_actor(OWNER)
    address = store.profile.billing.get_billing(actor, actor.company_id).address
    n = start
    while True:
        form = _address_form(address, f"City-{n}")
        address = store.profile.billing.save_address(actor, actor.company_id, form,
                                             address.version).address
        if n == start:  # the first save loads what saving imports; the kills aim at saves
            print("ready", flush=True)
        n += 1


def main(argv: list[str]) -> int:
    mode, url, *rest = argv
    if mode == "contend":
        role, count, out, seed = rest
        return contend(url, role, int(count), out, int(seed))
    if mode == "crash":
        start, marks = rest
        return crash(url, int(start), marks)
    if mode == "open":
        print("ready", flush=True)
        if sys.stdin.readline().strip() != "go":
            return 2
        try:
            store.persistence.db.open_database(url)
        except store.errors.StoreError as exc:
            print(exc.message, flush=True)
            return exc.exit_status
        print("started", flush=True)
        return 0
    if mode == "pragmas":
        from store.persistence.db import database

        store.persistence.db.open_database(url)
        print(json.dumps([database.execute_sql(f"PRAGMA {name}").fetchone()[0] for name in rest]))
        return 0
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
