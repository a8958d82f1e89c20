"""PostgreSQL's two roles (SPEC §7): an owner role migrates, an application role runs the program.

The owner role owns the schema's tables, sequences, functions and triggers; it runs the migrations
(`mycompany init`, or any start with the owner's URL). The application role is the login that
`mycompany serve`, the screens and the commands use. `grant_app_role(ROLE)`, run as the owner,
gives it exactly what the program needs and nothing it could rewrite the audit trail with:

- SELECT, INSERT, UPDATE, DELETE on every table of the program's schema, except
  `audit_event` (SELECT and INSERT: the trail is append-only) and `schema_migration` (SELECT:
  the program reads which migrations ran; only the owner migrates);
- USAGE on the schema and on its sequences (the id columns' nextval);
- no TRUNCATE, REFERENCES or TRIGGER on any table, no CREATE on the schema, no ownership of
  anything, no membership of the owner role. Only a table's owner may DROP or ALTER it, or
  DROP or DISABLE its triggers, so the role cannot take the trail's trigger away; without
  UPDATE or DELETE it cannot even reach that trigger.

What the role may do in the end (its own grants, PUBLIC's, those of roles it belongs to) is read
back from PostgreSQL and compared with the list above; anything more is refused with the SQL that
would remove it. A migration that adds tables grants them at once to every role granted before
(`regrant`), so the application role never lags behind the schema nor gets more than this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.errors import NotFound, Refused, StorageError, StoreError
from store.i18n import _

if TYPE_CHECKING:
    from peewee import Database, DatabaseProxy

READ_WRITE = ("SELECT", "INSERT", "UPDATE", "DELETE")
GRANTED = {"audit_event": ("SELECT", "INSERT"), "schema_migration": ("SELECT",)}
TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")

TABLES = """
SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner), pg_has_role(c.relowner, 'USAGE')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')
 ORDER BY c.relname
"""
# The roles the tables were granted to before: those the owner gave SELECT on the history.
GRANTEES = """
SELECT DISTINCT pg_get_userbyid(a.grantee)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
       aclexplode(c.relacl) a
 WHERE n.nspname = current_schema() AND c.relname = 'schema_migration'
   AND a.privilege_type = 'SELECT' AND a.grantee <> 0 AND a.grantee <> c.relowner
