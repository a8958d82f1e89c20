"""What other companies hold of a company's feed lines (store.feed.sync): logins, e-mails and
numbers are unique across companies, so a line naming one another company holds is a bad line.

A real run writes each company before it reads the next, so a later company of the same feed
meets in the database what an earlier one took. A dry run writes nothing: the earlier companies'
changes are kept in `Planned` and looked up with the database, so that a dry run reports exactly
what the real run would (#18 trial: a feed naming login "ana" and number +44… for company 1 and
company 2 listed "+ user ana" and "+ number +44…" under company 2 on a dry run, where the run
refused both lines, "This login or e-mail is a user's of company 1", "This number is company
1's").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import chunked

from store.feed.sync_feed import BadLine
from store.feed.sync_plan import Plan as Changes
from store.i18n import _
from store.persistence.db import database, indexed_by

BATCH = 500  # rows a statement: well under SQLite's and PostgreSQL's parameter limits


@dataclass
class Planned:
    """A dry run's record of what the companies synced before would have written: the logins
    and e-mails (`users`) and E.164 numbers (`numbers`) they add or change to, each to the
    company that would hold it; `moved`, the stored users whose login or e-mail they change,
    by row id, with their login and e-mail after it (what they held before is free again)."""

    users: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    moved: dict[int, tuple[str | None, str]] = field(default_factory=dict)

    def add(self, company: int, users: Changes, numbers: Changes) -> None:
        """Company `company`'s changes (after taken_elsewhere), as its real run writes them."""
        for u in users.inserts:
            self.users[u.login] = self.users[u.email] = company
        for row_id, (u, changes) in users.updates.items():
            if any(name in ("login", "email") for name, _o, _n in changes):
                self.moved[row_id] = (u.login, u.email)
                self.users[u.login] = self.users[u.email] = company
        for n in numbers.inserts:
            self.numbers[n.e164] = company


def taken_elsewhere(company: int, users: Changes, numbers: Changes,
                    planned: Planned | None = None) -> None:
    """Move to the bad lines the users and numbers whose login, e-mail or E.164 another
    company holds (the columns are unique across companies): a query a batch. `planned`: on a
    dry run, what the feed's earlier companies would have written (Planned), taken as written."""
    wanted = [(u, None) for u in users.inserts] + [
        (u, row_id) for row_id, (u, changes) in users.updates.items()
        if any(name in ("login", "email") for name, _o, _n in changes)]
    taken: dict[str, int] = {}
    moved = planned.moved if planned is not None else {}
    p = database.param  # the statements' text written here: peewee's takes longer to build
    for batch in chunked(wanted, BATCH):
        marks = ", ".join([p] * len(batch))
        for row_id, login, email, owner in database.execute_sql(
                f'SELECT id, login, email, company_id FROM "user"{indexed_by("user_login")} '
                f"WHERE login IN ({marks}) AND company_id <> {p} UNION ALL "
                f'SELECT id, login, email, company_id FROM "user"{indexed_by("user_email")} '
                f"WHERE email IN ({marks}) AND company_id <> {p}",
                [*(u.login for u, _r in batch), company,
                 *(u.email for u, _r in batch), company]):
            login, email = moved.get(row_id, (login, email))
            taken[email] = taken[login or email] = owner
    if planned is not None:
        for u, _r in wanted:
            for value in (u.login, u.email):
                holder = planned.users.get(value)
                if holder is not None and holder != company:
                    taken.setdefault(value, holder)
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
        held.update(database.execute_sql(
            "SELECT e164, company_id FROM phone_number WHERE e164 IN "
            f"({', '.join([p] * len(batch))})", batch).fetchall())
    if planned is not None:
        held.update({n.e164: planned.numbers[n.e164] for n in numbers.inserts
                     if n.e164 not in held and planned.numbers.get(n.e164, company) != company})
    for n in [n for n in numbers.inserts if n.e164 in held]:
        numbers.bad.append(BadLine(n.line, company, _(
            "This number is company {id}'s").format(id=held[n.e164])))
        numbers.inserts.remove(n)
