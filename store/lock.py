"""The lock on the billing address after the trial (R16): who may change which field, and the
rule that the lock speaks first (SPEC §5)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from store.access import can_edit_owner_fields
from store.errors import Refused
from store.forms.fields import ADDRESS, LOCKED_AFTER_TRIAL, field_label
from store.i18n import _
from store.persistence.models import BillingAddress, Subscription
from store.views import Actor
from store.zones import subscription_and_today

if TYPE_CHECKING:
    from store.forms.fields import Values

ADDRESS_FIELDS = ADDRESS.names  # in screen order, as store/forms/fields.py defines them


def in_trial(subscription: Subscription | None, today: date) -> bool:
    """R16: a trial account is one whose trial has not ended and that has not subscribed yet.

    `today` is the date in the company's own zone (SPEC §2, store.zones): the trial's last day
    lasts until midnight there."""
    return (
        subscription is not None
        and subscription.status == "trial"
        and subscription.trial_ends_on is not None
        and today <= subscription.trial_ends_on
    )


def editable_address_fields(actor: Actor, company_id: int, subscription: Subscription | None,
                            today: date) -> list[str]:
    """Which address fields `actor` may change right now (R16, staff roles)."""
    if actor.is_billing_team:
        return list(ADDRESS_FIELDS)
    if not can_edit_owner_fields(actor, company_id):
        return []
    if in_trial(subscription, today):
        return list(ADDRESS_FIELDS)
    return [f for f in ADDRESS_FIELDS if f not in LOCKED_AFTER_TRIAL]


def lock_reason(subscription: Subscription | None, today: date) -> str | None:
    """Why state, country and VAT number are locked (R16), or None during the trial."""
    if in_trial(subscription, today):
        return None
    # No date in the sentence: the screens show the trial end in the person's own date format.
    return _("Locked after the trial: the billing team changes state, country and VAT number.")


def same_value(field: str, sent: object, stored: object, country: str | None) -> bool:
    """Whether `sent` is the stored value of `field` as the form would store it (one
    canonicalisation, store.forms.postal): "Germany" is the stored "DE", "ontario" the stored
    "ON" in Canada, "de 811.907.980" the stored "DE811907980"."""
    from store.forms.postal import canonical_value

    return canonical_value(field, sent, country) == canonical_value(field, stored, country)


def refuse_locked_changes(actor: Actor, company_id: int, values: Values) -> None:
    """The lock speaks first (R16, SPEC §5): a locked field sent with another value than the
    stored one is refused as locked (Refused, exit 3) before any check of the value itself or
    of the address it would make, valid or not. A locked field sent as stored (in any case or
    spacing) is no change. `apply_address` checks the lock again inside the write."""
    subscription, today = subscription_and_today(company_id)
    editable = editable_address_fields(actor, company_id, subscription, today)
    locked = [f for f in ADDRESS_FIELDS if f not in editable and f in values]
    if not locked:
        return
    current = BillingAddress.get_or_none(BillingAddress.company == company_id)
    country = getattr(current, "country", None)
    for field in locked:
        sent = values[field]
        if not same_value(field, sent, getattr(current, field, None), country):
            raise Refused(lock_message(field), field=field,
                          attempted=str(sent).strip() if sent is not None else None)


def lock_message(field: str) -> str:
    """The refusal of a change to a locked `field`, naming it by its label (fields.py)."""
    return _("{field} is locked after the trial; send a change request to the billing "
             "team.").format(field=field_label(field))
