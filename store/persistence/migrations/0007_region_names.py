"""Regions as each country's post writes them (SPEC §5): a state, province or prefecture is
kept as its code where the country has one, else as its name ("Aysén del General Carlos Ibáñez
del Campo" is 41 characters), so the billing address's and the invoice's state columns widen
from 8 to 64. SQLite does not enforce a VARCHAR's length; PostgreSQL does.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

COLUMNS = (("billing_address", "state"), ("invoice", "bill_to_state"))


def up(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        return
    for table, column in COLUMNS:
        db.execute_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(64)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        return
    for table, column in COLUMNS:
        db.execute_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(8)")
