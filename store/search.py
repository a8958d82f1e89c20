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
    # One rule at every length, so that typing one more letter never drops a listed company that
    # still matches (#15): the companies that contain the text, those whose name starts with it
    # first, then by name. The top 50 under that order lie within the 50 first names starting
    # with the text (a range on the LOWER(name) index) and the 50 first matches by name, so
    # neither part reads more than it must; SQLite's LOWER folds ASCII only, and so do we.
    low = "".join(ch.lower() if ch.isascii() else ch for ch in text)
    starts = f"LOWER(c.name) >= {p} AND LOWER(c.name) < {p}"
    bounds = (low, low + "\U0010ffff")
    if len(text.replace(" ", "")) >= 3 and is_sqlite():
        # No rank: ranking every match of a common word ("gmbh") costs a full scan.
        matches = (f"SELECT id FROM company c WHERE id IN (SELECT rowid FROM company_search "
                   f"WHERE company_search MATCH {p}) ORDER BY LOWER(c.name) LIMIT {p}")
        match_params: tuple[object, ...] = (_fts_phrase(text), limit)
    elif len(text.replace(" ", "")) >= 3:
        # PostgreSQL: the same three substring matches, each on its pg_trgm index (0003).
        like = _like_pattern(text)
        matches = (f"SELECT id FROM company c WHERE id IN ("
                   f"SELECT id FROM company WHERE LOWER(name) LIKE LOWER({p}) UNION "
                   f"SELECT company_id FROM billing_address "
                   f"WHERE UPPER(vat_number) LIKE UPPER({p}) UNION "
                   f"SELECT company_id FROM invoice_recipient "
                   f"WHERE LOWER(split_part(email, '@', 2)) LIKE LOWER({p})) "
                   f"ORDER BY LOWER(c.name) LIMIT {p}")
        match_params = (like, like, like, limit)
    else:
        # One or two letters, too short for trigrams: names containing them, read in name order
        # on the LOWER(name) index until 50 are found.
        matches = (f"SELECT id FROM company c WHERE LOWER(c.name) LIKE {p} ESCAPE '\\' "
                   f"ORDER BY LOWER(c.name) LIMIT {p}")
        match_params = (_like_pattern(low), limit)
    sql = (_COLUMNS.format(p=p) + f" WHERE c.id = {p} OR c.id IN ("
           f"SELECT id FROM (SELECT id FROM company c WHERE {starts} "
           f"ORDER BY LOWER(c.name) LIMIT {p}) AS starting UNION "
           f"SELECT id FROM ({matches}) AS matching) "
           f"ORDER BY c.id = {p} DESC, ({starts}) DESC, LOWER(c.name), c.id LIMIT {p}")
    params = (True, company_id, *bounds, limit, *match_params, company_id, *bounds, limit)
    rows = database.execute_sql(sql, params).fetchall()
    return [CompanyHit(id=r[0], name=r[1], country=r[2], plan=r[3], status=r[4],
                       active_users=r[5]) for r in rows]
