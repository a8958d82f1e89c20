"""Opening the database, as the command line and the SSH server do: the one door to persistence.

The screens and the command line may not import `store.persistence` (import-linter); these are the
calls they need from it, each documented where it is defined.
"""

from __future__ import annotations

import sqlite3

from peewee import DatabaseError

from store.errors import StorageError, StoreError, TooLarge, file_failure
from store.i18n import _
from store.persistence.db import (
    database,
    database_url_for,
    default_database_path,
    failure_in,
    open_database,
)
from store.persistence.roles import grant_app_role

__all__ = ["database_url_for", "default_database_path", "failure_of", "grant_app_role",
           "open_database"]


def failure_of(exc: BaseException) -> StoreError | None:
    """The one-line refusal a failure of the database, the disk or the input is shown as when it
    got past the store's own translation (store.persistence.db.transaction, open_database): the
    command line's last word before a traceback (tui/commands.run). None for anything else: a
    bug keeps its traceback.

    - sqlite3's or peewee's DatabaseError: store.persistence.db.failure_in (disk full, read-only,
      unreadable), else StorageError with the database's own words; exit 6.
    - OSError on a file or folder other than the database (a downloads folder that cannot be
      made): store.errors.file_failure; exit 1.
    - OverflowError: a number the database cannot hold where it is used: store.errors
      .TooLarge, exit 2 (the command line bounds its numbers before: tui.cli_input).
    """
    if isinstance(exc, (sqlite3.Error, DatabaseError)):
        return failure_in(exc, database.obj) or StorageError(
            _("The database failed: {error}").format(error=str(exc).strip()))
    if isinstance(exc, OSError):
        return file_failure(exc)
    if isinstance(exc, OverflowError):
        return TooLarge()
    return None
