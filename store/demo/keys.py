"""`mycompany demo --keys DIR`: an SSH key pair for each demo person, registered to them (§10).

A newcomer runs `mycompany demo --keys DIR`, `mycompany serve`, then
`ssh -t -i DIR/jonas -p 2222 localhost`. The pairs are made by asyncssh (ed25519, OpenSSH
format, no passphrase: they guard nobody's real data), the private halves are 0600 in a folder
made 0700, and each public half is registered through store.people.keys by the demo's admin. DIR is
new or empty: nothing there is ever overwritten. The command line makes DIR (make_key_folder)
before it makes the demo database, so a folder that cannot be made costs nothing; whatever fails
later (a full disk) is one line, exit 1, and the files written are removed again.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from store import clock
from store.demo.data import STAFF, demo_companies
from store.errors import InvalidInput, Refused
from store.i18n import _
from store.people.identity import is_demo_database, sign_in_local
from store.people.keys import add_key

DEMO_ADMIN = next(person["email"] for person in STAFF if person["role"] == "admin")


@dataclass(frozen=True)
class DemoKey:
    """One key pair written: whose, where, and the fingerprint `keys list` shows."""

    login: str
    email: str
    private_path: Path
    public_path: Path
    fingerprint: str


def demo_people() -> list[tuple[str, str]]:
    """(login, e-mail) of each demo person who signs in: the owners, then the staff."""
    owners = [(email.split("@")[0], email) for spec in demo_companies(clock.today())
              for email, _name, role in spec.people if role == "owner"]
    return owners + [(person["login"], person["email"]) for person in STAFF]


def check_key_folder(folder: str | os.PathLike[str]) -> Path:
    """`folder` if it is missing or an empty folder (not a link); InvalidInput (exit 1) else.

    Called before the demo data is made, so that a refused folder leaves nothing written.
    """
    path = Path(folder)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:  # a file on the way (ENOTDIR), a folder we may not read
        raise InvalidInput({"keys": _("The folder {path} cannot be made: {error}.").format(
            path=path, error=exc.strerror or exc)}) from None
    if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
        raise InvalidInput({"keys": _(
            "{path} is not a folder; give a new folder, or an empty one, for the demo "
            "keys.").format(path=path)})
    if any(path.iterdir()):
        raise InvalidInput({"keys": _(
            "{path} is not empty; the demo keys go into a new or empty folder, so that no "
            "file is overwritten.").format(path=path)})
    return path


def make_key_folder(folder: str | os.PathLike[str]) -> list[Path]:
    """Check `folder` (check_key_folder) and make it, 0700, with any missing parents; returns the
    folders made, deepest first (remove_folders takes them away again). InvalidInput (exit 1),
    with nothing made, when it cannot be made (a read-only place, /proc, a file on the way)."""
    path = check_key_folder(folder)
    missing = []
    for folder_ in (path, *path.parents):
        if os.path.lexists(folder_):
            break
        missing.append(folder_)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)
    except OSError as exc:
        remove_folders(missing)
        raise InvalidInput({"keys": _("The folder {path} cannot be made: {error}.").format(
            path=path, error=exc.strerror or exc)}) from None
    return missing


def remove_folders(folders: list[Path]) -> None:
    """Remove these folders (deepest first) where they are empty; the rest stay."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def new_sqlite_file(url: str | None) -> Path | None:
    """The SQLite file `url` names (None: the default one) if it does not exist yet, i.e. one
    `demo --keys` is about to make and takes away again (remove_sqlite_file) should the keys
    fail; None for a file that exists and for PostgreSQL."""
    from urllib.parse import unquote, urlsplit

    from store.persistence.db import database_url_for, default_database_path

    url = url or database_url_for(default_database_path())
    if url.split(":", 1)[0].lower() != "sqlite":
        return None
    name = unquote(urlsplit(url).path[1:])
    if not name or name == ":memory:" or os.path.lexists(name):
        return None
    return Path(name)


def remove_sqlite_file(path: Path) -> None:
    """Close the database and remove the SQLite file `path` and its journals: the demo database
    this command made (new_sqlite_file), not to be left behind half made."""
    from store.persistence.db import database

    with contextlib.suppress(Exception):  # not opened yet, or already closed
        database.close()
    for name in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


def write_demo_keys(folder: str | os.PathLike[str]) -> list[DemoKey]:
    """Make, write and register a key pair per demo person; returns what was written.

    Refused (exit 3) outside a demo database; InvalidInput (exit 1) when `folder` is not new or
    empty, or cannot be made or written (OSError). The folder is made 0700, each private key 0600
    and each .pub 0644, all created exclusively (an existing name is never overwritten). If
    anything fails, the files written, and the folders made here, are removed again.
    """
    import asyncssh

    if not is_demo_database():
        raise Refused(_("Demo keys are made only for a demo database (`mycompany demo`)."))
    path = check_key_folder(folder)
    admin = sign_in_local(DEMO_ADMIN)  # a demo database: its admin may be named (SPEC §2)
    pairs = [(login, email, asyncssh.generate_private_key(
        "ssh-ed25519", comment=f"{login}@mycompany-demo")) for login, email in demo_people()]
    made = make_key_folder(path)
    written: list[Path] = []
    try:
        keys = []
        for login, email, key in pairs:
            private, public = path / login, path / f"{login}.pub"
            _write_new(private, key.export_private_key("openssh"), 0o600)
            written.append(private)
            _write_new(public, key.export_public_key("openssh"), 0o644)
            written.append(public)
            view = add_key(admin, email, key.export_public_key("openssh").decode())
            keys.append(DemoKey(login, email, private, public, view.fingerprint))
    except BaseException as exc:
        for name in written:
            with contextlib.suppress(OSError):
                name.unlink()
        remove_folders(made)
        if isinstance(exc, OSError):
            raise InvalidInput({"keys": _("The demo keys cannot be written in {path}: "
                                          "{error}.").format(
                path=path, error=exc.strerror or exc)}) from None
        raise
    return keys


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Write a new file with `mode`; an existing name (even a dangling link) is an error."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "wb") as file:
        os.fchmod(fd, mode)  # whatever the umask
        file.write(data)
