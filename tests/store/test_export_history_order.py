"""#18 trial: `mycompany export history` wrote History's lines in the order they were written
(by id), not in time order: a line written late with an earlier time (a clock set back, lines
brought in from elsewhere) came after later ones. The export is oldest first, lines of the same
time by id, read in keyset pages of (time, id): never the whole trail at once, never a line
twice or missed at a page's edge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store.persistence.models import AuditEvent
from store.trail.exports import ExportFilters, export

SUPPORT = "support@mycompany.example"


def _line(at: datetime, action: str, company: int | None = None) -> int:
    return AuditEvent.create(at=at, action=action, outcome="done", company=company).id


@pytest.mark.parametrize("page_size", [1, 2, 3, 1000])
def test_history_is_exported_oldest_first_ties_by_id_whatever_the_order_written(
        demo, as_, page_size):
    # The demo's own lines stay (the trail is append-only on PostgreSQL): only these are read.
    base = datetime(2026, 11, 20, 9, 0)
    # Written in this order (ids ascending), their times not: late, early, a tie of three.
    written = [_line(base + timedelta(hours=5), "late"),
               _line(base, "early"),
               _line(base + timedelta(hours=2), "tie-1"),
               _line(base + timedelta(hours=2), "tie-2", demo["nordwind"]),
               _line(base - timedelta(days=1), "earliest"),
               _line(base + timedelta(hours=2), "tie-3")]
    assert written == sorted(written)
    rows: list[dict] = []
    export(as_(SUPPORT), "history", rows.append, page_size=page_size)
    assert [r["at"] for r in rows] == sorted(r["at"] for r in rows)  # the demo's lines too
    mine = {"late", "early", "tie-1", "tie-2", "tie-3", "earliest"}
    rows = [r for r in rows if r["action"] in mine]
    assert [r["action"] for r in rows] == ["earliest", "early", "tie-1", "tie-2", "tie-3",
                                           "late"]
    assert [r["at"] for r in rows] == sorted(r["at"] for r in rows)
    assert rows[0]["at"] == (base - timedelta(days=1)).replace(tzinfo=UTC)


def test_the_order_holds_with_a_company_and_a_period(demo, as_):
    base = datetime(2026, 11, 20, 9, 0)
    company = demo["nordwind"]
    _line(base + timedelta(hours=3), "b", company)
    _line(base + timedelta(hours=1), "a", company)
    _line(base, "other company", demo["blue"])
    _line(base - timedelta(days=3), "before the period", company)
    rows: list[dict] = []
    export(as_(SUPPORT), "history", rows.append,
           ExportFilters(since=base.date(), company=company), page_size=1)
    mine = {"a", "b", "other company", "before the period"}
    assert [r["action"] for r in rows if r["action"] in mine] == ["a", "b"]
