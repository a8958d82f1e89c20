"""Change requests: owners ask the billing team to move the locked address (one or more fields,
in one request); the team decides, the owner may withdraw (R16, SPEC §5)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, cast

from peewee import JOIN, fn

from store import clock
from store.access import ensure_billing_team, ensure_can_read, ensure_owner
from store.audit import record, refusals_recorded, request_decision_text, request_subject
from store.billing import apply_address
from store.errors import FORM_WIDE, InvalidInput, NotFound, Refused, StoreError
from store.forms.fields import ADDRESS, LOCKED_AFTER_TRIAL, typed_values
from store.i18n import _
from store.identity import ensure_signed_in
from store.lock import in_trial
from store.persistence.db import retried, transaction
from store.persistence.models import (
    AuditEvent,
    BillingAddress,
    ChangeRequest,
    ChangeRequestField,
    Company,
)
from store.views import Actor, ChangeRequestView, RequestedChange
from store.zones import subscription_and_today

if TYPE_CHECKING:  # the forms (Pydantic, the validation libraries) load when a change is sent
    from store.forms.fields import Values
    from store.forms.schemas import ChangeRequestForm, ReasonForm


class StaleRequest(StoreError):
    """The address was saved after the request was sent: the billing team looks at both (the
    view's old, current and requested values) and approves again on the current version (exit
    4). SPEC §5: approval applies on the version the request was made on. Not a Conflict: no
    input of the team's is kept or saved over anything."""

    exit_status = 4

    def __init__(self, changed_by: str | None, version: int) -> None:
        super().__init__(_("The address was saved by {who} after this request was sent: look at "
                           "both and approve again.").format(who=changed_by or
                                                             _("someone else")))
        self.version = version  # the address's version now: the one to approve on


class DecidedRequest(Refused):
    """A decision (approve, reject, withdraw) on a request no longer pending: the state moved on
    since the person looked, so exit 4 as a conflict (README's exit-status table: someone acted
    first), for every decision alike. Still a refusal: recorded in the trail."""

    exit_status = 4


# The fields that make a request (state, country, VAT number) first, then the street, postal
# code and city that go with them: a narrow list, a table or a History line shows them first.
_ORDER = {name: i for i, name in enumerate(
    (*LOCKED_AFTER_TRIAL, *(f for f in ADDRESS.names if f not in LOCKED_AFTER_TRIAL)))}


def _in_order(item: ChangeRequestField) -> int:
    return _ORDER.get(item.field, len(_ORDER))


def request_views(*conditions: Any, reader: Actor | None = None,
                  limit: int = 50) -> list[ChangeRequestView]:
    """Requests matching `conditions`, newest first, each with its fields (state, country and
    VAT number first, then the rest in the address's order), the company name, the address
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
            for item in sorted(fields[row.id], key=_in_order))
        stale = (row.status == "pending" and address is not None
                 and row.address_version is not None and address.version != row.address_version)
        views.append(ChangeRequestView(
            id=row.id, company_id=row.company_id, company_name=row.company.name,
            changes=changes, note=row.note, documents=row.documents,
            # The column holds one of the view's states: only this module writes it.
            status=cast(Literal["pending", "approved", "rejected", "withdrawn"], row.status),
            requested_by=row.requested_by, requested_at=row.requested_at,
            address_version=row.address_version,
            current_version=address.version if address else None,
            decided_by=row.decided_by, decided_at=row.decided_at,
            decision_reason=row.decision_reason,
            changed_since=_changed_since(row, address, {c.field for c in changes})
            if stale and address is not None else (),
            can_decide=bool(reader is not None and reader.is_billing_team
                            and row.status == "pending"),
        ))
    return views


def _changed_since(request: ChangeRequest, address: BillingAddress,
                   asked: set[str]) -> tuple[RequestedChange, ...]:
    """The fields of the address the request does not carry, saved since it was sent, with
    their value then (old_value) and now (current_value and new_value: approving keeps it), in
    the address's order; SPEC §5: the billing team sees both before deciding again.

    Read from the trail (store.audit): the first save of each field after the request's own
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


