"""The change request each line of the trail is about, for every reader of the trail alike: a
company's History (store.trail.audit.entries), History of every company (store.trail.history_all)
and the History export (store.trail.exports), so that each names the request (#N) a line concerns
(#18 trial: `export history --format csv` wrote "request sent" lines without their number, the
export and History of every company reading the number from the line's value only).

A line written since #16 keeps its request's number in its value (store.trail.audit
request_decision_text, request_subject); a request sent before that kept one line per field and
no number: its request is the company's last request sent at or before the line (one request
waits at a time, and its lines were written just after it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TypeVar

from store.persistence.models_requests import ChangeRequest
from store.views import AuditEntryView

Entry = TypeVar("Entry", bound=AuditEntryView)


def _utc(when: datetime) -> datetime:
    """`when` naive in UTC (the columns keep UTC, naive or aware by the database)."""
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _sent_before_numbers(entry: AuditEntryView) -> bool:
    """A request sent before lines kept their number: done, one field a line (#16)."""
    return entry.action == "request.create" and entry.outcome == "done" \
        and entry.field is not None and entry.request_id is None


def with_request_numbers(items: Sequence[Entry],
                         companies: Sequence[int | None]) -> list[Entry]:
    """`items` (lines of the trail, `companies[i]` the company of `items[i]`, None for the
    vendor's own) with `request_id` set on each line about a change request (request.*: sent,
    approved, rejected, withdrawn, done or refused): the number its value keeps
    (store.trail.audit.request_named), else, for a request sent before lines kept it, the company's
    last request sent at or before the line. Lines about no request are left as they are.
    At most one query (ChangeRequest), only for a page holding a line of the older kind."""
    from store.trail.audit import request_named

    out = [item if item.request_id is not None or not item.action.startswith("request.")
           else item.model_copy(update={"request_id": request_named(item)}) for item in items]
    older = {company for item, company in zip(out, companies, strict=True)
             if company is not None and _sent_before_numbers(item)}
    if not older:
        return out
    sent: dict[int, list[tuple[datetime, int]]] = {}
    for request in (ChangeRequest.select(ChangeRequest.id, ChangeRequest.company,
                                         ChangeRequest.requested_at)
                    .where(ChangeRequest.company.in_(sorted(older)))
                    .order_by(ChangeRequest.requested_at, ChangeRequest.id)):
        sent.setdefault(request.company_id, []).append((_utc(request.requested_at), request.id))
    for i, (item, company) in enumerate(zip(out, companies, strict=True)):
        if company is None or not _sent_before_numbers(item):
            continue
        before = [number for when, number in sent.get(company, []) if when <= _utc(item.at)]
        if before:
            out[i] = item.model_copy(update={"request_id": before[-1]})
    return out
