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
from typing import Any

from store.errors import Refused
from store.forms.unsafe import pictured
from store.i18n import _
from store.views import Actor


class SessionEnded(Refused):
    """The acting session no longer holds (exit 3, recorded like any refusal); `message` says
    why in one sentence: "Your staff account … was removed by …: the session ends.", "Your role
    (…) was changed to billing by …: sign in again.", "This session has ended: sign in again."."""

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


def _by(line: Any) -> str | None:
    """Who wrote a trail line, as a person reads it: "Ada Admin (admin@…)"; None: nobody named."""
    name, email = line.actor_name, line.actor_email
    found = f"{name} ({email})" if name and email else name or email
    return pictured(found) if found else None


def _latest(action: str, company_id: int | None, *, field: str | None = None) -> Any:
    """The trail's lines `action` (done) of the company (None: vendor-wide), newest first, as a
    query: read by the caller, as far as it needs."""
    from store.persistence.models import AuditEvent

    company = (AuditEvent.company.is_null() if company_id is None
               else AuditEvent.company == company_id)
    query = AuditEvent.select(AuditEvent.actor_name, AuditEvent.actor_email,
                              AuditEvent.old_value, AuditEvent.new_value).where(
        company & (AuditEvent.action == action) & (AuditEvent.outcome == "done"))
    if field is not None:
        query = query.where(AuditEvent.field == field)
    return query.order_by(AuditEvent.id.desc())


def _feed(company_id: int | None) -> str | None:
    """Who ran the company's latest feed that changed something (store.feed.sync: action
    feed.sync), as "the platform's feed, run by Bea Billing (billing@…)"; None without one. The
    feed alone deactivates users and changes their roles, an owner's aside (an owner change)."""
    line = None if company_id is None else _latest("feed.sync", company_id).first()
    by = None if line is None else _by(line)
    return None if by is None else _("the platform's feed, run by {by}").format(by=by)


def gone(kind: str, who: str, *, yours: bool, company_id: int | None = None,
         inactive: bool = False) -> str:
    """Why a person no longer found (`kind` staff | user, `who` their e-mail, printable) loses
    their session, in one sentence: a member of staff removed, by whom, as the trail's latest
    `staff.remove` line of them says ("Your staff account … was removed by Ada Admin
    (admin@…): the session ends."; `yours`: to that person, else to an admin acting as them);
    a user of company `company_id` made `inactive`, by the platform's feed (its latest run on
    the company, "Your account … was deactivated by the platform's feed, run by …"); else (a
    removal the trail does not hold, a user whose e-mail is no more) that they have no access.
    One query."""
    from peewee import fn

    from store.persistence.models import AuditEvent

    by: str | None = None
    if kind == "staff":
        said = f"{who} ("  # store.people.staff writes the person removed as "email (role)"
        line = _latest("staff.remove", None).where(
            fn.LOWER(fn.SUBSTR(AuditEvent.old_value, 1, len(said))) == said.lower()).first()
        by = None if line is None else _by(line)
        if by is not None:
            return (_("Your staff account {who} was removed by {by}: the session ends.")
                    if yours else
                    _("The staff account {who} was removed by {by}: the session ends.")).format(
                who=who, by=by)
    elif inactive and (by := _feed(company_id)) is not None:
        return (_("Your account {who} was deactivated by {by}: the session ends.") if yours
                else _("The account {who} was deactivated by {by}: the session ends.")).format(
            who=who, by=by)
    return _("{who} no longer has access here: the session ends.").format(who=who)


def changed(kind: str, who: str, roles: tuple[str, str], company: tuple[int, str] | None, *,
            yours: bool) -> str:
    """Why a person whose role changed (`roles`: as signed in, now) signs in again, in one
    sentence naming who changed it and to what, as the trail says (`yours` as for `gone`;
    `company` the user's (id, name), None for staff):
    - staff: the latest `staff.role` line of them (store.people.staff.set_role): "Your role (…)
      was changed to billing by Ada Admin (admin@…): sign in again.";
    - an owner no more, or an owner now: the company's latest `company.owner` line naming them
      (store.profile.companies.set_owner): "Ada Admin (…) made good@… the owner of Pro Two GmbH:
      your role (…) is now admin; sign in again.";
    - any other user (and an owner the company had none before): the platform's feed, its
      latest run on the company ("… changed to supervisor by the platform's feed, run by …").
    Without such a line, "The role of … has changed: sign in again.". One query, two for a
    user made owner by the feed."""
    from peewee import fn

    from store.people.access import role_label
    from store.persistence.models import AuditEvent

    was, now = roles
    role = role_label(now)
    by: str | None = None
    if kind == "staff":
        said = f"{who} ("  # store.people.staff writes "email (role)"
        line = _latest("staff.role", None).where(
            fn.LOWER(fn.SUBSTR(AuditEvent.new_value, 1, len(said))) == said.lower()).first()
        by = None if line is None else _by(line)
    elif company is not None and "owner" in roles:
        mine = who.lower()  # set_owner writes the owners before, comma-separated, and the new
        line = next((line for line in _latest("company.owner", company[0], field="owner")
                     .limit(20) if mine == (line.new_value or "").lower()
                     or mine in (line.old_value or "").lower().split(", ")), None)
        if line is not None and (by := _by(line)) is not None:
            return (_("{by} made {owner} the owner of {company}: your role ({who}) is now "
                      "{role}; sign in again.") if yours else
                    _("{by} made {owner} the owner of {company}: the role of {who} is now "
                      "{role}; sign in again.")).format(
                by=by, owner=pictured(line.new_value or ""), company=pictured(company[1]),
                who=who, role=role)
        # The feed never takes an owner's role (store.feed.sync_plan); it may give an owner to
        # a company without one.
        by = _feed(company[0]) if line is None and was != "owner" else None
    elif company is not None:
        by = _feed(company[0])
    if by is None:
        return _("The role of {who} has changed: sign in again.").format(who=who)
    return (_("Your role ({who}) was changed to {role} by {by}: sign in again.") if yours
            else _("The role of {who} was changed to {role} by {by}: sign in again.")).format(
        who=who, role=role, by=by)
