"""A recipient copied from a mail client (#15 trial): `"AP Team" <ap@x.example>` is the address
between the angle brackets, lists of them too; the names are left out (a recipient is an address,
R13), and said to be."""

from __future__ import annotations

import pytest

from store.places.pasted import email_addresses, names_left_out


@pytest.mark.parametrize(("text", "addresses"), [
    ('"AP Team" <ap@x.example>', ["ap@x.example"]),
    ("AP Team <ap@x.example>", ["ap@x.example"]),
    ('"A" <a@x.example>, B <b@y.example>', ["a@x.example", "b@y.example"]),
    ('"Weber, Jonas" <jonas@nordwind.de>; "AP; Team" <ap@x.example>',  # Outlook's semicolons
     ["jonas@nordwind.de", "ap@x.example"]),
    ('"A" <a@x.example>\n"B" <b@y.example>\n"A" <a@x.example>', ["a@x.example", "b@y.example"]),
    ("Jonas Weber <jonas@nordwind.de> b@y.example", ["jonas@nordwind.de", "b@y.example"]),
    ('"AP Team" <>', ["AP Team"]),  # no address: kept as typed, to be refused and shown
    # Outlook's unquoted "Last, First <address>" (verification trial: "Weber" refused, "Anna"
    # dropped unsaid), and RFC 5322's comments: names, not addresses.
    ("Weber, Anna <aw@x.example>", ["aw@x.example"]),
    ("apd@x.example\nWeber, Anna <aw@x.example>", ["apd@x.example", "aw@x.example"]),
    ("Weber, Anna <aw@x.example>; Lee, Bo <bo@x.example>", ["aw@x.example", "bo@x.example"]),
    ("d@x.example (Dee)", ["d@x.example"]),
    ("(Dee) d@x.example, Dee (boss) <e@x.example>", ["d@x.example", "e@x.example"]),
    ("a@x.example <b@y.example>", ["a@x.example", "b@y.example"]),  # a bare one outside
    # A part with no address is the name of a bracketed address only right before it, after a
    # comma; anything else is refused as typed.
    ("Weber, a@x.example", ["Weber", "a@x.example"]),
    ("Weber\nAnna <aw@x.example>", ["Weber", "aw@x.example"]),
    ("d@x.example Dee", ["d@x.example", "Dee"]),
    ("(Dee)", ["(Dee)"]),
])
def test_the_address_is_taken_out_of_name_and_address(text, addresses):
    assert email_addresses(text) == addresses


def test_names_left_out_are_said_to_be():
    assert names_left_out('"AP Team" <ap@x.example>')
    assert not names_left_out("ap@x.example, b@y.example")
    assert not names_left_out("<ap@x.example>")
    assert names_left_out("Weber, Anna <aw@x.example>")
    assert names_left_out("d@x.example (Dee)")


def test_text_with_no_address_is_one_thing_typed():
    """Not three addresses refused, "not", "an" and "address": one text that is not one."""
    assert email_addresses("not an address") == ["not an address"]
    assert email_addresses("a@x.example junk") == ["a@x.example", "junk"]
