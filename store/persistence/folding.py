"""Text as the company search compares it: without accents, in any case (SQLite's side of it).

SQLite's FTS5 trigram tokenizer folds case but not accents before SQLite 3.45 (its
`remove_diacritics` option), so the search index holds each name folded by this function,
which every connection registers (`register`) for the index's triggers (migration 0012);
PostgreSQL folds with its unaccent extension instead (the same migration)."""

from __future__ import annotations

import unicodedata
from typing import Any


def search_fold(text: str | None) -> str | None:
    """`text` without its accents and case-folded, any Unicode form alike: "Atelier Lumière",
    "ATELIER LUMIERE" and its decomposed form are all "atelier lumiere"; None stays None."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def register(db: Any) -> None:
    """Make `search_fold` known to every connection `db` (a peewee SqliteDatabase) opens: the
    search index's triggers call it when a name is written."""
    db.register_function(search_fold, "search_fold", 1, deterministic=True)
