"""The lock on the billing address after the trial (R16): who may change which field, and the
rule that the lock speaks first (SPEC §5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from store.errors import Refused, ensure_version
from store.forms.fields import ADDRESS, LOCKED_AFTER_TRIAL
from store.i18n import _
from store.people.access import can_edit_owner_fields
from store.persistence.models import BillingAddress, Subscription
from store.places.zones import subscription_and_today
from store.views import Actor

if TYPE_CHECKING:
    from store.forms.fields import Values

ADDRESS_FIELDS = ADDRESS.names  # in screen order, as store/forms/fields.py defines them


def in_trial(subscription: Subscription | None, today: date) -> bool:
    """R16: a trial account is one whose trial has not ended and that has not subscribed yet.

    `today` is the date in the company's own zone (SPEC §2, store.places.zones): the trial's last
    day lasts until midnight there."""
    return (
        subscription is not None
        and subscription.status == "trial"
        and subscription.trial_ends_on is not None
        and today <= subscription.trial_ends_on
    )


def no_trial(subscription: Subscription | None) -> bool:
    """Whether the company never had a trial: subscribed from its start, no trial date."""
    return (subscription is not None and subscription.trial_ends_on is None
            and subscription.status != "trial")


@dataclass(frozen=True)
class AddressLock:
    """What the lock leaves to `actor` on a company's billing address, today (R16).

    `editable`: the fields they may change; `locked`: the fields locked for the owner (state,
    country and VAT number after the trial; with no address yet only the country the company
    was created with); `reason`: why, None when nothing is locked; `kept`: what a locked field
    sent is compared with, by field (the stored address's values, or the created country)."""

    editable: list[str]
    locked: list[str]
    reason: str | None
    kept: dict[str, str | None]


def address_lock(actor: Actor, company_id: int, subscription: Subscription | None, today: date,
                 current: BillingAddress | None) -> AddressLock:
    """The lock on company `company_id`'s address `current` (None: none yet) for `actor`.

    The lock keeps values that exist (#18 trial: a company created without an address could
    never get one): after the trial the owner still enters the first address, region and VAT
    number included, in the country the company was created with (store.places.addresses
    .created_country; another country is the billing team's). With no country known (created
    before it was kept) the owner enters it too. The billing team changes every field."""
    if current is not None:
        kept: dict[str, str | None] = {f: getattr(current, f) for f in ADDRESS_FIELDS}
    else:
        from store.places.addresses import created_country

        kept = {"country": created_country(company_id)}
    reason = None
    if in_trial(subscription, today):
        locked: list[str] = []
    elif current is None:
        locked = ["country"] if kept["country"] else []
        if locked:
            reason = _("No billing address yet: enter it; its country is the one the company "
                       "was created with, which only the billing team changes.")
    else:
        locked = list(LOCKED_AFTER_TRIAL)
        # No date in the sentence: the screens show the trial end in the person's date format.
        # A company created without a trial has no trial date (store.profile.companies): locked from
        # its start, never "after the trial" it did not have (#18 trial).
        reason = (_("Locked since the company started (it had no trial): the billing team "
                    "changes {fields}.") if no_trial(subscription) else
                  _("Locked after the trial: the billing team changes {fields}.")).format(
            fields=locked_fields_text(kept.get("country")))
    if actor.is_billing_team:
        editable = list(ADDRESS_FIELDS)
    elif can_edit_owner_fields(actor, company_id):
        editable = [f for f in ADDRESS_FIELDS if f not in locked]
    else:
        editable = []
    return AddressLock(editable=editable, locked=locked, reason=reason, kept=kept)


def same_value(field: str, sent: object, stored: object, country: str | None) -> bool:
    """Whether `sent` is the stored value of `field` as the form would store it (one
    canonicalisation, store.forms.postal): "Germany" is the stored "DE", "ontario" the stored
    "ON" in Canada, "de 811.907.980" the stored "DE811907980"."""
    from store.forms.postal import canonical_value

    return canonical_value(field, sent, country) == canonical_value(field, stored, country)


def stored_form(field: str, value: object, country: str | None) -> str:
    """`value` sent for address `field` as the store keeps it, for a trail line that holds a
    value tried (SPEC §6: each reader's History names a code in their language): a country by
    its ISO code ("Germany", « Allemagne » -> "DE"), a region by its code in `country` ("Texas"
    -> "TX"), a postal code and a VAT number in their canonical form; else the text as sent,
    trimmed (a value that is none of these: "XX", "Germny"). Never raises (#16 trial: the trail
    kept the screen's "Germany" where the command line's refusal kept "DE")."""
    from store.forms.postal import canonical_postal_code, canonical_region, country_code

    text = str(value or "").strip()
    try:
        if field == "country":
            return country_code(text) or text
        if field == "state" and country and text:
            return canonical_region(country, text) or text
        if field == "postal_code" and country and text:
            return canonical_postal_code(country, text) or text
        if field == "vat_number" and country and text:
            from store.forms.places import check_vat_number, compact_vat_text

            return check_vat_number(compact_vat_text(text), country)
    except ValueError:
        return text
    return text


def tried_as_stored(values: Values) -> dict[str, object]:
    """An address sent (field -> text), each field in its `stored_form` (the region, postal
    code and VAT number in the country sent), for the trail of a refused save."""
    country = stored_form("country", values.get("country"), None) or None
    return {field: stored_form(field, value, country) if value is not None else None
            for field, value in values.items()}


def locked_refusal(field: str, sent: object, country: str | None,
                   stored: object = None) -> Refused:
    """The refusal of `sent` for the locked `field` of an address in `country` (R16): Refused,
    exit 3, the value tried in its `stored_form` (an empty one is a removal of `stored`), and
    `outdated`: a screen showed the field open, so the lock changed since it read it (the
    trial ended meanwhile, #15 trial): it reads the view again."""
    tried = stored_form(field, sent, country)
    return Refused(lock_message(field, country), field=field, attempted=tried,
                   was=None if tried else stored, outdated=True)


def refuse_locked_changes(actor: Actor, company_id: int, values: Values,
                          expected_version: int | None = None) -> dict[str, str | None]:
    """The lock speaks first (R16, SPEC §5): a locked field sent with another value than the
    stored one is refused as locked (`locked_refusal`: Refused, exit 3) before any check of the
    value itself or of the address it would make, valid or not. A locked field sent as stored
    (in any case or spacing, or by its name: "Germany" is DE) is no change.

    Before it, the version: `values` read at `expected_version`, older than the address stored
    (None: whatever is stored), are stale, and Conflict (exit 4) says who saved since (#16
    trial: a form opened before an approved change request sent the old country, which the
    owner never touched, and was refused as a change to it). `apply_address` checks both again
    inside the write. Returns every locked field, sent as stored or not sent: field -> the
    stored value (store.forms.kept: not validated again; a field left out is kept)."""
    subscription, today = subscription_and_today(company_id)
    current = BillingAddress.get_or_none(BillingAddress.company == company_id)
    if current is not None and expected_version is not None:
        ensure_version(expected_version, current.version, current.updated_by, current.updated_at)
    lock = address_lock(actor, company_id, subscription, today, current)
    locked = [f for f in ADDRESS_FIELDS if f not in lock.editable]
    for field in [f for f in locked if f in values]:
        sent = values[field]
        if not same_value(field, sent, lock.kept.get(field), lock.kept.get("country")):
            raise locked_refusal(field, sent, lock.kept.get("country"), lock.kept.get(field))
    return {field: lock.kept.get(field) for field in locked if field in values or current}


def lock_message(field: str, country: str | None = None) -> str:
    """The refusal of a change to a locked `field`, naming it by its label (fields.py), the
    region and the postal code as `country`'s address names them (Province in Canada, ZIP code
    in the US: store.forms.labels)."""
    from store.forms.labels import address_field_label

    label = address_field_label(field, country)
    return _("{field} is locked after the trial; send a change request to the billing "
             "team.").format(field=label)


def locked_fields_text(country: str | None) -> str:
    """The fields the lock keeps (R16) as `country`'s address names them: "state, country and
    VAT number" (US), "province, country and VAT number" (Canada), "country and VAT number"
    (Germany: its addresses have no region); every one when the country is not known."""
    from store.forms.postal import region_rule

    rule = region_rule(country)
    if country and not rule.used:
        return _("country and VAT number")
    return _("{region}, country and VAT number").format(region=rule.label.lower())
