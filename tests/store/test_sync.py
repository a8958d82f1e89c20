"""`mycompany sync` in the store (SPEC §11, #18): the telephony platform's feed keeps each
company's users, numbers and teams, and so the Plan tab's counts, true."""

from __future__ import annotations

import io
import json

import pytest
from peewee import fn
from playhouse.test_utils import count_queries

import store.feed.sync
import store.people.access
import store.plans.plan
import store.trail.history
from store.errors import Refused
from store.persistence.models import AuditEvent, PhoneNumber, Team, User
from tui import audit_text

BILLING, ADMIN = "billing@mycompany.example", "admin@mycompany.example"


def user(company, login, role="agent", active=True, *, email=None, name=None):
    return {"company": company, "kind": "user", "login": login, "name": name or login.title(),
            "email": email or f"{login}@feed.example", "role": role, "active": active}


def number(company, e164, active=True):
    return {"company": company, "kind": "number", "e164": e164, "active": active}


def team(company, name):
    return {"company": company, "kind": "team", "name": name}


def jsonl(*objects) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


def nordwind_feed(nordwind):
    """Nordwind as the platform has it: its owner, two agents, two numbers, two teams."""
    return [user(nordwind, "jonas", "owner", email="jonas@nordwind.de", name="Jonas Becker"),
            user(nordwind, "anna"), user(nordwind, "ben", "supervisor"),
            number(nordwind, "+4930901820"), number(nordwind, "+4930901821"),
            team(nordwind, "Dispatch"), team(nordwind, "Support")]


def sync(text, who=BILLING, fmt="jsonl", **options):
    actor = store.people.access.resolve_actor(who)
    return store.feed.sync.sync_feed(actor, io.StringIO(text), fmt, **options)


def state(company):
    """Every user, number and team of the company, active or not (nothing is ever deleted)."""
    return (sorted(User.select(User.email, User.login, User.name, User.role, User.active)
                   .where(User.company == company).tuples()),
            sorted(PhoneNumber.select(PhoneNumber.e164, PhoneNumber.active)
                   .where(PhoneNumber.company == company).tuples()),
            sorted(Team.select(Team.name, Team.active).where(Team.company == company).tuples()))


def trail(company):
    return list(AuditEvent.select().where((AuditEvent.company == company)
                                          & (AuditEvent.action == "feed.sync")))


def plan(company):
    return store.plans.plan.licence_summary(store.people.access.resolve_actor(BILLING), company)


def test_the_feed_sets_the_plan_tabs_counts_and_totals(demo):
    nordwind = demo["nordwind"]
    before = plan(nordwind)
    summary = sync(jsonl(*nordwind_feed(nordwind)))
    assert summary.bad == []
    [done] = summary.companies
    assert (done.users.added, done.numbers.added, done.teams.added) == (2, 2, 2)
    after = plan(nordwind)
    assert (after.users.active, after.numbers.active, after.teams.active) == (3, 2, 2)
    assert after.users.included == before.users.included == 40
    assert after.users.extras == 0 and after.users.total == after.users.price
    # the total follows: users and numbers within what is included cost their licences only
    assert after.total == after.users.price + after.numbers.price + sum(
        p.price for p in after.add_ons + after.call_plans)


def test_extra_users_from_the_feed_are_counted_and_priced(demo):
    blue = demo["blue"]  # Essentials, 5 users included
    feed = [user(blue, "maria", "owner", email="maria@blueharbor.com", name="Maria")]
    feed += [user(blue, f"agent{n}") for n in range(7)]
    assert sync(jsonl(*feed)).bad == []
    summary = plan(blue)
    assert summary.users.active == 8 and summary.users.extras == 3
    assert summary.users.extras_cost == summary.users.extra_unit_price * 3
    assert summary.users.total == summary.users.price + summary.users.extras_cost


def test_the_same_feed_twice_changes_nothing_and_says_so(demo):
    nordwind = demo["nordwind"]
    text = jsonl(*nordwind_feed(nordwind))
    first = sync(text)
    assert first.companies[0].changed
    rows, lines = state(nordwind), len(trail(nordwind))
    second = sync(text)
    assert [c.changed for c in second.companies] == [False]
    assert second.bad == [] and state(nordwind) == rows
    assert len(trail(nordwind)) == lines == 1  # no trail line for a sync that changed nothing


