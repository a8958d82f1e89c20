"""The support console's company search: an FTS5 trigram index over name, VAT, e-mail domains."""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

# One row per company (rowid = company id), rebuilt by triggers whenever what it indexes changes.
INDEXED = """
    INSERT INTO company_search (rowid, name, vat, domains)
    SELECT c.id, c.name, COALESCE(a.vat_number, ''),
           COALESCE((SELECT group_concat(DISTINCT substr(r.email, instr(r.email, '@') + 1))
                     FROM invoice_recipient r WHERE r.company_id = c.id), '')
    FROM company c LEFT JOIN billing_address a ON a.company_id = c.id
"""
REFRESH = "DELETE FROM company_search WHERE rowid = {id}; " + INDEXED + " WHERE c.id = {id};"

TRIGGERS = {
    "company_search_company_insert": ("AFTER INSERT ON company", "NEW.id"),
    "company_search_company_update": ("AFTER UPDATE OF name ON company", "NEW.id"),
    "company_search_address_insert": ("AFTER INSERT ON billing_address", "NEW.company_id"),
    "company_search_address_update": ("AFTER UPDATE OF vat_number ON billing_address",
                                      "NEW.company_id"),
    "company_search_recipient_insert": ("AFTER INSERT ON invoice_recipient", "NEW.company_id"),
    "company_search_recipient_delete": ("AFTER DELETE ON invoice_recipient", "OLD.company_id"),
}


def up(migrator: SchemaMigrator, db: Database) -> None:
    # Names starting with one or two letters: too short for trigrams, a range on this index.
    db.execute_sql("CREATE INDEX company_name_lower ON company (LOWER(name))")
    if not isinstance(db, SqliteDatabase):
        return  # PostgreSQL gets its trigram index with the PostgreSQL issue; search uses ILIKE.
    db.execute_sql("CREATE VIRTUAL TABLE company_search USING fts5("
                   "name, vat, domains, tokenize = 'trigram')")
    for name, (event, company_id) in TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER {name} {event} BEGIN "
                       f"{REFRESH.format(id=company_id)} END")
    db.execute_sql("CREATE TRIGGER company_search_company_delete AFTER DELETE ON company BEGIN "
                   "DELETE FROM company_search WHERE rowid = OLD.id; END")
    db.execute_sql(INDEXED)  # companies that existed before this migration


def down(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        for name in [*TRIGGERS, "company_search_company_delete"]:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
        db.execute_sql("DROP TABLE IF EXISTS company_search")
    db.execute_sql("DROP INDEX IF EXISTS company_name_lower")
