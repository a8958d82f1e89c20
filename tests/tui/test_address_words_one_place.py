"""What a country's post calls an address's region and postal code is named in one place, the
store's (store.forms.labels.address_field_label, #16): the form, History and the command line
read it; the screens name no postal code of their own (tui.formatting had a second one)."""

from __future__ import annotations

import pytest

import tui.formatting
from store.forms.labels import address_field_label
from tui.commands import _field_named
from tui.trail_words import audit_field_label


@pytest.mark.parametrize("country", ["US", "CA", "IE", "IN", "JP", "DE", "FR", "AU", None])
@pytest.mark.parametrize("field", ["state", "postal_code"])
def test_history_and_the_command_line_name_a_field_as_the_form_does(field, country):
    named = address_field_label(field, country)
    assert audit_field_label(field, country) == named
    option = "--state" if field == "state" else "--postal-code"
    assert _field_named(field, "set", country) == f"{named} ({option})"

def test_the_screens_name_no_postal_code_of_their_own():
    assert not hasattr(tui.formatting, "postal_code_label")