def test_what_the_feed_omits_is_deactivated_never_deleted(demo):
    nordwind = demo["nordwind"]
    users_before = User.select().where(User.company == nordwind).count()
    sync(jsonl(*nordwind_feed(nordwind)))
    smaller = [line for line in nordwind_feed(nordwind)
               if line.get("login") != "ben" and line.get("name") != "Support"]
    summary = sync(jsonl(*smaller))
    [done] = summary.companies
    assert (done.users.deactivated, done.teams.deactivated) == (1, 1)
    users, _numbers, teams = state(nordwind)
    assert ("ben@feed.example", "ben", "Ben", "supervisor", False) in users
    assert ("Support", False) in teams
    assert len(users) == users_before + 2  # the demo's 44, anna and ben: nobody deleted
    assert plan(nordwind).teams.active == 1
    again = sync(jsonl(*nordwind_feed(nordwind)))  # back in the feed: active again
    assert (again.companies[0].users.changed, again.companies[0].teams.changed) == (1, 1)
    assert plan(nordwind).users.active == 3


def test_a_dry_run_lists_the_differences_and_writes_nothing(demo):
    nordwind = demo["nordwind"]
    rows, events = state(nordwind), AuditEvent.select().count()
    summary = sync(jsonl(*nordwind_feed(nordwind)), dry_run=True)
    [done] = summary.companies
    assert done.users.added == 2 and done.users.deactivated == 41
    kinds = {(d.kind, d.what, d.key) for d in done.differences}
    assert {("user", "added", "anna"), ("number", "added", "+4930901820"),
            ("team", "added", "Dispatch"), ("user", "deactivated", "petra@nordwind.de")} <= kinds
    changed = [d for d in done.differences if d.what == "changed"]
    assert [(d.key, d.fields) for d in changed] == [
        ("jonas", (("name", "Jonas Weber", "Jonas Becker"),))]
    assert state(nordwind) == rows and AuditEvent.select().count() == events


