"""The PostgreSQL handle: a connection the server dropped is replaced once, never mid-transaction.

A server restart, an idle timeout or `pg_terminate_backend` leaves the program holding a dead
connection; the next statement fails. What happens then (SPEC §7: the action is retried or
refused cleanly, a console never crashes):

- BEGIN fails: nothing ran yet, so a new connection is made and the transaction begins there
  (the usual case: a console left idle while the server restarted).
- A SELECT outside a transaction (the screens' reads) runs again on a new connection. Any other
  statement outside a transaction is refused: whether it ran is unknown.
- A statement inside a transaction fails: the server rolled the whole transaction back, so it
  raises ConnectionLost(retry_safe=True), which `store.db.retried` turns into one new run of the
  whole service on a new connection. The dead connection stays in place until the transaction
  has unwound, so no later statement of that transaction can run in autocommit on a new one.
- COMMIT fails: the server may or may not have committed; ConnectionLost, not retried.
- ROLLBACK fails: there is nothing to undo; the dead connection is let go.

A new connection that cannot be made (the server is still away) raises ConnectionLost.

peewee's own playhouse.shortcuts.ReconnectMixin (4.5) reconnects only outside transactions, and
re-runs any statement, writes included; the store runs its writes in transactions, so that is
not enough here and too much there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peewee import InterfaceError, OperationalError, PostgresqlDatabase

from store.errors import ConnectionLost
from store.i18n import _

if TYPE_CHECKING:
    from peewee import _ConnectionState

DRIVER_ERRORS = (OperationalError, InterfaceError)


def _not_saved() -> str:
    return _("The connection to the database was lost before anything was saved; try again.")


def _maybe_saved() -> str:
    return _("The connection to the database was lost while saving; reload to see whether the "
             "change was saved.")


class ReconnectingPostgresqlDatabase(PostgresqlDatabase):
    """PostgresqlDatabase that survives a dropped connection as the module docstring says."""

    # Database.__init__ sets it (the per-thread connection state); peewee's stubs leave it out.
    _state: _ConnectionState

    def _dropped(self) -> bool:
        """Whether the driver found the connection closed under it (psycopg: `closed`)."""
        conn = self._state.conn
        return conn is not None and bool(getattr(conn, "closed", False))

    def _let_go(self) -> None:
        """Forget the dead connection (outside a transaction only); the next statement connects."""
        conn = self._state.conn
        self._state.reset()
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def connect(self, reuse_if_open: bool = False) -> bool:
        try:
            return super().connect(reuse_if_open)
        except OperationalError as exc:
            if self.server_version is None:  # never connected: open_database says why
                raise
            raise ConnectionLost(
                _("The database server cannot be reached ({error}); try again when it is "
                  "back.").format(error=str(exc).strip().splitlines()[0] if str(exc) else "?")
            ) from exc

    def begin(self, *args: Any, **kwargs: Any) -> None:
        try:
            return super().begin(*args, **kwargs)
        except DRIVER_ERRORS as exc:
            if not self._dropped():
                raise
            if self.in_transaction():  # a manual commit() beginning anew: the block is gone
                raise ConnectionLost(_not_saved(), retry_safe=True) from exc
        self._let_go()
        try:
            return super().begin(*args, **kwargs)
        except DRIVER_ERRORS as exc:
            if not self._dropped():
                raise
            self._let_go()
            raise ConnectionLost(_not_saved(), retry_safe=True) from exc

    def execute_sql(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        try:
            # peewee's stubs leave execute_sql unannotated (mypy's untyped_calls_exclude
            # does not reach calls through super()).
            return super().execute_sql(sql, params)  # type: ignore[no-untyped-call]
        except DRIVER_ERRORS as exc:
            if not self._dropped():
                raise
            if self.in_transaction():
                raise ConnectionLost(_not_saved(), retry_safe=True) from exc
            self._let_go()
            if not sql.lstrip().upper().startswith("SELECT"):
                raise ConnectionLost(_maybe_saved()) from exc
        try:
            # peewee's stubs leave execute_sql unannotated (mypy's untyped_calls_exclude
            # does not reach calls through super()).
            return super().execute_sql(sql, params)  # type: ignore[no-untyped-call]
        except DRIVER_ERRORS as exc:
            if not self._dropped():
                raise
            self._let_go()
            raise ConnectionLost(_not_saved(), retry_safe=True) from exc

    def commit(self) -> None:
        try:
            return super().commit()
        except DRIVER_ERRORS as exc:
            if not self._dropped():
                raise
            raise ConnectionLost(_maybe_saved()) from exc

    def rollback(self) -> None:
        try:
            return super().rollback()
        except DRIVER_ERRORS:
            if not self._dropped():
                raise
        if not self.in_transaction():
            self._let_go()
