"""The calling thread's database connection, for code that calls the store from threads of its
own (the screens' Textual workers, tui/widgets/store_call.py). The screens may not import
`store.persistence` (import-linter); this is the one call they need from it about threads."""

from __future__ import annotations

import contextlib

from store.persistence.db import database

__all__ = ["release_connection"]


def release_connection() -> None:
    """Close the calling thread's connection to the database, if it has one and no transaction is
    open on it. Never raises.

    Peewee keeps one connection per thread (Database(thread_safe=True): the connection state is
    thread-local) and opens it on the thread's first query (autoconnect), pragmas and all. A
    pooled thread that ran a store call ends it with this, so that it keeps nothing open (no
    SQLite file handle, no PostgreSQL session) while idle: its next call opens a fresh one.
    """
    with contextlib.suppress(Exception):  # not bound yet, or already gone: nothing to close
        if not database.is_closed() and not database.in_transaction():
            database.close()
