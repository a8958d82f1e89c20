"""The company search ignores accents as it ignores case (#16 trial: "Atelier Lumiere" found
nothing, and typing "Atelier Lumi" listed Atelier Lumière until "ere" was added).

SQLite: the FTS5 trigram index (0002) holds each name folded (store.persistence.folding
.search_fold, which each connection of the program registers: a program without it, such as
the sqlite3 shell, cannot rename a company, as the trigger calls it). PostgreSQL: unaccent (a
trusted extension, PostgreSQL 13+), behind an IMMUTABLE function so that a pg_trgm index can
hold the folded name, as 0003 holds the lower-cased one.
"""

from peewee import Database, PostgresqlDatabase, SqliteDatabase
from playhouse.migrate import SchemaMigrator

INDEXED = """
    INSERT INTO company_search (rowid, name, vat, domains)
    SELECT c.id, search_fold(c.name), COALESCE(a.vat_number, ''),
           COALESCE((SELECT group_concat(DISTINCT substr(r.email, instr(r.email, '@') + 1))
                     FROM invoice_recipient r WHERE r.company_id = c.id), '')
    FROM company c LEFT JOIN billing_address a ON a.company_id = c.id
"""
REFRESH = "DELETE FROM company_search WHERE rowid = {id}; " + INDEXED + " WHERE c.id = {id};"

TRIGGERS = {  # as in 0002, each now writing the folded name
    "company_search_company_insert": ("AFTER INSERT ON company", "NEW.id"),
    "company_search_company_update": ("AFTER UPDATE OF name ON company", "NEW.id"),
    "company_search_address_insert": ("AFTER INSERT ON billing_address", "NEW.company_id"),
    "company_search_address_update": ("AFTER UPDATE OF vat_number ON billing_address",
                                      "NEW.company_id"),
    "company_search_recipient_insert": ("AFTER INSERT ON invoice_recipient", "NEW.company_id"),
    "company_search_recipient_delete": ("AFTER DELETE ON invoice_recipient", "OLD.company_id"),
}

FOLD = """
    CREATE OR REPLACE FUNCTION mycompany_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(unaccent('unaccent'::regdictionary, $1)) $$
"""


def _triggers(db: Database, indexed: str, refresh: str) -> None:
    for name, (event, company_id) in TRIGGERS.items():
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
        db.execute_sql(f"CREATE TRIGGER {name} {event} BEGIN "
                       f"{refresh.format(id=company_id)} END")
    db.execute_sql("DELETE FROM company_search")
    db.execute_sql(indexed)


def up(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        _triggers(db, INDEXED, REFRESH)
    elif isinstance(db, PostgresqlDatabase):
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        db.execute_sql(FOLD)
        db.execute_sql("CREATE INDEX IF NOT EXISTS company_name_fold_trgm ON company "
                       "USING gin (mycompany_fold(name) gin_trgm_ops)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        plain = INDEXED.replace("search_fold(c.name)", "c.name")
        _triggers(db, plain, "DELETE FROM company_search WHERE rowid = {id}; " + plain
                  + " WHERE c.id = {id};")
    elif isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP INDEX IF EXISTS company_name_fold_trgm")
        db.execute_sql("DROP FUNCTION IF EXISTS mycompany_fold(text)")
