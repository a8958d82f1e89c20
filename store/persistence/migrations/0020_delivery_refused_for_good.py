"""An e-mail whose recipient's server refused the address for good is not tried again (#17 trial:
a `550 mailbox unavailable` was retried five times over seven hours): `invoice_delivery.permanent`
is true when the last attempt got a permanent refusal of the recipient (RFC 5321 §4.2.1, a 5yz
reply to RCPT TO). False, what every existing row gets, is as before. Plain ALTER TABLE on both
databases, like 0015.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    false = "0" if isinstance(db, SqliteDatabase) else "FALSE"
    db.execute_sql(f"ALTER TABLE invoice_delivery ADD COLUMN permanent BOOLEAN NOT NULL "
                   f"DEFAULT {false}")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice_delivery DROP COLUMN permanent")