def test_bad_lines_are_reported_with_their_number_and_the_rest_is_applied(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    lines = [
        json.dumps(user(nordwind, "anna")),                      # 1 good
        "{not json",                                             # 2
        json.dumps({"company": nordwind, "kind": "fax"}),        # 3 unknown kind
        json.dumps(team(999, "Ghosts")),                         # 4 unknown company
        json.dumps(number(nordwind, "+49301")),                  # 5 not a valid number
        json.dumps(user(nordwind, "bad", email="bad@@example")),  # 6 not an e-mail
        json.dumps(user(nordwind, "carl", "boss")),              # 7 no such role
        "",                                                      # 8 blank: not a line
        json.dumps(number(nordwind, "+4930901820")),             # 9 good
        json.dumps([1, 2]),                                      # 10 not an object
        json.dumps(team(blue, "Harbour")),                       # 11 good
    ]
    summary = sync("\n".join(lines) + "\n")
    assert [b.line for b in summary.bad] == [2, 3, 4, 5, 6, 7, 10]
    messages = {b.line: b.message for b in summary.bad}
    assert "not JSON" in messages[2] and "fax" in messages[3]
    assert "no company 999" in messages[4] and "E.164" in messages[5]
    assert messages[6].startswith("email:") and messages[7].startswith("role:")
    done = {c.company_id: c for c in summary.companies}
    assert done[nordwind].users.added == 1 and done[nordwind].numbers.added == 1
    assert done[blue].teams.added == 1
    # the rows a bad line names are not deactivated for being "omitted"
    assert User.get(User.login == "anna").active


def test_a_company_in_other_digits_is_a_bad_line(demo):
    """"١٢" is not company 12: a feed names companies in ASCII digits (str.isdigit() takes
    other scripts' digits)."""
    wide = str(demo["blue"]).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    text = jsonl({**team(demo["blue"], "Harbour"), "company": wide})
    summary = sync(text)
    assert [(b.line, b.message) for b in summary.bad] == [
        (1, "company: Give the company as its number, like 12")]
    assert all(c.teams.added == 0 for c in summary.companies)


def test_a_bad_line_keeps_the_row_it_names(demo):
    nordwind = demo["nordwind"]
    sync(jsonl(*nordwind_feed(nordwind)))
    feed = nordwind_feed(nordwind)
    feed[2] = user(nordwind, "ben", "chief")  # ben's line is bad this time
    summary = sync(jsonl(*feed))
    assert [b.line for b in summary.bad] == [3]
    assert User.get(User.login == "ben").active


def test_csv_and_json_lines_give_the_same_result(demo, tmp_path):
    nordwind = demo["nordwind"]
    feed = nordwind_feed(nordwind)
    columns = ["company", "kind", "login", "name", "email", "role", "active", "e164"]
    rows = [",".join(columns)] + [",".join(str(line.get(c, "")).lower() if c == "active"
                                           else str(line.get(c, "")) for c in columns)
                                  for line in feed]
    csv_summary = sync("\n".join(rows) + "\n", fmt="csv", dry_run=True)
    json_summary = sync(jsonl(*feed), dry_run=True)
    assert csv_summary.bad == [] and csv_summary.companies == json_summary.companies
    sync("\n".join(rows) + "\n", fmt="csv")
    assert plan(nordwind).users.active == 3


def test_a_csv_bad_line_is_numbered_as_the_file_counts_its_lines(demo):
    text = ("company,kind,login,name,email,role,active\n"
            f"{demo['blue']},user,maria,Maria,maria@blueharbor.com,owner,true\n"
            f"{demo['blue']},user,x,X,x@feed.example,agent,perhaps\n")
    summary = sync(text, fmt="csv")
    assert [(b.line, b.message.split(":")[0]) for b in summary.bad] == [(3, "active")]


def test_an_unsorted_feed_gives_what_the_sorted_one_gives(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    theirs = [user(blue, "maria", "owner", email="maria@blueharbor.com", name="Maria"),
              user(blue, "zoe"), team(blue, "Harbour")]
    mixed = [x for pair in zip(nordwind_feed(nordwind), theirs + [None] * 4, strict=True)
             for x in pair if x]
    summary = sync(jsonl(*mixed))
    assert summary.bad == []
    assert {c.company_id: c.users.added for c in summary.companies} == {nordwind: 2, blue: 1}
    sorted_again = sync(jsonl(*nordwind_feed(nordwind), *theirs))
    assert not any(c.changed for c in sorted_again.companies)


def test_essentials_keeps_three_teams_and_says_so(demo):
    atelier = demo["atelier"]  # Essentials: three teams at most (R9)
    feed = [team(atelier, f"Team {n}") for n in range(1, 6)]
    summary = sync(jsonl(*feed))
    assert [b.line for b in summary.bad] == [4, 5]
    assert all("Essentials allows 3 teams" in b.message for b in summary.bad)
    assert plan(atelier).teams.active == 3


def test_the_owner_stays_owner_and_active(demo):
    nordwind = demo["nordwind"]
    feed = [user(nordwind, "jonas", "agent", email="jonas@nordwind.de"),
            user(nordwind, "anna", "owner")]
    summary = sync(jsonl(*feed))
    assert [b.line for b in summary.bad] == [1, 2]
    jonas = User.get(User.email == "jonas@nordwind.de")
    assert (jonas.role, jonas.active) == ("owner", True)
    omitted = sync(jsonl(user(nordwind, "anna")))
    assert User.get(User.email == "jonas@nordwind.de").active
    assert omitted.companies[0].notes  # said, not silently kept


def test_another_companys_login_email_or_number_is_a_bad_line(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    sync(jsonl(*nordwind_feed(nordwind)))
    feed = [user(blue, "anna", email="someone@blueharbor.com"),
            user(blue, "zed", email="jonas@nordwind.de"),
            number(blue, "+4930901820"), user(blue, "admin", email="admin@blueharbor.com")]
    summary = sync(jsonl(*feed))
    assert [b.line for b in summary.bad] == [1, 2, 3, 4]
    assert "company 2" in summary.bad[0].message and "staff" in summary.bad[3].message


@pytest.mark.parametrize("who", ["support@mycompany.example", "jonas@nordwind.de"])
def test_support_and_owners_are_refused_and_recorded(demo, who):
    nordwind = demo["nordwind"]
    rows = state(nordwind)
    with pytest.raises(Refused) as refused:
        sync(jsonl(*nordwind_feed(nordwind)), who=who)
    assert refused.value.exit_status == 3
    assert state(nordwind) == rows
    line = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (line.action, line.outcome, line.actor_email) == ("feed.sync", "refused", who)


def test_admin_staff_may_sync(demo):
    assert sync(jsonl(*nordwind_feed(demo["nordwind"])), who=ADMIN).companies[0].changed


def test_each_company_has_one_trail_line_that_history_reads_as_words(demo):
    nordwind = demo["nordwind"]
    sync(jsonl(*nordwind_feed(nordwind)))
    [line] = trail(nordwind)
    entry = store.trail.history.company_history(store.people.access.resolve_actor(BILLING),
        nordwind).items[0]
    assert entry.action == "feed.sync" and line.actor_email == BILLING
    assert audit_text.what(entry) == "Platform feed synced"
    assert audit_text.change(entry) == ("Users: 2 added, 1 changed, 41 deactivated · "
                                        "Numbers: 2 added, 43 deactivated · "
                                        "Teams: 2 added, 7 deactivated")


def test_a_pipe_is_read_as_a_file_is(demo):
    class Pipe(io.StringIO):
        def seekable(self):
            return False

    actor = store.people.access.resolve_actor(BILLING)
    summary = store.feed.sync.sync_feed(actor, Pipe(jsonl(*nordwind_feed(demo["nordwind"]))),
                                   "jsonl")
    assert summary.companies[0].users.added == 2


def big_feed(company, users, numbers, teams, prefix="u"):
    return ([user(company, f"{prefix}{n}") for n in range(users)]
            + [number(company, f"+49309{company:02d}{n:05d}") for n in range(numbers)]
            + [team(company, f"T{n}") for n in range(teams)])


def queries(text):
    with count_queries() as counter:
        summary = sync(text)
    assert summary.bad == []
    return counter.count


def test_queries_are_bounded_per_company_not_per_line(demo):
    """A company of 3 users and one of 450 take the same statements; so do their changes."""
    nordwind, blue = demo["nordwind"], demo["blue"]
    store.people.access.resolve_actor(BILLING)
    small = queries(jsonl(*big_feed(nordwind, 3, 2, 2)))
    large = queries(jsonl(*big_feed(blue, 450, 400, 3, prefix="b")))
    assert small == large
    again = queries(jsonl(*big_feed(blue, 450, 400, 3, prefix="b")))  # nothing to write
    renamed = [dict(line, name="Renamed") if line["kind"] == "user" else line
               for line in big_feed(blue, 450, 400, 3, prefix="b")]
    changed = queries(jsonl(*renamed[:300], *renamed[450:]))  # 300 renamed, 150 deactivated
    assert again < changed <= small + 2
    assert User.select(fn.COUNT(User.id)).where(User.name == "Renamed").scalar() == 300


def test_a_closed_company_is_left_as_it_is_and_its_lines_are_skipped_not_bad(demo):
    import store.profile.companies

    blue, nordwind = demo["blue"], demo["nordwind"]
    store.profile.companies.close_company(store.people.access.resolve_actor(ADMIN), blue, {
        "reason": "left"})
    rows = state(blue)
    summary = sync(jsonl(team(blue, "Harbour"), user(blue, "zoe"), *nordwind_feed(nordwind)))
    assert summary.bad == []  # not a failure of the feed (#18 trial: exit 1 every night)
    assert [(c.company_id, c.lines) for c in summary.closed] == [(blue, (1, 2))]
    assert state(blue) == rows  # nothing done; what was refused is in its History (#18 trial)
    assert [(line.outcome, line.field, line.new_value) for line in trail(blue)] == [
        ("refused", "feed_lines", "1, 2")]
    assert [c.company_id for c in summary.companies] == [nordwind]  # the rest is applied


def test_each_company_is_handed_on_as_it_is_done_and_not_held(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    seen = []
    actor = store.people.access.resolve_actor(BILLING)
    feed = jsonl(*nordwind_feed(nordwind), team(blue, "Harbour"))
    summary = store.feed.sync.sync_feed(actor, io.StringIO(feed), "jsonl", dry_run=True,
                                   report=lambda c: seen.append((c.company_id,
                                                                 len(c.differences))))
    assert [cid for cid, _n in seen] == [nordwind, blue] and all(n for _c, n in seen)
    assert [c.differences for c in summary.companies] == [[], []]  # counts only, kept
    assert summary.companies[0].users.added == 2
