"""Plan changes from a date (SPEC §11, #18): `plan_change` keeps each change the billing team
schedules for a company, from the first day of a month, until the billing run applies it
(store.plans.plan_changes; store.invoicing.billing_run) or someone cancels it.

A NULL column keeps what the company has (plan, term, included users or numbers); `add_products`
and `remove_products` hold product codes separated by commas. `applied_at` and `cancelled_at`
say what became of it; a row is never deleted (the trail names it by its id). Plain CREATE TABLE
on both databases, like 0010.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

TABLE = """
CREATE TABLE plan_change (
    id {serial},
    company_id INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    effective_from DATE NOT NULL,
    plan_id VARCHAR(32) REFERENCES plan (code),
    term VARCHAR(16) CHECK (term IN ('monthly', 'annual_monthly', 'annual_upfront')),
    included_users INTEGER CHECK (included_users >= 0),
    included_numbers INTEGER CHECK (included_numbers >= 0),
    add_products VARCHAR(400),
    remove_products VARCHAR(400),
    reason TEXT NOT NULL,
    ticket VARCHAR(64),
    created_at {timestamp} NOT NULL,
    created_by VARCHAR(254) NOT NULL,
    applied_at {timestamp},
    cancelled_at {timestamp},
    cancelled_by VARCHAR(254)
)
"""
INDEX = "CREATE INDEX plan_change_company_from ON plan_change (company_id, effective_from)"


def up(migrator: SchemaMigrator, db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql(TABLE.format(
        serial="INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT" if sqlite else "SERIAL PRIMARY KEY",
        timestamp="DATETIME" if sqlite else "TIMESTAMP"))
    db.execute_sql(INDEX)


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("DROP TABLE plan_change")
