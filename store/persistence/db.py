"""The database handle: open a URL or the default SQLite file, set pragmas and file modes, and
run each service in one transaction (`transaction`, `retried`).

Which migrations a database has and running the missing ones is store.persistence.schema's.
"""

from __future__ import annotations

import contextlib
import functools
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ParamSpec, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from peewee import (
    Database,
    DatabaseError,
    DatabaseProxy,
    OperationalError,
    PostgresqlDatabase,
    SqliteDatabase,
)

from store.errors import (
    Busy,
    Conflict,
    ConnectionLost,
    DiskFull,
    StorageError,
    StoreError,
    database_failure,
    file_failure,
)
from store.i18n import _
from store.persistence import schema
from store.persistence.folding import register as register_search_fold
from store.persistence.schema import HISTORY_TABLE
from store.persistence.sqlite_file import (
    READ_ONLY_PRAGMAS,
    bad_scheme,
    full_disk_uri,
    holds_data,
    prepare_sqlite_file,
    read_only_uri,
    refuse_dangling_link,
)
from store.service_call import service_call

P = ParamSpec("P")
T = TypeVar("T")

database = DatabaseProxy()

BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS: dict[str, str | int] = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a committed change survives a power cut
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "secure_delete": 1,  # deleted rows (an old card token) are overwritten, not left in free pages
}


def default_database_path() -> Path:
    """The SQLite file used without --db or MYCOMPANY_DATABASE_URL (SPEC §7)."""
    import platformdirs

    return platformdirs.user_data_path("mycompany") / "mycompany.sqlite3"


def database_url_for(path: Path) -> str:
    """The `sqlite:///` URL of a file path."""
    return "sqlite:///" + str(Path(path).absolute())


