"""Every form's fields, defined once: label, help, maximum length, order, who may change them, lock.

Plain data, no Pydantic: the screens build their forms from it before anything is sent, so a tab
does not load the validation schemas (store/forms/schemas) to draw itself. The schemas take their
maximum lengths from here, and the screens, dialogs, command-line options and help, History and
the lock messages take their labels from here: a field is named and bounded in one place.

Labels and help are English message ids, marked with N_ and translated when read (`.label`,
`.help`), so a person reads them in their own language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from store.i18n import N_, _


class Secret:
    """Text typed into a secret field (the card number, the security code: R14), as it travels
    from the screen to the service: its repr and str never show it, so a crash report that prints
    local variables (Textual's does, with Rich's show_locals), a log line or an exception's
    context shows `Secret('********')`. `get_secret_value()` gives the text to the one check that
    needs it (store.forms.schemas), as Pydantic's SecretStr does.
    """

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def get_secret_value(self) -> str:
        """The text as typed."""
        return self._text

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__


# A form as typed, which every service takes and validates once: field name -> text (None: not
# given). A secret field's text comes as a Secret (a plain str is taken too, from scripts); the
# service keeps it no longer than the call.
Values = Mapping[str, str | Secret | None]

# Who may change a field (SPEC §2, R3, R13-R16):
#   "owner"        the company's owner (the billing team too where a service says so)
#   "billing_team" the vendor's billing and admin staff only
#   "anyone"       whoever may send the form (a dialog's own input, a reason, a card)
ChangedBy = Literal["owner", "billing_team", "anyone"]


@dataclass(frozen=True, kw_only=True)
class Field:
    """One field of a form, as every surface shows it.

    `max_length` is in characters (None: no limit the person meets); `required` means an empty
    value is refused; `locked_after_trial` is R16 (state, country and VAT number lock once the
    trial is over: only the billing team changes them then, or an approved change request);
    `secret` fields are never echoed, logged or kept (the card number and security code, R14).
    """

    name: str
    label_id: str
    max_length: int | None = None
    help_id: str = ""
    required: bool = False
    changed_by: ChangedBy = "owner"
    locked_after_trial: bool = False
    secret: bool = False
    option: str = ""  # the command line's option; "" when no command sets this field

    @property
    def label(self) -> str:
        """The field's name in the person's language ("Postal code", « Code postal »)."""
        return _(self.label_id)

    @property
    def help(self) -> str:
        """One line saying what to enter, in the person's language ("" when the label says it)."""
        return _(self.help_id) if self.help_id else ""


@dataclass(frozen=True, kw_only=True)
class FormSpec:
    """A form's fields in screen order, looked up by name."""

    name: str
    fields: tuple[Field, ...]
    _by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def __getitem__(self, name: str) -> Field:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    @property
    def names(self) -> tuple[str, ...]:
        """The field names in screen order."""
        return tuple(f.name for f in self.fields)


GENERAL = FormSpec(name="general", fields=(
    Field(name="name", label_id=N_("Company name"), max_length=100, required=True,
          option="--name"),
    Field(name="website", label_id=N_("Website"), max_length=2048,
          help_id=N_("Like https://example.com (https:// is added when left out)"),
          option="--website"),
))

# max_length is what a person may type; the stored form can be shorter (a country and a region are
# kept as their codes, a VAT number compact), which is what the database columns hold.
ADDRESS = FormSpec(name="address", fields=(
    Field(name="line1", label_id=N_("Address"), max_length=200, required=True,
          option="--line1"),
    Field(name="line2", label_id=N_("Address line 2"), max_length=200, option="--line2"),
    Field(name="postal_code", label_id=N_("Postal code"), max_length=20,
          option="--postal-code"),
    Field(name="city", label_id=N_("City"), max_length=100, required=True, option="--city"),
    # The region the country's post uses (state, province, prefecture…: store.forms.postal
    # names the row per country); only where the country has one.
    Field(name="state", label_id=N_("State"), max_length=60, locked_after_trial=True,
          help_id=N_("State, province or region where the country's post uses one, by name "
                     "or code, like CA, Ontario or Tokyo"),
          option="--state"),
    Field(name="country", label_id=N_("Country"), max_length=60, required=True,
          help_id=N_("Name or ISO code, like France, FR, Germany or DE"),
          locked_after_trial=True, option="--country"),
    Field(name="vat_number", label_id=N_("VAT number"), max_length=64, locked_after_trial=True,
          option="--vat"),
))

