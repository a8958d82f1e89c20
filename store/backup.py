"""A consistent copy of the local SQLite database, made with SQLite's online backup API.

Never a file copy: the copy is read through SQLite in one read transaction, so it holds every
committed change (also those still in the -wal file) and nothing uncommitted, while other people
keep working. The new file never replaces anything: it is written inside a private folder (0700)
next to the destination, checked, and then hard-linked to the destination name, which fails if
anything (a file, a folder, a symlink, even a dangling one) appeared there in the meantime.

Who may back up (the rule is here, below the command line):

- staff members (support, billing): they may read every company already;
- a company's owner, only while the database holds their company alone (a local, single-company
  file): an owner never gets a copy of other companies' data;
- nobody else (admins, supervisors, agents: R1).

Each backup is written to the audit trail ("database.backup", the new file as the new value);
an owner's under their company, a staff member's under no company.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from store.errors import (
    FileFailure,
    InvalidInput,
    Refused,
    StorageError,
    StoreError,
    disk_full,
)
from store.i18n import _
from store.people.access import role_label
from store.people.identity import ensure_signed_in
from store.persistence.db import database, is_sqlite, transaction
from store.persistence.models import Company
from store.trail.audit import record, refusals_recorded
from store.views import Actor

ACTION = "database.backup"
# Filesystems without hard links (FAT, exFAT, some network shares) answer link() with these.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK,
             errno.EACCES}


class BackupNotSupported(StoreError):
    """This database is not a local SQLite file (PostgreSQL has its own tools); exit 2."""

    exit_status = 2


def ensure_supported(url: str | None) -> None:
    """Refuse, before any connection is made, a database URL this command cannot back up.

    `None` means the default SQLite file. PostgreSQL is backed up with pg_dump.
    """
    scheme = (url or "sqlite:").split(":", 1)[0].lower()
    if scheme.startswith("postgres"):
        raise BackupNotSupported(
            _("The backup command copies a SQLite file; back up a PostgreSQL database with "
              "pg_dump (for example: pg_dump --format=custom --file=FILE DBNAME).")
        )


def ensure_may_back_up(actor: Actor) -> int | None:
    """Staff, or the owner of the only company in the database; returns the audit company."""
    ensure_signed_in(actor)
    if actor.is_staff:
        return None
    if actor.kind == "user" and actor.role == "owner" and actor.company_id is not None:
        ids = [c.id for c in Company.select(Company.id).order_by(Company.id).limit(2)]
        if ids == [actor.company_id]:
            return actor.company_id
        raise Refused(_("This database holds other companies too; only the vendor's staff "
                        "back it up."))
    raise Refused(_("Only staff members, or the owner of a database holding their company "
                    "alone, back up the database; your role is {role}.").format(
                    role=role_label(actor.role)))


def backup_database(actor: Actor, destination: str | os.PathLike[str]) -> Path:
    """Back up the bound SQLite database to `destination`, a new file; returns its path.

    Refused (exit 3) for people who may not; InvalidInput (exit 1) when `destination` exists
    or its folder does not; BackupNotSupported (exit 2) on PostgreSQL. Nothing is left at
    `destination` unless the whole backup succeeded and was recorded.
    """
    if not is_sqlite():
        ensure_supported("postgresql:")
    company_id = actor.company_id if actor.kind == "user" else None
    with refusals_recorded(actor, company_id, ACTION):
        company_id = ensure_may_back_up(actor)
    path = write_backup(destination)
    try:
        with transaction():
            record(actor, company_id, ACTION, new=str(path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return path


def _check_destination(path: Path) -> None:
    if os.path.lexists(path):
        raise InvalidInput({"path": _("{path} already exists; a backup never overwrites "
                                      "anything. Choose a new file name.").format(path=path)})
    if not path.parent.is_dir():
        raise InvalidInput({"path": _("The folder {folder} does not exist.").format(
            folder=path.parent)})


def write_backup(destination: str | os.PathLike[str]) -> Path:
    """The file-level backup of the bound SQLite database, without access checks or audit.

    The copy is made with `sqlite3.Connection.backup` from the open connection (one read
    transaction: a consistent snapshot with the committed -wal content), switched to a
    rollback journal so that it is one self-contained file, checked with
    `PRAGMA integrity_check`, fsynced, and only then linked to `destination` (0600).
    """
    if not is_sqlite():
        ensure_supported("postgresql:")
    path = Path(os.path.abspath(os.fspath(destination)))
    _check_destination(path)
    try:
        workdir = tempfile.mkdtemp(prefix=".mycompany-backup-", dir=path.parent)  # 0700
    except OSError as exc:
        raise InvalidInput({"path": _("Cannot write in {folder}: {error}").format(
            folder=path.parent, error=exc.strerror or exc)}) from exc
    staged = Path(workdir) / "backup.sqlite3"
    try:
        _copy_into(staged)
        _publish(staged, path)
    finally:
        for leftover in Path(workdir).iterdir():
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(OSError):
            os.rmdir(workdir)
    return path


def _create_private(path: Path) -> int:
    """Create `path` 0600 (whatever the umask), never through a symlink, never over a file."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC,
                 0o600)
    os.fchmod(fd, 0o600)
    return fd


