"""The company search finds a VAT number however it is pasted, now that numbers are stored in
their country's written form ("CHE-116.281.710 MWST", "11.222.333/0001-81": #16 trial): the
search compares compact forms, spaces, dots, dashes and slashes left out (as
store.forms.places.VAT_PUNCTUATION does), so "CHE116281710MWST" finds the written one.

SQLite: the FTS5 index's `vat` column holds the number as stored and its compact copy (0014's
triggers, the VAT made compact by REPLACE: no function of the program's, so another program's
writes keep the index right). PostgreSQL: the trigram index of 0003 on the compact copy
(TRANSLATE), which store.profile.search's LIKE reads.
"""

import runpy
from pathlib import Path

from peewee import Database, PostgresqlDatabase, SqliteDatabase
from playhouse.migrate import SchemaMigrator

_0014 = runpy.run_path(str(Path(__file__).with_name("0014_search_folded_column.py")))

COMPACT_SQLITE = ("REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(COALESCE(a.vat_number, ''), "
                  "' ', ''), '.', ''), '-', ''), '/', ''), char(9), ''), char(160), '')")
INDEXED = _0014["INDEXED"].replace(
    "COALESCE(a.vat_number, ''),", f"COALESCE(a.vat_number, '') || ' ' || {COMPACT_SQLITE},")
REFRESH = "DELETE FROM company_search WHERE rowid = {id}; " + INDEXED + " WHERE c.id = {id};"

PG_INDEX = "billing_address_vat_compact_trgm"
PG_COMPACT = "UPPER(TRANSLATE(vat_number, ' .-/', ''))"  # store.profile.search reads the same
PG_BEFORE = "billing_address_vat_trgm"  # 0003's


def _sqlite_index(db: Database, indexed: str, refresh: str) -> None:
    for name, (event, company_id) in _0014["TRIGGERS"].items():
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
        db.execute_sql(f"CREATE TRIGGER {name} {event} BEGIN {refresh.format(id=company_id)} END")
    db.execute_sql("DELETE FROM company_search")
    db.execute_sql(indexed)


def up(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        _sqlite_index(db, INDEXED, REFRESH)
    elif isinstance(db, PostgresqlDatabase):  # in place of 0003's index of the number as stored
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON billing_address "
                       f"USING gin ({PG_COMPACT} gin_trgm_ops)")
        db.execute_sql(f"DROP INDEX IF EXISTS {PG_BEFORE}")


def down(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        _sqlite_index(db, _0014["INDEXED"], _0014["REFRESH"])
    elif isinstance(db, PostgresqlDatabase):
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {PG_BEFORE} ON billing_address "
                       "USING gin (UPPER(vat_number) gin_trgm_ops)")
        db.execute_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")
