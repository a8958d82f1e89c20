"""A credited month stays invoiced (#17 trial r2: four partial credit notes cancelled
INV-000002-0001, and the next routine run issued and charged INV-000002-0002). Until now an
invoice credited in full gave up its billing period, so the next run billed the month again;
now only the billing team's `invoices credit --reissue` frees it (store.invoicing.credit_notes).
The months freed before, and not invoiced again since, are held again by their invoice (the
latest, when a month was credited more than once); the billing team frees one with `--reissue`.
Going down, they stay held: the older program then does not bill them again either. One UPDATE
on both databases (a date as text is ISO 8601 on both, as in 0009).
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator

MONTH = "substr(CAST(invoice.period_start AS TEXT), 1, 7)"
HELD_AGAIN = f"""
UPDATE invoice SET billing_period = {MONTH}
WHERE kind = 'invoice' AND billing_period IS NULL
  AND id = (SELECT MAX(same.id) FROM invoice same
            WHERE same.company_id = invoice.company_id AND same.kind = 'invoice'
              AND same.billing_period IS NULL AND same.period_start = invoice.period_start)
  AND NOT EXISTS (SELECT 1 FROM invoice held
                  WHERE held.company_id = invoice.company_id AND held.kind = 'invoice'
                    AND held.billing_period = {MONTH})
"""


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql(HELD_AGAIN)


def down(migrator: SchemaMigrator, db: Database) -> None:
    """The months stay held (see above)."""