def _copy_into(staged: Path) -> None:
    """SQLite's online backup of the bound database into the new, empty file `staged`.

    FileFailure (exit 1) when the backup file cannot be written (its disk full or read-only),
    StorageError (exit 6) when the database cannot be read."""
    try:
        os.close(_create_private(staged))
    except OSError as exc:
        raise _unwritable(staged, _os_problem(exc)) from exc
    source = database.connection()
    target = sqlite3.connect(staged, isolation_level=None)
    try:
        target.execute("PRAGMA synchronous=FULL")
        source.backup(target)  # all pages in one step: one read transaction, one snapshot
        mode = target.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise StorageError(_("The backup could not be made self-contained (journal mode "
                                 "{mode}).").format(mode=mode))
        result = [row[0] for row in target.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise StorageError(_("The backup failed its integrity check ({error}); nothing was "
                                 "written.").format(error="; ".join(map(str, result[:3]))))
    except sqlite3.Error as exc:
        if _backup_file_failed(exc, staged):
            raise _unwritable(staged, _file_problem(exc, staged)) from exc
        raise StorageError(_("The backup could not be made ({error}); nothing was "
                             "written.").format(error=exc)) from exc
    finally:
        target.close()
    try:
        fd = os.open(staged, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _unwritable(staged, _os_problem(exc)) from exc


def _backup_file_failed(exc: sqlite3.Error, staged: Path) -> bool:
    """Whether SQLite's error is the backup file's (its disk full or read-only), not the
    database's: the database is only read, so a full or read-only disk is where the backup
    goes. README's exit statuses: a file the person named that cannot be written is exit 1;
    6 is for the database itself."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_CANTOPEN")) or (
        name.startswith("SQLITE_IOERR") and disk_full(str(staged.parent)))


def _unwritable(staged: Path, problem: str) -> FileFailure:
    """The one line (exit 1) for a backup that cannot be written where it goes: the folder of
    `staged` (the backup's own temporary folder) holds it."""
    return FileFailure(_("The backup cannot be written in {folder}: {problem}; nothing was "
                         "written.").format(folder=staged.parent.parent,
                                            problem=problem.rstrip(".")))


def _os_problem(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _("the disk is full")
    return exc.strerror or str(exc)


def _file_problem(exc: sqlite3.Error, staged: Path) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or disk_full(str(staged.parent)):
        return _("the disk is full")
    return str(exc).strip()


def _publish(staged: Path, path: Path) -> None:
    """Give the finished backup its name without ever replacing what is there."""
    try:
        os.link(staged, path, follow_symlinks=False)
    except FileExistsError as exc:
        raise InvalidInput({"path": _("{path} already exists; a backup never overwrites "
                                      "anything. Choose a new file name.").format(path=path)}
                           ) from exc
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise StoreError(_("The backup could not be written to {path}: {error}").format(
                path=path, error=exc.strerror or exc)) from exc
        _copy_out(staged, path)
    _fsync_folder(path.parent)


def _copy_out(staged: Path, path: Path) -> None:
    """No hard links here: copy the finished, private backup into a new 0600 file instead."""
    try:
        fd = _create_private(path)
    except FileExistsError as exc:
        raise InvalidInput({"path": _("{path} already exists; a backup never overwrites "
                                      "anything. Choose a new file name.").format(path=path)}
                           ) from exc
    except OSError as exc:
        raise StoreError(_("The backup could not be written to {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from exc
    try:
        with open(staged, "rb") as source, os.fdopen(fd, "wb", closefd=False) as out:
            while chunk := source.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise StoreError(_("The backup could not be written to {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from exc
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
