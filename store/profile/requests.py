"""Change requests: owners ask the billing team to move the locked address (one or more fields,
in one request); the team decides, the owner may withdraw (R16, SPEC §5)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from store import clock
from store.errors import FORM_WIDE, InvalidInput, NotFound, Refused, StoreError
from store.forms.fields import ADDRESS, LOCKED_AFTER_TRIAL, typed_values
from store.i18n import _
from store.people.access import ensure_billing_team, ensure_can_read, ensure_owner
from store.people.identity import ensure_signed_in
from store.persistence.db import retried, transaction
from store.persistence.models import BillingAddress
from store.persistence.models_requests import ChangeRequest, ChangeRequestField
from store.places.zones import subscription_and_today
from store.profile.billing import apply_address
from store.profile.lock import in_trial, locked_fields_text
from store.profile.request_reasons import approval_reason, checked_reason, naming_request
from store.profile.request_views import in_order, kept_values, request_views
from store.trail.audit import record, refusals_recorded, request_decision_text, request_subject
from store.views import Actor, ChangeRequestView

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


@retried
def request_change(actor: Actor, company_id: int, values: Values) -> ChangeRequestView:
    """The owner asks the billing team to move the locked address after the trial (R16): state,
    country or VAT number, with the street, postal code and city that go with them, in one
    request (SPEC §5).

    `values` maps address fields (store/forms/fields.py ADDRESS, any of them; those left out
    stay as stored) and "note" to the text typed. The address asked for is validated as a whole,
    once (InvalidInput, one message per field); it must give a field (InvalidInput) and change
    a locked one (InvalidInput).
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
        if not set(values) & set(ADDRESS.names):  # a note alone (#16 trial t16: it was told
            # "This is the address already", as for a field given as it is)
            raise InvalidInput({FORM_WIDE: _(
                "Give at least one field to change: a request is for {fields}.").format(
                    fields=locked_fields_text(address.country))})
        form = _requested_address(address, values, moving=True)
        changes = {f: getattr(form, f) for f in ADDRESS.names
                   if getattr(form, f) != getattr(address, f)}
        if not changes:
            raise InvalidInput({FORM_WIDE: _(
                "This is the address already: a request must change something.")})
        if not set(changes) & set(LOCKED_AFTER_TRIAL):
            raise InvalidInput({next(iter(changes)): _(
                "Change the street, postal code and city yourself, in Billing; a request is "
                "for {fields}.").format(fields=locked_fields_text(address.country))})
        with transaction():
            _refuse_while_waiting(company_id)  # again, in the write: two sent at once
            request = ChangeRequest.create(
                company=company_id, note=form.note, documents=form.documents, status="pending",
                requested_by=actor.email,
                requested_at=clock.now(), address_version=address.version)
            ChangeRequestField.insert_many([
                {"request": request.id, "field": f, "old_value": getattr(address, f),
                 "new_value": value} for f, value in changes.items()]).execute()
            # ONE line for the request (#16 trial: a move read as four "Request #5 sent"):
            # its number and every field asked, with the value then, and what it keeps beside
            # them (store.trail.audit request_decision_text); the owner's note and documents
            # reference in the reason and ticket columns, History names them so
            # (tui.audit_text).
            record(actor, company_id, "request.create", new=request_decision_text(
                request.id, changes, was={f: getattr(address, f) for f in changes},
                stays=kept_values(changes, address)), reason=form.note, ticket=form.documents)
    return request_views(ChangeRequest.id == request.id, reader=actor)[0]


def _refuse_while_waiting(company_id: int) -> None:
    """One request waits at a time (SPEC §5): Refused while another is pending."""
    waiting = ChangeRequest.get_or_none((ChangeRequest.company == company_id)
                                        & (ChangeRequest.status == "pending"))
    if waiting is not None:
        raise Refused(_("Request {id} is already waiting for the billing team: withdraw it to "
                        "send another.").format(id=waiting.id))


def _requested_address(address: BillingAddress, values: Values, *,
                       moving: bool = False) -> ChangeRequestForm:
    """The stored address with the fields sent replaced, note and documents, validated as one;
    a new country without a region drops a region that is not one of its own. `moving` (a
    request being sent): a new country needs its own street, postal code and city sent with
    it (store.forms.moves), said with the other fields' messages (InvalidInput)."""
    from store.forms.moves import move_errors
    from store.forms.postal import region_kept
    from store.forms.schemas import ChangeRequestForm
    from store.forms.validation import validate

    data: dict[str, object] = {f: getattr(address, f) for f in ADDRESS.names}
    for name in (*ADDRESS.names, "note", "documents"):
        if name in values:
            data[name] = values[name]
    if "country" in values and "state" not in values:  # another country's region goes
        data["state"] = region_kept(address.state, str(values["country"] or ""))
    moved = move_errors(address, values) if moving else {}
    try:
        form = validate(ChangeRequestForm, data)
    except InvalidInput as exc:
        raise InvalidInput({**exc.errors, **moved}) from None
    if moved:
        raise InvalidInput(moved)
    return form