@retried
def request_change(actor: Actor, company_id: int, values: Values) -> ChangeRequestView:
    """The owner asks the billing team to move the locked address after the trial (R16): state,
    country or VAT number, with the street, postal code and city that go with them, in one
    request (SPEC §5).

    `values` maps address fields (store/forms/fields.py ADDRESS, any of them; those left out
    stay as stored) and "note" to the text typed. The address asked for is validated as a whole,
    once (InvalidInput, one message per field); it must change a locked field (InvalidInput).
    Refused (exit 3) during the trial, for anyone but the owner, or while another request of
    the company waits (withdraw it first).
    """
    with refusals_recorded(actor, company_id, "request.create",
                           tried=typed_values(ADDRESS, values)):
        ensure_owner(actor, company_id, "request.create")
        subscription, today = subscription_and_today(company_id)  # the company's zone (§2)
        if in_trial(subscription, today):
            raise Refused(_("During the trial you change these fields yourself."))
        address = BillingAddress.get_or_none(BillingAddress.company == company_id)
        if address is None:
            raise NotFound(_("Enter a billing address first."))
        _refuse_while_waiting(company_id)  # before the values: nothing to fix would help
        form = _requested_address(address, values)
        changes = {f: getattr(form, f) for f in ADDRESS.names
                   if getattr(form, f) != getattr(address, f)}
        if not changes:
            raise InvalidInput({FORM_WIDE: _(
                "This is the address already: a request must change something.")})
        if not set(changes) & set(LOCKED_AFTER_TRIAL):
            raise InvalidInput({next(iter(changes)): _(
                "Change the street, postal code and city yourself, in Billing; a request is "
                "for state, country and VAT number.")})
        with transaction():
            _refuse_while_waiting(company_id)  # again, in the write: two sent at once
            request = ChangeRequest.create(
                company=company_id, note=form.note, documents=form.documents, status="pending",
                requested_by=actor.email,
                requested_at=clock.now(), address_version=address.version)
            ChangeRequestField.insert_many([
                {"request": request.id, "field": f, "old_value": getattr(address, f),
                 "new_value": value} for f, value in changes.items()]).execute()
            for f, value in changes.items():
                # The owner's note and documents reference, in the reason and ticket
                # columns: History names them so on a request's lines (tui.audit_text).
                record(actor, company_id, "request.create", field=f,
                       old=getattr(address, f), new=value, reason=form.note,
                       ticket=form.documents)
    return request_views(ChangeRequest.id == request.id, reader=actor)[0]


def _refuse_while_waiting(company_id: int) -> None:
    """One request waits at a time (SPEC §5): Refused while another is pending."""
    waiting = ChangeRequest.get_or_none((ChangeRequest.company == company_id)
                                        & (ChangeRequest.status == "pending"))
    if waiting is not None:
        raise Refused(_("Request {id} is already waiting for the billing team: withdraw it to "
                        "send another.").format(id=waiting.id))


def _requested_address(address: BillingAddress, values: Values) -> ChangeRequestForm:
    """The stored address with the fields sent replaced, note and documents, validated as one;
    a new country without a region drops a region that is not one of its own."""
    from store.forms.postal import region_kept
    from store.forms.schemas import ChangeRequestForm
    from store.forms.validation import validate

    data: dict[str, object] = {f: getattr(address, f) for f in ADDRESS.names}
    for name in (*ADDRESS.names, "note", "documents"):
        if name in values:
            data[name] = values[name]
    if "country" in values and "state" not in values:  # another country's region goes
        data["state"] = region_kept(address.state, str(values["country"] or ""))
    return validate(ChangeRequestForm, data)


@retried
def withdraw_request(actor: Actor, request_id: int) -> ChangeRequestView:
    """The owner takes back a request the billing team has not decided yet (SPEC §5).

    Refused (exit 3) for anyone but the company's owner; DecidedRequest (exit 4) for a request
    decided or withdrawn already; NotFound (exit 5) for an unknown id.
    """
    company_id = getattr(ChangeRequest.get_or_none(ChangeRequest.id == request_id), "company_id",
                         None)
    with refusals_recorded(actor, company_id, "request.withdraw",
                           subject=request_subject(request_id)):
        if company_id is None:
            raise NotFound(_("There is no change request {id}.").format(id=request_id))
        ensure_owner(actor, company_id, "request.withdraw")
        with transaction():
            _decide(actor, _pending(request_id), "withdrawn", None)
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


def list_requests(actor: Actor, company_id: int | None = None,
                  status: str | None = "pending") -> list[ChangeRequestView]:
    """The billing team's queue (all companies or one); an owner sees their own company's."""
    ensure_signed_in(actor)
    if company_id is None:
        if not actor.is_staff:
            raise Refused(_("Only staff see the requests of every company."))
    else:
        ensure_can_read(actor, company_id, "request.list")
    conditions = []
    if company_id is not None:
        conditions.append(ChangeRequest.company == company_id)
    if status:
        conditions.append(ChangeRequest.status == status)
    return request_views(*conditions, reader=actor, limit=200)


def get_request(actor: Actor, request_id: int) -> ChangeRequestView:
    """One request as it is now, for whoever may read its company's (a dialog that was refused
    shows the request again: SPEC §5, the team sees both versions). NotFound (exit 5)."""
    ensure_signed_in(actor)
    company_id = getattr(ChangeRequest.get_or_none(ChangeRequest.id == request_id), "company_id",
                         None)
    if company_id is None:
        raise NotFound(_("There is no change request {id}.").format(id=request_id))
    ensure_can_read(actor, company_id, "request.list")
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


