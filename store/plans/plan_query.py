"""Everything the Plan tab shows, read in one statement: the first frame waits for one round trip.

Four kinds of rows come back, told apart by the first column:

- "S", once: the subscription, its plan and company (its zone too: the day its trial is read on),
  and the active users, active numbers and teams (active ones, 0016) counted on their (company,
  active) indexes — never by loading rows;
- "R", one per catalogue price of the plan, the term's price list (store.plans.terms) and the
  company's currency, the one in force on the day asked for (its latest `effective_from` on or
  before it: migration 0021, store.plans.prices), found on the price's unique index, and beside it
  the one in force on the next invoice's day (what that invoice charges, store.plans.plan);
- "P", one per product the company subscribed to;
- "C", one per plan change scheduled and not applied yet (store.plans.plan_changes, 0018), with
  its plan's team limit (store.plans.team_limit).

Every column keeps one type across the four kinds (PostgreSQL checks UNION types). The plan and
term may be given instead of the subscription's (a scheduled change's, store.plans.plan's next
invoice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.persistence.db import database
from store.places.zones import company_zone
from store.plans.team_limit import TeamLimit


@dataclass
class PlanFacts:
    """The rows of the query, sorted out."""

    plan_code: str
    plan_name: str
    term: str  # store.plans.terms.Term
    status: str
    company_name: str
    currency: str
    trial_ends_on: date | None
    next_invoice_on: date | None
    renews_on: date | None
    team_limit: int | None
    included_users: int
    included_numbers: int
    active_users: int
    active_numbers: int
    teams: int
    zone: str = "UTC"  # the company's IANA zone (store.places.zones.company_zone): its day
    prices: dict[str, int] = field(default_factory=dict)
    next_prices: dict[str, int] = field(default_factory=dict)  # on next_invoice_on
    products: list[tuple[str, str, str, bool]] = field(default_factory=list)  # code, name, kind
    # id, from, plan code, plan name, term, users, numbers, added, removed (codes, commas)
    changes: list[tuple[Any, ...]] = field(default_factory=list)
    # the team limits of the plans the changes move to (store.plans.team_limit)
    scheduled_limits: list[TeamLimit] = field(default_factory=list)


# Kept by the database's triggers (migration 0004): one indexed row, whatever the company's size.
ACTIVE_USERS = "SELECT lc.active_users FROM licence_count lc WHERE lc.company_id = {company}"
ACTIVE_NUMBERS = "SELECT lc.active_numbers FROM licence_count lc WHERE lc.company_id = {company}"

SQL = """
SELECT 'S', p.code, p.name, COALESCE({p}, s.term), s.status, c.name, c.currency,
       s.trial_ends_on, s.next_invoice_on, s.renews_on,
       p.team_limit, s.included_users, s.included_numbers,
       (""" + ACTIVE_USERS.format(company="s.company_id") + """),
       (""" + ACTIVE_NUMBERS.format(company="s.company_id") + """),
       (SELECT COUNT(*) FROM team t WHERE t.company_id = s.company_id AND t.active),
       c.time_zone, COALESCE((SELECT a.country FROM billing_address a
                               WHERE a.company_id = s.company_id), c.country)
  FROM subscription s JOIN plan p ON p.code = COALESCE({p}, s.plan_id)
  JOIN company c ON c.id = s.company_id
 WHERE s.company_id = {p}
UNION ALL
SELECT 'R', r.item, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       r.monthly_minor,
       (SELECT r3.monthly_minor FROM price r3
         WHERE r3.plan_id = r.plan_id AND r3.frequency = r.frequency
           AND r3.currency = r.currency AND r3.item = r.item
           AND r3.effective_from <= COALESCE(s.next_invoice_on, {p})
         ORDER BY r3.effective_from DESC LIMIT 1), NULL, NULL, NULL, NULL, NULL, NULL
  FROM subscription s JOIN company c ON c.id = s.company_id
  JOIN price r ON r.plan_id = COALESCE({p}, s.plan_id) AND r.currency = c.currency
       AND r.frequency = CASE COALESCE({p}, s.term) WHEN 'monthly' THEN 'monthly'
                         ELSE 'annual' END
       AND r.effective_from = (SELECT MAX(r2.effective_from) FROM price r2
                                WHERE r2.plan_id = r.plan_id AND r2.frequency = r.frequency
                                  AND r2.currency = r.currency AND r2.item = r.item
                                  AND r2.effective_from <= {p})
 WHERE s.company_id = {p}
UNION ALL
SELECT 'P', d.code, d.name, d.kind, NULL, NULL, NULL, NULL, NULL, NULL,
       CASE WHEN d.per_included_user THEN 1 ELSE 0 END, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM subscribed_product sp JOIN product d ON d.code = sp.product_id
 WHERE sp.company_id = {p}
UNION ALL
SELECT 'C', pc.plan_id, pl.name, pc.term, pc.add_products, pc.remove_products, NULL,
       pc.effective_from, NULL, NULL, pc.id, pc.included_users, pc.included_numbers,
       pl.team_limit, NULL, NULL, NULL, NULL
  FROM plan_change pc LEFT JOIN plan pl ON pl.code = pc.plan_id
 WHERE pc.company_id = {p} AND pc.applied_at IS NULL AND pc.cancelled_at IS NULL
"""


def count_active_users(company_id: int) -> int:
    """The Plan tab's active-user count on its own (the same expression as in SQL above)."""
    return int(database.execute_sql(ACTIVE_USERS.format(company=database.param),
                                    (company_id,)).fetchone()[0])


def _day(value: str | date | None) -> date | None:
    """SQLite hands dates back as text, PostgreSQL as dates."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def read_plan_facts(company_id: int, prices_on: date, *, plan: str | None = None,
                    term: str | None = None) -> PlanFacts | None:
    """The Plan tab's facts for `company_id`, or None when it has no subscription: its prices
    are those in force on `prices_on` (store.plans.prices); `plan` (a code) and `term`
    (store.plans.terms),
    when given, stand for the subscription's (what a scheduled change makes them)."""
    rows = database.execute_sql(SQL.format(p=database.param),
                                (term, plan, company_id, prices_on, plan, term, prices_on,
                                 company_id,
                                 company_id, company_id)).fetchall()
    head = next((row for row in rows if row[0] == "S"), None)
    if head is None:
        return None
    facts = PlanFacts(
        plan_code=head[1], plan_name=head[2], term=head[3], status=head[4],
        company_name=head[5], currency=head[6], trial_ends_on=_day(head[7]),
        next_invoice_on=_day(head[8]), renews_on=_day(head[9]), team_limit=head[10],
        included_users=head[11], included_numbers=head[12], active_users=head[13],
        active_numbers=head[14], teams=head[15], zone=company_zone(head[16], head[17]),
    )
    facts.prices = {row[1]: row[10] for row in rows if row[0] == "R"}
    facts.next_prices = {row[1]: row[11] for row in rows if row[0] == "R"}
    facts.products = sorted(((row[1], row[2], row[3], bool(row[10]))
                             for row in rows if row[0] == "P"), key=lambda p: (p[2], p[1]))
    facts.changes = sorted(((row[10], _day(row[7]), row[1], row[2], row[3], row[11], row[12],
                             row[4], row[5]) for row in rows if row[0] == "C"),
                           key=lambda c: (c[1], c[0]))
    facts.scheduled_limits = [TeamLimit(row[13], row[2], _day(row[7])) for row in rows
                              if row[0] == "C" and row[13] is not None]
    return facts
