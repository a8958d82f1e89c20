"""A paste refused in part is told by what split it (#15 trial: a tab pasted into a one-line
field was told as "2 lines"): line breaks, tab characters, page breaks..., every character
store.places.pasted.pasted_lines splits on; and the characters a field does not accept, by name."""

from __future__ import annotations

from store.places.pasted import (
    BREAK_KINDS,
    break_kinds,
    character_names,
    pasted_lines,
    split_paste_note,
)


def test_a_tab_is_told_as_a_tab_not_as_lines():
    text = "Nordwind Logistik\tHamburg"
    assert split_paste_note(text, len(pasted_lines(text))) == (
        "Pasted text in 2 parts, separated by tab characters: only the first was taken.")


def test_lines_are_told_as_lines():
    assert split_paste_note("a\r\nb\nc\n", 3) == "3 lines pasted: only the first was taken."
    assert split_paste_note("a\u2028b", 2) == "2 lines pasted: only the first was taken."


def test_rows_of_cells_name_both_and_a_joined_paste_says_so():
    assert split_paste_note("a\tb\nc\td\n", 4) == (
        "Pasted text in 4 parts, separated by line breaks and tab characters: only the first "
        "was taken.")
    assert split_paste_note("a\tb", 2, joined="/") == (
        "Pasted text in 2 parts, separated by tab characters: kept on one line, joined by "
        "“/”.")


def test_every_character_that_splits_a_paste_has_a_name():
    """Each character pasted_lines splits on is a kind the note names (none told as lines but
    line ends), and nothing else is."""
    for char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t":
        assert len(pasted_lines(f"a{char}b")) == 2, repr(char)
        assert char in BREAK_KINDS, repr(char)
    assert split_paste_note("a\x0cb", 2) == (
        "Pasted text in 2 parts, separated by page breaks (U+000C): only the first was taken.")
    assert split_paste_note("a\x0bb", 2).endswith("separated by vertical tabs (U+000B): only "
                                                  "the first was taken.")
    assert "separator characters (U+001C to U+001E)" in split_paste_note("a\x1eb", 2)
    assert break_kinds("plain text") == []


def test_refused_characters_are_named_never_raw():
    assert character_names("--") == "“-”"
    assert character_names(" a\t\u200b\x1b") == "space, “a”, tab, U+200B, U+001B"
