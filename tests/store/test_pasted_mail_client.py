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
])
def test_the_address_is_taken_out_of_name_and_address(text, addresses):
    assert email_addresses(text) == addresses


def test_names_left_out_are_said_to_be():
    assert names_left_out('"AP Team" <ap@x.example>')
    assert not names_left_out("ap@x.example, b@y.example")
    assert not names_left_out("<ap@x.example>")


def test_text_with_no_address_is_one_thing_typed():
    """Not three addresses refused, "not", "an" and "address": one text that is not one."""
    assert email_addresses("not an address") == ["not an address"]
    assert email_addresses("a@x.example junk") == ["a@x.example", "junk"]
