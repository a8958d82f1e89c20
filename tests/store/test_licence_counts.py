"""The active users and numbers the Plan tab shows are counted by the database's triggers
(migration 0004); whatever writes the rows, the counts stay those of the rows."""

from __future__ import annotations

import pytest
from peewee import fn
from playhouse.test_utils import count_queries

import store
import store.clock
import store.plans.plan_query
from store.persistence.db import database, is_sqlite, transaction
from store.persistence.models import Company, PhoneNumber, User
from store.plans.plan_query import count_active_users
from tests.store.test_queries import grow


def counted(company_id: int) -> tuple[int, int]:
    row = database.execute_sql(
        "SELECT active_users, active_numbers FROM licence_count WHERE company_id = "
        + database.param, (company_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def actual(company_id: int) -> tuple[int, int]:
    users = User.select(fn.COUNT(User.id)).where(User.company == company_id, User.active)
    numbers = PhoneNumber.select(fn.COUNT(PhoneNumber.id)).where(
        PhoneNumber.company == company_id, PhoneNumber.active)
    return users.scalar(), numbers.scalar()


def test_every_company_is_counted_from_the_start(demo):
    for company in Company.select(Company.id):
        assert counted(company.id) == actual(company.id)
    assert count_active_users(demo["nordwind"]) == 42  # the demo's Nordwind: 42 active users


def test_the_counts_follow_inserts_deactivations_moves_and_deletes(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    with transaction():
        grow(nordwind, 300, 40)
    assert counted(nordwind) == actual(nordwind)
    with transaction():
        some = [u.id for u in User.select(User.id).where(User.company == nordwind).limit(25)]
        User.update(active=False).where(User.id.in_(some)).execute()
        User.update(active=True).where(User.id.in_(some[:5])).execute()
        User.update(active=True).where(User.id.in_(some[:5])).execute()  # no change: no count
        User.update(company=blue).where(User.id.in_(some[5:15])).execute()  # 5 of them active
        numbers = [n.id for n in PhoneNumber.select(PhoneNumber.id)
                   .where(PhoneNumber.company == nordwind).limit(12)]
        PhoneNumber.update(active=False).where(PhoneNumber.id.in_(numbers[:4])).execute()
        PhoneNumber.delete().where(PhoneNumber.id.in_(numbers[4:])).execute()
        User.delete().where(User.id.in_(some[15:])).execute()
    for company in (nordwind, blue):
        assert counted(company) == actual(company), company


def test_a_new_company_starts_at_zero_and_its_counts_go_with_it(demo):
    with transaction():
        company = Company.create(name="Neu GmbH", currency="EUR",
                                 created_at=store.clock.now())
        assert counted(company.id) == (0, 0)
        grow(company.id, 3, 2)
        assert counted(company.id) == (3, 2)
    with transaction():
        User.delete().where(User.company == company.id).execute()
        PhoneNumber.delete().where(PhoneNumber.company == company.id).execute()
        company.delete_instance()
    assert counted(company.id) == (None, None)


def test_the_plan_summary_reads_the_count_in_one_indexed_row(demo):
    grow(demo["nordwind"], 30_000, 5_000)
    with count_queries() as counter:
        assert count_active_users(demo["nordwind"]) == 42 + 30_000
    assert counter.count == 1
    query = "SELECT active_users FROM licence_count WHERE company_id = " + database.param
    if is_sqlite():
        plan = database.execute_sql("EXPLAIN QUERY PLAN " + query,
                                    (demo["nordwind"],)).fetchall()
        assert any("INTEGER PRIMARY KEY" in row[-1] for row in plan), plan
    else:
        with transaction():
            database.execute_sql("SET LOCAL enable_seqscan = off")
            plan = database.execute_sql("EXPLAIN " + query, (demo["nordwind"],)).fetchall()
        assert any("licence_count_pkey" in row[0] for row in plan), plan


@pytest.mark.parametrize("active", [True, False])
def test_a_user_added_inactive_is_not_counted(demo, active):
    before = counted(demo["nordwind"])
    with transaction():
        User.create(company=demo["nordwind"], email="late@nordwind.de", name="Late",
                    role="agent", active=active)
    assert counted(demo["nordwind"]) == (before[0] + active, before[1])
