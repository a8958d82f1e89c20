"""The performance budget of issue 7, measured: python bench/run.py [--pairs 9] [--companies N].

1. Creates the demo database in a temporary folder (`mycompany --db sqlite:///... demo`).
2. Starts mycompany (Nordwind owner, Plan tab) and the yardstick F alternately, one process per
   run (bench/firstframe.py), a warm-up pair first, then --pairs pairs in ABBA order; reports the
   median of the per-pair ratios mycompany/F and their spread (min–max).
3. Builds a scale database (the demo plus --companies generated companies, the first with
   30 000 users) and gives the Nordwind company 100 000 invoices; measures the other rows there.
4. Measures `mycompany sync` of 100 000 users across 1 000 companies (bench/sync_scale.py).
Prints one table row per budget and a last line "all hold" or "N do not hold"; exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import _inapp
from _inapp import Row, median, spread
from _settle import QueryLog

DEMO_OWNER = "jonas@nordwind.de"
STAFF = "support@mycompany.example"
INVOICES = 100_000
GROWING = 1_000  # a table this large grows with the data: it must not be read whole
ALIAS = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?(?:\s+AS)?\s+"?(\w+)"?', re.IGNORECASE)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def compile_checkout() -> None:
    """Byte-compile the checkout's modules (tui, store, bench), as pip does when it installs the
    program: otherwise, where PYTHONDONTWRITEBYTECODE is set (this machine sets it), every run
    would compile them from source again, which is not what starting the program costs."""
    import compileall

    for folder in (HERE.parent / "tui", HERE.parent / "store", HERE):
        compileall.compile_dir(str(folder), quiet=1)


def first_frame(target: str, url: str, *extra: str) -> dict:
    """One process: bench/firstframe.py, timed from outside too (wall_ms)."""
    command = [sys.executable, str(HERE / "firstframe.py"), target, "--db", url, *extra]
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MYCOMPANY_") and k != "PYTHONDONTWRITEBYTECODE"}
    start = perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = (perf_counter() - start) * 1000
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_ms"] = wall
    return result


def pairs(count: int, url: str, *extra: str) -> list[tuple[dict, dict]]:
    """(mycompany, F) pairs after one warm-up pair; the order alternates M F, F M, ..."""
    first_frame("mycompany", url, *extra), first_frame("f", url, *extra)
    out = []
    for n in range(count):
        if n % 2 == 0:
            m = first_frame("mycompany", url, *extra)
            f = first_frame("f", url, *extra)
        else:
            f = first_frame("f", url, *extra)
            m = first_frame("mycompany", url, *extra)
        out.append((m, f))
        say(f"  pair {n + 1}/{count}: {m['first_frame_ms'] / f['first_frame_ms']:.2f}")
    return out


def ratio_figure(runs: list[tuple[dict, dict]], key: str) -> tuple[float, str]:
    ratios = [m[key] / f[key] for m, f in runs]
    return median(ratios), f"{median(ratios):.2f} F (spread {spread(ratios)}, {len(ratios)} pairs)"


def full_scans(statements) -> list[tuple[str, int]]:
    """EXPLAIN QUERY PLAN of each SELECT: the tables (and their rows) read whole, not searched."""
    from store.persistence.db import database

    tables = {r[0] for r in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    found = []
    for sql, params in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        aliases = {alias: table for table, alias in ALIAS.findall(sql)}
        for step in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params or ()):
            if step[-1].startswith("SCAN ") and "CONSTANT ROW" not in step[-1]:
                table = aliases.get(step[-1].split()[1], step[-1].split()[1])
                if table in tables:
                    rows = database.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                    found.append((table, rows))
    return found


def add_invoices(company_id: int, count: int) -> None:
    """`count` more invoices for the company, copies of its first one (SQLite, one statement)."""
    from store.persistence.db import database, transaction

    columns = ("kind, issued_on, period_start, period_end, currency, subtotal_minor, "
               "tax_rate_permille, tax_minor, total_minor, status, paid_on, bill_to_name, "
               "bill_to_line1, bill_to_line2, bill_to_postal_code, bill_to_city, bill_to_state, "
               "bill_to_country, bill_to_vat_number")
    copied = columns.replace("issued_on,", "date(issued_on, printf('-%d days', i / 3 + 1)),")
    with transaction():
        database.execute_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"INSERT INTO invoice (company_id, number, {columns}) "
            f"SELECT company_id, printf('BENCH-%06d', i), {copied} FROM n, "
            "(SELECT * FROM invoice WHERE company_id = ? ORDER BY id LIMIT 1)", (count, company_id))


def scale_database(args, folder: Path) -> tuple[str, int]:
    """Open (or build) the scale database; the Nordwind company gets INVOICES invoices once."""
    from store.demo import create_demo
    from store.people.access import resolve_actor
    from store.persistence.db import database, database_url_for, open_database

    path = args.scale_db or folder / "scale.sqlite3"
    open_database(database_url_for(path))
    if args.scale_db is None:
        say(f"building {args.companies:,} companies in {path} ...")
        start = perf_counter()
        create_demo(extra_companies=args.companies)
        say(f"  built in {perf_counter() - start:.0f} s")
    nordwind = resolve_actor(DEMO_OWNER).company_id
    have = database.execute_sql("SELECT COUNT(*) FROM invoice WHERE company_id = ?",
                                (nordwind,)).fetchone()[0]
    if have < INVOICES:
        add_invoices(nordwind, INVOICES - have)
    companies = database.execute_sql("SELECT COUNT(*) FROM company").fetchone()[0]
    return database_url_for(path), companies


def largest_tenant() -> tuple[int, int, str]:
    """(company id, active users, owner e-mail) of the company with the most active users."""
    from store.persistence.db import database

    company_id, users = database.execute_sql(
        'SELECT company_id, COUNT(*) FROM "user" WHERE active = 1 GROUP BY company_id '
        "ORDER BY 2 DESC LIMIT 1").fetchone()
    owner = database.execute_sql('SELECT email FROM "user" WHERE company_id = ? AND '
                                 "role = 'owner' ORDER BY id LIMIT 1", (company_id,)).fetchone()[0]
    return company_id, users, owner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=15, help="counted pairs (default 15)")
    parser.add_argument("--session-pairs", type=int, default=5,
                        help="pairs of typical sessions for peak memory (default 5)")
    parser.add_argument("--companies", type=int, default=100_000,
                        help="generated companies in the scale database (default 100 000)")
    parser.add_argument("--scale-db", type=Path,
                        help="reuse this scale database (bench/build_scale.py) instead of building")
    parser.add_argument("--verbose", action="store_true", help="also print the first frame's SQL")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="mycompany-bench-"))
    try:
        return report(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(args, folder: Path) -> int:
    from store.database import database_url_for
    from store.people.access import resolve_actor
    from tui.cli import main as mycompany

    demo = database_url_for(folder / "demo.sqlite3")
    with open(os.devnull, "w") as quiet:
        sys.stdout, saved = quiet, sys.stdout
        try:
            mycompany(["--db", demo, "demo"])
        finally:
            sys.stdout = saved
    compile_checkout()
    say(f"first frame: warm-up pair, then {args.pairs} pairs")
    runs = pairs(args.pairs, demo)
    say(f"typical session: {args.session_pairs} pairs")
    sessions = pairs(args.session_pairs, demo, "--session")
    rows: list[Row] = []
    ratio, figure = ratio_figure(runs, "first_frame_ms")
    rows.append(Row("cold start to settled first frame", "≤ 1.15 F (median pair ratio)",
                    figure, ratio <= 1.15))
    rows.append(Row("wall time of the whole process, from outside", "(second figure)",
                    ratio_figure(runs, "wall_ms")[1], None))
    rows.append(Row("peak RSS, start to first frame", "(second figure)",
                    ratio_figure(runs, "peak_rss_kib")[1], None))
    m, f = runs[0]
    rows.append(Row("widgets at first frame", "≤ 2× F's",
                    f"{m['widgets'] / f['widgets']:.2f}× ({m['widgets']} vs {f['widgets']})",
                    m["widgets"] <= 2 * f["widgets"]))

    url, companies = scale_database(args, folder)
    large_id, users, owner = largest_tenant()
    big = first_frame("mycompany", url, "--as", owner)
    many = first_frame("mycompany", url, "--as", DEMO_OWNER)
    scans = full_scans(big["sql"])
    counts = {m["queries"], big["queries"], many["queries"]}
    rows.append(Row("queries before first frame",
                    "≤ 3, each on an index, none growing (scans of tables < 1 000 rows allowed)",
                    f"{m['queries']} (demo); {big['queries']} ({users:,} users); "
                    f"{many['queries']} ({INVOICES:,} invoices); "
                    "scans: " + (", ".join(f"{t} ({n:,} rows)" for t, n in scans) or "none"),
                    max(counts) <= 3 and len(counts) == 1
                    and all(n < GROWING for _t, n in scans)))

    queries = QueryLog()
    staff = resolve_actor(STAFF)
    nordwind = resolve_actor(DEMO_OWNER)
    say("tab switches, invoice pages, search, count (in-process)")
    rows.append(_inapp.tab_switch_row({
        f"{users:,} users": (resolve_actor(owner), large_id),
        f"{INVOICES:,} invoices": (nordwind, nordwind.company_id)}))
    rows.append(_inapp.invoice_row(nordwind, nordwind.company_id, queries))
    rows.append(_inapp.search_row(staff, queries, companies))
    rows.append(_inapp.active_count_row(large_id, users))
    ratio, figure = ratio_figure(sessions, "peak_rss_kib")
    rows.append(Row("peak memory, typical session", "≤ 1.4 F (peak RSS, median pair ratio)",
                    figure, ratio <= 1.4))
    say("the platform's feed: 100 000 users across 1 000 companies (bench/sync_scale.py)")
    import sync_scale

    feed = sync_scale.measure()
    rows.append(Row("sync of the platform's feed", sync_scale.BUDGET, sync_scale.row_figure(feed),
                    sync_scale.holds(feed)))

    f_frame = median(f["first_frame_ms"] for _m, f in runs)
    f_wall = median(f["wall_ms"] for _m, f in runs)
    print(f"\n{companies:,} companies; F's first frame: {f_frame:.0f} ms"
          f" in-process, {f_wall:.0f} ms wall (context only)\n")
    print("| measure | budget | figure | holds |\n|---|---|---|---|")
    for row in rows:
        holds = "—" if row.holds is None else ("yes" if row.holds else "no")
        print(f"| {row.measure} | {row.budget} | {row.figure} | {holds} |")
    if args.verbose:
        print("\nSQL before the first frame (demo, Nordwind owner, Plan tab):")
        for sql, _params in m["sql"]:
            print("  " + " ".join(sql.split())[:110])
    failing = sum(1 for row in rows if row.holds is False)
    print("\nall hold" if not failing else f"\n{failing} do not hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