def _pending(request_id: int) -> ChangeRequest:
    request = ChangeRequest.get_or_none(ChangeRequest.id == request_id)
    if request is None:
        raise NotFound(_("There is no change request {id}.").format(id=request_id))
    if request.status != "pending":
        message = {"approved": _("Request {id} was already approved."),
                   "rejected": _("Request {id} was already rejected."),
                   "withdrawn": _("Request {id} was withdrawn by the owner.")}[request.status]
        raise DecidedRequest(message.format(id=request_id))
    return request


@retried
def approve_request(actor: Actor, request_id: int, reason: Values | None = None, *,
                    address_version: int | None = None) -> ChangeRequestView:
    """Apply the requested fields to the address and close the request, in one transaction
    (R16).

    The request applies on the address's version when it was sent; if the address was saved
    since, StaleRequest (exit 4) unless `address_version` names the version now stored (the
    billing team looked at both); an `address_version` that is not the one stored is Conflict
    (exit 4), as for `set address --if-version`. `reason` (optional) maps "reason" and
    "ticket" to the text typed, validated here (InvalidInput), as is the address that results.
    Refused (exit 3) for anyone but the billing team; DecidedRequest (exit 4) for a request no
    longer pending.
    """
    checked = None if reason is None else _reason(reason)
    with _deciding(actor, request_id, "request.approve") as request:
        address = BillingAddress.get(BillingAddress.company == request.company_id)
        if request.address_version is not None and address.version not in (
                request.address_version, address_version):
            raise StaleRequest(address.updated_by, address.version)
        wanted = {item.field: item.new_value for item in _fields_of(request)}
        form = _requested_address(address, wanted)
        # The version the team named is checked where `set address --if-version` checks its
        # own (apply_address: Conflict, exit 4), whether or not the address moved since.
        apply_address(actor, request.company_id, form,
                      address.version if address_version is None else address_version,
                      reason=_naming_request(request.id, checked))
        _decide(actor, request, "approved", checked)
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


@retried
def reject_request(actor: Actor, request_id: int, reason: Values) -> ChangeRequestView:
    """Close the request unchanged, with the reason the owner will read (R16).

    `reason` maps "reason" (required) and "ticket" to the text typed, validated here
    (InvalidInput). Refused (exit 3) for anyone but the billing team; DecidedRequest (exit 4)
    for a request no longer pending.
    """
    checked = _reason(reason)
    with _deciding(actor, request_id, "request.reject") as request:
        _decide(actor, request, "rejected", checked)
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


@contextmanager
def _deciding(actor: Actor, request_id: int, action: str) -> Iterator[ChangeRequest]:
    """The pending request, for the billing team only, inside one transaction; a refusal goes
    to the trail under `action` (request.approve, request.reject)."""
    company_id = getattr(ChangeRequest.get_or_none(ChangeRequest.id == request_id), "company_id",
                         None)
    with refusals_recorded(actor, company_id, action, subject=request_subject(request_id)):
        ensure_billing_team(actor, company_id, action)
        with transaction():
            yield _pending(request_id)


def _reason(values: Values) -> ReasonForm:
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    return validate(ReasonForm, values)


def _naming_request(request_id: int, checked: ReasonForm | None) -> ReasonForm:
    """The reason the address's saved lines carry on approval: "Request #12", then the team's
    reason when they gave one; their ticket (History names the request on every line)."""
    from store.forms.schemas import ReasonForm

    named = _("Request #{id}").format(id=request_id)
    if checked is None:
        return ReasonForm.model_construct(reason=named, ticket=None)
    # Already validated (`_reason`): only the request's name is added in front.
    # One message (not an f-string) so History says "Request #12" in its reader's language.
    return ReasonForm.model_construct(
        reason=_("{request}: {reason}").format(request=named, reason=checked.reason),
        ticket=checked.ticket)


def _fields_of(request: ChangeRequest) -> list[ChangeRequestField]:
    return list(ChangeRequestField.select().where(ChangeRequestField.request == request.id)
                .order_by(ChangeRequestField.id))


def _decide(actor: Actor, request: ChangeRequest, status: str,
            reason: ReasonForm | None) -> None:
    """Close the request and write ONE line of the decision to the trail, naming the request
    and what it asked (store.audit.request_decision_text); an approval's changed fields have
    their own lines already, one per field (store.billing.apply_address)."""
    ChangeRequest.update(status=status, decided_by=actor.email, decided_at=clock.now(),
                         decision_reason=reason.reason if reason else None,
                         ).where(ChangeRequest.id == request.id).execute()
    action = {"approved": "request.approve", "rejected": "request.reject",
              "withdrawn": "request.withdraw"}[status]
    record(actor, request.company_id, action,
           new=request_decision_text(request.id, {
               item.field: item.new_value
               for item in sorted(_fields_of(request), key=_in_order)}),
           reason=reason.reason if reason else None, ticket=reason.ticket if reason else None)
