"""An invoice's e-mail can be cancelled (#17): an invoice credited in full before its e-mail went
must not be sent after it (store.invoicing.credit_notes), and its delivery row says so: status
`cancelled`, with the credit note named in `last_error`.

0010's CHECK on `invoice_delivery.status` allowed pending, sending, sent and failed only. On
PostgreSQL the constraint is replaced; SQLite cannot change a CHECK, so the table is made again
with the new one and its rows copied, ids included (SQLite's documented way to alter a table:
create, copy, drop, rename, then the indexes again). Going down, a cancelled row reads failed
with its reason kept.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

STATUSES = {"up": "'pending', 'sending', 'sent', 'failed', 'cancelled'",
            "down": "'pending', 'sending', 'sent', 'failed'"}
TABLE = """
CREATE TABLE {name} (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    invoice_id INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
    email VARCHAR(254) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending' CHECK (status IN ({statuses})),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error VARCHAR(300),
    last_attempt_at DATETIME,
    sent_at DATETIME,
    queued_at DATETIME NOT NULL,
    queued_by VARCHAR(254),
    UNIQUE (invoice_id, email)
)
"""
COLUMNS = ("id, invoice_id, email, status, attempts, last_error, last_attempt_at, sent_at, "
           "queued_at, queued_by")


def _allow(db: Database, statuses: str) -> None:
    if not isinstance(db, SqliteDatabase):
        db.execute_sql("ALTER TABLE invoice_delivery DROP CONSTRAINT invoice_delivery_status_check")
        db.execute_sql("ALTER TABLE invoice_delivery ADD CONSTRAINT invoice_delivery_status_check "
                       f"CHECK (status IN ({statuses}))")
        return
    db.execute_sql(TABLE.format(name="invoice_delivery_new", statuses=statuses))
    db.execute_sql(f"INSERT INTO invoice_delivery_new ({COLUMNS}) "
                   f"SELECT {COLUMNS} FROM invoice_delivery")
    db.execute_sql("DROP TABLE invoice_delivery")
    db.execute_sql("ALTER TABLE invoice_delivery_new RENAME TO invoice_delivery")
    db.execute_sql("CREATE INDEX invoice_delivery_status ON invoice_delivery (status)")


def up(migrator: SchemaMigrator, db: Database) -> None:
    _allow(db, STATUSES["up"])


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("UPDATE invoice_delivery SET status = 'failed' WHERE status = 'cancelled'")
    _allow(db, STATUSES["down"])
