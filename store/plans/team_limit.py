"""The team limit a company keeps (R9): its plan's, or the stricter one of a plan it is scheduled
to move to (store.plans.plan_changes), which its teams must fit before the move applies.

#18 trial t18: a company on Professional with a move to Essentials scheduled took teams A to E
from the feed ("Teams: 3 added"), and was on Essentials with five teams once the billing run
applied the move. Until a move applies, the company keeps the strictest limit of the plan it is
on and of every plan it is scheduled to move to, as an Essentials company keeps Essentials'
today: the owner's new team and the feed's teams beyond it are refused, saying which plan and
from when (`TeamLimit.refusal`). A move is checked again when it applies (`ensure_teams_fit`):
teams made before this rule, or by hand, make the billing run refuse it rather than break R9.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from store.errors import Refused
from store.i18n import _
from store.i18n.dates import day_text
from store.persistence.models import Plan, Subscription, Team
from store.persistence.models_plan import PlanChange

if TYPE_CHECKING:
    from peewee import ColumnBase, Select


@dataclass(frozen=True)
class TeamLimit:
    """At most `limit` active teams, the limit of the plan named `plan_name` (the catalogue's
    English name), which the company is on (`from_day` None) or moves to on `from_day`."""

    limit: int
    plan_name: str
    from_day: date | None = None

    def refusal(self) -> str:
        """Why a team beyond the limit is refused, in the reader's language."""
        if self.from_day is None:
            return _("{plan} allows {limit} teams; upgrade to Professional for more.").format(
                plan=_(self.plan_name), limit=self.limit)
        return _("{plan}, the company's plan from {date}, allows {limit} teams; cancel that "
                 "plan change for more.").format(plan=_(self.plan_name),
                                                 date=day_text(self.from_day), limit=self.limit)


def strictest(current: TeamLimit | None, scheduled: Iterable[TeamLimit]) -> TeamLimit | None:
    """The smallest of the limits (None: no limit), the plan the company is on first on a tie,
    then the earliest move."""
    limits = [limit for limit in (current, *scheduled) if limit is not None]
    return min(limits, key=lambda t: (t.limit, t.from_day or date.min), default=None)


def scheduled_limits(company: int | ColumnBase) -> Select:
    """The query of the limits of the plans company `company` (an id, or a column to correlate
    on: store.feed.sync's EXISTS) is scheduled to move to, as (limit, plan name, first day)
    rows: its plan changes not applied nor cancelled whose plan has a limit."""
    return (PlanChange.select(Plan.team_limit, Plan.name, PlanChange.effective_from)
            .join(Plan, on=PlanChange.plan == Plan.code)
            .where((PlanChange.company == company) & PlanChange.applied_at.is_null()
                   & PlanChange.cancelled_at.is_null() & Plan.team_limit.is_null(False)))


def as_limits(rows: Iterable[tuple[int, str, object]]) -> list[TeamLimit]:
    """scheduled_limits' rows as TeamLimits (a date read back as text on SQLite)."""
    from store.plans.plan_changes import stored_day

    return [TeamLimit(limit, name, stored_day(cast("str | date", day)))
            for limit, name, day in rows]


def team_limit(company_id: int) -> TeamLimit | None:
    """The limit company `company_id`'s active teams keep now (None: no limit): the strictest
    of its plan's and of the plans it is scheduled to move to. Two queries."""
    current = (Subscription.select(Plan.team_limit, Plan.name).join(Plan)
               .where(Subscription.company == company_id).tuples().first())
    now = TeamLimit(current[0], current[1]) if current and current[0] is not None else None
    return strictest(now, as_limits(scheduled_limits(company_id).tuples()))


def ensure_teams_fit(company_id: int, plan: Plan, change: PlanChange | None = None) -> None:
    """Refused (exit 3) when company `company_id` has more active teams than `plan` allows
    (R9), naming them: a move to `plan` being scheduled (`change` None), or the scheduled
    `change` applying (store.plans.plan_changes.apply_due_changes: the billing run then lists
    the company as failed, nothing of it written, until the teams are removed or the change
    cancelled)."""
    if plan.team_limit is None:
        return
    teams = [t.name for t in Team.select(Team.name).where(
        (Team.company == company_id) & Team.active).order_by(Team.name)]
    if len(teams) <= plan.team_limit:
        return
    named = {"plan": _(plan.name), "limit": plan.team_limit, "id": company_id,
             "count": len(teams), "teams": ", ".join(teams)}
    if change is None:
        raise Refused(_("{plan} allows {limit} teams; company {id} has {count}: {teams}. "
                        "Remove teams before the move.").format(**named),
                      field="plan", attempted=plan.code)
    raise Refused(_("Plan change {change} from {date} cannot apply: {plan} allows {limit} "
                    "teams; company {id} has {count}: {teams}. Remove teams or cancel the "
                    "change, then run again.").format(
        change=change.id, date=day_text(change.effective_from), **named))
