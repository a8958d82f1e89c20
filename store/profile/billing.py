"""The Billing tab's services: address and its lock (R15-R16), recipients (R13), card (R14)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from store import clock
from store.errors import Conflict, InvalidInput, NotFound, Refused, ensure_version, outdated
from store.forms.cards import BRAND_NAMES, OTHER_PAYMENT_KINDS, payment_method_label
from store.forms.fields import ADDRESS, typed_values
from store.forms.kept import validated_address
from store.i18n import _
from store.invoicing.gateway import CardDeclined, Gateway, SandboxGateway
from store.people.access import (
    ADDRESS_SAVE,
    can_edit_owner_fields,
    ensure_billing_team,
    ensure_can_read,
    ensure_may,
    require_company,
)
from store.persistence.db import retried, transaction
from store.persistence.models import BillingAddress, Company, InvoiceRecipient, PaymentMethod
from store.persistence.models_requests import ChangeRequest
from store.places.addresses import with_created_country
from store.places.zones import company_today, follow_address, subscription_and_today
from store.profile.lock import (
    address_lock,
    in_trial,
    locked_refusal,
    refuse_locked_changes,
    tried_as_stored,
)
from store.trail.audit import record, refusals_recorded
from store.views import Actor, AddressView, BillingView, PaymentMethodView, card_expiry

if TYPE_CHECKING:  # the forms (Pydantic, the validation libraries) load when a change is sent
    from store.forms.fields import Values
    from store.forms.schemas import AddressForm, ReasonForm

ADDRESS_FIELDS = ADDRESS.names  # in screen order, as store/forms/fields.py defines them


def _address_view(row: BillingAddress | None) -> AddressView | None:
    if row is None:
        return None
    return AddressView(**{f: getattr(row, f) for f in ADDRESS_FIELDS}, version=row.version,
                       updated_at=row.updated_at, updated_by=row.updated_by)


def _payment_view(row: PaymentMethod | None) -> PaymentMethodView | None:
    if row is None:
        return None
    # The column holds one of the view's kinds: only this module writes it.
    kind = cast(Literal["card", "direct_debit", "bank_transfer"], row.kind)
    return PaymentMethodView(kind=kind, brand=row.brand, last4=row.last4,
                             exp_month=row.exp_month, exp_year=row.exp_year, holder=row.holder,
                             version=row.version)


def card_label(row: PaymentMethod | None) -> str | None:
    """`Visa •••• 4242`, the most anything says of a card (store.forms.cards)."""
    if row is None:
        return None
    return payment_method_label(row.kind, row.brand, row.last4)


def trail_payment(row: PaymentMethod | None) -> str | None:
    """A payment method as the trail keeps it, in no one's language: `Visa •••• 4242 · 12/29`
    for a card (a brand is a name; the expiry tells a renewed card from the old one), the kind
    (`direct_debit`, `bank_transfer`) otherwise; each reader's screen names the kind in their
    language (SPEC §6)."""
    if row is None or row.kind != "card":
        return None if row is None else row.kind
    if row.exp_month is None or row.exp_year is None:
        return card_label(row)
    return card_trail(row.brand, row.last4, row.exp_month, row.exp_year)


def card_trail(brand: str | None, last4: str | None, exp_month: int, exp_year: int) -> str:
    """A card as the trail keeps it: `Visa •••• 4242 · 12/29` (trail_payment)."""
    label = payment_method_label("card", BRAND_NAMES.get(brand or "", brand), last4)
    return f"{label} · {card_expiry(exp_month, exp_year)}"


def get_billing(actor: Actor, company_id: int) -> BillingView:
    """Address, what is editable and why not, recipients, payment method, change requests."""
    from store.profile.request_views import request_views

    ensure_can_read(actor, company_id, "billing.read")
    subscription, today = subscription_and_today(company_id)  # in the company's zone (§2)
    address = BillingAddress.get_or_none(BillingAddress.company == company_id)
    lock = address_lock(actor, company_id, subscription, today, address)
    owner = can_edit_owner_fields(actor, company_id)  # False on a closed company
    # Closed: read-only for everyone (SPEC §11, store.people.access); the owner's sign-in says so.
    closed = actor.company_closed if not actor.is_staff else Company.select(
        Company.closed_at).where(Company.id == company_id).scalar() is not None
    team = actor.is_billing_team and not closed
    recipients = [r.email for r in InvoiceRecipient.select(InvoiceRecipient.email).where(
        InvoiceRecipient.company == company_id).order_by(InvoiceRecipient.email)]
    requests = request_views(ChangeRequest.company == company_id, reader=actor, limit=20)
    waiting = any(r.status == "pending" for r in requests)
    return BillingView(
        company_id=company_id,
        in_trial=in_trial(subscription, today),
        trial_ends_on=subscription.trial_ends_on if subscription else None,
        address=_address_view(address),
        country=address.country if address else lock.kept["country"],
        closed=closed,
        editable_fields=[] if closed else lock.editable,
        locked_fields=lock.locked,
        lock_reason=None if closed else lock.reason,
        recipients=recipients,
        payment_method=_payment_view(_payment_method(company_id)),
        change_requests=requests,
        can_manage_card=owner,
        # The billing team acting for the customer, with a reason (SPEC §2, #18).
        can_manage_recipients=owner or team,
        # One request waits at a time; a first address is entered, not requested (requests.py).
        can_request_change=owner and address is not None and bool(lock.locked) and not waiting,
        can_withdraw_request=owner and waiting,
        can_decide_requests=team,
        can_set_payment_method=team,
        reason_required=team,
    )


def _ensure_address_editor(actor: Actor, company_id: int) -> None:
    # First, outside the write's transaction: a built "billing" Actor would otherwise get as far
    # as the trail line, be refused there, and its refusal roll back with the write.
    ensure_may(actor, company_id, ADDRESS_SAVE)
    if actor.is_billing_team:
        require_company(company_id)


@retried
def save_address(
    actor: Actor,
    company_id: int,
    values: Values,
    expected_version: int | None,
    *,
    reason: Values | None = None,
    given: set[str] | None = None,
) -> BillingView:
    """Save the billing address as typed (R15), refusing locked fields (R16) in the transaction.
    A locked field sent as stored, or not sent, is kept as stored and not validated again
    (store.forms.kept, #15). `values` maps the address fields (ADDRESS_FIELDS) to the text
    typed, `reason` "reason" and "ticket" (the billing team gives one for every change); both
    are validated here, once, and every field's message is raised together (InvalidInput; a
    new country needs its street, postal code and city among the fields `given`, None: all:
    store.forms.moves). Conflict (exit 4) when someone saved since `expected_version` (None:
    whatever is stored), first: a stale form's locked values are not a change; then Refused
    (exit 3) for a person who may not change the address, or a locked field sent with another
    value, before any check of the values (the lock speaks first, SPEC §5: store.profile.lock).
    A refusal's trail line keeps the values tried as the store keeps them (the country's code,
    not the name a screen shows: #16 trial).
    """
    with refusals_recorded(actor, company_id, "address.save",
                           tried=typed_values(ADDRESS, tried_as_stored(values))):
        _ensure_address_editor(actor, company_id)
        values = with_created_country(company_id, values)  # a first address: the company's
        # Stale first, then the lock; locked fields are kept as stored, not checked again (#15).
        kept = refuse_locked_changes(actor, company_id, values, expected_version)
        form, checked_reason = validated_address({**kept, **values}, reason, kept, given=given,
            before=BillingAddress.get_or_none(BillingAddress.company == company_id))
        if actor.is_staff and checked_reason is None:
            raise InvalidInput({"reason": _("The billing team gives a reason for every change.")})
        with transaction():
            apply_address(actor, company_id, form, expected_version, reason=checked_reason)
    return get_billing(actor, company_id)


def check_address(values: Values) -> dict[str, str | None]:
    """The address as `save_address` would store it (postal code, state and VAT number in their
    canonical form), without saving: the billing team's summary before it gives a reason.
    Raises InvalidInput with one message per field, as `save_address` does (R15)."""
    from store.forms.schemas import AddressForm
    from store.forms.validation import validate

    form = validate(AddressForm, values)
    return {name: getattr(form, name) for name in ADDRESS_FIELDS}


def check_reason(values: Values) -> dict[str, str | None]:
    """A billing-team reason ("reason", "ticket") as it would be kept, without using it. Raises
    InvalidInput with one message per field; the services check it again when it is sent."""
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    form = validate(ReasonForm, values)
    return {"reason": form.reason, "ticket": form.ticket}


def apply_address(actor: Actor, company_id: int, form: AddressForm, expected_version: int | None,
                  *, reason: ReasonForm | None = None, request_id: int | None = None) -> None:
    """The write itself, inside the caller's transaction: lock, version, changed fields, trail."""
    subscription, today = subscription_and_today(company_id)  # in the company's zone (§2)
    current = BillingAddress.get_or_none(BillingAddress.company == company_id)
    if current is not None and expected_version is not None:
        ensure_version(expected_version, current.version, current.updated_by, current.updated_at)
    changes = {  # a first address: its fields given (no "State: — → —" in the trail)
        f: getattr(form, f) for f in ADDRESS_FIELDS
        if getattr(form, f) != (getattr(current, f) if current else None)}
    lock = address_lock(actor, company_id, subscription, today, current)
    for field, value in changes.items():  # a first address's country kept is no change (R16)
        if field not in lock.editable and value != lock.kept.get(field):
            raise locked_refusal(field, value, lock.kept.get("country"), lock.kept.get(field))
    if not changes:
        return
    stamp = {"updated_at": clock.now(), "updated_by": actor.email}
    if current is None:
        BillingAddress.insert(company=company_id, **form.model_dump(include=set(ADDRESS_FIELDS)),
                              version=1, **stamp).execute()
    else:
        updated = (
            BillingAddress.update(**changes, **stamp, version=BillingAddress.version + 1)
            .where((BillingAddress.company == company_id)
                   & (BillingAddress.version == current.version))
            .execute()
        )
        if updated == 0:
            fresh = BillingAddress.get(BillingAddress.company == company_id)
            raise Conflict(fresh.updated_by, fresh.updated_at)
    why = reason.reason if reason else (
        _("request #{id}").format(id=request_id) if request_id else None)
    for field, value in changes.items():
        record(actor, company_id, "address.save", field=field,
               old=getattr(current, field) if current else None, new=value,
               reason=why, ticket=reason.ticket if reason else None)
    if {"country", "state"} & set(changes):
        follow_address(actor, company_id, form.country, form.state, why)