def _fitting_now(request_id: int, address: BillingAddress, wanted: Values) -> ChangeRequestForm:
    """The address the approval would store (`_requested_address`); when it is not valid (the
    address moved since: a US tax id on what is now a Canadian address), InvalidInput naming
    the request and what no longer fits, with what the billing team can do, rather than the
    field's own message ("check it for a typo") about an option `approve` does not have."""
    from store.forms.fields import field_label

    try:
        return _requested_address(address, wanted)
    except InvalidInput as exc:
        wrong = "; ".join(f"{field_label(name) if name in ADDRESS.names else name}: {message}"
                          for name, message in exc.errors.items())
        raise InvalidInput({FORM_WIDE: _(
            "Request #{id} no longer fits the billing address as it is now ({wrong}). Reject "
            "it, or change the address first.").format(id=request_id, wrong=wrong)}) from None


@retried
def withdraw_request(actor: Actor, request_id: int) -> ChangeRequestView:
    """The owner takes back a request the billing team has not decided yet (SPEC §5).

    Refused (exit 3) for anyone but the company's owner; DecidedRequest (exit 4) for a request
    decided or withdrawn already; NotFound (exit 5) for an unknown id, and for a company user
    another company's (`_company_of`).
    """
    company_id = _company_of(actor, request_id)
    with refusals_recorded(actor, company_id, "request.withdraw",
                           subject=request_subject(request_id)):
        # Who may comes first (staff and company users other than owners never may), against
        # the request's company, or the person's own when they may not know of it.
        ensure_owner(actor, actor.company_id if company_id is None else company_id,
                     "request.withdraw")
        if company_id is None:
            _not_found(actor, request_id, "request.withdraw")
        with transaction():
            _decide(actor, _pending(request_id), "withdrawn", None)
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


def list_requests(actor: Actor, company_id: int | None = None,
                  status: str | None = "pending") -> list[ChangeRequestView]:
    """The billing team's queue (all companies or one); an owner sees their own company's.

    `status` "pending" for a company user (an owner) also gives their company's last
    OWNER_DECIDED decided requests (approved, rejected, withdrawn: who, when, the reason)
    after the waiting one (SPEC §5: the owner sees a request with its state; #16 trial)."""
    ensure_signed_in(actor)
    if company_id is None:
        if not actor.is_staff:
            raise Refused(_("Only staff see the requests of every company."))
    else:
        ensure_can_read(actor, company_id, "request.list")
    conditions = []
    if company_id is not None:
        conditions.append(ChangeRequest.company == company_id)
    if status == "pending" and company_id is not None and not actor.is_staff:
        return (request_views(*conditions, ChangeRequest.status == "pending", reader=actor)
                + request_views(*conditions, ChangeRequest.status != "pending", reader=actor,
                                limit=OWNER_DECIDED))
    if status:
        conditions.append(ChangeRequest.status == status)
    return request_views(*conditions, reader=actor, limit=200)


OWNER_DECIDED = 5  # an owner's decided requests listed under the waiting one (list_requests)


def get_request(actor: Actor, request_id: int) -> ChangeRequestView:
    """One request as it is now, for whoever may read its company's (a dialog that was refused
    shows the request again: SPEC §5, the team sees both versions). NotFound (exit 5) for an
    unknown id, and for a company user another company's (`_company_of`)."""
    company_id = _company_of(actor, request_id)
    if company_id is None:
        _not_found(actor, request_id, "request.list")
    ensure_can_read(actor, company_id, "request.list")
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


def _company_of(actor: Actor, request_id: int) -> int | None:
    """The company of request `request_id` as `actor` may know it: None when there is no such
    request and, for a company user, when it is another company's. A request's number is one
    series for every company and names none (an invoice's number names its company: there the
    reach is refused as such), so to a company user another company's request and a missing one
    are alike: neither its existence nor its company is told (#16 trial t16: an owner's
    `requests withdraw` of another company's request said "You may not see another company's
    information" and recorded "(company 3)"). Staff read every company's."""
    ensure_signed_in(actor)
    company_id: int | None = (ChangeRequest.select(ChangeRequest.company)
                              .where(ChangeRequest.id == request_id).scalar())
    if company_id is not None and not actor.is_staff and company_id != actor.company_id:
        return None
    return company_id


