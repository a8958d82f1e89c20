"""An e-mail address takes the same answer through the remembered-domain path as through
email-validator whole (store/forms/email_address.py): the shortcut is for speed only."""

from __future__ import annotations

import pytest

from store.forms.email_address import _validated, one_email_address

ADDRESSES = [
    "anna@example.com", "Anna.Berg@Example.COM", "a+invoices@x.example", "o'neil@example.ie",
    "a!#$%&'*+/=?^_`{|}~-z@example.com", "a.b.c@sub.example.co.uk",
    "a@münchen.de", "A@MÜNCHEN.DE", "a@xn--mnchen-3ya.de", "jörg@example.de", "ß@example.de",
    "a..b@example.com", ".a@example.com", "a.@example.com", "@example.com", "a@", "a@@x.de",
    "a@x", "a@x.de.", "a@-x.de", "a@x-.de", "a@x_y.de", "a@1.2.3.4", "a@[1.2.3.4]",
    "x@localhost", "x@printer.local", "x@host.invalid", "x@site.test", "x@x.onion",
    "\"quoted\"@example.com", "a@example.c", "a@example.123",
    "l" * 64 + "@example.com", "l" * 65 + "@example.com",
    "a@" + ".".join(["d" * 63] * 3) + ".com", "a" * 60 + "@" + ".".join(["d" * 60] * 3) + ".de",
]


def _answer(check, value):
    try:
        return check(value)
    except ValueError as exc:
        return ("refused", str(exc))


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_shortcut_and_email_validator_agree(address):
    assert _answer(one_email_address, address) == _answer(_validated, address)


def test_a_domain_checked_once_still_refuses_each_bad_local_part():
    assert one_email_address("first@nordwind.de") == "first@nordwind.de"
    with pytest.raises(ValueError, match="not an e-mail address"):
        one_email_address("first..second@nordwind.de")


@pytest.mark.parametrize("address", ["l" * 65 + "@example.com", "jö" * 33 + "@example.de"])
def test_more_than_64_characters_before_the_at_are_refused(address):
    """RFC 5321 §4.5.3.1.1; #18 trial: the feed took a 70-character local part (email-validator
    2 checks it only when strict)."""
    with pytest.raises(ValueError, match="not an e-mail address"):
        one_email_address(address)


@pytest.mark.parametrize("inside", [",", ";", "<", ">", " ", "\t", "\n", "\r", "\x00", "\x1b",
                                    "\x1f", "\x7f", "\x85", "\u00a0", "\u2028", "\u200e",
                                    "\u202e", "\ufeff"])
def test_a_separator_or_control_inside_is_refused_as_more_than_one_address(inside):
    """ASCII ones are looked for by one pattern, the others character by character
    (store.forms.email_address._separated): both say the same."""
    for value in (f"anna{inside}berg@example.com", f"jörg{inside}@example.de"):
        with pytest.raises(ValueError, match="Enter one e-mail address"):
            one_email_address(value)
