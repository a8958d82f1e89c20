"""What the billing run charges (#17 trial r2: a re-run charged an invoice issued while the
company had no card, to the card its owner had just added and been told to pay it with):
`invoice.charge_at_issue` says the run that issued the invoice was to charge it at issue, the
company able to pay it then (a card on file, or credit notes covering it:
store.invoicing.at_issue.issue_charge, decided in the issuing transaction). A later run of the
period charges an open invoice only when it holds this and no charge of it was tried (a run
stopped before charging it: store.invoicing.at_issue.still_to_charge); one issued while the
company had no card stays open for the owner's Pay now, a card added since or not. Existing
invoices get false: never charged by a run without the owner. Plain ALTER TABLE on both
databases, like 0020.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    false = "0" if isinstance(db, SqliteDatabase) else "FALSE"
    db.execute_sql(f"ALTER TABLE invoice ADD COLUMN charge_at_issue BOOLEAN NOT NULL "
                   f"DEFAULT {false}")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE invoice DROP COLUMN charge_at_issue")
