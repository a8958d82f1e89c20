"""`mycompany sync` (SPEC §11, issue #18): each company's users, numbers and teams brought in
step with the telephony platform's feed, so that the Plan tab's Active column is true.

The feed is read as a stream (store.sync_feed) twice: a first pass finds each company's last
line, the second gathers one company's lines and applies them when its last line is read. A feed
sorted by company (the usual one) so holds one company's lines at a time; an unsorted one is still
right, holding more. A feed read from a pipe is first copied to a temporary file.

Each company is one transaction (store.sync_plan decides, then a bounded number of statements
writes: reads of the company's rows, checks against the other companies in batches, inserts and
updates in batches), with one trail line, `feed.sync`, holding what changed, by kind and count.
A company the feed leaves as it is gets no transaction and no trail line: the same feed twice
changes nothing. Billing and admin staff only (Refused, exit 3, recorded).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from peewee import JOIN, IntegrityError, chunked

from store.access import ensure_billing_team
from store.audit import record
from store.errors import InvalidInput
from store.i18n import _
from store.persistence.db import retried, transaction
from store.persistence.models import Company, PhoneNumber, Plan, Staff, Subscription, Team, User
from store.sync_feed import (
    FORMATS,
    BadLine,
    FeedItem,
    FeedNumber,
    FeedTeam,
    FeedUser,
    company_of,
    parse,
    records,
)
from store.sync_plan import Plan as Changes
from store.sync_plan import Row, plan_numbers, plan_teams, plan_users
from store.views import Actor

ACTION = "feed.sync"
BATCH = 500  # rows a statement: well under SQLite's and PostgreSQL's parameter limits
KINDS = ("users", "numbers", "teams")


@dataclass
class Counts:
    """Rows of one kind added, changed (a field, or activated again) and deactivated."""

    added: int = 0
    changed: int = 0
    deactivated: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.deactivated)


@dataclass(frozen=True)
class Difference:
    """One row's change, listed by a dry run: `kind` user | number | team, `what` added |
    changed | deactivated, `key` the login, E.164 or team name, `fields` (name, old, new) of a
    change."""

    kind: str
    what: str
    key: str
    fields: tuple[tuple[str, Any, Any], ...] = ()


@dataclass
class CompanySync:
    """What the feed changed (or, on a dry run, would change) in one company."""

    company_id: int
    company_name: str
    users: Counts = field(default_factory=Counts)
    numbers: Counts = field(default_factory=Counts)
    teams: Counts = field(default_factory=Counts)
    differences: list[Difference] = field(default_factory=list)  # dry runs only
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.users or self.numbers or self.teams)


@dataclass
class SyncSummary:
    """A whole feed: its lines read, each company it named, and its bad lines (skipped)."""

    dry_run: bool
    lines: int = 0
    companies: list[CompanySync] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)


def sync_feed(actor: Actor, feed: IO[str], fmt: str, *, dry_run: bool = False,
              progress: Callable[[int, int], None] | None = None) -> SyncSummary:
    """Apply the feed `feed` (text, `fmt` jsonl | csv) company by company.

    Refused (exit 3, recorded) unless `actor` is billing or admin staff. InvalidInput (exit 1)
    for an unknown format or a CSV header that is not the feed's; a bad line is not an error but
    a BadLine of the summary, skipped, the rest applied. `dry_run`: nothing is written, each
    company's differences are listed. `progress(lines done, lines)` is called as lines are read.
    """
    ensure_billing_team(actor, None, ACTION)
    if fmt not in FORMATS:
        raise InvalidInput({"format": _("Choose one of {expected}").format(
            expected=", ".join(FORMATS))})
    with _seekable(feed) as source:
        last: dict[int, int] = {}
        total = 0
        for index, (_number, value) in enumerate(records(source, fmt)):
            total += 1
            company = company_of(value) if isinstance(value, dict) else None
            if company is not None:
                last[company] = index
        source.seek(0)
        staff_logins = {login for (login,) in _tuples(Staff.select(Staff.login).where(
            Staff.login.is_null(False)))}
        summary = SyncSummary(dry_run=dry_run, lines=total)
        pending: dict[int, list[FeedItem]] = {}
        kept: dict[int, set[str]] = {}
        for index, (number, value) in enumerate(records(source, fmt)):
            parsed = BadLine(number, None, value) if isinstance(value, str) \
                else parse(number, value)
            if isinstance(parsed, BadLine):
                summary.bad.append(parsed)
                company = parsed.company
                if company is not None and isinstance(value, dict):
                    kept.setdefault(company, set()).update(_keys_named(value))
            else:
                company = parsed[0]
                pending.setdefault(company, []).append(parsed[1])
            if company is not None and last.get(company) == index:
                _flush(actor, company, pending, kept, staff_logins, summary)
            if progress is not None and (index % 1000 == 999 or index + 1 == total):
                progress(index + 1, total)
        for company in list(pending):  # none, unless the file changed between the passes
            _flush(actor, company, pending, kept, staff_logins, summary)
    summary.bad.sort(key=lambda bad: bad.line)
    return summary


@contextlib.contextmanager
def _seekable(feed: IO[str]) -> Iterator[IO[str]]:
    """`feed` itself when it can be read twice, else a temporary copy of it (a pipe)."""
    try:
        if feed.seekable():
            feed.seek(feed.tell())
            yield feed
            return
    except (OSError, ValueError):
        pass
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as copy:
        for text in feed:
            copy.write(text)
        copy.seek(0)
        yield copy


def _keys_named(value: dict[str, Any]) -> set[str]:
    """What a bad line names, so that the row it is about is not deactivated for its omission."""
    keys = {"user": ("login", "email"), "number": ("e164",), "team": ("name",)}.get(
        str(value.get("kind")), ())
    named = {str(value[k]).strip() for k in keys if value.get(k) is not None}
    return named | {text.lower() for text in named}


def _flush(actor: Actor, company: int, pending: dict[int, list[FeedItem]],
           kept: dict[int, set[str]], staff_logins: set[str], summary: SyncSummary) -> None:
    items = pending.pop(company, [])
    if not items:  # every line of the company was bad: nothing is known of its complete set
        return
    done, bad = sync_company(actor, company, items, kept.pop(company, set()), staff_logins,
                             dry_run=summary.dry_run)
    summary.bad += bad
    if done is not None:
        summary.companies.append(done)


@retried
def sync_company(actor: Actor, company: int, items: list[FeedItem], kept: set[str],
                 staff_logins: set[str], *, dry_run: bool = False
                 ) -> tuple[CompanySync | None, list[BadLine]]:
    """One company's lines applied in one transaction (nothing written on a dry run): what
    changed, and the lines skipped. An unknown company: every line is a bad line."""
    users = [i for i in items if isinstance(i, FeedUser)]
    numbers = [i for i in items if isinstance(i, FeedNumber)]
    teams = [i for i in items if isinstance(i, FeedTeam)]
    head = (Company.select(Company.name, Plan.name, Plan.team_limit)
            .join(Subscription, JOIN.LEFT_OUTER, on=Subscription.company == Company.id)
            .join(Plan, JOIN.LEFT_OUTER, on=Plan.code == Subscription.plan)
            .where(Company.id == company).tuples().first())
    if head is None:
        message = _("There is no company {id}.").format(id=company)
        return None, [BadLine(item.line, company, message) for item in items]
    name, plan_name, limit = cast("tuple[str, str | None, int | None]", head)
    try:
        with transaction():
            return _apply(actor, company, name, users, numbers, teams, kept, staff_logins,
                          plan_name or "", limit, dry_run)
    except IntegrityError:  # another writer took a login, e-mail or number meanwhile
        message = _("Not written: a login, e-mail or number was taken meanwhile; run the "
                    "sync again")
        return None, [BadLine(items[0].line, company, message)]


def _apply(actor: Actor, company: int, name: str, users: list[FeedUser],
           numbers: list[FeedNumber], teams: list[FeedTeam], kept: set[str],
           staff_logins: set[str], plan_name: str, limit: int | None,
           dry_run: bool) -> tuple[CompanySync | None, list[BadLine]]:
    user_rows = [Row(r[0], r[1] or r[3], r[5], r[1:6]) for r in _tuples(User.select(
        User.id, User.login, User.name, User.email, User.role, User.active).where(
            User.company == company))]
    number_rows = [Row(*r) for r in _tuples(PhoneNumber.select(
        PhoneNumber.id, PhoneNumber.e164, PhoneNumber.active).where(
            PhoneNumber.company == company))]
    team_rows = [Row(*r) for r in _tuples(Team.select(Team.id, Team.name, Team.active).where(
        Team.company == company))]
    plans = {"users": plan_users(company, user_rows, users, kept, staff_logins),
             "numbers": plan_numbers(company, number_rows, numbers, kept),
             "teams": plan_teams(company, team_rows, teams, kept, limit, plan_name)}
    _taken_elsewhere(company, plans["users"], plans["numbers"])
    done = CompanySync(company, name, notes=plans["users"].notes)
    bad = [line for plan in plans.values() for line in plan.bad]
    for kind, plan in plans.items():
        counts = Counts(len(plan.inserts), len(plan.updates), len(plan.deactivate))
        setattr(done, kind, counts)
        if dry_run:
            done.differences += _differences(kind, plan)
    if dry_run or not done.changed:
        return done, bad
    _write_users(company, plans["users"])
    _write_numbers(company, plans["numbers"])
    _write_teams(company, plans["teams"])
    record(actor, company, ACTION, new=json.dumps(
        {kind: [c.added, c.changed, c.deactivated]
         for kind, c in zip(KINDS, (done.users, done.numbers, done.teams), strict=True)}))
    return done, bad


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    """A select's rows as tuples (peewee's stubs type them as the model)."""
    return cast("list[tuple[Any, ...]]", list(query.tuples()))


def _taken_elsewhere(company: int, users: Changes, numbers: Changes) -> None:
    """Move to the bad lines the users and numbers whose login, e-mail or E.164 another
    company holds (the columns are unique across companies): a query a batch."""
    wanted = [(u, None) for u in users.inserts] + [
        (u, row_id) for row_id, (u, changes) in users.updates.items()
        if any(name in ("login", "email") for name, _o, _n in changes)]
    taken: dict[str, int] = {}
    for batch in chunked(wanted, BATCH):
        logins = [u.login for u, _row in batch]
        emails = [u.email for u, _row in batch]
        for login, email, owner in cast("Iterable[tuple[str | None, str, int]]", User.select(
                User.login, User.email, User.company).where(
                (User.company != company) & (User.login.in_(logins) | User.email.in_(emails))
        ).tuples()):
            taken[email] = taken[login or email] = owner
    if taken:
        for u, row_id in wanted:
            holder = taken.get(u.login) or taken.get(u.email)
            if holder is None:
                continue
            users.bad.append(BadLine(u.line, company, _(
                "This login or e-mail is a user's of company {id}").format(id=holder)))
            if row_id is None:
                users.inserts.remove(u)
            else:
                del users.updates[row_id]
    held: dict[str, int] = {}
    for batch in chunked([n.e164 for n in numbers.inserts], BATCH):
        held.update(cast("Iterable[tuple[str, int]]", PhoneNumber.select(
            PhoneNumber.e164, PhoneNumber.company).where(PhoneNumber.e164.in_(batch)).tuples()))
    for n in [n for n in numbers.inserts if n.e164 in held]:
        numbers.bad.append(BadLine(n.line, company, _(
            "This number is company {id}'s").format(id=held[n.e164])))
        numbers.inserts.remove(n)


def _differences(kind: str, plan: Changes) -> list[Difference]:
    single = kind[:-1]

    def key(item: Any) -> str:
        return str(getattr(item, {"user": "login", "number": "e164", "team": "name"}[single]))

    out = [Difference(single, "added", key(item)) for item in plan.inserts]
    out += [Difference(single, "changed", key(item), tuple(changes))
            for item, changes in plan.updates.values()]
    out += [Difference(single, "deactivated", row.key) for row in plan.deactivate]
    return out


def _deactivate(model: Any, rows: Iterable[Row]) -> None:
    for batch in chunked([row.id for row in rows], BATCH):
        model.update(active=False).where(model.id.in_(batch)).execute()


def _write_users(company: int, plan: Changes) -> None:
    for batch in chunked(plan.inserts, BATCH):
        User.insert_many([(company, u.login, u.name, u.email, u.role, u.active) for u in batch],
                         fields=[User.company, User.login, User.name, User.email, User.role,
                                 User.active]).execute()
    updated = [User(id=row_id, login=u.login, name=u.name, email=u.email, role=u.role,
                    active=u.active) for row_id, (u, _c) in plan.updates.items()]
    if updated:
        cast(Any, User).bulk_update(updated, fields=[User.login, User.name, User.email, User.role,
                                          User.active], batch_size=BATCH)
    _deactivate(User, plan.deactivate)


def _write_numbers(company: int, plan: Changes) -> None:
    for batch in chunked(plan.inserts, BATCH):
        PhoneNumber.insert_many([(company, n.e164, n.active) for n in batch],
                                fields=[PhoneNumber.company, PhoneNumber.e164,
                                        PhoneNumber.active]).execute()
    for active in (True, False):
        ids = [row_id for row_id, (n, _c) in plan.updates.items() if n.active is active]
        for batch in chunked(ids, BATCH):
            PhoneNumber.update(active=active).where(PhoneNumber.id.in_(batch)).execute()
    _deactivate(PhoneNumber, plan.deactivate)


def _write_teams(company: int, plan: Changes) -> None:
    for batch in chunked(plan.inserts, BATCH):
        Team.insert_many([(company, t.name, True) for t in batch],
                         fields=[Team.company, Team.name, Team.active]).execute()
    for batch in chunked(list(plan.updates), BATCH):
        Team.update(active=True).where(Team.id.in_(batch)).execute()
    _deactivate(Team, plan.deactivate)
