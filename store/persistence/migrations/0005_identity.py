"""Who is acting, proved: sign-in keys, sessions, the demo marker, where each trail line came from.

SPEC §2 and §10. A person's public keys (`person_key`), the sessions the store signed in
(`sign_in_session`, kept in the database so that several `mycompany serve` processes can front one
database), a `setting` table whose `database.kind` row marks a demo database, each company's own
time zone (rule dates are decided in it), and two audit columns: where the line came from (key
fingerprint and client address, or login and host) and, when admin staff act as someone else, who
they really are. On SQLite a trigger refuses an INSERT over an existing trail line, the path
`REPLACE INTO` / `INSERT OR REPLACE` would take to rewrite one.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

TABLES = """
CREATE TABLE setting (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE person_key (
    id {serial},
    fingerprint VARCHAR(64) NOT NULL UNIQUE,
    algorithm VARCHAR(32) NOT NULL,
    public_key TEXT NOT NULL,
    comment VARCHAR(200),
    person_kind VARCHAR(8) NOT NULL,
    person_email VARCHAR(254) NOT NULL,
    added_at {timestamp} NOT NULL,
    added_by VARCHAR(254) NOT NULL,
    last_used_at {timestamp}
);
CREATE INDEX person_key_person ON person_key (person_email);
CREATE TABLE sign_in_session (
    id {serial},
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    person_kind VARCHAR(8) NOT NULL,
    person_email VARCHAR(254) NOT NULL,
    acting_as VARCHAR(254),
    origin VARCHAR(300) NOT NULL,
    address VARCHAR(64),
    created_at {timestamp} NOT NULL,
    redeemed_at {timestamp},
    last_seen_at {timestamp},
    ended_at {timestamp},
    server VARCHAR(200)
);
CREATE INDEX sign_in_session_person ON sign_in_session (person_email, ended_at);
"""

AUDIT_COLUMNS = ("ALTER TABLE audit_event ADD COLUMN origin VARCHAR(300)",
                 "ALTER TABLE audit_event ADD COLUMN impersonator_email VARCHAR(254)")

# Failed sign-ins are rate-limited per client address by counting the trail's recent refusals.
AUDIT_SIGN_IN_INDEX = "CREATE INDEX audit_event_action_at ON audit_event (action, at)"

NO_REPLACE = ("CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event "
              "WHEN EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id) "
              "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END")


def up(migrator: SchemaMigrator, db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    kinds = ({"serial": "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT", "timestamp": "DATETIME"}
             if sqlite else {"serial": "SERIAL PRIMARY KEY", "timestamp": "TIMESTAMP"})
    for statement in TABLES.format(**kinds).split(";"):
        if statement.strip():
            db.execute_sql(statement)
    for statement in AUDIT_COLUMNS:
        db.execute_sql(statement)
    db.execute_sql(AUDIT_SIGN_IN_INDEX)
    db.execute_sql("ALTER TABLE company ADD COLUMN time_zone VARCHAR(64)")
    if sqlite:
        db.execute_sql(NO_REPLACE)
    # A database `mycompany demo` made before this migration holds its staff, whose addresses are
    # in the reserved .example domain (RFC 2606) and so belong to no real vendor: mark it demo.
    db.execute_sql("INSERT INTO setting (name, value) SELECT 'database.kind', 'demo' "
                   "WHERE EXISTS (SELECT 1 FROM staff WHERE email = 'billing@mycompany.example')")


def down(migrator: SchemaMigrator, db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_no_replace")
    for table in ("sign_in_session", "person_key", "setting"):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
    db.execute_sql("DROP INDEX IF EXISTS audit_event_action_at")
    for table, column in (("audit_event", "origin"), ("audit_event", "impersonator_email"),
                          ("company", "time_zone")):
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
