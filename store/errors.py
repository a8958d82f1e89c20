"""The refusals the store can give, each with the exit status the command line maps it to."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from typing import TypeVar

from store.i18n import _


class StoreError(Exception):
    """Base of every refusal the store gives; `exit_status` is what the command line returns."""

    exit_status = 1
    # What the caller was shown is out of date (someone saved since, the lock changed since it
    # was read): a screen reads the record again, keeping what the person typed (#15, #16).
    outdated = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


FORM_WIDE = "__all__"  # the key of InvalidInput.errors for what no single field is to blame for


class InvalidInput(StoreError):
    """One or more fields are invalid; `errors` maps each field name (or FORM_WIDE) to what is
    wrong."""

    exit_status = 1

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


class Refused(StoreError):
    """The acting person may not do this (role, lock, another company's data).

    `field` and `attempted` say which field and value were refused, for the audit trail; `was`
    the value the field holds, where the attempt would have removed it (sent empty);
    `outdated`: refused by a rule the caller's view shows, which changed since (the lock).
    """

    exit_status = 3

    def __init__(self, message: str, *, field: str | None = None, attempted: object = None,
                 was: object = None, outdated: bool = False):
        super().__init__(message)
        self.outdated = outdated
        self.field = field
        self.attempted = attempted
        self.was = was
        self.recorded = False  # already written to the audit trail
        self.action: str | None = None  # the trail action of an access check (store.people.access)


class Conflict(StoreError):
    """Someone else saved the same record since it was read.

    `changed_at` is their save's instant, aware, in UTC (SPEC §2). The store does not know the
    reader's zone, so `message` gives that instant in UTC and says so ("2026-11-27 12:00 UTC");
    the screens and the command line show it in the reader's zone through `message_at`
    (tui.formatting.error_text).
    """

    exit_status = 4
    outdated = True

    def __init__(self, changed_by: str | None, changed_at: datetime | None) -> None:
        if changed_at is not None and changed_at.tzinfo is None:  # a column's naive UTC value
            changed_at = changed_at.replace(tzinfo=UTC)
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(self.message_at(
            f"{changed_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if changed_at else "?"))

    def changed_at_text(self, when: str) -> str:
        """Who changed the record and when (written as `when`), without what to do about it:
        the screens say that themselves (the input kept, ctrl+s, escape)."""
        return _("Changed by {who} at {when} since you opened it.").format(
            who=self.changed_by or _("someone else"), when=when)

    def message_at(self, when: str) -> str:
        """The message with the time written as `when` (the reader's own zone, in the screens)."""
        return _("Changed by {who} at {when} since you opened it; reload to see their "
                 "change.").format(who=self.changed_by or _("someone else"), when=when)


def ensure_version(expected: int, stored: int, changed_by: str | None,
                   changed_at: datetime | None) -> None:
    """Optimistic locking (SPEC §5): nothing when `expected` is the `stored` version; Conflict
    (exit 4) when it is an older one (someone saved since; 0: "none yet", and one was made
    since); InvalidInput {"if_version"} (exit 1) for a version the record never had (#16
    trial: `--if-version 99` read as if someone had changed it since)."""
    if expected == stored:
        return
    if 0 <= expected < stored:
        raise Conflict(changed_by, changed_at)
    raise InvalidInput({"if_version": _("There is no version {version}: the version now stored "
                                        "is {stored}.").format(version=expected, stored=stored)})


Refusal = TypeVar("Refusal", bound=StoreError)


def outdated(error: Refusal) -> Refusal:
    """`error`, marked as saying that what the caller shows is out of date (`outdated`): a
    refusal that only a screen out of date would ask for (a recipient list still showing one
    removed since, #15 trial); the screen reads its view again. Returns `error`, to raise."""
    error.outdated = True
    return error


class NotFound(StoreError):
    """The company, invoice, request or person does not exist (or is not visible)."""

    exit_status = 5


class TooLarge(StoreError):
    """A number given does not fit where the database keeps or uses it (an OverflowError from
    the driver): a usage error, exit 2, as the README's table says of a number too large for
    the database. The command line bounds its numbers first (tui.cli_input); this is the last
    word when one got through."""

    exit_status = 2

    def __init__(self) -> None:
        super().__init__(_("A number given is too large for the database."))


class Busy(StoreError):
    """The database stayed locked by another writer for longer than the busy timeout."""

    exit_status = 4

    def __init__(self) -> None:
        super().__init__(_("The database is busy with another change; try again in a moment."))


class StorageError(StoreError):
    """The database cannot be opened or used: bad URL, damaged or foreign file, newer schema.

    Its message is one line (SPEC §9), whatever the database's or the system's own words put in
    it: PostgreSQL's "…failed: Connection refused\n\tIs the server running…" reads "…failed:
    Connection refused; Is the server running…" (`one_line`)."""

    exit_status = 6
    # Trying the same save again in this program cannot succeed, whatever is done about the
    # cause meanwhile: the database was opened for reading only (full disk, read-only file at
    # start; database_failure), and stays so until mycompany is started again. The screens
    # then offer no "ctrl+s tries again" (tui.widgets.store_answer; verification trial).
    until_restart = False

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class DiskFull(StorageError):
    """The disk holding the database is full: nothing was saved (store.errors.database_failure).
    Its own kind so that opening the database can tell it from the rest and still read
    (store.persistence.db.open_database)."""


def one_line(text: str) -> str:
    """`text` on one line: each of its lines with its spaces and tabs collapsed, joined by "; "
    (the words of libpq, SQLite or the system may hold newlines and tabs)."""
    return "; ".join(line for line in (" ".join(part.split()) for part in text.splitlines())
                     if line)


class ConnectionLost(StorageError):
    """The connection to the PostgreSQL server went (restart, idle timeout, terminated) and the
    action was not completed: the server is away, or it went during a change.

    `retry_safe`: the change had not been committed, so `store.db.retried` runs the whole service
    once more on a new connection; otherwise (lost while committing, or outside a transaction)
    whether it was saved is unknown, and the person is told so.
    """

    exit_status = 6

    def __init__(self, message: str, *, retry_safe: bool = False) -> None:
        super().__init__(message)
        self.retry_safe = retry_safe


# What the disk or the operating system says, not the data: SQLite's result codes (the
# `sqlite_errorname` of sqlite3's exceptions, Python 3.11+; extended codes such as
# SQLITE_IOERR_WRITE start with these), PostgreSQL's SQLSTATEs (psycopg's `sqlstate`, psycopg2's
# `pgcode`: 53100 disk_full, 25006 read_only_sql_transaction, 58030 io_error, XX001 and XX002
# corrupted data or index, 55P03 lock_not_available) and the errno of an OSError.
_FULL = ("SQLITE_FULL",), ("53100",), (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_READ_ONLY = (("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"), ("25006",),
              (errno.EROFS, errno.EACCES, errno.EPERM))
_BROKEN = ("SQLITE_IOERR", "SQLITE_CANTOPEN"), ("58030",), (errno.EIO,)
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB"), ("XX001", "XX002"), ()
_LOCKED = ("SQLITE_BUSY", "SQLITE_LOCKED"), ("55P03",), ()
_KINDS = (("full", _FULL), ("read-only", _READ_ONLY), ("broken", _BROKEN), ("damaged", _DAMAGED),
          ("locked", _LOCKED))


def _kind(exc: BaseException) -> str | None:
    """"full", "read-only", "broken", "damaged", "locked" or None for one exception (not its
    chain)."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    state = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None) or ""
    number = exc.errno if isinstance(exc, OSError) else None
    for kind, (names, states, numbers) in _KINDS:
        if name.startswith(names) or state in states or number in numbers:
            return kind
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    """`exc` and what it was raised from or during, first to last. Peewee re-raises sqlite3's
    error as its own and, when SQLite already rolled back (disk full), hides it behind "cannot
    rollback - no transaction is active": the first error is further down the chain."""
    seen: list[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return seen


NEARLY_FULL = 1 << 20  # bytes: below this, SQLite's "disk I/O error" is a full disk


def disk_full(folder: str | None) -> bool:
    """Whether the file system holding `folder` has (almost) no room left. SQLite reports a full
    disk as SQLITE_FULL only when a write comes up short; growing its -shm file or syncing on a
    full disk gives SQLITE_IOERR ("disk I/O error") instead."""
    if not folder:
        return False
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < NEARLY_FULL


def _read_only(folder: str | None) -> bool:
    """Whether `folder` is on a read-only file system, or this process may not write in it."""
    if not folder:
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
    except OSError:
        return False


def database_failure(exc: BaseException, folder: str | None = None, *,
                     full_at_open: bool = False, read_only_at_open: bool = False
                     ) -> StoreError | None:
    """The error, in one plain sentence, that a failure of the disk or the database is shown
    as, SQLite's and PostgreSQL's alike (_KINDS): disk full (SQLITE_FULL, 53100, ENOSPC,
    EDQUOT, EFBIG), read-only (SQLITE_READONLY, 25006, EROFS, EACCES, EPERM) or unreadable
    (SQLITE_IOERR, 58030, EIO, ...) or damaged (SQLITE_CORRUPT, XX001, ...): a StorageError
    (exit 6); held by another writer past the
    wait (SQLITE_BUSY, SQLITE_LOCKED, 55P03): Busy (exit 4). Looked for along `exc`'s whole
    chain; None when `exc` is none of these (a bug, or a refusal of the data). The change that
    failed was rolled back: the message says nothing was saved, and never repeats the
    database's own words ("disk I/O error": #15 trial), which name no cause a person can act
    on. `folder`, the database file's folder when known: an I/O error there while the disk has
    less than NEARLY_FULL bytes free is said to be a full disk, one on a read-only file system
    (or a folder this process may not write in) a read-only database. `full_at_open`: the
    database was opened for reading only because its disk was full (store.persistence.db
    .open_database), so a write refused as read-only is the full disk's doing: said as a full
    disk while it is, else as a start again (the reader cannot write, whatever room there is).
    `read_only_at_open`: the file was opened for reading only as this process might not write
    it. Either way a write refused so lasts until mycompany is started again: the error is
    `until_restart`.

    The one translation for both the screens and the command line: store.persistence.db's
    transaction() and open_database() raise what it returns (SPEC §9: one line, never a trace).
    """
    for link in _chain(exc):
        kind = _kind(link)
        if kind == "broken" and disk_full(folder):
            kind = "full"
        elif kind == "broken" and _read_only(folder):  # no -wal or -shm can be made there
            kind = "read-only"
        if kind == "read-only" and full_at_open:
            if not disk_full(folder):
                return _until_restart(StorageError(_(
                    "The disk holding the database was full when mycompany started, so it "
                    "opened the database for reading only: nothing was saved. There is room "
                    "now: start mycompany again to save.")))
            kind = "full"
        if kind == "full":
            full = DiskFull(_("The disk holding the database is full: nothing was saved. "
                              "Free some space and try again."))
            return _until_restart(full) if full_at_open else full
        if kind == "read-only":
            refused = StorageError(_("The database may not be written (a read-only file, "
                                     "folder or disk): nothing was saved."))
            return _until_restart(refused) if read_only_at_open or full_at_open else refused
        if kind == "damaged":  # not the disk's doing now: what was written reads back wrong
            return StorageError(_("The database is damaged: what it holds cannot be read back "
                                  "as it was written. Nothing was saved and it was left "
                                  "untouched; restore it from a backup."))
        if kind == "broken":
            return StorageError(_("The database cannot be written or read: the disk or the "
                                  "database server reported an error, and nothing was saved. "
                                  "Check the disk and try again."))
        if kind == "locked":
            return Busy()
    return None


def _until_restart(error: StorageError) -> StorageError:
    error.until_restart = True
    return error


class FileFailure(StorageError):
    """A file or folder other than the database (a download, a key folder, a logo to read)
    cannot be made, read or written; exit 1, as a backup PATH that cannot be written (not 6:
    the database itself is fine)."""

    exit_status = 1


def file_failure(exc: OSError, failed: str | None = None) -> FileFailure:
    """One plain line for an OSError on a file or folder the person named or the program
    writes for them: "PATH: the disk is full." or the system's own words ("PATH: Permission
    denied.", "PATH: No such file or directory."). `exc.filename` names the file when known;
    `failed`, what could not be done ("Cannot save into ~/Downloads"), starts the line instead.
    A file where a folder is needed (mkdir's EEXIST, ENOTDIR) says what to do about it:
    "Cannot save into ~/Downloads: a file is in the way where a folder is needed; move or
    rename it, or choose another folder."."""
    path = os.fsdecode(exc.filename) if exc.filename is not None else None
    if _kind(exc) == "full":
        reason = _("the disk is full")
    elif exc.errno in (errno.EEXIST, errno.ENOTDIR):
        reason = _("a file is in the way where a folder is needed; move or rename it, or "
                   "choose another folder")
    else:
        reason = exc.strerror or str(exc)
    subject = failed or path
    if subject is None:
        return FileFailure(reason[:1].upper() + reason[1:] + ".")
    return FileFailure(_("{path}: {reason}.").format(path=subject, reason=reason))
