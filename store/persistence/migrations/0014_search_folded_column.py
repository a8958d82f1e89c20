"""The company search's accent-free names (0012) kept in a column the program writes, so that
the index's triggers call no function of the program's: another program (the sqlite3 shell, a
script) renaming a company or adding a recipient failed with "no such function: search_fold".

`company.name_folded` holds the name folded (store.persistence.folding.search_fold), written
with the name by the program (store.profile.company, the demo); the SQLite FTS5 index holds the name
and its folded copy, so a name another program wrote is still found as typed, case aside.
PostgreSQL folds with unaccent (0012) and keeps the column for the model's sake.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

from store.persistence.folding import search_fold

INDEXED = """
    INSERT INTO company_search (rowid, name, vat, domains)
    SELECT c.id, c.name || ' ' || COALESCE(c.name_folded, ''), COALESCE(a.vat_number, ''),
           COALESCE((SELECT group_concat(DISTINCT substr(r.email, instr(r.email, '@') + 1))
                     FROM invoice_recipient r WHERE r.company_id = c.id), '')
    FROM company c LEFT JOIN billing_address a ON a.company_id = c.id
"""
REFRESH = "DELETE FROM company_search WHERE rowid = {id}; " + INDEXED + " WHERE c.id = {id};"

TRIGGERS = {  # as in 0002 and 0012, the name's update including its folded copy's
    "company_search_company_insert": ("AFTER INSERT ON company", "NEW.id"),
    "company_search_company_update": ("AFTER UPDATE OF name, name_folded ON company", "NEW.id"),
    "company_search_address_insert": ("AFTER INSERT ON billing_address", "NEW.company_id"),
    "company_search_address_update": ("AFTER UPDATE OF vat_number ON billing_address",
                                      "NEW.company_id"),
    "company_search_recipient_insert": ("AFTER INSERT ON invoice_recipient", "NEW.company_id"),
    "company_search_recipient_delete": ("AFTER DELETE ON invoice_recipient", "OLD.company_id"),
}


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE company ADD COLUMN name_folded VARCHAR(400)")
    rows = db.execute_sql("SELECT id, name FROM company").fetchall()
    p = db.param
    for company_id, name in rows:
        db.execute_sql(f"UPDATE company SET name_folded = {p} WHERE id = {p}",
                       (search_fold(name), company_id))
    if isinstance(db, SqliteDatabase):
        for name, (event, company_id) in TRIGGERS.items():
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
            db.execute_sql(f"CREATE TRIGGER {name} {event} BEGIN "
                           f"{REFRESH.format(id=company_id)} END")
        db.execute_sql("DELETE FROM company_search")
        db.execute_sql(INDEXED)


def down(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):  # back to 0012's triggers, which read no such column
        import runpy
        from pathlib import Path

        before = runpy.run_path(str(Path(__file__).with_name("0012_search_folded.py")))
        before["_triggers"](db, before["INDEXED"], before["REFRESH"])
    db.execute_sql("ALTER TABLE company DROP COLUMN name_folded")
