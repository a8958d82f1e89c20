"""A closed company's plan changes waiting are cancelled, as closing one now cancels them
(store.plans.plan_changes.cancel_on_close; #18 trial t18: a closed company kept "#2 scheduled"
for ever, and `plans cancel` was refused as closed). Each gets the line the closing now writes,
"plan.change.cancel", by whoever closed the company, when they did, with their reason (the
closing's line), from this migration. Going down, they stay cancelled: the closing stands. Plain
SQL on both databases (a date as text is ISO 8601 on both, as in 0033).
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator

WAITING = ("pc.applied_at IS NULL AND pc.cancelled_at IS NULL AND c.closed_at IS NOT NULL")


def _closing(column: str, company: str = "pc.company_id") -> str:
    """`column` of the closing line (its latest, done) of the company whose id is `company`."""
    return (f"(SELECT e.{column} FROM audit_event e WHERE e.company = {company} "
            "AND e.action = 'company.close' AND e.outcome = 'done' ORDER BY e.id DESC LIMIT 1)")


LINES = f"""
INSERT INTO audit_event (company, at, actor_email, actor_name, actor_role, action, field,
                         old_value, outcome, reason, origin)
SELECT pc.company_id, c.closed_at, {_closing("actor_email")}, {_closing("actor_name")},
       {_closing("actor_role")}, 'plan.change.cancel', 'plan_change',
       '#' || CAST(pc.id AS TEXT) || ' ' || substr(CAST(pc.effective_from AS TEXT), 1, 10),
       'done', {_closing("reason")}, 'migration 0035'
  FROM plan_change pc JOIN company c ON c.id = pc.company_id
 WHERE {WAITING}
 ORDER BY pc.id
"""

CANCELLED = f"""
UPDATE plan_change SET
  cancelled_at = (SELECT c.closed_at FROM company c WHERE c.id = plan_change.company_id),
  cancelled_by = {_closing("actor_email", "plan_change.company_id")}
 WHERE applied_at IS NULL AND cancelled_at IS NULL
   AND company_id IN (SELECT c.id FROM company c WHERE c.closed_at IS NOT NULL)
"""


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql(LINES)
    db.execute_sql(CANCELLED)


def down(migrator: SchemaMigrator, db: Database) -> None:
    """The changes stay cancelled (see above)."""
