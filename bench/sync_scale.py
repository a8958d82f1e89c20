"""`mycompany sync` at the size of issue #18: 100 000 users across 1 000 companies (with 20
numbers and 3 teams each), as a ratio against writing the same rows with one bulk INSERT.

python bench/sync_scale.py [--companies 1000] [--users 100] [--keep FOLDER]

1. Builds a base database: the demo plus --companies generated companies (store.demo), on SQLite,
   their users, numbers and teams taken away (so that both write the same rows).
2. Writes the feed (JSON Lines, sorted by company) to a file.
3. Bulk: a copy of the base; the same users, numbers and teams written with one INSERT statement
   a table (`executemany`, one transaction), as an import with no checks would.
4. Sync: another copy; `store.feed.sync.sync_feed` as the billing team, in-process, reading the
   file (every line checked, each company its own transaction and its trail line). Then the
   same feed again (nothing to write). Statements are counted (peewee's log, as tests count them).
Prints the figures and one line per budget (bench/run.py reports them as rows).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from time import perf_counter, process_time

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

BILLING = "billing@mycompany.example"
NUMBERS, TEAMS = 20, 3
FIRST_BUDGET, AGAIN_BUDGET = 15.0, 3.0  # × the bulk INSERT, wall time (bench/README.md)
STATEMENTS = 12  # a company of 100 users, 20 numbers, 3 teams: 11 (4 when nothing changes)
BUDGET = (f"first sync ≤ {FIRST_BUDGET:g}× the bulk INSERT, the same feed again "
          f"≤ {AGAIN_BUDGET:g}×; ≤ {STATEMENTS} statements a company")


def base_database(folder: Path, companies: int) -> tuple[Path, list[int]]:
    """The demo plus `companies` generated companies; their ids (the generated ones)."""
    from store.demo.data import create_demo
    from store.persistence.db import database, database_url_for, open_database
    from store.persistence.models import Company

    path = folder / "base.sqlite3"
    open_database(database_url_for(path))
    demo = create_demo(extra_companies=companies)
    ids = [c.id for c in Company.select(Company.id).where(Company.id.not_in(demo))
           .order_by(Company.id)]
    # The generated companies start with no users, numbers or teams: the sync then writes the
    # same rows as the bulk INSERT, nothing to deactivate.
    for table in ("user", "phone_number", "team"):
        database.execute_sql(f'DELETE FROM "{table}" WHERE company_id > {max(demo)}')
    database.close()
    return path, ids


def feed_rows(ids: list[int], users: int) -> list[dict]:
    rows: list[dict] = []
    for cid in ids:
        rows += [{"company": cid, "kind": "user", "login": f"p{cid}u{n}", "name": f"Person {n}",
                  "email": f"p{cid}u{n}@feed.example", "role": "agent", "active": True}
                 for n in range(users)]
        rows += [{"company": cid, "kind": "number", "e164": f"+4930{cid:04d}{n:04d}",
                  "active": True} for n in range(NUMBERS)]
        rows += [{"company": cid, "kind": "team", "name": f"Team {n}"} for n in range(TEAMS)]
    return rows


def bulk_insert(path: Path, rows: list[dict]) -> tuple[float, float]:
    """Seconds (wall, CPU) to write `rows` with one INSERT a table (executemany), in one
    transaction."""
    import sqlite3

    users = [(r["company"], r["login"], r["name"], r["email"], r["role"], 1)
             for r in rows if r["kind"] == "user"]
    numbers = [(r["company"], r["e164"], 1) for r in rows if r["kind"] == "number"]
    teams = [(r["company"], r["name"], 1) for r in rows if r["kind"] == "team"]
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")  # the program's own (store.persistence.db)
    start, cpu = perf_counter(), process_time()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany('INSERT INTO "user" (company_id, login, name, email, role, active) '
                           "VALUES (?, ?, ?, ?, ?, ?)", users)
    connection.executemany("INSERT INTO phone_number (company_id, e164, active) VALUES (?, ?, ?)",
                           numbers)
    connection.executemany("INSERT INTO team (company_id, name, active) VALUES (?, ?, ?)", teams)
    connection.execute("COMMIT")
    elapsed = perf_counter() - start, process_time() - cpu
    connection.close()
    return elapsed


def run_sync(path: Path, feed: Path) -> tuple[tuple[float, float], int, object]:
    """Seconds (wall, CPU), statements and summary of one `sync_feed` of `feed` on `path`."""
    from playhouse.test_utils import count_queries

    import store.feed.sync
    import store.people.access
    from store.persistence.db import database, database_url_for, open_database

    open_database(database_url_for(path))
    actor = store.people.access.resolve_actor(BILLING)
    with count_queries() as log, feed.open(encoding="utf-8", newline="") as text:
        start, cpu = perf_counter(), process_time()
        summary = store.feed.sync.sync_feed(actor, text, "jsonl")
        elapsed = perf_counter() - start, process_time() - cpu
    database.close()
    return elapsed, log.count, summary


def measure(companies: int = 1_000, users: int = 100, keep: Path | None = None) -> dict:
    """The figures, as a dict (bench/run.py's row reads it)."""
    folder = keep or Path(tempfile.mkdtemp(prefix="mycompany-sync-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        base, ids = base_database(folder, companies)
        rows = feed_rows(ids, users)
        feed = folder / "feed.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        bulk_db, sync_db = folder / "bulk.sqlite3", folder / "sync.sqlite3"
        shutil.copy(base, bulk_db)
        shutil.copy(base, sync_db)
        bulk = bulk_insert(bulk_db, rows)
        first, first_queries, summary = run_sync(sync_db, feed)
        again, again_queries, repeat = run_sync(sync_db, feed)
        return {"companies": len(ids), "users": users * len(ids), "lines": len(rows),
                "bulk_s": bulk[0], "first_s": first[0], "again_s": again[0],
                "first_ratio": first[0] / bulk[0], "again_ratio": again[0] / bulk[0],
                "first_cpu_ratio": first[1] / bulk[1], "again_cpu_ratio": again[1] / bulk[1],
                "first_queries_per_company": first_queries / len(ids),
                "again_queries_per_company": again_queries / len(ids),
                "bad_lines": len(summary.bad) + len(repeat.bad),
                "changed_again": sum(1 for c in repeat.companies if c.changed)}
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def row_figure(m: dict) -> str:
    return (f"first sync {m['first_ratio']:.1f}× ({m['first_s']:.1f} s), same feed again "
            f"{m['again_ratio']:.1f}× ({m['again_s']:.1f} s), bulk INSERT {m['bulk_s']:.2f} s "
            f"(CPU time: {m['first_cpu_ratio']:.1f}× and {m['again_cpu_ratio']:.1f}×); "
            f"{m['users']:,} users, {m['lines']:,} lines, {m['companies']:,} companies; "
            f"statements a company {m['first_queries_per_company']:.1f} / "
            f"{m['again_queries_per_company']:.1f}")


def holds(m: dict) -> bool:
    return (m["first_ratio"] <= FIRST_BUDGET and m["again_ratio"] <= AGAIN_BUDGET
            and m["first_queries_per_company"] <= STATEMENTS
            and m["bad_lines"] == 0 and m["changed_again"] == 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=int, default=1_000)
    parser.add_argument("--users", type=int, default=100, help="users a company (default 100)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    m = measure(args.companies, args.users, args.keep)
    print(json.dumps(m, indent=2))
    print(f"| sync of the platform's feed | {BUDGET} | {row_figure(m)} | "
          f"{'yes' if holds(m) else 'no'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
