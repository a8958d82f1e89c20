"""The feed's lookups use their indexes whatever SQLite's statistics say (store.persistence.db.
indexed_by): with most users signing in by e-mail (no login), ANALYZE counts the NULL logins
as one login, and the check of a hundred new logins against other companies' read the whole
user table for each company synced (bench/sync_scale.py, 2026-12-01)."""

from __future__ import annotations

import pytest
from playhouse.test_utils import count_queries

from store.persistence.db import database, is_sqlite
from store.persistence.models import User

from .test_sync import jsonl, sync, user


def test_a_hundred_new_logins_are_looked_up_by_index_after_analyze(demo):
    if not is_sqlite():
        pytest.skip("needs SQLite: its statistics (sqlite_stat1) are what misleads the planner; "
                    "PostgreSQL counts NULLs apart, and may rightly scan a table this small")
    nordwind, blue = demo["nordwind"], demo["blue"]
    # Users who sign in by e-mail: no login. Enough of them that ANALYZE says a login names
    # hundreds of rows, and a hundred logins asked look costlier than reading the table.
    User.insert_many([{"company": blue, "email": f"mail{n}@blue.example", "login": None,
                       "name": f"Mail {n}", "role": "agent", "active": False}
                      for n in range(3000)]).execute()
    database.execute_sql("ANALYZE")
    feed = [user(nordwind, f"new{n}") for n in range(100)]
    with count_queries() as log:
        summary = sync(jsonl(*feed))
    assert summary.companies[0].users.added == 100 and not summary.bad
    reads = [(sql, params) for sql, params in (q.msg for q in log.get_queries())
             if sql.lstrip().upper().startswith("SELECT") and '"user"' in sql]
    assert reads, "the users were read"
    for sql, params in reads:
        plan = " / ".join(row[-1] for row in database.execute_sql(
            "EXPLAIN QUERY PLAN " + sql, params).fetchall())
        assert "SCAN user" not in plan, (sql[:120], plan)
