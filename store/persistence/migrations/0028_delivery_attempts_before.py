"""Every attempt of an e-mail is counted (#17 trial: `invoices deliveries` said "Attempts 1"
after one failed attempt and a resend): `invoice_delivery.attempts_before` holds the attempts
made before the row was last resent, which resets `attempts` (the count the retries' back-off
and MAX_ATTEMPTS read). What is shown is their sum. 0, what every existing row gets, is as
before. Plain ALTER TABLE on both databases, like 0020.
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice_delivery ADD COLUMN attempts_before INTEGER NOT NULL "
                   "DEFAULT 0")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice_delivery DROP COLUMN attempts_before")
