"""What the platform's feed changes in one company (store.feed.sync), decided from the company's
rows as they are and the feed's lines, before anything is written: who and what is added, changed
and deactivated, and which lines are skipped and why.

The rules (SPEC §11, README "The platform's feed"):
- a user is the feed's login, else (a person the program made before the feed named them) the
  same e-mail in the company; a number is its E.164; a team is its name;
- what the company has and the feed omits is deactivated, never deleted; a row a bad line names
  (by login, e-mail, number or team name) is left as it is;
- a user's login or e-mail is not a staff member's login or e-mail (sign-in would find the staff
  member);
- the company's owner stays owner and active: the vendor's staff change the owner, not the feed;
  a second owner is refused while the company has one;
- Essentials keeps at most its three active teams (R9), and so does a company scheduled to move
  to Essentials (store.plans.team_limit): the teams already active first, then the feed's order;
  the teams beyond the limit are skipped lines, saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from store.feed.sync_feed import (
    BadLine,
    FeedNumber,
    FeedTeam,
    FeedUser,
    checked_e164,
    checked_email,
)
from store.i18n import _

if TYPE_CHECKING:
    from store.plans.team_limit import TeamLimit

USER_FIELDS = ("login", "name", "email", "role", "active")
Item = TypeVar("Item", FeedUser, FeedNumber)


@dataclass(frozen=True, slots=True)
class Row:
    """A user, number or team of the company as stored: `key` is its login or e-mail (user),
    E.164 (number) or name (team); `values` its USER_FIELDS (users only)."""

    id: int
    key: str
    active: bool
    values: tuple[Any, ...] = ()


@dataclass
class Plan:
    """One kind's changes: rows to insert (feed items), to update ({row id: (item, [(field,
    old, new)])}), to deactivate (rows); the skipped lines; notes for the person (owner kept)."""

    inserts: list[Any] = field(default_factory=list)
    updates: dict[int, tuple[Any, list[tuple[str, Any, Any]]]] = field(default_factory=dict)
    deactivate: list[Row] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _twice(company: int, line: int, first: int) -> BadLine:
    return BadLine(line, company, _("Listed twice for this company: see line {line}").format(
        line=first))


def _canonical(plan: Plan, company: int, item: Item, name: str, check: Callable[[str], str],
               stored: Collection[str]) -> Item | None:
    """`item` with its `name` value ("email", "e164") as `check` writes it (store.feed.sync_feed's
    checked_email, checked_e164), or None once its refusal is a bad line of `plan` ("e164: ...").
    A value the company has stored already was checked when it was written: kept as it is."""
    value = getattr(item, name)
    if value in stored:
        return item
    try:
        canonical = check(value)
    except ValueError as exc:
        plan.bad.append(BadLine(item.line, company, f"{name}: {exc}"))
        return None
    changed: dict[str, Any] = {name: canonical}
    return item if canonical == value else replace(item, **changed)


@dataclass(frozen=True)
class StaffNames:
    """What signs a member of staff in (store.people.identity finds a person by login or
    e-mail, staff first): their logins as written, their e-mails in lower case."""

    logins: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()

    def refusal(self, login: str | None, email: str | None) -> str | None:
        """Why a user with this login and e-mail cannot be added: one of them is a staff
        member's (#18 trial: the feed made bea@vendor.example a company's admin, whom sign-in
        then found as staff, where `staff add` and `companies set-owner` refuse the same); None
        when neither is, or neither is given (None: the user holds it already)."""
        if login is not None and (login in self.logins or login.lower() in self.emails):
            return _("This login is a staff member's; give the user another one")
        if email is not None and email.lower() in self.emails:
            return _("This e-mail is a staff member's; give the user another one")
        return None


def plan_users(company: int, rows: list[Row], feed: list[FeedUser], kept: set[str],
               staff: StaffNames) -> Plan:
    """The users' changes: `rows` are the company's users (values login, name, email, role,
    active), `kept` the logins and e-mails of its bad lines, `staff` what signs staff in."""
    plan = Plan()
    by_login = {r.values[0]: r for r in rows if r.values[0]}
    by_email = {r.values[2]: r for r in rows}
    owners = {r.id for r in rows if r.values[3] == "owner" and r.active}
    lines: dict[str, int] = {}
    matched: dict[int, int] = {}  # row id -> the line that names it
    for fed in feed:
        user = _canonical(plan, company, fed, "email", checked_email, by_email)
        if user is None:
            if fed.login in by_login:
                matched.setdefault(by_login[fed.login].id, fed.line)
            continue
        by_l, by_e = by_login.get(user.login), by_email.get(user.email)
        row = by_l or by_e
        held = (row.values[0], row.values[2]) if row is not None else ()  # kept as they are
        # What the line is (a staff member's name) is said before what it repeats: "see line
        # 1" would hide it when line 1 is the same staff e-mail in another case (#18 verify).
        refusal = staff.refusal(*(None if name in held else name
                                  for name in (user.login, user.email)))
        first = lines.get("l:" + user.login) or lines.get("e:" + user.email)
        if first is None:
            lines["l:" + user.login] = lines["e:" + user.email] = user.line
        if refusal is not None:
            plan.bad.append(BadLine(user.line, company, refusal))
        elif first is not None:
            plan.bad.append(_twice(company, user.line, first))
        if refusal is not None or first is not None:
            if row is not None:  # a row a bad line names is left as it is
                matched.setdefault(row.id, user.line)
            continue
        if by_l is not None and by_e is not None and by_l.id != by_e.id:
            plan.bad.append(BadLine(user.line, company, _(
                "This e-mail is another user's of this company (login {login})").format(
                    login=by_e.values[0] or "—")))
            matched.setdefault(by_l.id, user.line)
            continue
        if row is not None and row.id in matched:
            plan.bad.append(_twice(company, user.line, matched[row.id]))
            continue
        if row is not None:
            matched[row.id] = user.line
        if row is not None and row.id in owners and (user.role != "owner" or not user.active):
            plan.bad.append(BadLine(user.line, company, _(
                "The company's owner stays owner and active; the vendor's staff change the "
                "owner, not the feed")))
            continue
        if user.role == "owner" and owners and (row is None or row.id not in owners):
            plan.bad.append(BadLine(user.line, company, _(
                "The company has an owner already; the vendor's staff change the owner, not "
                "the feed")))
            continue
        values = (user.login, user.name, user.email, user.role, user.active)
        if row is None:
            plan.inserts.append(user)
            continue
        changes = [(name, old, new) for name, old, new in zip(USER_FIELDS, row.values, values,
                                                                strict=True) if old != new]
        if changes:
            plan.updates[row.id] = (user, changes)
    for row in rows:
        if not row.active or row.id in matched or row.values[0] in kept or row.values[2] in kept:
            continue
        if row.id in owners:
            plan.notes.append(_("The owner {email} is not in the feed and stays active").format(
                email=row.values[2]))
            continue
        plan.deactivate.append(row)
    return plan


def plan_numbers(company: int, rows: list[Row], feed: list[FeedNumber], kept: set[str]) -> Plan:
    """The numbers' changes: added, (re)activated or deactivated as the feed says."""
    plan = Plan()
    by_e164 = {r.key: r for r in rows}
    lines: dict[str, int] = {}
    for fed_number in feed:
        number = _canonical(plan, company, fed_number, "e164", checked_e164, by_e164)
        if number is None:
            continue
        if number.e164 in lines:
            plan.bad.append(_twice(company, number.line, lines[number.e164]))
            continue
        lines[number.e164] = number.line
        row = by_e164.get(number.e164)
        if row is None:
            plan.inserts.append(number)
        elif row.active != number.active:
            plan.updates[row.id] = (number, [("active", row.active, number.active)])
    plan.deactivate = [r for r in rows if r.active and r.key not in lines and r.key not in kept]
    return plan