def _not_found(actor: Actor, request_id: int, action: str) -> NoReturn:
    """Raise NotFound (exit 5) for request `request_id`, none that `actor` may know
    (`_company_of`). A company user's attempt is recorded in their own company's History first,
    whether the number is another company's or no one's (the README's reach rule: an attempt on
    another company's address is recorded), in words that tell the two apart in no way: the
    number typed and "There is no change request N."."""
    message = _("There is no change request {id}.").format(id=request_id)
    if not actor.is_staff and actor.company_id is not None:
        with transaction():
            record(actor, actor.company_id, action, new=request_subject(request_id),
                   outcome="refused", reason=message)
    raise NotFound(message)


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
    with _stale_recorded(actor, request_id), \
            _deciding(actor, request_id, "request.approve", reason) as request:
        checked = approval_reason(reason)
        address = BillingAddress.get(BillingAddress.company == request.company_id)
        if request.address_version is not None and address.version not in (
                request.address_version, address_version):
            raise StaleRequest(address.updated_by, address.version)
        wanted = {item.field: item.new_value for item in _fields_of(request)}
        form = _fitting_now(request.id, address, wanted)
        # The version the team named is checked where `set address --if-version` checks its
        # own (apply_address: Conflict, exit 4), whether or not the address moved since.
        was = {f: getattr(address, f) for f in wanted}  # before the approval applies them
        stays = kept_values(wanted, address)
        apply_address(actor, request.company_id, form,
                      address.version if address_version is None else address_version,
                      reason=naming_request(request.id, checked))
        _decide(actor, request, "approved", checked, was=was, stays=stays)
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


@contextmanager
def _stale_recorded(actor: Actor, request_id: int) -> Iterator[None]:
    """An approval refused as stale (StaleRequest, exit 4: the address was saved since the
    request) goes to the trail as a refused approval of the request, with why, after the
    refused transaction rolled back, like every refusal (store.trail.audit.refusals_recorded; #16
    trial: it left no line). Re-raised."""
    try:
        yield
    except StaleRequest as exc:
        company_id = getattr(ChangeRequest.get_or_none(ChangeRequest.id == request_id),
                             "company_id", None)
        with transaction():
            record(actor, company_id, "request.approve", new=request_subject(request_id),
                   outcome="refused", reason=exc.message)
        raise


@retried
def reject_request(actor: Actor, request_id: int, reason: Values) -> ChangeRequestView:
    """Close the request unchanged, with the reason the owner will read (R16).

    `reason` maps "reason" (required) and "ticket" to the text typed, validated here
    (InvalidInput). Refused (exit 3) for anyone but the billing team; DecidedRequest (exit 4)
    for a request no longer pending.
    """
    with _deciding(actor, request_id, "request.reject", reason) as request:
        _decide(actor, request, "rejected", checked_reason(reason))
    return request_views(ChangeRequest.id == request_id, reader=actor)[0]


@contextmanager
def _deciding(actor: Actor, request_id: int, action: str, reason: Values | None
              ) -> Iterator[ChangeRequest]:
    """The pending request, for the billing team only, inside one transaction; a refusal goes
    to the trail under `action` (request.approve, request.reject), with the `reason` given
    ("reason", "ticket": store.trail.audit.given_reason). Who may comes first: the request and
    the reason are checked inside, after it."""
    company_id = _company_of(actor, request_id)  # a company user is refused, whichever it is
    with refusals_recorded(actor, company_id, action, subject=request_subject(request_id),
                           given=reason):
        ensure_billing_team(actor, company_id, action)
        with transaction():
            yield _pending(request_id)


def _fields_of(request: ChangeRequest) -> list[ChangeRequestField]:
    return list(ChangeRequestField.select().where(ChangeRequestField.request == request.id)
                .order_by(ChangeRequestField.id))


def _decide(actor: Actor, request: ChangeRequest, status: str,
            reason: ReasonForm | None, *, was: Mapping[str, object] | None = None,
            stays: Mapping[str, object] | None = None) -> None:
    """Close the request and write ONE line of the decision to the trail, naming the request
    and what it asked (store.trail.audit.request_decision_text), and for an approval what it
    kept beside them (`stays`); an approval's changed fields have their own lines already, one
    per field (store.profile.billing.apply_address)."""
    ChangeRequest.update(status=status, decided_by=actor.email, decided_at=clock.now(),
                         decision_reason=(reason.reason or None) if reason else None,
                         decision_ticket=reason.ticket if reason else None,
                         ).where(ChangeRequest.id == request.id).execute()
    action = {"approved": "request.approve", "rejected": "request.reject",
              "withdrawn": "request.withdraw"}[status]
    asked = sorted(_fields_of(request), key=in_order)
    if was is None:  # the address's values when decided (an approval passes them before)
        address = BillingAddress.get_or_none(BillingAddress.company == request.company_id)
        was = {item.field: getattr(address, item.field, None) for item in asked}
    # `was` lets History say what moved, and leave out a field already at the value asked
    # (#16 trial: "City: Paris, unchanged").
    record(actor, request.company_id, action,
           new=request_decision_text(request.id, {
               item.field: item.new_value for item in asked}, was=was, stays=stays),
           reason=(reason.reason or None) if reason else None,
           ticket=reason.ticket if reason else None)
