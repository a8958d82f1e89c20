"""Contract terms and the billing run (SPEC §4 header, §5 invoices, §11 billing run).

- `subscription.term` replaces `frequency`: monthly | annual_monthly (annual contract, invoiced
  monthly) | annual_upfront (annual contract, paid for the year upfront). The catalogue keeps its
  two price lists (`price.frequency`: monthly, annual); the annual list serves both annual terms
  (store.plans.terms). An existing `annual` subscription showed "/year" amounts: it becomes
  annual_upfront.
- `invoice.billing_period` (YYYY-MM, the first month the invoice covers; NULL for credit notes
  and for invoices made before the run) with a UNIQUE index on (company, kind, period): one
  invoice per company and period, whichever server runs the billing run (NULLs never collide).
  Existing invoices get their period from `period_start`, so a run never bills a month twice.
- `invoice.due_on` (payment terms: the issue date plus the seller's days; existing invoices are
  due on issue), `invoice.paid_with` (the payment method as it was when paid: "Visa •••• 4242"),
  `invoice.corrects_id` (a credit note's invoice; an invoice is never edited once issued).
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator

TERM_COLUMN = ("ALTER TABLE subscription ADD COLUMN term VARCHAR(16) NOT NULL DEFAULT 'monthly' "
               "CHECK (term IN ('monthly', 'annual_monthly', 'annual_upfront'))")
INVOICE_COLUMNS = (
    "ALTER TABLE invoice ADD COLUMN billing_period VARCHAR(7)",
    "ALTER TABLE invoice ADD COLUMN due_on DATE",
    "ALTER TABLE invoice ADD COLUMN paid_with VARCHAR(64)",
    "ALTER TABLE invoice ADD COLUMN corrects_id INTEGER REFERENCES invoice (id)",
)
ONE_PER_PERIOD = ("CREATE UNIQUE INDEX invoice_company_kind_period "
                  "ON invoice (company_id, kind, billing_period)")


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql(TERM_COLUMN)
    db.execute_sql("UPDATE subscription SET term = 'annual_upfront' WHERE frequency = 'annual'")
    db.execute_sql("ALTER TABLE subscription DROP COLUMN frequency")
    for statement in INVOICE_COLUMNS:
        db.execute_sql(statement)
    db.execute_sql("UPDATE invoice SET due_on = issued_on")
    # One statement, whatever the number of invoices: a date as text is ISO 8601 on both.
    db.execute_sql("UPDATE invoice SET billing_period = substr(CAST(period_start AS TEXT), 1, 7) "
                   "WHERE kind = 'invoice'")
    db.execute_sql(ONE_PER_PERIOD)


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("DROP INDEX invoice_company_kind_period")
    for column in ("corrects_id", "paid_with", "due_on", "billing_period"):
        db.execute_sql(f"ALTER TABLE invoice DROP COLUMN {column}")
    db.execute_sql("ALTER TABLE subscription ADD COLUMN frequency VARCHAR(8) NOT NULL "
                   "DEFAULT 'monthly'")
    db.execute_sql("UPDATE subscription SET frequency = 'annual' WHERE term <> 'monthly'")
    db.execute_sql("ALTER TABLE subscription DROP COLUMN term")