def _inspect_existing_sqlite(path: Path, full_disk: bool = False) -> set[str] | None:
    """Read-only look at an existing file before any pragma can write to it (WAL rewrites the
    header); `full_disk`: as its disk is full (sqlite_file.full_disk_uri).

    A damaged file, another program's database or a newer schema is refused untouched. Returns
    the migrations the file has (None for a new, empty file): one query on the usual start.
    """
    if path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StorageError(_("{path} is not a SQLite database (damaged or another kind of "
                                 "file); it was left untouched.").format(path=path))
    # With no -wal beside it the file holds everything: `immutable` reads it without creating the
    # -wal and -shm files a read-only open of a WAL database would leave next to a refused file.
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(full_disk_uri(path) if full_disk and wal.exists() else
                               f"{path.absolute().as_uri()}?{options}", uri=True)
        try:
            try:
                applied = {r[0] for r in conn.execute(f"SELECT name FROM {HISTORY_TABLE}")}
                tables = {HISTORY_TABLE}
            except sqlite3.OperationalError as exc:
                if "no such table" not in str(exc):
                    raise
                applied = set()
                tables = {r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise database_failure(exc, str(path.absolute().parent)) or StorageError(
            _("The database cannot be read ({error}); it was left untouched.").format(error=exc)
        ) from exc
    schema.check_known(tables, applied)
    return applied


def connect_url(url: str) -> Database:
    """A peewee Database for `url` (sqlite:///path or postgresql://...), not yet connected."""
    return _connect_url(url)[0]


class FullDiskReader(SqliteDatabase):
    """A SQLite database opened for reading only because its disk was full (open_database): its
    writes fail as read-only, which is said as the full disk it is (failure_in)."""


def _connect_url(url: str, create: bool = True,
                 full_disk: bool = False) -> tuple[Database, set[str] | None]:
    """connect_url, and for an existing SQLite file the migrations it has (else None);
    `full_disk`: a SQLite file is opened for reading only, as its disk is full (FullDiskReader)."""
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("sqlite", "postgres", "postgresql"):
        raise StorageError(bad_scheme(url))
    if scheme == "sqlite":
        # The file name as playhouse.db_url reads it (the path after the third slash), without
        # importing db_url and the SQLite extensions it loads: this is on the way to each start.
        name = unquote(urlsplit(url).path[1:])
        if not name or name == ":memory:":
            raise StorageError(_("Give the SQLite database as a file: sqlite:///path/to/file."))
        refuse_dangling_link(Path(name))
        if not create and not holds_data(Path(name)):
            raise StorageError(_("There is no database at {path}: make one with `mycompany init "
                                 "--admin-email EMAIL --admin-name NAME`, or try `mycompany "
                                 "--demo`.").format(path=Path(name).absolute()))
        prepare_sqlite_file(Path(name))
        applied = _inspect_existing_sqlite(Path(name), full_disk)
        read_only = full_disk_uri(Path(name)) if full_disk else read_only_uri(Path(name))
        # Read-only: reads work; a write fails as read-only (database_failure).
        db = (FullDiskReader if full_disk else SqliteDatabase)(
            read_only or name, uri=read_only is not None, timeout=10,
            pragmas=SQLITE_PRAGMAS if read_only is None else READ_ONLY_PRAGMAS,
            lock_type="IMMEDIATE")
        register_search_fold(db)  # migration 0012's triggers call it (0014: no longer)
        return db, applied
    from playhouse import db_url

    try:
        parsed = db_url.parse(url)
    except Exception as exc:  # urllib raises ValueError on a malformed port and the like
        raise StorageError(_("The database URL is not valid: {error}").format(error=exc)) from exc
    if not parsed.get("database"):  # peewee would fail at connect with a trace
        raise StorageError(_("The database URL names no database: add its name after the "
                             "host, postgresql://HOST/NAME."))
    extra = {"isolation_level": "SERIALIZABLE"}
    if "options" not in parsed:  # a writer waits for a row lock as long as SQLite's busy_timeout
        extra["options"] = f"-c lock_timeout={BUSY_TIMEOUT_MS}"
    try:
        from store.persistence.postgres import ReconnectingPostgresqlDatabase

        return ReconnectingPostgresqlDatabase(**{**parsed, **extra}), None
    except ImportError as exc:
        raise StorageError(
            _("PostgreSQL needs the driver: pip install 'mycompany[postgres]'.")
        ) from exc


def open_database(url: str | None = None, *, migrate: bool = True, create: bool = True,
                  readable_when_full: bool = True) -> Database:
    """Open `url` (default: the SQLite file of SPEC §7), bind the models to it and migrate it.

    `create=False` (the command line, except `init` and `demo`): a SQLite file that does not
    exist, or a PostgreSQL database with no schema yet, is refused with StorageError instead of
    being made into an empty database nobody administers (SPEC §2: the first person of a real
    database comes from `mycompany init`).

    Raises StorageError with one clear sentence when the URL is bad, the file is damaged or not
    ours, or the schema is newer than this program, or when PostgreSQL's application role opens
    a database that needs migrating (SPEC §7: only the owner role migrates; store.roles), or
    when the disk is full or the file read-only (store.errors.database_failure); Busy
    when another program kept the file locked (creating or upgrading it) for longer than the
    busy timeout.

    A SQLite file whose disk is full is opened for reading only (FullDiskReader): everything can
    be shown, and each save is refused as the full disk (#15 trial: the usual open grows the
    WAL index first, so a full disk refused even `show plan`). It stays so until the program is
    started again; `readable_when_full=False` (the SSH server, which lives on and must write
    its sessions) refuses such a file as a full disk instead.
    """
    url = url or database_url_for(default_database_path())
    try:
        return _open(url, migrate, create, full_disk=False)
    except DiskFull:
        if not readable_when_full or not url.lower().startswith("sqlite"):
            raise
    try:
        return _open(url, migrate, create, full_disk=True)
    except OSError as exc:  # the empty -shm could not be made (sqlite_file.full_disk_uri)
        raise StorageError(_("The database cannot be read ({error}); it was left "
                             "untouched.").format(error=file_failure(exc).message)) from exc


def _open(url: str, migrate: bool, create: bool, full_disk: bool) -> Database:
    db, applied = _connect_url(url, create, full_disk)
    database.initialize(db)
    try:
        _connect(db)
        if not create and applied is None and HISTORY_TABLE not in db.get_tables():
            db.close()
            raise StorageError(_("This database is empty: make it with `mycompany init "
                                 "--admin-email EMAIL --admin-name NAME`."))
        # `applied` was read from the file just now: a SQLite file up to date needs no query.
        if migrate and applied != schema.known_migrations():
            schema.migrate(db)
    except StorageError:
        with contextlib.suppress(Exception):
            db.close()
        raise
    except (sqlite3.DatabaseError, DatabaseError) as exc:
        with contextlib.suppress(Exception):
            db.close()
        if _is_locked(exc):
            raise Busy() from exc
        failure = failure_in(exc, db)  # full disk, read-only file
        if failure is not None:
            raise failure from exc
        if _sqlstate(exc) == "42501":  # insufficient_privilege: an application role not granted
            raise StorageError(
                _("This database login may not use the database ({error}); ask the owner role "
                  "to grant it: `mycompany --db OWNER_URL grant-app-role ROLE`.").format(
                    error=str(exc).strip().splitlines()[0])) from exc
        raise StorageError(
            _("The database cannot be read ({error}); it was left untouched.").format(error=exc)
        ) from exc
    return db


def failure_in(exc: BaseException, db: Database | None) -> StoreError | None:
    """store.errors.database_failure of `exc` raised by `db`: its folder looked at, and a write
    refused by a FullDiskReader said as the full disk, and by any database opened for reading
    only as lasting until mycompany starts again (StorageError.until_restart)."""
    return database_failure(exc, database_folder(db), full_at_open=isinstance(db, FullDiskReader),
                            read_only_at_open=opened_read_only(db))


def opened_read_only(db: Database | None) -> bool:
    """Whether `db` is a SQLite file opened for reading only (read_only_uri, full_disk_uri)."""
    if not isinstance(db, SqliteDatabase) or not str(db.database).startswith("file:"):
        return False
    return parse_qs(urlsplit(str(db.database)).query).get("mode") == ["ro"]


def database_folder(db: Database | None) -> str | None:
    """The folder of a SQLite database's file (None on PostgreSQL): where a full disk is looked
    for when SQLite reports an I/O error (store.errors.database_failure)."""
    if not isinstance(db, SqliteDatabase) or not db.database:
        return None
    name = str(db.database)
    if name.startswith("file:"):  # a read-only file opened by URI (read_only_uri)
        name = unquote(urlsplit(name).path)
    return os.path.dirname(os.path.abspath(name))


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, (OperationalError, sqlite3.OperationalError)) and (
        "locked" in str(exc) or "busy" in str(exc))


