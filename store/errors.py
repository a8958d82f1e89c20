"""The refusals the store can give, each with the exit status the command line maps it to."""

from __future__ import annotations

from datetime import UTC, datetime

from store.i18n import _


class StoreError(Exception):
    """Base of every refusal the store gives; `exit_status` is what the command line returns."""

    exit_status = 1

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

    `field` and `attempted` say which field and value were refused, for the audit trail.
    """

    exit_status = 3

    def __init__(self, message: str, *, field: str | None = None, attempted: object = None):
        super().__init__(message)
        self.field = field
        self.attempted = attempted
        self.recorded = False  # already written to the audit trail


class Conflict(StoreError):
    """Someone else saved the same record since it was read.

    `changed_at` is their save's instant, aware, in UTC (SPEC §2). The store does not know the
    reader's zone, so `message` gives that instant in UTC and says so ("2026-11-27 12:00 UTC");
    the screens and the command line show it in the reader's zone through `message_at`
    (tui.formatting.error_text).
    """

    exit_status = 4

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


class NotFound(StoreError):
    """The company, invoice, request or person does not exist (or is not visible)."""

    exit_status = 5


class Busy(StoreError):
    """The database stayed locked by another writer for longer than the busy timeout."""

    exit_status = 4

    def __init__(self) -> None:
        super().__init__(_("The database is busy with another change; try again in a moment."))


class StorageError(StoreError):
    """The database cannot be opened or used: bad URL, damaged or foreign file, newer schema."""

    exit_status = 6


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
