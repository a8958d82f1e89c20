"""An e-mail cut off by Ctrl-C or a killed run is sent by the next run at once (#17 trial: it
waited 30 minutes, "1 to retry later", exit 0): `invoice_delivery.claimed_by` names the process
that holds a `sending` row (store.invoicing.delivery_claims: pid, host, boot, PID namespace and
start time), so another run on the same machine can tell that process is gone. NULL, what every
existing row gets, proves nothing: such a claim is kept STALE_SENDING long, as before. Plain
ALTER TABLE on both databases, like 0028.
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice_delivery ADD COLUMN claimed_by VARCHAR(255)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice_delivery DROP COLUMN claimed_by")
