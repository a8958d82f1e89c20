"""Invoice delivery (SPEC §5 Billing, §11): one row per e-mail of an invoice to a recipient.

`invoice_delivery` holds, per (invoice, address), the status (pending, sending, sent, failed),
the number of attempts, the last attempt's reason (one line) and times in UTC
(store.persistence.models_delivery.InvoiceDelivery; store.invoicing.delivery writes it). Numbered
0010: 0009 is the billing run's invoice columns; migrations run in name order and this one reads
nothing of 0009's.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

TABLE = """
CREATE TABLE invoice_delivery (
    id {serial},
    invoice_id INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
    email VARCHAR(254) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error VARCHAR(300),
    last_attempt_at {timestamp},
    sent_at {timestamp},
    queued_at {timestamp} NOT NULL,
    queued_by VARCHAR(254),
    UNIQUE (invoice_id, email)
)
"""
INDEX = "CREATE INDEX invoice_delivery_status ON invoice_delivery (status)"


def up(migrator: SchemaMigrator, db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql(TABLE.format(
        serial="INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT" if sqlite else "SERIAL PRIMARY KEY",
        timestamp="DATETIME" if sqlite else "TIMESTAMP"))
    db.execute_sql(INDEX)


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("DROP TABLE invoice_delivery")
