"""One payment at a time per company (#17 trial: two `invoices issue` at once, or a run and the
owner's `invoices pay`, both charged the card for INV-000002-0016): `payment_claim` holds, per
company, the payment under way (who claimed it, `token`, and since when, UTC). A payer inserts
the company's row before calling the gateway and deletes it once the outcome is written; the
primary key lets only one win (store.invoicing.payment_claim). A row left by a process that died
is taken over after store.invoicing.payment_claim.STALE. Plain CREATE TABLE on both databases.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

TABLE = """
CREATE TABLE payment_claim (
    company_id INTEGER NOT NULL PRIMARY KEY REFERENCES company (id) ON DELETE CASCADE,
    token VARCHAR(32) NOT NULL,
    claimed_at {timestamp} NOT NULL
)
"""


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql(TABLE.format(
        timestamp="DATETIME" if isinstance(db, SqliteDatabase) else "TIMESTAMP"))


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("DROP TABLE payment_claim")
