"""An invoice keeps its seller as issued (#17: an accountant's invoice does not change when the
vendor moves): `invoice.seller_details`, the seller's legal details at issue as a JSON document
(store.invoicing.seller.seller_record). NULL, what every invoice issued before this migration gets,
prints the seller's current settings, as those invoices always did. Plain ALTER TABLE on both
databases, like 0015.
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice ADD COLUMN seller_details TEXT")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice DROP COLUMN seller_details")
