"""`mycompany sync` (SPEC §11, issue #18): each company's users, numbers and teams brought in
step with the telephony platform's feed, so that the Plan tab's Active column is true.

The feed is read as a stream (store.feed.sync_feed) twice: a first pass finds each company's last
line, the second gathers one company's lines and applies them when its last line is read. A feed
sorted by company (the usual one) so holds one company's lines at a time; an unsorted one is still
right, holding more. A feed read from a pipe is first copied to a temporary file.

Each company is one transaction (store.feed.sync_plan decides, then a bounded number of statements
writes: reads of the company's rows, checks against the other companies in batches, inserts and
updates in batches), with one trail line, `feed.sync`, holding what changed, by kind and count.
A company the feed leaves as it is gets no transaction and no trail line: the same feed twice
changes nothing. A company's bad lines go to its History too, one refused line per reason
(store.feed.sync_skipped). Billing and admin staff only (Refused, exit 3, recorded).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any, cast

from peewee import JOIN, IntegrityError, chunked, fn

from store.errors import InvalidInput, Refused
from store.feed.sync_elsewhere import BATCH, Planned, taken_elsewhere
from store.feed.sync_feed import (
    FORMATS,
    BadLine,
    FeedItem,
    FeedNumber,
    FeedTeam,
    FeedUser,
    company_of,
    parse,
    records,
    seekable_feed,
)
from store.feed.sync_plan import Plan as Changes
from store.feed.sync_plan import Row, StaffNames, plan_numbers, plan_teams, plan_users
from store.feed.sync_skipped import ClosedCompany, closed_company, record_skipped
from store.i18n import _
from store.people.access import closed_refusal, ensure_billing_team
from store.persistence.db import database, retried, transaction
from store.persistence.models import Company, PhoneNumber, Plan, Staff, Subscription, Team, User
from store.plans.team_limit import TeamLimit, as_limits, scheduled_limits, strictest
from store.trail.audit import record
from store.views import Actor

ACTION = "feed.sync"
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
    """A whole feed: its lines read, each company it named, its bad lines (skipped) and the
    closed companies it named (their lines skipped, said once a company)."""

    dry_run: bool
    lines: int = 0
    companies: list[CompanySync] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)
    closed: list[ClosedCompany] = field(default_factory=list)


def sync_feed(actor: Actor, feed: IO[str], fmt: str, *, dry_run: bool = False,
              progress: Callable[[int, int], None] | None = None,
              report: Callable[[CompanySync], None] | None = None) -> SyncSummary:
    """Apply the feed `feed` (text, `fmt` jsonl | csv) company by company. A file is best
    opened with errors="surrogateescape": a line that is not UTF-8 is then a bad line (records).

    Refused (exit 3, recorded) unless `actor` is billing or admin staff. InvalidInput (exit 1)
    for an unknown format or a CSV header that is not the feed's; a bad line is not an error but
    a BadLine of the summary, skipped, the rest applied. `dry_run`: nothing is written, each
    company's differences are listed. `progress(lines done, lines)` is called as lines are read;
    `report(company)` after each company, which then keeps only its counts: a dry run's
    differences are handed on as they are found, not held for the whole feed.
    """
    ensure_billing_team(actor, None, ACTION)
    if fmt not in FORMATS:
        raise InvalidInput({"format": _("Choose one of {expected}").format(
            expected=", ".join(FORMATS))})
    with seekable_feed(feed) as source:
        last: dict[int, int] = {}
        total = 0
        for index, (_number, value) in enumerate(records(source, fmt)):
            total += 1
            company = company_of(value) if isinstance(value, dict) else None
            if company is not None:
                last[company] = index
        source.seek(0)
        people = _tuples(Staff.select(Staff.login, Staff.email))
        staff = StaffNames(frozenset(login for login, _email in people if login),
                           frozenset(email.lower() for _login, email in people))
        summary = SyncSummary(dry_run=dry_run, lines=total)
        reads = Reads.written()
        planned = Planned() if dry_run else None  # what the companies before would write
        pending: dict[int, list[FeedItem]] = {}
        kept: dict[int, set[str]] = {}
        skipped: dict[int, list[BadLine]] = {}  # a company's bad lines, for its History
        for index, (number, value) in enumerate(records(source, fmt)):
            parsed = BadLine(number, None, value) if isinstance(value, str) \
                else parse(number, value)
            if isinstance(parsed, BadLine):
                summary.bad.append(parsed)
                company = parsed.company
                if company is not None and isinstance(value, dict):
                    kept.setdefault(company, set()).update(_keys_named(value))
                    skipped.setdefault(company, []).append(parsed)
            else:
                company = parsed[0]
                pending.setdefault(company, []).append(parsed[1])
            if company is not None and last.get(company) == index:
                _flush(actor, reads, company, (pending, kept, skipped), staff, summary,
                       report, planned)
            if progress is not None and (index % 1000 == 999 or index + 1 == total):
                progress(index + 1, total)
        # none, unless the file changed between the passes
        for company in list(pending.keys() | skipped.keys()):
            _flush(actor, reads, company, (pending, kept, skipped), staff, summary,
                   report, planned)
    summary.bad.sort(key=lambda bad: bad.line)
    return summary


def _keys_named(value: dict[str, Any]) -> set[str]:
    """What a bad line names, so that the row it is about is not deactivated for its omission."""
    keys = {"user": ("login", "email"), "number": ("e164",), "team": ("name",)}.get(
        str(value.get("kind")), ())
    named = {str(value[k]).strip() for k in keys if value.get(k) is not None}
    return named | {text.lower() for text in named}


def _flush(actor: Actor, reads: Reads, company: int,
           held: tuple[dict[int, list[FeedItem]], dict[int, set[str]], dict[int, list[BadLine]]],
           staff: StaffNames, summary: SyncSummary,
           report: Callable[[CompanySync], None] | None, planned: Planned | None) -> None:
    """Company `company`'s lines held (`held`: its items, the keys its bad lines name, its bad
    lines) applied, then its bad lines written to its History (store.feed.sync_skipped).
    `planned`: a dry run's record of what the companies before would have written."""
    pending, kept, skipped = held
    items, bad = pending.pop(company, []), skipped.pop(company, [])
    # Every line of the company bad: nothing is known of its complete set, nothing applied.
    done, more = sync_company(actor, reads, company, items, kept.pop(company, set()),
                              staff, dry_run=summary.dry_run, planned=planned) \
        if items else (None, [])
    if isinstance(done, ClosedCompany):  # its lines in its History, not bad lines
        summary.closed.append(done)
        done = None
    else:
        summary.bad += more
    if not summary.dry_run:
        record_skipped(actor, company, bad + more)
    if done is not None:
        summary.companies.append(done)
        if report is not None:
            report(done)
            done.differences = []


