"""A refused character is named by the symbol its field draws for it (verification trial: a save
said "Remove the invisible control character U+001B" while the field showed ␛): one picture rule,
the store's (store.forms.unsafe.control_picture), for the field and the message."""

from __future__ import annotations

import pytest

from store.forms.kept import locked_value_warning
from store.forms.text import refused_character_message
from tui.formatting import safe_line


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x7f", "\x85", "\u2028", "\u202e",
                                  "\x9b", "\u200b"])
def test_the_message_names_the_symbol_the_field_shows(char):
    drawn = safe_line(f"A{char}B")
    assert len(drawn) == 3 and drawn[1] != char  # one visible symbol in its place
    named = f"U+{ord(char):04X} (shown as {drawn[1]})"
    assert named in refused_character_message(char)
    assert named in locked_value_warning(f"DE{char}1", changes_others=False)


def test_the_escape_of_the_trial():
    assert refused_character_message("\x1b").startswith(
        "Remove the invisible control character U+001B (shown as ␛); ")
