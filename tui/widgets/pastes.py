"""Pastes of several lines taken whole by a form (SPEC §8): an address spread over its fields; a
free text (a note, a reason) joined into its one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import store.pasted
from store.i18n import _

if TYPE_CHECKING:
    from .form_section import FormSection
    from .safe_input import SafeInput


def spread_address_paste(form: FormSection, field: SafeInput, lines: list[str]) -> bool:
    """Put pasted address lines into the address fields of `form` as store.pasted.spread_address
    places them (line1, line2, postal code and city, country...). A value for a field that is
    locked, and a line no field takes, is named under the pasted field. False (not taken here)
    when `field` is not one of the form's."""
    name = (field.id or "").removeprefix("field-")
    if name not in form.names:
        return False
    # The country the form holds lays the lines out (a UK postcode alone on its line).
    country = form.field("country").value if "country" in form.names else None
    spread = store.pasted.spread_address(lines, country)
    not_taken = list(spread.left)
    for target, value in spread.values.items():
        if target not in form.names or form.field(target).input.disabled:
            not_taken.append(value)
            continue
        form.field(target).set_value(value)  # whole: a value too long is named when saved
    form.field("line1").input.focus()
    if not_taken:
        field.tell(_("Pasted address: not taken (no field for it, or locked): {lines}").format(
            lines=" / ".join(not_taken)))
    return True


def join_pasted_lines(field: SafeInput, lines: list[str]) -> None:
    """Put pasted `lines` into the free-text `field` as one line (store.pasted.joined_lines:
    the forms refuse line ends), and say so under the field with what did not fit (SafeInput
    .take_pasted). Kept whole: nothing of the text is dropped but what goes past the field's
    length, which is told."""
    notes = [store.pasted.split_paste_note(field.pasted, len(lines),
                                           joined=store.pasted.LINE_JOIN.strip())]
    notes += field.take_pasted(store.pasted.joined_lines(lines))
    field.tell(" ".join(notes))
