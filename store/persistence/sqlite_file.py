"""The SQLite file on disk, before SQLite opens it: its folder and mode, a missing or dangling
path, and what the disk says (full, read-only) as one plain StorageError."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from store.errors import StorageError, file_failure
from store.i18n import _


def prepare_sqlite_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) before SQLite does, whatever the umask.

    Raises StorageError (exit 6) in one sentence when the path is a symbolic link to nothing
    (SQLite would make a file at its target, or fail with a trace), not a file, or when the
    folder or the file cannot be made (read-only or full disk, a file where a folder should be:
    the OSError's reason, through store.errors.file_failure).
    """
    refuse_dangling_link(path)
    try:
        _make(path)
    except OSError as exc:
        raise StorageError(_("The database cannot be made: {reason}").format(
            reason=file_failure(exc).message)) from exc


def refuse_dangling_link(path: Path) -> None:
    """StorageError when `path` is a symbolic link to nothing: SQLite would make the database at
    the link's target, in a folder nobody chose (or fail with a trace); a typo is more likely."""
    if path.is_symlink() and not path.exists():
        raise StorageError(_("{path} is a link to {target}, which does not exist: correct the "
                             "link, or give the database's own path.").format(
                                 path=path, target=os.readlink(path)))


def _make(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        with contextlib.suppress(FileExistsError):  # another program made it a moment ago
            folder.mkdir(parents=True, mode=0o700)
            os.chmod(folder, 0o700)
    if path.exists():
        if not path.is_file():
            raise StorageError(_("{path} is not a database file.").format(path=path))
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:  # another program created it a moment ago
        return
    os.close(fd)
    os.chmod(path, 0o600)


def holds_data(path: Path) -> bool:
    """Whether `path` is a file with something in it (a missing or dangling path: False; one
    that cannot be looked at: True, so that opening it says why)."""
    try:
        return path.stat().st_size > 0
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # unreadable: let the usual checks say why


def bad_scheme(url: str) -> str:
    """The one line for a database URL that is neither SQLite nor PostgreSQL; a bare file path
    gets the URL it was probably meant as (`/tmp/x.sqlite3` -> `sqlite:////tmp/x.sqlite3`)."""
    if "://" not in url and url.strip():
        return _("The database URL must start with sqlite:/// or postgresql://, not {url}; for "
                 "a file, give {file_url}").format(
                     url=url, file_url="sqlite:///" + str(Path(url).absolute()))
    return _("The database URL must start with sqlite:/// or postgresql://, not "
             "{scheme}://").format(scheme=url.split(":", 1)[0])


# A file this process may not write (a backup made immutable, a read-only mount) is opened
# read-only: only the pragmas that write nothing (WAL, synchronous and secure_delete are the
# file's own or only matter to writers).
READ_ONLY_PRAGMAS: dict[str, str | int] = {"foreign_keys": 1, "busy_timeout": 5000}


def read_only_uri(path: Path) -> str | None:
    """The SQLite URI that opens `path` read-only when this process may not write it (None when
    it may: the usual open).

    A reader of a WAL database needs its -shm file (SQLite docs, "Read-Only Databases" in
    wal.html): with a -wal beside the file, or a folder where SQLite can make the -shm, `mode=ro`
    reads it as it is; with neither (a read-only mount, no -wal: every change is in the file)
    nobody can change it and `immutable=1` reads it without any -shm. A write then fails with
    SQLITE_READONLY, which store.errors.database_failure says in one line.
    """
    if not path.exists() or os.access(path, os.W_OK):
        return None
    wal = path.with_name(path.name + "-wal")
    folder_writable = os.access(path.absolute().parent, os.W_OK)
    options = "mode=ro" if wal.exists() or folder_writable else "mode=ro&immutable=1"
    return f"{path.absolute().as_uri()}?{options}"


def full_disk_uri(path: Path) -> str:
    """The SQLite URI that reads `path` when the disk holding it is full (store.persistence.db
    .open_database opens it so once the usual open has failed for want of room).

    A reader of a WAL database first grows its -shm file (the WAL index) to 32 KiB, which a full
    disk refuses (SQLITE_IOERR_SHMSIZE): nothing could even be shown. `readonly_shm=1` reads the
    -shm without writing it, and when no writer has it open SQLite keeps the index in its own
    memory (SQLite's wal.html, "Read-Only Databases"); a write then fails as read-only. The -shm
    must exist for that: an empty one is made (a name, no data, so it takes no room). Raises
    OSError when even that cannot be made.
    """
    os.close(os.open(path.with_name(path.name + "-shm"), os.O_CREAT | os.O_RDONLY, 0o600))
    return f"{path.absolute().as_uri()}?mode=ro&readonly_shm=1"
