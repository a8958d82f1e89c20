"""A change request's documents reference is kept in the trail (#16 trial: History showed the
owner's note as a "Reason" and never where the proof is): the request's lines carry it in the
ticket column, which widens from 64 to 200 characters, the documents field's length
(store/forms/fields.py). SQLite does not enforce a VARCHAR's length; PostgreSQL does.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        return
    db.execute_sql("ALTER TABLE audit_event ALTER COLUMN ticket TYPE VARCHAR(200)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        return
    db.execute_sql("ALTER TABLE audit_event ALTER COLUMN ticket TYPE VARCHAR(64)")