@retried
def add_recipient(actor: Actor, company_id: int, values: Values,
                  reason: Values | None = None) -> BillingView:
    """Add an invoice recipient (R13) from {"email": text typed}: validated here, lower-cased,
    once per company. InvalidInput for an address that is not one or already receives them;
    Refused (exit 3) unless `actor` owns the company or is the billing team acting for it
    (SPEC §2), who gives `reason` ({"reason", "ticket"}: InvalidInput without one), asked first."""
    from store.forms.schemas import RecipientForm
    from store.forms.validation import validate

    typed = str(values.get("email") or "").strip().lower()
    with refusals_recorded(actor, company_id, "recipient.add", tried={"recipient": typed},
                           given=reason):
        why = _for_customer(actor, company_id, "recipient.add", reason)
        form = validate(RecipientForm, values)
        with transaction():
            exists = InvoiceRecipient.select().where(
                (InvoiceRecipient.company == company_id) & (InvoiceRecipient.email == form.email)
            ).exists()
            if exists:  # a list shown without it is out of date (#15 trial)
                raise outdated(InvalidInput({"email": _(
                    "{email} already receives the invoices.").format(email=form.email)}))
            InvoiceRecipient.insert(company=company_id, email=form.email,
                                    added_at=clock.now()).execute()
            record(actor, company_id, "recipient.add", field="recipient", new=form.email,
                   reason=why.reason if why else None, ticket=why.ticket if why else None)
    return get_billing(actor, company_id)


