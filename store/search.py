"""The support console's company search: one indexed query per keystroke, top 50."""

from __future__ import annotations

from .access import STAFF_ROLES
from .db import database, is_sqlite
from .errors import Refused
from .i18n import _
from .views import Actor, CompanyHit

LIMIT = 50

_COLUMNS = """
    SELECT c.id, c.name, a.country, p.name, s.status,
           (SELECT COUNT(u.id) FROM "user" u WHERE u.company_id = c.id AND u.active = 1)
    FROM company c
    LEFT JOIN billing_address a ON a.company_id = c.id
    LEFT JOIN subscription s ON s.company_id = c.id
    LEFT JOIN plan p ON p.code = s.plan_id
"""


def _fts_phrase(text: str) -> str:
    """The text as one FTS5 string: trigram matching finds it anywhere, quotes cannot inject."""
    return '"' + text.replace('"', '""') + '"'


def search_companies(actor: Actor, text: str, limit: int = LIMIT) -> list[CompanyHit]:
    """Companies whose name, id, VAT number or recipient e-mail domain matches `text`."""
    if not (actor.is_staff and actor.role in STAFF_ROLES):
        raise Refused(_("Only support and billing staff search across companies."))
    text = " ".join((text or "").split())[:100]
    limit = max(1, min(limit, LIMIT))
    if not text:
        return []
    company_id = int(text) if text.isdigit() and len(text) < 12 else -1
    p = database.param
    if is_sqlite() and len(text.replace(" ", "")) >= 3:
        # No ORDER BY rank: ranking every match of a common word ("gmbh") costs a full scan;
        # the first 50 matches, sorted by name, answer within a few milliseconds.
        sql = (_COLUMNS + f" WHERE c.id = {p} OR c.id IN (SELECT rowid FROM company_search "
               f"WHERE company_search MATCH {p} LIMIT {p}) "
               f"ORDER BY c.id = {p} DESC, c.name LIMIT {p}")
        params = (company_id, _fts_phrase(text), limit, company_id, limit)
    else:
        # Short texts (and PostgreSQL until it has its trigram index): names starting with the
        # text, as a range on the LOWER(name) index. SQLite's LOWER folds ASCII only; so do we.
        low = "".join(ch.lower() if ch.isascii() else ch for ch in text)
        sql = (_COLUMNS + f" WHERE c.id = {p} OR c.id IN (SELECT id FROM company "
               f"WHERE LOWER(name) >= {p} AND LOWER(name) < {p} ORDER BY LOWER(name) LIMIT {p}) "
               f"ORDER BY c.id = {p} DESC, LOWER(c.name) LIMIT {p}")
        params = (company_id, low, low + "\U0010ffff", limit, company_id, limit)
    rows = database.execute_sql(sql, params).fetchall()
    return [CompanyHit(id=r[0], name=r[1], country=r[2], plan=r[3], status=r[4],
                       active_users=r[5]) for r in rows]
