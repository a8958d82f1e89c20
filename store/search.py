"""The support console's company search: one indexed query per keystroke, top 50."""

from __future__ import annotations

from store.access import STAFF_ROLES, refuse
from store.i18n import _
from store.identity import ensure_signed_in
from store.persistence.db import database, is_sqlite
from store.views import Actor, CompanyHit

LIMIT = 50

_COLUMNS = """
    SELECT c.id, c.name, a.country, p.name, s.status,
           (SELECT COUNT(*) FROM "user" u WHERE u.company_id = c.id AND u.active = {p})
    FROM company c
    LEFT JOIN billing_address a ON a.company_id = c.id
    LEFT JOIN subscription s ON s.company_id = c.id
    LEFT JOIN plan p ON p.code = s.plan_id
"""


def _like_pattern(text: str) -> str:
    """`%text%` for LIKE, with the text's own % and _ and backslashes matched literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_phrase(text: str) -> str:
    """The text as one FTS5 string: trigram matching finds it anywhere, quotes cannot inject."""
    return '"' + text.replace('"', '""') + '"'


def search_companies(actor: Actor, text: str, limit: int = LIMIT) -> list[CompanyHit]:
    """Companies whose name, id, VAT number or recipient e-mail domain matches `text`."""
    ensure_signed_in(actor)
    if not (actor.is_staff and actor.role in STAFF_ROLES):
        refuse(actor, actor.company_id, "company.search",
               _("Only the vendor's staff search across companies."))
    text = " ".join((text or "").split())[:100]
    limit = max(1, min(limit, LIMIT))
    if not text:
        return []
    company_id = int(text) if text.isdigit() and len(text) < 12 else -1
    p = database.param
    columns = _COLUMNS.format(p=p)
    if len(text.replace(" ", "")) >= 3 and is_sqlite():
        # No ORDER BY rank: ranking every match of a common word ("gmbh") costs a full scan;
        # the first 50 matches, sorted by name, answer within a few milliseconds.
        sql = (columns + f" WHERE c.id = {p} OR c.id IN (SELECT rowid FROM company_search "
               f"WHERE company_search MATCH {p} LIMIT {p}) "
               f"ORDER BY c.id = {p} DESC, c.name LIMIT {p}")
        params: tuple[object, ...] = (True, company_id, _fts_phrase(text), limit, company_id,
                                      limit)
    elif len(text.replace(" ", "")) >= 3:
        # PostgreSQL: the same three substring matches, each on its pg_trgm index (0003).
        like = _like_pattern(text)
        sql = (columns + f" WHERE c.id = {p} OR c.id IN ("
               f"(SELECT id FROM company WHERE LOWER(name) LIKE LOWER({p}) LIMIT {p}) UNION "
               f"(SELECT DISTINCT company_id FROM billing_address "
               f"WHERE UPPER(vat_number) LIKE UPPER({p}) LIMIT {p}) UNION "
               f"(SELECT DISTINCT company_id FROM invoice_recipient "
               f"WHERE LOWER(split_part(email, '@', 2)) LIKE LOWER({p}) LIMIT {p})) "
               f"ORDER BY c.id = {p} DESC, LOWER(c.name) LIMIT {p}")
        params = (True, company_id, like, limit, like, limit, like, limit, company_id, limit)
    else:
        # Short texts: names starting with the text, as a range on the LOWER(name) index.
        # SQLite's LOWER folds ASCII only; so do we.
        low = "".join(ch.lower() if ch.isascii() else ch for ch in text)
        sql = (columns + f" WHERE c.id = {p} OR c.id IN (SELECT id FROM company "
               f"WHERE LOWER(name) >= {p} AND LOWER(name) < {p} ORDER BY LOWER(name) LIMIT {p}) "
               f"ORDER BY c.id = {p} DESC, LOWER(c.name) LIMIT {p}")
        params = (True, company_id, low, low + "\U0010ffff", limit, company_id, limit)
    rows = database.execute_sql(sql, params).fetchall()
    return [CompanyHit(id=r[0], name=r[1], country=r[2], plan=r[3], status=r[4],
                       active_users=r[5]) for r in rows]
