"""#18 trial: `mycompany sync feed.csv` with `active` = `maybe` printed Pydantic's own "Line 6:
active: Input should be a valid boolean, unable to interpret input". Every field of the feed's
schema (store.feed.sync_feed), given one bad value, is told in the program's own words."""

from __future__ import annotations

import json

import pytest

BEA = ("--as", "billing@mycompany.example")
USER = {"company": 3, "kind": "user", "login": "zoe", "name": "Zoé", "email": "zoe@blueharbor.com",
        "role": "agent", "active": True}
NUMBER = {"company": 3, "kind": "number", "e164": "+12125550100", "active": True}
TEAM = {"company": 3, "kind": "team", "name": "Harbour"}
PYDANTIC = ("Input should", "valid", "type=", "pydantic", "Value error")

# One bad value for each field of each kind of line, JSON's types and text alike.
BAD = [
    ({**USER, "company": "three"}, "company"), ({**USER, "company": [3]}, "company"),
    ({**USER, "kind": 7}, "kind"), ({**USER, "kind": "robot"}, "kind"),
    ({**USER, "login": 12}, "login"), ({**USER, "login": ["zoe"]}, "login"),
    ({**USER, "name": {"first": "Zoé"}}, "name"), ({**USER, "name": ""}, "name"),
    ({**USER, "email": 5}, "email"), ({**USER, "email": "nope"}, "email"),
    ({**USER, "role": "boss"}, "role"), ({**USER, "role": 1}, "role"),
    ({**USER, "active": "maybe"}, "active"), ({**USER, "active": 2}, "active"),
    ({**USER, "active": [True]}, "active"),
    ({**NUMBER, "e164": 12125550100}, "e164"), ({**NUMBER, "e164": "call me"}, "e164"),
    ({**NUMBER, "e164": "+99912345"}, "e164"), ({**NUMBER, "active": "perhaps"}, "active"),
    ({**TEAM, "name": 42}, "name"), ({**TEAM, "name": "x" * 101}, "name"),
]


def _feed(tmp_path, line):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(TEAM) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("line", "field"), BAD, ids=[f"{f}-{n}" for n, (_, f) in enumerate(BAD)])
def test_each_fields_bad_value_is_said_in_the_programs_words(cli, tmp_path, line, field):
    status, _, err = cli(*BEA, "sync", _feed(tmp_path, line), "--dry-run")
    assert status == 1
    [said] = err.splitlines()
    assert said.startswith(f"Line 2: {field}: " if field != "kind" else "Line 2: ")
    assert not [phrase for phrase in PYDANTIC if phrase in said], said


def test_the_trials_csv_line_says_what_active_takes(cli, tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("company,kind,login,name,email,role,active\n"
                    "3,user,maria,Maria,maria@blueharbor.com,owner,true\n"
                    "3,user,zoe,Zoé,zoe@blueharbor.com,agent,maybe\n", encoding="utf-8")
    status, _, err = cli(*BEA, "sync", str(path), "--dry-run")
    assert status == 1
    assert err.splitlines() == ["Line 3: active: use true or false (also 1/0, yes/no)"]


def test_every_field_of_the_feed_has_its_own_words():
    from store.feed.sync_feed import (
        CSV_COLUMNS,
        FIELD_RULES,
        _Line,
        _NumberLine,
        _TeamLine,
        _UserLine,
    )

    fields = {*CSV_COLUMNS} | {name for model in (_Line, _UserLine, _NumberLine, _TeamLine)
                               for name in model.model_fields}
    assert fields <= set(FIELD_RULES)


def test_active_null_is_active_as_when_left_out():
    """README: `active` is true when left out; JSON's null is a value not given (#18 trial2:
    `"active": null` was refused)."""
    from store.feed.sync_feed import FeedNumber, FeedUser, parse

    assert parse(1, {**USER, "active": None}) == (3, FeedUser(1, "zoe", "Zoé",
                                                              "zoe@blueharbor.com", "agent",
                                                              True))
    assert parse(2, {**NUMBER, "active": None}) == (3, FeedNumber(2, "+12125550100", True))
    assert parse(3, {**USER, "active": False})[1].active is False


def test_a_short_csv_line_counts_its_cells_in_words(cli, tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("company,kind,login,name,email,role,active\n3\n", encoding="utf-8")
    status, _, err = cli(*BEA, "sync", str(path), "--dry-run")
    assert status == 1
    assert err.splitlines() == ["Line 2: This line has 1 cell; the header names 7"]
