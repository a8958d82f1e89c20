"""The History tab: a company's audit trail, for its owner and for staff."""

from __future__ import annotations

from store.access import ensure_can_read
from store.audit import entries
from store.views import Actor, AuditPage


def company_history(actor: Actor, company_id: int, page: int = 1, page_size: int = 50) -> AuditPage:
    """A page of the trail, newest first: when, who, what, old → new, outcome, reason."""
    ensure_can_read(actor, company_id, "history.read")
    return entries(company_id, page=page, page_size=page_size)