@retried
def sync_company(actor: Actor, reads: Reads, company: int, items: list[FeedItem],
                 kept: set[str], staff: StaffNames, *, dry_run: bool = False,
                 planned: Planned | None = None
                 ) -> tuple[CompanySync | ClosedCompany | None, list[BadLine]]:
    """One company's lines applied in one transaction (nothing written on a dry run): what
    changed, and the lines skipped (`reads`: the feed's Reads.written()). An unknown company:
    every line is a bad line. A closed company (SPEC §11: read-only): nothing of it changes,
    its lines skipped (ClosedCompany, and the lines with why, for its History). `planned`, on
    a dry run: what the feed's companies before this one would have written
    (store.feed.sync_elsewhere.Planned), met as the real run meets it in the database; this
    company's changes are added to it."""
    users = [i for i in items if isinstance(i, FeedUser)]
    numbers = [i for i in items if isinstance(i, FeedNumber)]
    teams = [i for i in items if isinstance(i, FeedTeam)]
    head = database.execute_sql(reads.head, [company]).fetchone()
    if head is None:
        message = _("There is no company {id}.").format(id=company)
        return None, [BadLine(item.line, company, message) for item in items]
    name, plan_name, limit = cast("tuple[str, str | None, int | None]", head[:3])
    scheduled = bool(head[4])  # a move to a plan with a team limit waits: read its limits
    closed = closed_refusal(company, ACTION) if head[3] is not None else None
    if closed is not None:
        return closed_company(company, name, items, closed.message)
    try:
        with transaction():
            return _apply(actor, reads, company, name, (users, numbers, teams), kept,
                          staff, (plan_name or "", limit, scheduled),
                          planned if dry_run else None)
    except IntegrityError:  # another writer took a login, e-mail or number meanwhile
        message = _("Not written: a login, e-mail or number was taken meanwhile; run the "
                    "sync again")
        return None, [BadLine(items[0].line, company, message)]
    except Refused as refused:  # closed meanwhile: the trail line refused (audit.record)
        if refused.action != ACTION:  # not that: the session ended, say (exit 3)
            raise
        return closed_company(company, name, items, refused.message)


