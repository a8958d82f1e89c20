"""Change requests: owners ask the billing team to change a locked field; the team decides (R16)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, cast

from peewee import JOIN

from store import clock
from store.access import ensure_billing_team, ensure_can_read, ensure_owner
from store.audit import record, refusals_recorded
from store.billing import apply_address
from store.errors import InvalidInput, NotFound, Refused
from store.forms.fields import ADDRESS, LOCKED_AFTER_TRIAL, field_label
from store.i18n import _
from store.identity import ensure_signed_in
from store.lock import in_trial
from store.persistence.db import retried, transaction
from store.persistence.models import BillingAddress, ChangeRequest, Company
from store.views import Actor, ChangeRequestView
from store.zones import subscription_and_today

if TYPE_CHECKING:  # the forms (Pydantic, the validation libraries) load when a change is sent
    from store.forms.fields import Values
    from store.forms.schemas import AddressForm, ReasonForm


def request_views(*conditions: Any, limit: int = 50) -> list[ChangeRequestView]:
    """Requests matching `conditions`, newest first, with the company name and current value."""
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
    views = []
    for row in query:
        address = getattr(row.company, "address", None)
        views.append(ChangeRequestView(
            id=row.id, company_id=row.company_id, company_name=row.company.name,
            field=row.field,
            old_value=row.old_value,
            current_value=getattr(address, row.field, None) if address else None,
            new_value=row.new_value, note=row.note,
            # The column holds one of the view's states: only this module writes it.
            status=cast(Literal["pending", "approved", "rejected"], row.status),
            requested_by=row.requested_by, requested_at=row.requested_at,
            decided_by=row.decided_by, decided_at=row.decided_at,
            decision_reason=row.decision_reason,
        ))
    return views


@retried
def request_change(actor: Actor, company_id: int, values: Values) -> ChangeRequestView:
    """The owner asks the billing team to change state, country or VAT number after the trial
    (R16).

    `values` maps "field", "new_value" and "note" to the text typed, validated here, once, with
    the new value checked as part of the whole address (InvalidInput, one message per field;
    also when it is the value already stored: a request must change something).
    Refused (exit 3) during the trial or for anyone but the owner.
    """
    from store.forms.schemas import ChangeRequestForm
    from store.forms.validation import validate

    form = validate(ChangeRequestForm, values)
    with refusals_recorded(actor, company_id, "request.create"):
        ensure_owner(actor, company_id, "request.create")
        with transaction():
            subscription, today = subscription_and_today(company_id)  # the company's zone (§2)
            if in_trial(subscription, today):
                raise Refused(_("During the trial you change this field yourself."),
                              field=form.field, attempted=form.new_value)
            address = BillingAddress.get_or_none(BillingAddress.company == company_id)
            if address is None:
                raise NotFound(_("Enter a billing address first."))
            checked = _check_new_value(address, form.field, form.new_value)
            if getattr(checked, form.field) == getattr(address, form.field):
                # Nothing to decide, and it would hold the field's one pending request.
                raise InvalidInput({"new_value": _(
                    "{field} is already {value}: a request must change something.").format(
                    field=field_label(form.field), value=getattr(address, form.field))})
            pending = ChangeRequest.select().where(
                (ChangeRequest.company == company_id) & (ChangeRequest.field == form.field)
                & (ChangeRequest.status == "pending")).exists()
            if pending:
                raise InvalidInput({"field": _("A request for this field is already waiting for "
                                               "the billing team.")})
            request = ChangeRequest.create(
                company=company_id, field=form.field, old_value=getattr(address, form.field),
                new_value=form.new_value, note=form.note,
                status="pending", requested_by=actor.email, requested_at=clock.now(),
            )
            record(actor, company_id, "request.create", field=form.field,
                   old=getattr(address, form.field), new=form.new_value, reason=form.note)
    return request_views(ChangeRequest.id == request.id)[0]


def _address_with(address: BillingAddress, field: str, value: str | None) -> AddressForm:
    """The stored address with one field replaced, validated as a whole (VAT follows country)."""
    from store.forms.schemas import AddressForm
    from store.forms.validation import validate

    data = {f: getattr(address, f) for f in ADDRESS.names}
    data[field] = value
    return validate(AddressForm, data)


def _check_new_value(address: BillingAddress, field: str, value: str | None) -> AddressForm:
    if field not in LOCKED_AFTER_TRIAL:
        raise InvalidInput({"field": _("Only state, country and VAT number need a request.")})
    try:
        return _address_with(address, field, value)
    except InvalidInput as exc:
        raise InvalidInput({"new_value": next(iter(exc.errors.values()))}) from None


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
    return request_views(*conditions, limit=200)


def _pending(request_id: int) -> ChangeRequest:
    request = ChangeRequest.get_or_none(ChangeRequest.id == request_id)
    if request is None:
        raise NotFound(_("There is no change request {id}.").format(id=request_id))
    if request.status != "pending":
        message = (_("Request {id} was already approved.") if request.status == "approved"
                   else _("Request {id} was already rejected."))
        raise Refused(message.format(id=request_id))
    return request


@retried
def approve_request(actor: Actor, request_id: int, reason: Values | None = None
                    ) -> ChangeRequestView:
    """Apply the requested change and close the request, in one transaction (R16).

    `reason` (optional) maps "reason" and "ticket" to the text typed, validated here
    (InvalidInput). Refused (exit 3) for anyone but the billing team, or a decided request.
    """
    checked = None if reason is None else _reason(reason)
    with _deciding(actor, request_id, "request.approve") as request:
        address = BillingAddress.get(BillingAddress.company == request.company_id)
        form = _check_new_value(address, request.field, request.new_value)
        apply_address(actor, request.company_id, form, address.version, reason=checked,
                      request_id=request.id)
        _decide(actor, request, "approved", checked.reason if checked else None)
    return request_views(ChangeRequest.id == request_id)[0]


@retried
def reject_request(actor: Actor, request_id: int, reason: Values) -> ChangeRequestView:
    """Close the request unchanged, with the reason the owner will read (R16).

    `reason` maps "reason" (required) and "ticket" to the text typed, validated here
    (InvalidInput). Refused (exit 3) for anyone but the billing team, or a decided request.
    """
    checked = _reason(reason)
    with _deciding(actor, request_id, "request.reject") as request:
        _decide(actor, request, "rejected", checked.reason)
    return request_views(ChangeRequest.id == request_id)[0]


@contextmanager
def _deciding(actor: Actor, request_id: int, action: str) -> Iterator[ChangeRequest]:
    """The pending request, for the billing team only, inside one transaction; a refusal goes
    to the trail under `action` (request.approve, request.reject)."""
    company_id = getattr(ChangeRequest.get_or_none(ChangeRequest.id == request_id), "company_id",
                         None)
    with refusals_recorded(actor, company_id, action):
        ensure_billing_team(actor, company_id, action)
        with transaction():
            yield _pending(request_id)


def _reason(values: Values) -> ReasonForm:
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    return validate(ReasonForm, values)


def _decide(actor: Actor, request: ChangeRequest, status: str, reason: str | None) -> None:
    ChangeRequest.update(status=status, decided_by=actor.email, decided_at=clock.now(),
                         decision_reason=reason).where(ChangeRequest.id == request.id).execute()
    action = {"approved": "request.approve", "rejected": "request.reject"}[status]
    record(actor, request.company_id, action, field=request.field, new=request.new_value,
           reason=reason)
