"""Prices from a date (#18: the price catalogue edited with effective dates, old invoices keeping
theirs): `price.effective_from`, the first day a price applies. Every price already there applies
from 1970-01-01, that is as before; the unique index gains the column, so an item may have one
price per date (store.plans.prices; store.plans.plan_query reads the one in force). Plain ALTER
TABLE on both databases, like 0015.
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator

OLD = "price_plan_id_frequency_currency_item"
NEW = "price_plan_id_frequency_currency_item_effective_from"


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE price ADD COLUMN effective_from DATE NOT NULL "
                   "DEFAULT '1970-01-01'")
    db.execute_sql(f'DROP INDEX "{OLD}"')
    db.execute_sql(f'CREATE UNIQUE INDEX "{NEW}" ON price '
                   "(plan_id, frequency, currency, item, effective_from)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql(f'DROP INDEX "{NEW}"')
    db.execute_sql("DELETE FROM price WHERE effective_from > '1970-01-01'")
    db.execute_sql(f'CREATE UNIQUE INDEX "{OLD}" ON price (plan_id, frequency, currency, item)')
    db.execute_sql("ALTER TABLE price DROP COLUMN effective_from")