def _for_customer(actor: Actor, company_id: int, action: str,
                  reason: Values | None) -> ReasonForm | None:
    """Who may change the recipients (R13, SPEC §2): the owner, or the billing team acting for
    the customer with a reason (its checked ReasonForm, returned); Refused otherwise."""
    ensure_may(actor, company_id, action)
    if not actor.is_staff:
        return None
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    return validate(ReasonForm, reason or {})


@retried
def remove_recipient(actor: Actor, company_id: int, email: str,
                     reason: Values | None = None) -> BillingView:
    """Remove an invoice recipient (R13); the last one stays, or nobody would get invoices.
    The owner, or the billing team with `reason`, as add_recipient."""
    wanted = (email or "").strip().lower()
    with refusals_recorded(actor, company_id, "recipient.remove", tried={"recipient": wanted},
                           given=reason):
        why = _for_customer(actor, company_id, "recipient.remove", reason)
        with transaction():
            rows = list(InvoiceRecipient.select().where(InvoiceRecipient.company == company_id))
            match = next((r for r in rows if r.email == wanted), None)
            if match is None:  # a list shown with it is out of date (#15 trial)
                raise outdated(NotFound(_("{email} does not receive the invoices.").format(
                    email=wanted)))
            if len(rows) == 1:
                raise Refused(_("The last recipient cannot be removed; add another one first."),
                              field="recipient", attempted=wanted)
            match.delete_instance()
            record(actor, company_id, "recipient.remove", field="recipient", old=wanted,
                   reason=why.reason if why else None, ticket=why.ticket if why else None)
    return get_billing(actor, company_id)


