"""A team can be deactivated (`mycompany sync`, SPEC §11): the telephony platform's feed lists a
company's complete set of teams, and a team it omits is deactivated, never deleted, like a user
or a number. Every existing team is active; the Plan tab counts active teams (R9).

The column has the database's own default, so a writer that does not name it (the demo's bulk
inserts, another program) makes an active team.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    true = "1" if isinstance(db, SqliteDatabase) else "TRUE"
    db.execute_sql(f"ALTER TABLE team ADD COLUMN active BOOLEAN NOT NULL DEFAULT {true}")
    db.execute_sql("CREATE INDEX team_company_id_active ON team (company_id, active)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("DROP INDEX IF EXISTS team_company_id_active")
    db.execute_sql("ALTER TABLE team DROP COLUMN active")
