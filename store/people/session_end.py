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
from store.i18n import _
from store.views import Actor


class SessionEnded(Refused):
    """The acting session no longer holds (exit 3, recorded like any refusal); `message` says
    why in one sentence: "Your staff account … was removed by …: the session ends.", "The role of
    … has changed: sign in again.", "This session has ended: sign in again."."""

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


def gone(kind: str, who: str, *, yours: bool) -> str:
    """Why a person no longer found (`kind` staff | user, `who` their e-mail, printable) loses
    their session, in one sentence: a member of staff removed, by whom, as the trail's latest
    `staff.remove` line of them says ("Your staff account … was removed by Ada Admin
    (admin@…): the session ends."; `yours`: to that person, else to an admin acting as them);
    else (a user deactivated, a removal the trail does not hold) that they have no access. One
    query for staff."""
    from peewee import fn

    from store.persistence.models import AuditEvent

    said = f"{who} ("  # store.people.staff writes the person removed as "email (role)"
    line = None if kind != "staff" else AuditEvent.select(
        AuditEvent.actor_name, AuditEvent.actor_email).where(
        (AuditEvent.action == "staff.remove") & (AuditEvent.outcome == "done")
        & (fn.LOWER(fn.SUBSTR(AuditEvent.old_value, 1, len(said))) == said.lower())
    ).order_by(AuditEvent.id.desc()).first()
    if line is None:
        return _("{who} no longer has access here: the session ends.").format(who=who)
    by = f"{line.actor_name} ({line.actor_email})" if line.actor_name else line.actor_email
    return (_("Your staff account {who} was removed by {by}: the session ends.") if yours
            else _("The staff account {who} was removed by {by}: the session ends.")).format(
        who=who, by=by)