def plan_teams(company: int, rows: list[Row], feed: list[FeedTeam], kept: set[str],
               limit: TeamLimit | None) -> Plan:
    """The teams' changes within the limit of active teams (None: no limit; R9): the plan's, or
    a plan's the company is scheduled to move to (store.plans.team_limit)."""
    plan = Plan()
    by_name: dict[str, Row] = {}
    for row in sorted(rows, key=lambda r: (not r.active, r.id)):  # an active one first
        by_name.setdefault(row.key, row)
    lines: dict[str, int] = {}
    wanted: list[FeedTeam] = []
    for team in feed:
        if team.name in lines:
            plan.bad.append(_twice(company, team.line, lines[team.name]))
            continue
        lines[team.name] = team.line
        wanted.append(team)
    kept_active = [r for r in rows if r.active and r.key in kept and r.key not in lines]
    listed_active = [t for t in wanted if t.name in by_name and by_name[t.name].active]
    others = [t for t in wanted if not (t.name in by_name and by_name[t.name].active)]
    # Teams already active stay so, even beyond the limit (made before it); only a team to add
    # or to activate needs room.
    room = len(others)
    if limit is not None:
        room = max(0, limit.limit - len(listed_active) - len(kept_active))
        plan.bad += [BadLine(team.line, company, limit.refusal()) for team in others[room:]]
    for team in others[:room]:
        stored = by_name.get(team.name)
        if stored is None:
            plan.inserts.append(team)
        else:
            plan.updates[stored.id] = (team, [("active", False, True)])
    plan.deactivate = [r for r in rows if r.active and r.key not in lines and r.key not in kept]
    # A second team of the same name (made before the feed) is deactivated: one team a name.
    plan.deactivate += [r for r in rows if r.active and r.key in lines
                        and by_name[r.key].id != r.id]
    return plan
