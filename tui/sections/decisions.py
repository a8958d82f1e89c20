"""The billing team's decision on a change request (R16), one flow for the Billing tab and queue."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget

from store.forms import fields
from store.i18n import _
from store.views import Actor, ChangeRequestView

from ..formatting import safe_text


def _countries(request: ChangeRequestView, *, now: bool) -> tuple[str | None, str | None]:
    """The country of the address before (now, or when asked) and the one asked for: what
    names a region and a postal code on the request's lines."""
    country = next((c for c in request.changes if c.field == "country"), None)
    if country is None:
        return request.country, request.country
    return (country.current_value if now else country.old_value) or request.country, \
        country.new_value or request.country


def place_change(field: str, old: str | None, new: str | None,
                 countries: tuple[str | None, str | None]) -> str:
    """`Province: Ontario → British Columbia`, `State: California → Province: Ontario`,
    `Country: Germany → France`: a field of a request as History writes it (the store's one
    rule, store.forms.labels.address_change: each side under its own country's word), its
    values named as History names them (tui.audit_text.value_text: #16 trial, the queue showed
    codes)."""
    from store.forms.labels import address_change

    return address_change(field, old and place_value(field, old, countries[0]),
                          new and place_value(field, new, countries[1]), countries)


def place_value(field: str, value: str | None, country: str | None) -> str:
    """A request's value as History reads it (a country, a region by name), "(empty)"."""
    from store.forms.labels import side_text

    from ..audit_text import value_text

    return side_text(value and value_text(field, value, country))


def change_lines(request: ChangeRequestView, *, now: bool, since: bool = False) -> list[str]:
    """`VAT number: DE136695976 → DE811907980`, one line per field of the request, from the
    value now (`now`, for deciding) or when the owner asked; a field saved since the request
    was sent says what it was then. With them what a waiting request keeps (the store's
    `stays`): `Address line 2: Bldg 4 (stays)` under a new street, and with `since` the fields
    saved since that it does not carry (`… (saved since; approving keeps it)`: the command
    line; the screens list them under their heading, changed_since_lines). All in the address's
    own order (store.forms.fields.address_order; verify v1: a line 2 that stays came after
    City, one the request changes after Address)."""
    from store.forms.fields import address_order
    from store.forms.labels import address_kept

    lines: list[tuple[str, str]] = []
    countries = _countries(request, now=now)
    for change in request.changes:
        old = change.current_value if now else change.old_value
        line = place_change(change.field, old, change.new_value, countries)
        if now and change.current_value != change.old_value:
            line += " " + _("(when asked: {value})").format(
                value=place_value(change.field, change.old_value, countries[0]))
        lines.append((change.field, line))
    lines += [(kept.field, address_kept(
        kept.field, place_value(kept.field, kept.current_value, countries[1]), countries[1]))
        for kept in request.stays]
    if since:
        lines += [(c.field, place_change(c.field, c.old_value, c.current_value,
                                         (request.country, request.country))
                   + " " + _("(saved since; approving keeps it)"))
                  for c in request.changed_since]
    return [line for _field, line in sorted(lines, key=lambda item: address_order(item[0]))]


def change_cell(request: ChangeRequestView) -> Text:
    """A request in one cell of a narrow list, wrapping: the locked fields' changes (now →
    asked), then only the names of the other fields it moves ("with Street, Postal code,
    City"); the whole request is in the line under the list."""
    locked = [change for change in request.changes if change.field in fields.LOCKED_AFTER_TRIAL]
    others = [change for change in request.changes if change.field not in fields.LOCKED_AFTER_TRIAL]
    countries = _countries(request, now=True)
    text = "; ".join(place_change(change.field, change.current_value, change.new_value,
                                  countries) for change in locked)
    if others:
        from ..trail_words import audit_field_label

        text += " " + _("with {fields}").format(fields=", ".join(
            audit_field_label(change.field, countries[1]) for change in others))
    return Text(text, overflow="fold")


def changed_since_lines(request: ChangeRequestView) -> list[str]:
    """The fields the request does not carry, saved since it was sent (the store's
    `changed_since`): `Street: Hafenstraße 1 → Hafenstraße 2 (saved since; approving keeps
    it)`, under a heading; none when nothing else changed."""
    if not request.changed_since:
        return []
    countries = (request.country, request.country)
    return [_("Saved since the request, not in it (approving keeps them):"), *(
        "  " + place_change(change.field, change.old_value, change.current_value, countries)
        for change in request.changed_since)]


def change_summary(request: ChangeRequestView) -> str:
    """`Nordwind GmbH` then one line per field, from the value now to the one asked for; a
    warning first when the address was saved since the request was sent, and the fields saved
    since that the request does not carry (SPEC §5: the team sees both and decides again)."""
    lines = [safe_text(request.company_name)]
    if request.stale:
        lines.append(_("The address was saved after this request was sent: check the values "
                       "now before you approve."))
    lines += change_lines(request, now=True)
    lines += changed_since_lines(request)
    if request.note:
        lines.append(_("Note: {note}").format(note=safe_text(request.note)))
    if request.documents:
        lines.append(_("Documents: {where}").format(where=safe_text(request.documents)))
    return "\n".join(lines)


def decision_modal(actor: Actor, request: ChangeRequestView, *, approve: bool):
    """The dialog that approves `request` (a reason is optional) or rejects it (the reason is
    required, and the owner reads it); it dismisses with the decided request
    (tui/screens/decision.py: it shows the request again when it moved meanwhile)."""
    from ..screens.decision import DecisionModal

    return DecisionModal(actor, request, approve=approve)


def decide(widget: Widget, actor: Actor, request: ChangeRequestView, *, approve: bool,
           then: Callable[[ChangeRequestView], None]) -> None:
    """Ask for the decision on `request` over `widget`'s screen; once the store took it, `then`
    shows it and a toast says so. Cancelling changes nothing; `then` also shows a request that
    moved while the dialog was open (withdrawn, its address saved)."""

    modal = decision_modal(actor, request, approve=approve)

    def decided(result: ChangeRequestView | None) -> None:
        if result is None:
            if modal.moved is not None:  # withdrawn or saved meanwhile: the list shows it
                then(modal.moved)
            return
        then(result)
        widget.notify(_("Request approved") if approve else _("Request rejected"), markup=False)

    widget.app.push_screen(modal, decided)
