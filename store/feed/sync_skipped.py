"""A feed's lines skipped for a company, kept in that company's History (#18 trial: company 10's
teams beyond Essentials' three (R9) and closed company 99's lines were said on stderr alone, and
the "Platform feed synced" line shows counts only: the staff could not see later what the feed
was refused).

One refused `feed.sync` line per reason the sync gave, naming the lines it skipped for it
(field `feed_lines`, "82-84, 90"), the reason kept in no one's language (store.i18n.kept): a
support agent reads, in the company's History, which lines of which feed run were left out and
why, as many History lines as there were reasons, not one per bad line.

Said once, not at every run (#18 trial: the same feed run three times left company 3 with 12
refused lines, the same four each time): a reason and its lines already in the company's
History since the feed last changed something there (its latest "Platform feed synced" line)
are not written again. A support agent reads History to learn when a refusal began and what
happened since; the same words again after every nightly run would bury the lines that matter,
and one summary line a run would still grow by a line a night while nothing changed. So History
grows only when something happens: a new reason, other lines for a reason (the feed changed), or
the refusals still standing after a run that changed the company (said again under its
"Platform feed synced" line, so that its latest state reads there). A refusal fixed and back
again with nothing changed in between is not said twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peewee import fn

from store.persistence.db import database, transaction
from store.persistence.models import AuditEvent, Company
from store.trail.audit import record

if TYPE_CHECKING:
    from store.feed.sync_feed import BadLine, FeedItem
    from store.views import Actor

ACTION = "feed.sync"
FIELD = "feed_lines"


@dataclass(frozen=True)
class ClosedCompany:
    """A closed company the feed named (SPEC §11: read-only): its lines skipped, `lines` their
    numbers. Not a bad line: the platform may list a company for a while after it closed, and
    a nightly run is not to fail for it each night (#18 trial t18: exit 1 every day). Its
    History keeps its lines as a bad line's are (record_skipped)."""

    company_id: int
    company_name: str
    lines: tuple[int, ...]


def closed_company(company_id: int, name: str, items: list[FeedItem],
                   message: str) -> tuple[ClosedCompany, list[BadLine]]:
    """The closed company `company_id` (`name`) whose feed `items` are skipped, and those lines
    with `message` (the closed company's refusal) for its History."""
    # Here, not at the top: History's words import this module (tui.audit_text), and the feed's
    # reader imports Pydantic, which a session that only looks never loads (#7 memory budget).
    from store.feed.sync_feed import BadLine

    return (ClosedCompany(company_id, name, tuple(item.line for item in items)),
            [BadLine(item.line, company_id, message) for item in items])


def line_ranges(numbers: Iterable[int]) -> str:
    """Line numbers as a person reads a list of them: in order, once each, runs of three or
    more as a range: [90, 82, 83, 84, 86, 87] -> "82-84, 86, 87, 90"."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts: list[str] = []
    for run in runs:
        parts += [f"{run[0]}-{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
    return ", ".join(parts)


def lines_in(ranges: str) -> int:
    """How many lines `line_ranges`'s text names ("82-84, 90": 4); 0 for text that is not one."""
    count = 0
    for part in ranges.split(","):
        first, _dash, last = part.strip().partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            return 0
        count += int(last) - int(first) + 1 if last else 1
    return count


def record_skipped(actor: Actor, company_id: int, lines: list[BadLine]) -> None:
    """Write company `company_id`'s skipped `lines` to its History, after its sync's own
    transaction, in one of their own: one refused line per reason, by `actor`, unless History
    says it already (the same reason and lines since the feed last changed the company: the
    module's docstring says why). Nothing for no lines, nor for a company that does not exist
    (the lines named no company of ours: they are said on the command line alone). Three
    statements and one per reason written."""
    if not lines or not Company.select().where(Company.id == company_id).exists():
        return
    by_reason: dict[str, tuple[str, list[int]]] = {}
    for bad in lines:  # the same words are the same reason
        by_reason.setdefault(str(bad.message), (bad.message, []))[1].append(bad.line)
    said = _said_since_last_change(company_id)
    new = [(reason, ranges) for reason, numbers in by_reason.values()
           if (AuditEvent.reason.db_value(reason), ranges := line_ranges(numbers)) not in said]
    if not new:
        return
    with transaction():
        for reason, ranges in new:
            record(actor, company_id, ACTION, field=FIELD, new=ranges, outcome="refused",
                   reason=reason)


def _said_since_last_change(company_id: int) -> set[tuple[object, str]]:
    """The (reason as stored, lines) of the company's skipped-lines refusals written after its
    latest "Platform feed synced" line (all of them before any): one statement."""
    changed = (AuditEvent.select(fn.COALESCE(fn.MAX(AuditEvent.id), 0))
               .where((AuditEvent.company == company_id) & (AuditEvent.action == ACTION)
                      & (AuditEvent.outcome == "done")))
    query = AuditEvent.select(AuditEvent.reason, AuditEvent.new_value).where(
        (AuditEvent.company == company_id) & (AuditEvent.action == ACTION)
        & (AuditEvent.field == FIELD) & (AuditEvent.outcome == "refused")
        & (AuditEvent.id > changed))
    # As stored: the reason in no one's language, compared with what record() would store.
    return {(reason, ranges) for reason, ranges in database.execute_sql(*query.sql())}