def _apply(actor: Actor, reads: Reads, company: int, name: str,
           lines: tuple[list[FeedUser], list[FeedNumber], list[FeedTeam]], kept: set[str],
           staff: StaffNames, subscribed: tuple[str, int | None, bool],
           planned: Planned | None) -> tuple[CompanySync | None, list[BadLine]]:
    """`lines` (users, numbers, teams) planned and, unless `planned` says this is a dry run,
    written; on a dry run what would be written is added to `planned`. `subscribed`: the
    company's plan name, its team limit, and whether a move to a plan with one waits."""
    users, numbers, teams = lines
    plan_name, limit, scheduled = subscribed
    dry_run = planned is not None
    user_rows = [Row(r[0], r[1] or r[3], bool(r[5]), (*r[1:5], bool(r[5])))
                 for r in reads.rows(reads.users, company)]
    number_rows = [Row(r[0], r[1], bool(r[2])) for r in reads.rows(reads.numbers, company)]
    team_rows = [Row(r[0], r[1], bool(r[2])) for r in reads.rows(reads.teams, company)]
    # The plan's limit, or a stricter one of a plan it is scheduled to move to (R9, #18 trial
    # t18: a company moving to Essentials took five teams from the feed).
    # Read only where one waits (the head says so): one statement a company fewer.
    team_limit = strictest(None if limit is None else TeamLimit(limit, plan_name), as_limits(
        reads.rows(reads.scheduled, company)) if scheduled else [])
    plans = {"users": plan_users(company, user_rows, users, kept, staff),
             "numbers": plan_numbers(company, number_rows, numbers, kept),
             "teams": plan_teams(company, team_rows, teams, kept, team_limit)}
    taken_elsewhere(company, plans["users"], plans["numbers"], planned)
    if planned is not None:
        planned.add(company, plans["users"], plans["numbers"])
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


@dataclass(frozen=True)
class Reads:
    """The reads of one company: its name, plan, team limit and closing (`head`), its users,
    numbers and teams, the team limits of the plans it is scheduled to move to (`scheduled`:
    store.plans.team_limit), as statements whose one parameter is the company's id. Their text is
    written by peewee once a feed, not once a company: writing a select's text takes peewee
    about 0.7 ms, longer than SQLite takes to run it (bench/README.md, the feed's row)."""

    head: str
    users: str
    numbers: str
    teams: str
    scheduled: str

    @classmethod
    def written(cls) -> Reads:
        """The statements for the database open now (its quoting and parameter marks)."""
        def text(query: Any) -> str:
            sql, params = query.sql()
            if params != [_ANY]:
                raise RuntimeError(f"a company's read takes the company's id only: {params}")
            return cast(str, sql)
        return cls(
            head=text(Company.select(Company.name, Plan.name, Plan.team_limit, Company.closed_at,
                                     fn.EXISTS(scheduled_limits(Company.id)))
                      .join(Subscription, JOIN.LEFT_OUTER, on=Subscription.company == Company.id)
                      .join(Plan, JOIN.LEFT_OUTER, on=Plan.code == Subscription.plan)
                      .where(Company.id == _ANY)),
            users=text(User.select(User.id, User.login, User.name, User.email, User.role,
                                   User.active).where(User.company == _ANY)),
            numbers=text(PhoneNumber.select(PhoneNumber.id, PhoneNumber.e164, PhoneNumber.active)
                         .where(PhoneNumber.company == _ANY)),
            teams=text(Team.select(Team.id, Team.name, Team.active).where(Team.company == _ANY)),
            scheduled=text(scheduled_limits(_ANY)))

    @staticmethod
    def rows(statement: str, company: int) -> list[tuple[Any, ...]]:
        """`statement`'s rows for `company`, as the database returns them (booleans may be 0/1)."""
        return cast("list[tuple[Any, ...]]",
                    database.execute_sql(statement, [company]).fetchall())


