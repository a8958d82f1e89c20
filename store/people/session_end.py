"""A session that no longer holds: the refusal its next action gets, and who is told of it.

`store.people.identity.ensure_signed_in` raises `SessionEnded` when a long-lived session (SSH, or
a console open while an admin acts) no longer is what it signed in as: the person was removed,
their role or ownership changed, their session was ended (SPEC §2). Whatever screen made the
call, and whatever it does with a refusal (a status line, a field message, nothing), the program
that holds the session is told once, through the listener it registered (`when_ended`): the
console closes every screen with the refusal's one line (tui.app), never a traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from store.errors import Refused
from store.views import Actor


class SessionEnded(Refused):
    """The acting session no longer holds (exit 3, recorded like any refusal); `message` says
    why in one sentence, "This session has ended: sign in again." or "The role of … has changed:
    sign in again."."""

    def __rich__(self) -> str:
        """The one line a console shows when this refusal ends it uncaught: Textual prints an
        exception's `__rich__` instead of its traceback (which would print the actor, its key's
        fingerprint and session id). Console markup in the message is escaped."""
        return self.message.replace("[", "\\[")


_listeners: dict[int, tuple[Actor, Callable[[str], object]]] = {}
_lock = threading.Lock()


def when_ended(actor: Actor, listener: Callable[[str], object] | None) -> None:
    """Call `listener(message)` each time an action of `actor` (this very object, by identity)
    is refused because its session ended (`SessionEnded`); None forgets it. The listener runs on
    the thread that made the store call: it hands the message on (Textual: call_later), no
    more."""
    with _lock:
        if listener is None:
            _listeners.pop(id(actor), None)
        else:
            _listeners[id(actor)] = (actor, listener)


def ended(actor: Actor, refusal: SessionEnded) -> None:
    """Tell the listener of `actor`, if any, that `refusal` ended its session."""
    with _lock:
        entry = _listeners.get(id(actor))
    if entry is not None and entry[0] is actor:
        entry[1](refusal.message)
