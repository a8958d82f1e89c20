"""A scheduled plan change as people read it (store.plans.plan_changes keeps and applies them):
its view for the Plan tab and `plans list`, and what it does in words."""

from __future__ import annotations

from datetime import date

from store.i18n import _, ngettext
from store.plans.plan_views import ScheduledChange
from store.plans.terms import term_name


def codes(text: str | None) -> list[str]:
    """Product codes as a change stores them, separated by commas: "a,b" -> ["a", "b"]."""
    return [code for code in (text or "").split(",") if code]


def change_words(plan_name: str | None, term: str | None, users: int | None,
                 numbers: int | None, add: list[str], remove: list[str]) -> str:
    """What a change does, in the reader's language: "plan Professional; 12 user licences;
    adds Analytics+"."""
    from store.plans.catalogue import PRODUCTS

    names = {str(p["code"]): str(p["name"]) for p in PRODUCTS}

    def named(codes: list[str]) -> str:
        return ", ".join(_(names.get(code, code)) for code in codes)

    parts = []
    if plan_name:
        parts.append(_("plan {plan}").format(plan=_(str(plan_name))))
    if term:
        parts.append(_("term {term}").format(term=term_name(term)))
    if users is not None:
        parts.append(ngettext("{count} user licence", "{count} user licences",
                              users).format(count=users))
    if numbers is not None:
        parts.append(ngettext("{count} number included", "{count} numbers included",
                              numbers).format(count=numbers))
    if add:
        parts.append(_("adds {products}").format(products=named(add)))
    if remove:
        parts.append(_("removes {products}").format(products=named(remove)))
    return "; ".join(parts)


def scheduled_view(change_id: int, effective_from: date | None, plan_code: str | None,
                   plan_name: str | None, term: str | None, users: int | None,
                   numbers: int | None, add: str | None, remove: str | None,
                   status: str = "scheduled") -> ScheduledChange:
    """One change as the Plan tab and `plans list` show it (store.plans.plan_query's "C" rows)."""
    added, removed = codes(add), codes(remove)
    assert effective_from is not None
    return ScheduledChange(
        id=change_id, effective_from=effective_from, plan_code=plan_code, term=term,
        included_users=users, included_numbers=numbers, add=added, remove=removed,
        words=change_words(plan_name, term, users, numbers, added, removed),
        status=status)  # type: ignore[arg-type]
