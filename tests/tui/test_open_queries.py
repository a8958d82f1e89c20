"""Queries before the first frame: at most three, from opening the file to the first screen, and
the same number for a company of 4 users as for one of 30 000 (asserted, never timed)."""

from __future__ import annotations

import sqlite3

import pytest
from playhouse.test_utils import count_queries

import store
import store.people.access
import store.persistence.db
from store.persistence.db import database
from tests.store.test_queries import grow
from tui.app import MyCompanyApp


class CountingConnection(sqlite3.Connection):
    """The program's read-only look at the file (before peewee connects) is a query too."""

    statements: list[str] = []  # noqa: RUF012 - shared on purpose: one list for every connection

    def execute(self, sql, *args):
        CountingConnection.statements.append(sql)
        return super().execute(sql, *args)


async def queries_until_first_frame(db_url: str, monkeypatch, who: str, tab: str,
                                    company: int | None = None) -> int:
    """Open the database and the first screen as `mycompany --as WHO --tab TAB` does."""
    database.close()
    CountingConnection.statements = []
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda *a, **k: real_connect(*a, factory=CountingConnection, **k))
    with count_queries() as counter:
        store.persistence.db.open_database(db_url)
        monkeypatch.setattr(sqlite3, "connect", real_connect)
        actor = store.people.access.resolve_actor(who)
        app = MyCompanyApp(actor, company if company is not None else actor.company_id,
                           locale="en", initial_tab=tab)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
    return counter.count + len(CountingConnection.statements)


@pytest.mark.parametrize("tab, budget", [("plan", 3), ("general", 4), ("billing", 9),
                                         ("history", 4)])
async def test_an_owner_opens_a_tab_in_a_few_queries_whatever_the_company_size(
        demo, db_url, monkeypatch, tab, budget):
    small = await queries_until_first_frame(db_url, monkeypatch, "jonas@nordwind.de", tab)
    grow(demo["nordwind"], 30_000, 5_000)
    large = await queries_until_first_frame(db_url, monkeypatch, "jonas@nordwind.de", tab)
    assert small == large <= budget, (small, large)


async def test_the_plan_tab_first_frame_is_three_queries(demo, db_url, monkeypatch):
    """The benchmark's case (SPEC budget): schema check, sign-in, the Plan summary."""
    assert await queries_until_first_frame(db_url, monkeypatch, "jonas@nordwind.de",
                                           "plan") == 3


async def test_staff_open_a_company_in_a_fixed_number_of_queries(demo, db_url, monkeypatch):
    small = await queries_until_first_frame(db_url, monkeypatch, "support@mycompany.example",
                                            "plan", company=demo["nordwind"])
    grow(demo["nordwind"], 30_000, 5_000)
    large = await queries_until_first_frame(db_url, monkeypatch, "support@mycompany.example",
                                            "plan", company=demo["nordwind"])
    # Also the company's name for the banner, and the Plan tab's check that the company exists.
    assert small == large == 5, (small, large)