"""


class RolesNeedPostgres(StoreError):
    """The bound database is SQLite, which has no roles (its file's mode guards it); exit 2."""

    exit_status = 2


@dataclass(frozen=True)
class AppRoleGrant:
    """What `grant_app_role` granted: the role, the schema, and the tables by privilege."""

    role: str
    schema: str
    read_write: tuple[str, ...]
    append_only: tuple[str, ...]
    read_only: tuple[str, ...]


def grant_app_role(role: str) -> AppRoleGrant:
    """Grant `role` the application role's rights on the bound PostgreSQL database (SPEC §7).

    Run as the owner role (the tables' owner), after the database is migrated. Idempotent: run it
    again after an upgrade, or for a second application role. Recorded in the audit trail, by
    this database login (the owner role's).

    Raises RolesNeedPostgres (exit 2) on SQLite; NotFound (5) when the role does not exist;
    Refused (3) when the role is this login, a superuser, may create roles, is or belongs to the
    tables' owner, or keeps a right beyond the list (through PUBLIC or another role), or when this
    login does not own the tables.
    """
    from store.persistence.db import database, is_postgres, transaction
    from store.trail.audit import record

    if not is_postgres():
        raise RolesNeedPostgres(_("Roles are a PostgreSQL matter: a SQLite database is guarded "
                                  "by its file's mode (0600), not by grants."))
    with transaction():
        summary = _grant(database, role, check_role=True)
        login = database.execute_sql("SELECT current_user").fetchone()[0]
        record(None, None, "database.app_role", new=role, database_login=login)
    return summary


def regrant(db: Database) -> list[str]:
    """After migrating (as the owner), grant every table again to the roles granted before.

    Returns those roles. Raises Refused as `grant_app_role` does when one of them now holds more
    than the application role's rights.
    """
    with db.atomic():
        roles = [row[0] for row in db.execute_sql(GRANTEES)]
        for role in roles:
            _grant(db, role, check_role=False)
    return roles


def ensure_may_migrate(db: Database, pending: list[str]) -> None:
    """Refuse in one line, before any DDL, a login that may not migrate this PostgreSQL database.

    The login may migrate when it belongs to the owner of the migration history, or, on a
    database with no history yet, may create tables in the schema. Raises StorageError (exit 6)
    telling the application role to ask the owner role.
    """
    row = db.execute_sql(
        "SELECT current_user, COALESCE((SELECT pg_has_role(c.relowner, 'USAGE') FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
        "AND c.relname = 'schema_migration'), has_schema_privilege(current_schema(), 'CREATE'))"
    ).fetchone()
    if not row[1]:
        raise StorageError(
            _("The database needs migrating ({names}), which the role {role} may not do; ask the "
              "owner role to migrate: `mycompany --db OWNER_URL init --admin-email EMAIL "
              "--admin-name NAME` for a new database, `mycompany --db OWNER_URL grant-app-role "
              "{role}` after an upgrade.").format(names=", ".join(pending), role=row[0]))


def _ident(name: str) -> str:
    """`name` as a quoted SQL identifier (PostgreSQL's quote_ident, always quoting)."""
    return '"' + name.replace('"', '""') + '"'


def _grant(db: Database | DatabaseProxy, role: str, *, check_role: bool) -> AppRoleGrant:
    """The GRANT and REVOKE statements for one role, then the check of what it may do."""
    found = db.execute_sql(
        "SELECT rolsuper, rolcreaterole, current_user, current_schema() FROM pg_roles "
        "WHERE rolname = %s", (role,)).fetchone()
    if found is None:
        raise NotFound(_("There is no role {role} on this server; create it first, as a "
                         "superuser: CREATE ROLE {role} LOGIN PASSWORD '…'").format(role=role))
    superuser, creates_roles, me, schema = found
    if check_role and (role == me or superuser or creates_roles):
        raise Refused(_("{role} cannot be the application role: it is this login, a superuser or "
                        "may create roles, and so could change the schema or the trail's "
                        "triggers.").format(role=role))
    rows = db.execute_sql(TABLES).fetchall()
    foreign = [f"{name} ({owner})" for name, _kind, owner, mine in rows if not mine]
    if foreign:
        raise Refused(_("Run this as the owner role of the tables; these belong to another role: "
                        "{tables}.").format(tables=", ".join(foreign)))
    who, where = _ident(role), _ident(schema)
    db.execute_sql(f"GRANT USAGE ON SCHEMA {where} TO {who}")
    db.execute_sql(f"REVOKE CREATE ON SCHEMA {where} FROM {who}")
    tables = {}
    for name, kind, _owner, _mine in rows:
        target = f"{where}.{_ident(name)}"
        if kind == "S":
            db.execute_sql(f"REVOKE ALL ON SEQUENCE {target} FROM {who}")
            db.execute_sql(f"GRANT USAGE ON SEQUENCE {target} TO {who}")
            continue
        tables[name] = GRANTED.get(name, READ_WRITE)
        # REVOKE ALL on a table takes its column grants with it.
        db.execute_sql(f"REVOKE ALL ON TABLE {target} FROM {who}")
        db.execute_sql(f"GRANT {', '.join(tables[name])} ON TABLE {target} TO {who}")
    _check(db, role, schema, tables)
    return AppRoleGrant(
        role=role, schema=schema,
        read_write=tuple(t for t, p in tables.items() if p == READ_WRITE),
        append_only=tuple(t for t, p in tables.items() if p == GRANTED["audit_event"]),
        read_only=tuple(t for t, p in tables.items() if p == GRANTED["schema_migration"]))


# What `role` may do on each table of the schema, whatever the source (its grants, PUBLIC's,
# its roles'); a column grant counts as the table's (UPDATE of one column of the trail is one).
HELD = """
SELECT c.relname, p.name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
       unnest(%s::text[]) AS p(name)
 WHERE n.nspname = %s AND c.relkind IN ('r', 'p')
   AND CASE WHEN p.name IN ('DELETE', 'TRUNCATE', 'TRIGGER')
            THEN has_table_privilege(%s, c.oid, p.name)
            ELSE has_any_column_privilege(%s, c.oid, p.name) END
"""
ROLE_RIGHTS = """
SELECT has_schema_privilege(%s, %s, 'USAGE'), has_schema_privilege(%s, %s, 'CREATE'),
       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = %s AND pg_has_role(%s, c.relowner, 'MEMBER'))
"""


def _check(
    db: Database | DatabaseProxy, role: str, schema: str, tables: dict[str, tuple[str, ...]]
) -> None:
    """Read back what `role` may do and refuse anything beyond `tables` (or no USAGE)."""
    held = db.execute_sql(HELD, (list(TABLE_PRIVILEGES), schema, role, role)).fetchall()
    extra = [f"{p} ON {name}" for name, p in held if p not in tables.get(name, ())]
    uses, creates, owns = db.execute_sql(
        ROLE_RIGHTS, (role, schema, role, schema, schema, role)).fetchone()
    if not uses:
        raise Refused(_("{role} cannot use the schema {schema}: as the schema's owner, run GRANT "
                        "USAGE ON SCHEMA {schema} TO {role}, then this again.").format(
                            role=role, schema=schema))
    if creates:
        extra.append(f"CREATE ON SCHEMA {schema}")
    if owns:
        extra.append(_("ownership of the tables (it is, or belongs to, their owner)"))
    if extra:
        raise Refused(_("{role} would still have: {rights} (through PUBLIC or a role it belongs "
                        "to). Revoke them there, e.g. REVOKE CREATE ON SCHEMA {schema} FROM "
                        "PUBLIC, then run this again.").format(
                            role=role, rights="; ".join(extra), schema=schema))
