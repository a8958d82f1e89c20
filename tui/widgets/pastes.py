"""Pastes of several lines taken whole by a form (SPEC §8): an address spread over its fields; a
free text (a note, a reason) joined into its one line. The paste rules (store.places.pasted) are
imported at the first paste: every form mixes in SpreadsAddressPastes, and the first frame needs
none of them (bench/README.md, cold start)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.widgets import Label

from store.forms.fields import ADDRESS
from store.i18n import _, ngettext

if TYPE_CHECKING:
    from .form_section import FormSection
    from .safe_input import SafeInput


class SpreadsAddressPastes:
    """Mixed into FormSection, the one form widget: lines pasted into one of its address fields
    (ADDRESS in store/forms/fields.py) are the address, spread over its fields
    (`spread_address_paste`), in every form that has them: the billing address, the change
    request, the admin's new company (#15 trial: ctrl+n on the search took the first line
    only). A PasteTaker (tui/widgets/safe_input.py): the form is nearer the field than the tab
    or dialog around it, which take what it leaves (a note's lines, joined)."""

    def take_pasted_lines(self, field: SafeInput, lines: list[str]) -> bool:
        """True once `lines`, pasted into `field`, were spread over the form's address fields;
        False for a field that is not an address field (or not this form's)."""
        return spread_address_paste(cast("FormSection", self), field, lines)


def spread_address_paste(form: FormSection, field: SafeInput, lines: list[str]) -> bool:
    """Put pasted address lines into the address fields of `form` as
    store.places.pasted.spread_address
    lays them out from the field pasted into and store.places.pasted.place_address places them: a
    field the person typed in keeps it (#15 trial: a paste into "Address line 2" overwrote
    "Address"). Under the pasted field, what went where ("Pasted over 3 fields: Address line 2,
    Postal code, City."), what was not put over typed text, and what no open field took. In the
    field pasted into, text the person typed there stays: its part goes in at the cursor (over
    the selection), as a one-line paste does (#15 trial: "c/o Meier, " typed in "Address line 2"
    was replaced by the paste's street); a value loaded from the store is replaced. False
    (not taken here) when `field` is not one of the form's address fields."""
    import store.places.pasted

    name = (field.id or "").removeprefix("field-")
    if name not in form.names or name not in ADDRESS.names:
        return False
    # The country the form holds lays the lines out (a UK postcode alone on its line).
    country = form.field("country").value if "country" in form.names else None
    names = list(form.names)
    typed = {other: form.field(other).value for other in names
             if form.field(other).value and form.field(other).value != form.loaded[other]}
    editable = [other for other in names if not form.field(other).input.disabled]
    held = {other: form.field(other).value for other in names}
    spread = store.places.pasted.spread_address(lines, country, name)
    placed = store.places.pasted.place_address(spread, name, names, editable, typed, held)
    for target, value in placed.values.items():
        if target == name and name in typed:  # what the person typed there stays around it
            value = around_cursor(field, value)
        form.field(target).set_value(value)  # whole: a value too long is named when saved
    notes = []
    if placed.values:
        notes.append(ngettext("Pasted over {count} field: {fields}.",
                              "Pasted over {count} fields: {fields}.", len(placed.values)).format(
            count=len(placed.values), fields=", ".join(label_of(form, target)
                                                       for target in placed.values)))
    if placed.kept:
        notes.append(_("Not put over what you typed in {fields}: {values}.").format(
            fields=", ".join(label_of(form, target) for target in placed.kept),
            values=" / ".join(placed.kept.values())))
    if placed.not_taken:
        notes.append(_("Not taken (no field for it, or locked): {lines}.").format(
            lines=" / ".join(placed.not_taken)))
    field.focus()
    field.tell(" ".join(notes))
    return True


def label_of(form: FormSection, name: str) -> str:
    """The label field `name` of `form` shows (the country's own: ZIP code in the US)."""
    return str(form.field(name).query_one(".form-field--label", Label).render())


def join_pasted_lines(field: SafeInput, lines: list[str]) -> None:
    """Put pasted `lines` into the free-text `field` as one line (store.places.pasted.joined_lines:
    the forms refuse line ends), and say so under the field with what did not fit (SafeInput
    .take_pasted). Kept whole: nothing of the text is dropped but what goes past the field's
    length, which is told."""
    import store.places.pasted

    notes = [store.places.pasted.split_paste_note(field.pasted, len(lines),
                                           joined=store.places.pasted.LINE_JOIN.strip())]
    notes += field.take_pasted(store.places.pasted.joined_lines(lines))
    field.tell(" ".join(notes))


def around_cursor(field: SafeInput, text: str) -> str:
    """`field`'s value with `text` put in at its cursor, over its selection if any: what a
    one-line paste into it makes (Textual's Input._on_paste does the same with one line)."""
    start, end = sorted(field.selection)
    return field.value[:start] + text + field.value[end:]
