"""Support-console timings over a scale database.

python bench/search_scale.py [--db PATH] [--build N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

import store
import store.demo
import store.people.access
import store.persistence.db
import store.plans.plan
import store.profile.search
from store.persistence.db import database

# What an agent types, one keystroke at a time: every prefix of these is one search.
TYPED = ["nordlicht", "DE13", "blueharbor.com", "gmbh", "12345", "b"]


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of `fn()` in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="an existing scale database (SQLite file)")
    parser.add_argument("--build", type=int, default=100_000,
                        help="companies to generate when --db is not given")
    args = parser.parse_args(argv)
    path = args.db or Path(tempfile.mkdtemp(prefix="mycompany-search-")) / "scale.sqlite3"
    store.persistence.db.open_database(store.persistence.db.database_url_for(path))
    if args.db is None:
        print(f"building {args.build:,} companies in {path} ...", file=sys.stderr)
        store.demo.create_demo(extra_companies=args.build)
    staff = store.people.access.resolve_actor("support@mycompany.example")
    companies = database.execute_sql("SELECT COUNT(*) FROM company").fetchone()[0]
    print(f"companies: {companies:,}")

    per_key = []
    for text in TYPED:
        for n in range(1, len(text) + 1):
            per_key.append(timed(lambda t=text[:n]: store.profile.search.search_companies(staff,
                t)))
    print(f"search, per keystroke ({len(per_key)} prefixes): "
          f"median {statistics.median(per_key):.2f} ms,"
          f" max {max(per_key):.2f} ms")

    largest, users = database.execute_sql(
        'SELECT company_id, COUNT(*) FROM "user" WHERE active = 1 GROUP BY company_id '
        "ORDER BY 2 DESC LIMIT 1").fetchone()
    count_ms = timed(lambda: database.execute_sql(
        'SELECT COUNT(id) FROM "user" WHERE company_id = ? AND active = 1', (largest,)).fetchone())
    print(f"active users of the largest tenant ({users:,}): {count_ms:.2f} ms")
    plan_ms = timed(lambda: store.plans.plan.licence_summary(staff, largest))
    print(f"Plan summary of the largest tenant: {plan_ms:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
