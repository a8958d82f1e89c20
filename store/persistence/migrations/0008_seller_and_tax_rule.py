"""The seller and the tax rule (SPEC §5 Tax, §11): the vendor's own settings, and on each invoice
the rule that decided its VAT.

`seller` holds one row (id 1): the legal name, an address with a billing address's fields, the
VAT number, the registration, the legal mentions printed on invoices and the default payment
terms in days (0: due on issue), with a version; admin staff set it (store.invoicing.seller).
`invoice` gains `tax_rule` (store.invoicing.tax's code) and `tax_mention` (the mention as printed).
Invoices that exist before this migration were written by the demo or an import, not decided by the
rule: they get `legacy` (the column's default) and no mention, whatever their figures say (the
demo's German invoices carry 19 %, which the rule would not charge a German business with a VAT
number).
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

SELLER = """
CREATE TABLE seller (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    legal_name VARCHAR(200) NOT NULL,
    line1 VARCHAR(200) NOT NULL,
    line2 VARCHAR(200),
    postal_code VARCHAR(20),
    city VARCHAR(100) NOT NULL,
    state VARCHAR(64),
    country VARCHAR(2) NOT NULL,
    vat_number VARCHAR(32) NOT NULL,
    registration VARCHAR(200),
    legal_mentions TEXT,
    payment_terms_days INTEGER NOT NULL DEFAULT 0 CHECK (payment_terms_days >= 0),
    version INTEGER NOT NULL DEFAULT 1,
    updated_at {timestamp},
    updated_by VARCHAR(255)
)
"""

INVOICE_COLUMNS = ("ALTER TABLE invoice ADD COLUMN tax_rule VARCHAR(32) NOT NULL DEFAULT 'legacy'",
                   "ALTER TABLE invoice ADD COLUMN tax_mention TEXT")


def up(migrator: SchemaMigrator, db: Database) -> None:
    timestamp = "DATETIME" if isinstance(db, SqliteDatabase) else "TIMESTAMP"
    db.execute_sql(SELLER.format(timestamp=timestamp))
    for statement in INVOICE_COLUMNS:
        db.execute_sql(statement)


def down(migrator: SchemaMigrator, db: Database) -> None:
    for column in ("tax_rule", "tax_mention"):
        db.execute_sql(f"ALTER TABLE invoice DROP COLUMN {column}")
    db.execute_sql("DROP TABLE seller")
