"""The support console's company search on PostgreSQL: pg_trgm indexes over what FTS5 covers.

Name, VAT number and recipient e-mail domain are each matched as a case-insensitive substring
(LIKE '%text%'), which a GIN trigram index answers without scanning the table. SQLite keeps the
FTS5 table of 0002; there this migration does nothing.
"""

from peewee import Database, PostgresqlDatabase
from playhouse.migrate import SchemaMigrator

INDEXES = {
    "company_name_trgm": "company USING gin (LOWER(name) gin_trgm_ops)",
    "billing_address_vat_trgm": "billing_address USING gin (UPPER(vat_number) gin_trgm_ops)",
    "invoice_recipient_domain_trgm":
        "invoice_recipient USING gin (LOWER(split_part(email, '@', 2)) gin_trgm_ops)",
}


def up(migrator: SchemaMigrator, db: Database) -> None:
    if not isinstance(db, PostgresqlDatabase):
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, target in INDEXES.items():
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def down(migrator: SchemaMigrator, db: Database) -> None:
    if not isinstance(db, PostgresqlDatabase):
        return
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
