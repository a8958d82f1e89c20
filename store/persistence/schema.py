"""The schema's migrations: which ones a database has, and running those it lacks.

Split from store.persistence.db, which opens the database and runs transactions: this module is
everything about the `schema_migration` history playhouse.migrations keeps and the scripts in
migrations/. open_database asks it whether a database is ours and up to date (`check_known`,
`known_migrations`) and, when it is not, to upgrade it (`migrate`): one program at a time
(`_migration_lock`), on PostgreSQL only the owner role (store.persistence.roles).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from peewee import Database, DatabaseError, PostgresqlDatabase, SqliteDatabase

from store.errors import StorageError
from store.i18n import _

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HISTORY_TABLE = "schema_migration"
MIGRATION_LOCK_KEY = 0x6D79636F  # "myco": PostgreSQL advisory lock held while migrating


def known_migrations() -> set[str]:
    """The names of this program's migrations ("0001_initial", ...): the scripts in
    MIGRATIONS_DIR."""
    return {p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py")}


def check_known(tables: set[str], applied: set[str]) -> None:
    """Refuse a database that is not ours or is newer than this program, untouched.

    `tables`: the database's table names; `applied`: the migrations its history names. Raises
    StorageError when it has tables but no history (another program's database) or names a
    migration this program does not have (made by a newer mycompany).
    """
    if HISTORY_TABLE not in tables and tables:
        raise StorageError(_("This database was not made by mycompany; it was left untouched."))
    unknown = sorted(applied - known_migrations())
    if unknown:
        raise StorageError(
            _("This database was made by a newer mycompany ({names}); upgrade the program.").format(
                names=", ".join(unknown)
            )
        )


def migrate(db: Database) -> None:
    """Run the pending migrations. On PostgreSQL only a login that may change the schema (the
    owner role) does; it then grants the new tables to the application roles (store.roles).

    Raises StorageError (check_known) for a database that is not ours or is newer, and
    store.persistence.roles.ensure_may_migrate's for the application role.
    """
    from playhouse.migrations import Runner

    from store import clock

    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.History.applied.default = clock.now  # stored in UTC, like every timestamp (SPEC §2)
    pending = _pending(db, runner)
    if not pending:  # the usual start: nothing to do, no lock taken
        return
    if isinstance(db, PostgresqlDatabase):
        from store.persistence.roles import ensure_may_migrate

        ensure_may_migrate(db, pending)  # the application role: one line, before any DDL
    with _migration_lock(db):
        if _pending(db, runner):  # read again: another program may have just done it
            runner.up()
            if isinstance(db, PostgresqlDatabase):
                from store.persistence.roles import regrant

                regrant(db)


def _pending(db: Database, runner: Any) -> list[str]:
    """The migrations left to run, in order (refusing a database that is not ours or newer)."""
    with contextlib.suppress(DatabaseError):  # the usual start: one query, the history itself
        applied = {row[0] for row in db.execute_sql(f"SELECT name FROM {HISTORY_TABLE}")}
        if applied:
            check_known({HISTORY_TABLE}, applied)
            return sorted(known_migrations() - applied)
    tables = set(db.get_tables())
    status = runner.status()
    check_known(tables, {m.name for m in status if m.applied})
    return [m.name for m in status if m.applied is None]


@contextlib.contextmanager
def _migration_lock(db: Database) -> Iterator[None]:
    """Programs starting together migrate one after the other, the later ones finding it done.

    PostgreSQL: an advisory lock. SQLite: one IMMEDIATE transaction around the whole upgrade
    (each migration's own transaction is not enough: what to run is read before it). Foreign keys
    go off first, as the migrator does for each step outside a transaction: the pragma is ignored
    inside one, and a table rebuilt with them on would cascade-delete the rows pointing at it.
    """
    if isinstance(db, SqliteDatabase):
        db.pragma("foreign_keys", 0)
        try:
            with db.atomic():
                yield
        finally:
            db.pragma("foreign_keys", 1)
        return
    if not isinstance(db, PostgresqlDatabase):
        yield
        return
    db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    try:
        yield
    finally:
        db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
