"""The support console's company search: one indexed query per keystroke, top 50."""

from __future__ import annotations

import re
import unicodedata

from store.i18n import _
from store.people.access import STAFF_ROLES, refuse
from store.people.identity import ensure_signed_in
from store.persistence.db import database, is_sqlite
from store.persistence.folding import search_fold
from store.views import Actor, CompanyHit

LIMIT = 50

_COLUMNS = """
    SELECT c.id, c.name, COALESCE(a.country, c.country), p.name, s.status,
           (SELECT COUNT(*) FROM "user" u WHERE u.company_id = c.id AND u.active = {p}),
           c.closed_at, s.trial_ends_on, c.time_zone
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


def pasted(text: str) -> tuple[str, str | None]:
    """What an agent pasted, as the search reads it (SPEC §11): (the text, a compact VAT number
    or None). Any Unicode form (NFKC: decomposed accents, full-width letters) is the same text;
    an e-mail address, whole or `@domain`, is its domain, which the index holds; a VAT number
    written with spaces, dots, dashes or slashes ("DE 136 695 976") is also searched compact,
    as the index holds each stored number compact too (migration 0024)."""
    text = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if "@" in text:
        text = text.rsplit("@", 1)[1].strip() or text
    compact = VAT_PUNCTUATION.sub("", text)
    vat = compact if compact != text and VAT_LIKE.fullmatch(compact) else None
    return text, vat


def name_words(text: str) -> list[str]:
    """The words of a name as typed ("Blue Harbor, Inc." and "Blue Harbor Inc" -> blue, harbor,
    inc), folded (search_fold), those of three characters or more (what the trigram indexes
    find): a name holding each of them is found too, whatever punctuation either side has
    (#16 trial: "Blue Harbor, Inc." missed "Blue Harbor Inc."), besides the text as typed.
    Empty for one word (the text is its own phrase) and for a domain ("nordwind.de")."""
    folded = search_fold(text) or ""
    words = [word for word in re.split(r"[\W_]+", folded) if word]
    if words == [folded] or DOMAIN_LIKE.fullmatch(folded):
        return []
    return [word for word in words if len(word) >= 3]


DOMAIN_LIKE = re.compile(r"[\w-]+(?:\.[\w-]+)+")

# What a VAT number is written with besides its letters and digits (store.forms.places's own
# VAT_PUNCTUATION, not imported: the search screen does not load the address forms).
VAT_PUNCTUATION = re.compile(r"[\s.\-/]")

# A VAT number, not a name: two letters (its country's prefix, which people leave out: "40 303
# 265 045" for FR40303265045), then letters and digits with at least four digits.
VAT_LIKE = re.compile(r"(?:[A-Za-z]{2})?(?=(?:[A-Za-z]*\d){4})[0-9A-Za-z]{4,}")


def search_companies(actor: Actor, text: str, limit: int = LIMIT) -> list[CompanyHit]:
    """Companies whose name, id, VAT number or recipient e-mail domain matches `text`, as an
    agent pastes it (`pasted`): a whole e-mail address or `@domain`, a VAT number in any
    spacing, a name in any Unicode form."""
    ensure_signed_in(actor)
    if not (actor.is_staff and actor.role in STAFF_ROLES):
        refuse(actor, actor.company_id, "company.search",
               _("Only the vendor's staff search across companies."))
    text, vat = pasted(text)
    text = text[:100]
    limit = max(1, min(limit, LIMIT))
    if not text:
        return []
    company_id = int(text) if text.isdigit() and len(text) < 12 else -1
    p = database.param
    # Which companies are listed, and in what order, are two rules (#15). Listed: the first 50,
    # by id, of those that contain the text; so typing one more letter never drops a listed
    # company that still matches (those that contain the longer text are among those that
    # contain the shorter one, in the same order). One or two letters search names only (too
    # short for trigrams), so at the third letter VAT numbers and e-mail domains join in; the
    # company whose id is the text comes first and takes a place. Shown: the company with that
    # id, then the names starting with the text, then the others, each by name.
    # SQLite's LOWER folds ASCII only; so do we.
    low = "".join(ch.lower() if ch.isascii() else ch for ch in text)
    if len(text.replace(" ", "")) >= 3 and is_sqlite():
        # The trigram index gives its matches in rowid order: the first 50 cost 50, whatever
        # the word ("gmbh" matches a third of the companies).
        # The index holds names folded (search_fold: no accents, any case; migration 0012).
        # A name's words with its punctuation aside (name_words) are the other way to find it.
        every_word = " AND ".join(_fts_phrase(word) for word in name_words(text))
        matches = f"SELECT rowid AS id FROM company_search WHERE company_search MATCH {p}"
        match_params: tuple[object, ...] = (
            _fts_phrase(search_fold(text) or "") + (f" OR ({every_word})" if every_word else "")
            + (f" OR {_fts_phrase(vat)}" if vat else ""),)
    elif len(text.replace(" ", "")) >= 3:
        # PostgreSQL: the same three substring matches, each on its pg_trgm index (0003; the
        # name folded by unaccent, 0012).
        like = _like_pattern(text)
        words = name_words(text)
        each_word = "".join(f" AND mycompany_fold(name) LIKE mycompany_fold({p})"
                            for _word in words)
        matches = (f"SELECT id FROM company WHERE mycompany_fold(name) LIKE mycompany_fold({p}) "
                   + (f"UNION SELECT id FROM company WHERE TRUE{each_word} " if words else "")
                   + f"UNION "
                   f"SELECT company_id FROM billing_address "
                   f"WHERE UPPER(TRANSLATE(vat_number, ' .-/', '')) LIKE UPPER({p}) UNION "
                   f"SELECT company_id FROM invoice_recipient "
                   f"WHERE LOWER(split_part(email, '@', 2)) LIKE LOWER({p})")
        match_params = (like, *(_like_pattern(word) for word in words),
                        _like_pattern(vat or text), like)  # compact, as 0024's index
    else:
        # One or two letters: names containing them, accents and case aside as at three
        # letters (else "b" and "bat" found "Bâtiment" and "ba" did not, and typing on dropped
        # a listed match), read in id order until 50 are found (a text no name contains reads
        # them all: 30 ms for 100,000 companies). SQLite: the name's folded copy (0014; a name
        # another program wrote has none: the name itself), its LIKE ignoring ASCII case.
        name, pattern = ("COALESCE(name_folded, name)", p) if is_sqlite() \
            else ("mycompany_fold(name)", f"mycompany_fold({p})")
        matches = f"SELECT id FROM company WHERE {name} LIKE {pattern} ESCAPE '\\'"
        match_params = (_like_pattern(search_fold(text) or low),)
    sql = (_COLUMNS.format(p=p) + f" WHERE c.id IN (SELECT id FROM ("
           f"SELECT id FROM company WHERE id = {p} UNION ALL "
           f"SELECT * FROM (SELECT id FROM ({matches}) AS matching WHERE id <> {p} "
           f"ORDER BY id LIMIT {p}) AS first_matches) AS listed LIMIT {p}) "
           f"ORDER BY c.id = {p} DESC, (LOWER(c.name) >= {p} AND LOWER(c.name) < {p}) DESC, "
           f"LOWER(c.name), c.id")
    params = (True, company_id, *match_params, company_id, limit, limit, company_id,
              low, low + "\U0010ffff")
    rows = database.execute_sql(sql, params).fetchall()
    from store.places.zones import company_zone
    from store.plans.plan_changes import stored_day
    from store.plans.trial import subscription_status

    return [CompanyHit(id=r[0], name=r[1], country=r[2], plan=r[3],
                       status=subscription_status(r[4], stored_day(r[7]),
                                                  company_zone(r[8], r[2]), r[6]),
                       active_users=r[5]) for r in rows]
