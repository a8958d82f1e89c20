"""What paid each part of an invoice (#17 trial: after Pay now with an open credit note, the
invoice said "Paid on Dec 1, 2026 with CN-000002-0001, Visa •••• 4242" without amounts):
`invoice_payment` holds, per paid invoice, each payment in order (`position`): what paid it
(`paid_by`: a credit note's number or the card's label, as invoice.paid_with names them) and
the amount (`amount_minor`, the invoice's currency). Written when an invoice is paid
(store.invoicing.payment_parts); an invoice paid before has none, and reads as
store.invoicing.payment_parts.payments_of says. Plain CREATE TABLE on both databases.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

TABLE = """
CREATE TABLE invoice_payment (
    id {serial},
    invoice_id INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    paid_by VARCHAR(64) NOT NULL,
    amount_minor BIGINT NOT NULL,
    UNIQUE (invoice_id, position)
)
"""


def up(migrator: SchemaMigrator, db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql(TABLE.format(
        serial="INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT" if sqlite else "SERIAL PRIMARY KEY"))


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("DROP TABLE invoice_payment")
