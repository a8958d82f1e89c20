"""A feed line whose number the database cannot keep, or whose JSON object names a key twice, is a
bad line of its own, reported with its number and skipped; the rest of the feed is applied (#18
trial: a 23-digit company ended the whole feed with "A number given is too large"; a line naming
"company" twice put a user in the wrong company)."""

from __future__ import annotations

import io
import json

import pytest

import store.feed.sync
import store.people.access
from store.errors import InvalidInput
from store.persistence.models import Team, User

BILLING = "billing@mycompany.example"


def sync(text, fmt="jsonl"):
    actor = store.people.access.resolve_actor(BILLING)
    return store.feed.sync.sync_feed(actor, io.StringIO(text), fmt)


def teams(company):
    return sorted(t.name for t in Team.select().where((Team.company == company) & Team.active))


def test_a_company_too_large_is_one_bad_line_and_the_rest_is_applied(demo):
    nordwind = demo["nordwind"]
    lines = [json.dumps({"company": nordwind, "kind": "team", "name": f"T{i}"})
             for i in range(12)]
    lines.insert(12, '{"company": 12345678901234567890123, "kind": "team", "name": "X"}')
    lines.append(json.dumps({"company": nordwind, "kind": "team", "name": "Last"}))
    summary = sync("\n".join(lines) + "\n")
    [bad] = summary.bad
    assert bad.line == 13
    assert bad.message.startswith("company: 12345678901234567890123 is too large")
    assert teams(nordwind) == sorted([f"T{i}" for i in range(12)] + ["Last"])


def test_a_csv_company_too_large_is_one_bad_line(demo):
    nordwind = demo["nordwind"]
    summary = sync(f"company,kind,name\n{nordwind},team,Dispatch\n"
                   "99999999999999999999,team,X\n", fmt="csv")
    [bad] = summary.bad
    assert (bad.line, bad.message.split(":")[0]) == (3, "company")
    assert teams(nordwind) == ["Dispatch"]


def test_a_key_given_twice_is_a_bad_line_not_the_last_value(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    before = list(User.select().where(User.company == blue))
    line = (f'{{"company": {nordwind}, "kind": "user", "login": "anna", "name": "Anna", '
            f'"email": "anna@feed.example", "role": "agent", "company": {blue}}}')
    summary = sync(json.dumps({"company": nordwind, "kind": "team", "name": "Dispatch"})
                   + "\n" + line + "\n")
    [bad] = summary.bad
    assert (bad.line, bad.message.split(":")[0]) == (2, "company")
    assert "more than once" in bad.message
    assert not User.select().where(User.login == "anna").exists()
    assert list(User.select().where(User.company == blue)) == before  # nobody deactivated
    assert teams(nordwind) == ["Dispatch"]


def test_a_csv_header_naming_a_column_twice_is_refused(demo):
    with pytest.raises(InvalidInput) as refused:
        sync("company,kind,name,company\n1,team,Dispatch,2\n", fmt="csv")
    assert "company" in refused.value.errors["feed"]
