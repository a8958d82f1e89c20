"""A text column that keeps a translated sentence in no one's language (issue #16)."""

from __future__ import annotations

from peewee import TextField

from store.i18n import kept, told


class SaidField(TextField):
    """Text that may be a sentence the program said (a refusal's reason): a `store.i18n.Message`
    is written as its message id and parameters (`store.i18n.kept`) and read back in the
    reader's language, the current one (`store.i18n.told`); a person's words, and lines written
    before, are written and read as they are. Every write and read of the column comes through
    here, whichever service records the line (store.trail.audit.record, the sign-in door's own)."""

    def db_value(self, value: object) -> object:
        return super().db_value(kept(value))  # type: ignore[no-untyped-call]

    def python_value(self, value: object) -> object:
        return told(super().python_value(value))  # type: ignore[no-untyped-call]