@retried
def set_card(actor: Actor, company_id: int, values: Values,
             gateway: Gateway | None = None, expected_version: int | None = None) -> BillingView:
    """Add or replace the card (R14): the gateway keeps the number, the store keeps the token.

    `values` maps "number", "expiry" (MM/YY), "security_code" and "holder" to the text typed;
    they are validated here, once, against the company's today (InvalidInput, one message per
    field, never the digits typed), after who may: Refused (exit 3) unless `actor` owns the
    company. A declined card is InvalidInput on "number". A new card charges nothing by itself:
    what is open is shown, and paid once the owner confirms it (store.invoicing.payments, §5).
    `expected_version`: the payment method's version seen (0: none; None: not checked); older is
    Conflict (exit 4, SPEC §5), nothing saved (#17 trial: a card saved over a bank transfer
    recorded meanwhile); a save with the version read again replaces it knowingly."""
    from store.forms.schemas import CardForm
    from store.forms.validation import validate

    with refusals_recorded(actor, company_id, "card.set"):
        ensure_may(actor, company_id, "card.set")
        today = company_today(company_id)  # the expiry month and the payment day: the company's
        form = validate(CardForm, values, today=today)
        del values  # the number as typed lives no longer than the check
        _payment_method(company_id, expected_version)  # before the gateway is asked
        try:
            token = (gateway or SandboxGateway()).tokenize(
                form.number.get_secret_value(), form.exp_month, form.exp_year,
                form.security_code.get_secret_value(), form.holder, form.brand,
            )
        except CardDeclined:
            # The bank's refusal stays in History (SPEC §6), naming the card as a card is
            # ever named (brand, last four digits, expiry), as a paid invoice's line does.
            tried = card_trail(form.brand, form.number.get_secret_value()[-4:],
                               form.exp_month, form.exp_year)
            with transaction():
                record(actor, company_id, "card.set", field="payment_method", new=tried,
                       outcome="refused", reason="declined")
            raise InvalidInput({"number": _("The card was declined by the bank; use another "
                                            "card or contact your bank.")}) from None
        with transaction():
            old = _payment_method(company_id, expected_version)
            brand = BRAND_NAMES.get(token.brand, token.brand)
            stored = {"kind": "card", "token": token.token, "brand": brand, "last4": token.last4,
                      "exp_month": form.exp_month, "exp_year": form.exp_year,
                      "holder": form.holder, "updated_at": clock.now(),
                      "updated_by": actor.email}
            if old is None:
                PaymentMethod.insert(company=company_id, version=1, **stored).execute()
            else:
                PaymentMethod.update(**stored, version=PaymentMethod.version + 1).where(
                    PaymentMethod.company == company_id).execute()
            new = PaymentMethod.get(PaymentMethod.company == company_id)
            record(actor, company_id, "card.set", field="payment_method",
                   old=trail_payment(old), new=trail_payment(new))
    return get_billing(actor, company_id)


def _payment_method(company_id: int, expected: int | None = None) -> PaymentMethod | None:
    """The payment method stored (None: none), once `expected` (the version read, 0: none; None:
    not checked) is its version; Conflict otherwise (ensure_version)."""
    stored = PaymentMethod.get_or_none(PaymentMethod.company == company_id)
    if expected is not None:
        ensure_version(expected, getattr(stored, "version", 0), getattr(stored, "updated_by",
                       None), getattr(stored, "updated_at", None))
    return stored


@retried
def set_other_payment_method(actor: Actor, company_id: int, kind: str,
                             reason: Values) -> BillingView:
    """The billing team records direct debit or bank transfer instead of a card (R14 note).

    `kind` is one of OTHER_PAYMENT_KINDS; `reason` maps "reason" and "ticket" to the text typed,
    validated here (InvalidInput), after Refused (exit 3) for anyone but the billing team."""
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    with refusals_recorded(actor, company_id, "payment_method.set",
                           tried={"payment_method": kind}, given=reason):
        ensure_billing_team(actor, company_id, "payment_method.set")
        checked = validate(ReasonForm, reason)
        if kind not in OTHER_PAYMENT_KINDS:
            raise InvalidInput({"kind": _("Choose direct_debit or bank_transfer.")})
        with transaction():
            require_company(company_id)
            old = PaymentMethod.get_or_none(PaymentMethod.company == company_id)
            PaymentMethod.delete().where(PaymentMethod.company == company_id).execute()
            PaymentMethod.insert(company=company_id, kind=kind, version=(old.version + 1) if old
                                 else 1, updated_at=clock.now(), updated_by=actor.email).execute()
            new = PaymentMethod.get(PaymentMethod.company == company_id)
            record(actor, company_id, "payment_method.set", field="payment_method",
                   old=trail_payment(old), new=trail_payment(new), reason=checked.reason,
                   ticket=checked.ticket)
    return get_billing(actor, company_id)

