"""A trail line no person wrote (the program's own work, a database login's `grant-app-role`)
reads as the program's, with where it ran, never as "? (, )" (#18 trial); a grant names the
database login that made it (#18 trial t18: "Application role granted" by "the program")."""

from __future__ import annotations

import store.people.access
import store.trail.history_all
from store.people.identity import local_origin
from store.persistence.db import transaction
from store.trail.audit import record
from tui import textout
from tui.history_lines import entry_lines


def test_a_line_of_the_programs_own_says_so_and_where_it_ran(demo):
    with transaction():
        record(None, None, "database.app_role", new="mycompany_app")
    admin = store.people.access.resolve_actor("admin@mycompany.example")
    [line] = store.trail.history_all.all_history(admin, action="database.app_role").items
    assert line.origin == local_origin()  # "login NAME on HOST"
    lines = entry_lines(line)
    assert lines[1] == "the program"
    assert f"From: {local_origin()}" in lines
    text = textout.history_text(store.trail.history_all.all_history(admin, action="database"))
    assert "the program" in text and "?" not in text and "()" not in text


def test_a_grant_names_the_database_login_that_made_it(demo):
    with transaction():
        record(None, None, "database.app_role", new="mycompany_app",
               database_login="mycompany_owner")
    admin = store.people.access.resolve_actor("admin@mycompany.example")
    [line] = store.trail.history_all.all_history(admin, action="database.app_role").items
    lines = entry_lines(line)
    assert lines[1] == "mycompany_owner (database login)"
    assert f"From: {local_origin()}" in lines
    text = textout.history_text(store.trail.history_all.all_history(admin, action="database"))
    assert "mycompany_owner (database login)" in text and "the program" not in text
