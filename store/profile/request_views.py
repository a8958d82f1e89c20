"""The change requests as the screens and commands read them: each with its fields, the
address now, and what was saved since it was sent (store.profile.requests writes them; SPEC §5)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Literal, cast

from peewee import JOIN, fn

from store.forms.fields import ADDRESS, address_order
from store.persistence.models import AuditEvent, BillingAddress, Company
from store.persistence.models_requests import ChangeRequest, ChangeRequestField
from store.views import Actor, ChangeRequestView, RequestedChange


def in_order(item: ChangeRequestField) -> int:
    """A request's field in the address's own order (store.forms.fields.address_order)."""
    return address_order(item.field)


def request_views(*conditions: Any, reader: Actor | None = None,
                  limit: int = 50) -> list[ChangeRequestView]:
    """Requests matching `conditions`, newest first, each with its fields (in the address's
    order: store.forms.fields.address_order), the company name, the address
    as it is now and whether `reader` may decide it (two queries; one more per stale request:
    `_changed_since`)."""
    query = (
        ChangeRequest.select(ChangeRequest, Company.id, Company.name, BillingAddress)
        .join(Company)
        .join(BillingAddress, JOIN.LEFT_OUTER, on=(BillingAddress.company == Company.id),
              attr="address")
        .order_by(ChangeRequest.requested_at.desc(), ChangeRequest.id.desc())
        .limit(limit)
    )
    for condition in conditions:
        query = query.where(condition)
    rows = list(query)
    fields: dict[int, list[ChangeRequestField]] = {row.id: [] for row in rows}
    if rows:
        for item in (ChangeRequestField.select()
                     .where(ChangeRequestField.request.in_(list(fields)))
                     .order_by(ChangeRequestField.id)):
            fields[item.request_id].append(item)
    views = []
    for row in rows:
        address = getattr(row.company, "address", None)
        changes = tuple(RequestedChange(
            field=item.field, old_value=item.old_value, new_value=item.new_value,
            current_value=getattr(address, item.field, None) if address else None)
            for item in sorted(fields[row.id], key=in_order))
        stale = (row.status == "pending" and address is not None
                 and row.address_version is not None and address.version != row.address_version)
        since = (_changed_since(row, address, {c.field for c in changes})
                 if stale and address is not None else ())
        views.append(ChangeRequestView(
            id=row.id, company_id=row.company_id, company_name=row.company.name,
            changes=changes, note=row.note, documents=row.documents,
            # The column holds one of the view's states: only this module writes it.
            status=cast(Literal["pending", "approved", "rejected", "withdrawn"], row.status),
            requested_by=row.requested_by, requested_at=row.requested_at,
            address_version=row.address_version,
            current_version=address.version if address else None,
            decided_by=row.decided_by, decided_at=row.decided_at,
            decision_reason=row.decision_reason, decision_ticket=row.decision_ticket,
            changed_since=since,
            stays=_stays(changes, since, address) if row.status == "pending" else (),
            can_decide=bool(reader is not None and reader.is_billing_team
                            and row.status == "pending"),
            country=address.country if address else None,
        ))
    return views


def _changed_since(request: ChangeRequest, address: BillingAddress,
                   asked: set[str]) -> tuple[RequestedChange, ...]:
    """The fields of the address the request does not carry, saved since it was sent, with
    their value then (old_value) and now (current_value and new_value: approving keeps it), in
    the address's order; SPEC §5: the billing team sees both before deciding again.

    Read from the trail (store.trail.audit): the first save of each field after the request's own
    lines (one request waits at a time, so the company's last request.create line is this
    one's); a field saved back to its value then is not listed."""
    sent = (AuditEvent.select(fn.MAX(AuditEvent.id))
            .where((AuditEvent.company == request.company_id)
                   & (AuditEvent.action == "request.create") & (AuditEvent.outcome == "done"))
            .scalar())
    if sent is None:  # a request older than its trail (made before moves): nothing to compare
        return ()
    then: dict[str, str | None] = {}
    for line in (AuditEvent.select(AuditEvent.field, AuditEvent.old_value)
                 .where((AuditEvent.company == request.company_id) & (AuditEvent.id > sent)
                        & (AuditEvent.action == "address.save")
                        & (AuditEvent.outcome == "done"))
                 .order_by(AuditEvent.id)):
        if line.field in ADDRESS.names and line.field not in asked:
            then.setdefault(line.field, line.old_value)
    return tuple(
        RequestedChange(field=f, old_value=then[f], current_value=getattr(address, f),
                        new_value=getattr(address, f))
        for f in ADDRESS.names if f in then and (then[f] or None) != (getattr(address, f) or None))


def _stays(changes: tuple[RequestedChange, ...], since: tuple[RequestedChange, ...],
           address: BillingAddress | None) -> tuple[RequestedChange, ...]:
    """The fields of the address now that the request keeps beside one it changes
    (kept_values), each with its value now on every side; one saved since the request was
    sent is in `since` already (approving keeps it, and says so)."""
    listed = {c.field for c in since}
    return tuple(RequestedChange(field=f, old_value=value, current_value=value, new_value=value)
                 for f, value in kept_values({c.field for c in changes}, address).items()
                 if f not in listed)


def kept_values(changes: Collection[str], address: BillingAddress | None) -> dict[str, str]:
    """{field: its value in `address`} of the fields a request of `changes` (field names)
    keeps beside one it changes (store.forms.moves.kept_beside: a second street line under a
    new street): what the request's views and its History lines, sent and approved, say
    stays (verify v1: History's "Request #1 sent" left "Bldg 4 (stays)" out)."""
    from store.forms.moves import kept_beside

    return {f: getattr(address, f) for f in kept_beside(changes, address)}
