"""Time `create_demo(extra_companies=N)` on a fresh SQLite file.

python bench/build_scale.py [N] [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout, uninstalled

from store.demo.data import create_demo
from store.persistence.db import database, database_url_for, open_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("companies", nargs="?", type=int, default=100_000)
    parser.add_argument("--db", type=Path,
                        help="SQLite file to create (default: a new one in /tmp)")
    args = parser.parse_args(argv)
    path = args.db or Path(tempfile.mkdtemp(prefix="mycompany-bench-")) / "scale.sqlite3"
    if path.exists():
        parser.error(f"{path} exists; the benchmark builds a fresh database")
    open_database(database_url_for(path))

    def progress(done: int, total: int) -> None:
        print(f"\r{done:>9,} / {total:,} companies  {time.perf_counter() - start:6.1f} s",
              end="", file=sys.stderr, flush=True)

    start = time.perf_counter()
    create_demo(extra_companies=args.companies, progress=progress)
    elapsed = time.perf_counter() - start
    print(file=sys.stderr)
    print(f"{args.companies:,} generated companies in {elapsed:.1f} s  ({path})")
    # Every table, whichever module models it (SQLite's own sqlite_* aside).
    for table in sorted(t for t in database.get_tables() if not t.startswith("sqlite_")):
        count = database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        print(f"  {table:<20} {count:>10,}")
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(f"  {'file size':<20} {size / 2**20:>8,.0f} MiB")
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