_ANY = -1  # the company id the statements are written with, replaced by each company's


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    """A select's rows as tuples (peewee's stubs type them as the model)."""
    return cast("list[tuple[Any, ...]]", list(query.tuples()))


def _differences(kind: str, plan: Changes) -> list[Difference]:
    single = kind[:-1]

    def key(item: Any) -> str:
        return str(getattr(item, {"user": "login", "number": "e164", "team": "name"}[single]))

    out = [Difference(single, "added", key(item)) for item in plan.inserts]
    out += [Difference(single, "changed", key(item), tuple(changes))
            for item, changes in plan.updates.values()]
    out += [Difference(single, "deactivated", row.key) for row in plan.deactivate]
    return out


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """`rows` inserted BATCH at a time, one statement each, its text written here: peewee's
    insert_many spends longer building a statement of 500 rows than the database running it."""
    (q0, q1), param = database.quote, database.param  # '""' on both databases
    head = (f"INSERT INTO {q0}{table}{q1} "
            f"({', '.join(q0 + c + q1 for c in columns)}) VALUES ")
    one = "(" + ", ".join([param] * len(columns)) + ")"
    for batch in chunked(rows, BATCH):
        database.execute_sql(head + ", ".join([one] * len(batch)),
                             [value for row in batch for value in row])


def _deactivate(model: Any, rows: Iterable[Row]) -> None:
    for batch in chunked([row.id for row in rows], BATCH):
        model.update(active=False).where(model.id.in_(batch)).execute()


def _write_users(company: int, plan: Changes) -> None:
    _insert("user", ("company_id", "login", "name", "email", "role", "active"),
            [(company, u.login, u.name, u.email, u.role, u.active) for u in plan.inserts])
    updated = [User(id=row_id, login=u.login, name=u.name, email=u.email, role=u.role,
                    active=u.active) for row_id, (u, _c) in plan.updates.items()]
    if updated:
        cast(Any, User).bulk_update(updated, fields=[User.login, User.name, User.email, User.role,
                                          User.active], batch_size=BATCH)
    _deactivate(User, plan.deactivate)


def _write_numbers(company: int, plan: Changes) -> None:
    _insert("phone_number", ("company_id", "e164", "active"),
            [(company, n.e164, n.active) for n in plan.inserts])
    for active in (True, False):
        ids = [row_id for row_id, (n, _c) in plan.updates.items() if n.active is active]
        for batch in chunked(ids, BATCH):
            PhoneNumber.update(active=active).where(PhoneNumber.id.in_(batch)).execute()
    _deactivate(PhoneNumber, plan.deactivate)


def _write_teams(company: int, plan: Changes) -> None:
    _insert("team", ("company_id", "name", "active"),
            [(company, t.name, True) for t in plan.inserts])
    for batch in chunked(list(plan.updates), BATCH):
        Team.update(active=True).where(Team.id.in_(batch)).execute()
    _deactivate(Team, plan.deactivate)
