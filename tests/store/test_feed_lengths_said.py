"""#18 trial: a feed's user line with a 5000-character name was refused as "name: Give the name as
text", not for its length. Every text field of every kind of line, too long, is said too long:
its field, the maximum, the line's number (store.feed.sync_feed: the length checked with the
rest of the text's constraint, Login and Name)."""

from __future__ import annotations

import pytest

from store.feed.sync_feed import BadLine, parse

USER = {"company": 3, "kind": "user", "login": "zoe", "name": "Zoé",
        "email": "zoe@blueharbor.com", "role": "agent", "active": True}
TEAM = {"company": 3, "kind": "team", "name": "Harbour"}
NUMBER = {"company": 3, "kind": "number", "e164": "+12125550100"}

TOO_LONG = [
    ({**USER, "name": "N" * 5000}, "name: Use at most 100 characters; this has 5000"),
    ({**USER, "login": "l" * 65}, "login: Use at most 64 characters; this has 65"),
    ({**USER, "email": "e" * 250 + "@x.example"},
     "email: Use at most 254 characters; this has 260"),
    ({**TEAM, "name": "T" * 101}, "name: Use at most 100 characters; this has 101"),
    ({**NUMBER, "e164": "+" + "1" * 40},
     "e164: A number in E.164 has at most 15 digits; this has 40"),
]


@pytest.mark.parametrize(("line", "said"), TOO_LONG, ids=["user-name", "login", "email",
                                                         "team-name", "e164"])
def test_too_long_is_said_too_long_with_the_maximum_and_the_line(line, said):
    bad = parse(7, line)
    assert isinstance(bad, BadLine)
    assert (bad.line, bad.company, bad.message) == (7, 3, said)


@pytest.mark.parametrize("line", [{**USER, "name": "N" * 100}, {**USER, "login": "l" * 64},
                                  {**TEAM, "name": "T" * 100}])
def test_the_maximum_itself_is_taken(line):
    assert not isinstance(parse(1, line), BadLine)


def test_a_long_unknown_kind_is_repeated_cut():
    bad = parse(2, {"company": 3, "kind": "k" * 5000})
    assert isinstance(bad, BadLine)
    assert bad.message == 'Unknown kind "' + "k" * 38 + '…: give user, number or team'