RECIPIENT = FormSpec(name="recipient", fields=(
    Field(name="email", label_id=N_("E-mail"), max_length=254, required=True,
          help_id=N_("One address, like billing@example.com"), option="EMAIL"),
))

# The card is read from the terminal or stdin, never from options: no field has one.
CARD = FormSpec(name="card", fields=(
    Field(name="number", label_id=N_("Card number"), max_length=23, required=True, secret=True,
          help_id=N_("the digits on the card")),
    Field(name="expiry", label_id=N_("Expiry"), max_length=7, required=True,
          help_id=N_("MM/YY")),
    Field(name="security_code", label_id=N_("Security code"), max_length=4, required=True,
          secret=True, help_id=N_("3 or 4 digits")),
    Field(name="holder", label_id=N_("Name on card"), max_length=100, required=True),
))

# A request carries a whole move (SPEC §5): the address fields, as the address defines them, and
# a note.
CHANGE_REQUEST = FormSpec(name="change_request", fields=(
    *ADDRESS.fields,
    Field(name="note", label_id=N_("Note"), max_length=1000,
          help_id=N_("why, for the billing team (optional)"), option="--note"),
    Field(name="documents", label_id=N_("Documents"), max_length=200,
          help_id=N_("where the billing team finds the proof: a ticket, a link, 'sent by "
                     "post on 2 Dec' (optional)"), option="--documents"),
))

REASON = FormSpec(name="reason", fields=(
    Field(name="reason", label_id=N_("Reason"), max_length=500, required=True,
          changed_by="billing_team", option="--reason"),
    Field(name="ticket", label_id=N_("Ticket id"), max_length=64, changed_by="billing_team",
          help_id=N_("optional, like SUP-1234"), option="--ticket"),
))

STAFF = FormSpec(name="staff", fields=(
    Field(name="email", label_id=N_("E-mail"), max_length=254, required=True,
          changed_by="billing_team", option="--admin-email"),
    Field(name="name", label_id=N_("Name"), max_length=100, required=True,
          changed_by="billing_team", option="--admin-name"),
))

FORMS: dict[str, FormSpec] = {spec.name: spec for spec in
                              (GENERAL, ADDRESS, RECIPIENT, CARD, CHANGE_REQUEST, REASON, STAFF)}


LOCKED_AFTER_TRIAL: tuple[str, ...] = tuple(
    f.name for f in ADDRESS.fields if f.locked_after_trial)  # R16: state, country, VAT number


def address_order(field: str) -> int:
    """Where `field` (an address field's name) goes when an address's fields are listed: the
    address's own order (ADDRESS, as the Billing form shows it: street, second line, postal
    code, city, region, country, VAT number); a name ADDRESS lacks goes last. The one order of
    a change request's fields, what it keeps and what was saved since, on every surface
    (verify v1: `requests list` put a second line that stays after City, one it changes after
    Address, and History's line started with the state)."""
    return ADDRESS.names.index(field) if field in ADDRESS.names else len(ADDRESS.names)


def company_field(name: str) -> Field | None:
    """The General or billing-address field called `name` (History's lines and the lock messages
    are about them), or None for a name neither form has ("logo", "recipient"...)."""
    for spec in (GENERAL, ADDRESS):
        if name in spec:
            return spec[name]
    return None


def field_label(name: str) -> str:
    """The label of a General or billing-address field, in the person's language, as every
    surface names it (screens, History, the lock messages, the command line).

    Raises KeyError for a name neither form has.
    """
    field = company_field(name)
    if field is None:
        raise KeyError(name)
    return field.label


def typed_values(spec: FormSpec, values: Mapping[str, object]) -> dict[str, str]:
    """What a person sent in a form, by field name in the form's order, for the trail lines of
    a refusal (SPEC §6): the fields sent with text, never a secret one (a card number, a
    security code)."""
    return {name: str(value).strip() for name in spec.names
            if name in values and not spec[name].secret
            and (value := values[name]) is not None and str(value).strip()}