def _connect(db: Database) -> None:
    """Connect and set the pragmas. While another program turns a new file into WAL, SQLite
    answers "locked" at once instead of waiting: wait here as long as busy_timeout would. A
    server that refuses or is not there: StorageError (exit 6), its own words."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.connect(reuse_if_open=True)
            return
        except OperationalError as exc:
            if not isinstance(db, SqliteDatabase):  # the server refused, or is not there
                said = "; ".join(filter(None, (line.strip() for line in str(exc).splitlines())))
                raise StorageError(_("Cannot connect to the database: {error}").format(
                    error=said if said.endswith(("?", ".")) else said + ".")) from exc
            if not _is_locked(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def is_sqlite() -> bool:
    """Whether the bound database is SQLite (some SQL differs: FTS, triggers)."""
    return isinstance(database.obj, SqliteDatabase)


def indexed_by(index: str) -> str:
    """` INDEXED BY index` on SQLite, "" elsewhere: for a statement written by hand that must
    use `index` whatever SQLite's statistics say. They count the NULLs of a column as one value
    (ANALYZE, PRAGMA optimize): the users with no login made 335 rows a login on the bench's
    scale database, and a lookup of a hundred logins then read the whole user table
    (store.feed.sync, bench/sync_scale.py 2026-12-01: a sixth of a feed's first sync).
    PostgreSQL keeps the share of NULLs apart and needs no hint."""
    return f" INDEXED BY {index}" if is_sqlite() else ""


def is_postgres() -> bool:
    """Whether the bound database is PostgreSQL."""
    return isinstance(database.obj, PostgresqlDatabase)


# PostgreSQL aborts a transaction to keep transactions serializable (40001) or to break a
# deadlock (40P01); run again, the service then sees the other change. 55P03: lock_timeout.
RETRY_SQLSTATES = ("40001", "40P01")
BUSY_SQLSTATES = ("55P03",)
RETRIES = 3


class RetryTransaction(Exception):
    """The database aborted the transaction for a reason that a new attempt may not meet."""


def _sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None) or exc
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """One user action = one transaction; BEGIN IMMEDIATE on SQLite so writers queue, not fail.

    On PostgreSQL every transaction is SERIALIZABLE (see connect_url); when the server aborts one
    to keep it so, RetryTransaction asks `retried` to run the service again. A full disk or a
    read-only database file raises store.errors.database_failure's StorageError (exit 6, one
    plain sentence, the change rolled back) for the screens and the command line alike.
    """
    try:
        with database.atomic():
            yield
    except DatabaseError as exc:
        state = _sqlstate(exc)
        if state in RETRY_SQLSTATES:
            raise RetryTransaction(state) from exc
        if state in BUSY_SQLSTATES or _is_locked(exc):
            raise Busy() from exc
        failure = failure_in(exc, database.obj)
        if failure is not None:
            raise failure from exc
        raise


def retried(service: Callable[P, T]) -> Callable[P, T]:
    """Run a write service again (a few times) when PostgreSQL aborted its transaction, and once
    when the connection was lost before it committed (store.postgres).

    Each attempt starts from scratch, reading the rows afresh, in one store.service_call (its
    actor checked once); when every attempt is aborted the person gets a conflict ("changed by
    someone else"), never a half-made change. A connection lost twice, or while committing,
    gives ConnectionLost (exit 6). Inside another service's transaction nothing is run again
    here: the outermost service is."""
    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        reconnected, attempt = False, 0
        while True:
            try:
                with service_call():
                    return service(*args, **kwargs)
            except RetryTransaction as failure:
                attempt += 1
                if attempt >= RETRIES:
                    raise Conflict(None, None) from failure
                time.sleep(random.uniform(0, 0.01 * attempt))
            except ConnectionLost as lost:
                if reconnected or not lost.retry_safe or database.in_transaction():
                    raise
                reconnected = True

    return run
