"""A company can be closed (`mycompany companies close`, SPEC §11): `company.closed_at` says when.

A closed company keeps everything (invoices, trail, people) and is read-only: store.people.access
refuses every write to it. NULL, what every existing company gets, is open. Plain ALTER TABLE on
both databases (SQLite's table rebuild would drop the company search's triggers, 0014).
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    kind = "DATETIME" if isinstance(db, SqliteDatabase) else "TIMESTAMP"
    db.execute_sql(f"ALTER TABLE company ADD COLUMN closed_at {kind}")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE company DROP COLUMN closed_at")
