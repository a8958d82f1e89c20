"""The seller's bank account (#17 trial: no invoice said where to pay by transfer): `seller.iban`
(ISO 13616, stored compact and upper-case, at most 34 characters) and `seller.bic` (ISO 9362, 8
or 11 characters), both optional, printed on every invoice when set (store.invoicing.seller,
store.documents.pdf). Existing sellers have none: NULL, as before. Plain ALTER TABLE on both
databases, like 0022.
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE seller ADD COLUMN iban VARCHAR(34)")
    db.execute_sql("ALTER TABLE seller ADD COLUMN bic VARCHAR(11)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE seller DROP COLUMN bic")
    db.execute_sql("ALTER TABLE seller DROP COLUMN iban")
