"""One call of a store service, as a scope (SPEC §2/§10: a person signed in over SSH who no longer
holds what they signed in as is refused at their next action, checked by
store.people.identity.still_in_force, two queries).

A write service (store.persistence.db.retried) runs inside `service_call()`; what it asks for
more than once within it, such as whether its actor is still in force (asked by the access check,
by each trail line it writes and by the view it returns: three times, six queries, for
`add_recipient`), is answered once by `once`. Outside a service call nothing is kept: each
question is asked again. A call inside another belongs to the outer one.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

_ANSWERS: contextvars.ContextVar[dict[tuple[str, int], tuple[object, object]] | None] = \
    contextvars.ContextVar("service_call_answers", default=None)


@contextlib.contextmanager
def service_call() -> Iterator[None]:
    """The scope of one service call: answers `once` keeps last until it ends (the outermost
    call's, when calls nest)."""
    if _ANSWERS.get() is not None:
        yield
        return
    token = _ANSWERS.set({})
    try:
        yield
    finally:
        _ANSWERS.reset(token)


def once(question: str, subject: object, answer: Callable[[], T]) -> T:
    """`answer()` the first time `question` is asked about `subject` (an object, by identity)
    within this service call, the same answer after that; asked afresh outside one."""
    answers = _ANSWERS.get()
    if answers is None:
        return answer()
    key = (question, id(subject))
    kept = answers.get(key)
    if kept is None or kept[0] is not subject:
        kept = (subject, answer())
        answers[key] = kept
    return kept[1]  # type: ignore[return-value]
