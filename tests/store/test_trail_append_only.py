"""SPEC §7: the audit trail cannot be updated, replaced or deleted by any statement the program's
own connection runs: raw SQL through store.persistence.db.database.execute_sql, and every peewee
path to an UPDATE, DELETE, REPLACE or upsert. Each attempt is refused and the trail is left exactly
as it was; appending still works.

On SQLite a trigger per verb refuses UPDATE and DELETE, and one BEFORE INSERT trigger refuses an
INSERT over an existing line (the path REPLACE / INSERT OR REPLACE / UPSERT take: SQLite's
REPLACE deletes the old row without firing DELETE triggers). On PostgreSQL a statement trigger
refuses UPDATE, DELETE and TRUNCATE; the application role's grants are tested in
test_postgres_roles.py.

Left open on SQLite, by design: DDL (DROP TRIGGER) on the program's connection, which whoever may
write the file can run with any SQLite client anyway. A team that needs the trail safe from the
program's own login runs PostgreSQL with the two roles.
"""

from __future__ import annotations

import pytest
from peewee import DatabaseError

import store
import store.people.access
import store.persistence.db
import store.profile.company
import store.trail.audit
from store.persistence.db import database, is_sqlite, transaction
from store.persistence.models import AuditEvent
from store.trail.audit import record

NEW = "'2020-01-01 00:00:00', 'forged', 'done', 'rewritten'"  # at, action, outcome, reason
COLUMNS = "(id, at, action, outcome, reason)"


@pytest.fixture
def line(demo):
    """One trail line the tests try to rewrite; returns its id."""
    with transaction():
        record(None, demo["nordwind"], "test.original", field="name", old="Nordwind",
               new="Seewind", reason="the original reason")
    return AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id.desc()).scalar()


def trail() -> list[tuple]:
    return list(AuditEvent.select().order_by(AuditEvent.id).tuples())


def refused_and_unchanged(sql: str, *, may_be_ignored: bool = False) -> None:
    """Run `sql` on the program's own connection: refused (or, where the statement's own clause
    says so, silently ignored), and the whole trail exactly as before."""
    before = trail()
    try:
        database.execute_sql(sql)
    except DatabaseError:
        pass
    else:
        assert may_be_ignored, f"not refused: {sql}"
    assert trail() == before, f"the trail changed: {sql}"


BOTH = [
    "UPDATE audit_event SET reason = 'rewritten' WHERE id = {id}",
    "UPDATE audit_event SET reason = 'rewritten'",
    "DELETE FROM audit_event WHERE id = {id}",
    "DELETE FROM audit_event",
    f"INSERT INTO audit_event {COLUMNS} VALUES ({{id}}, {NEW})",
    (f"INSERT INTO audit_event {COLUMNS} VALUES ({{id}}, {NEW}) "
    "ON CONFLICT (id) DO UPDATE SET reason = excluded.reason"),
    (f"INSERT INTO audit_event {COLUMNS} SELECT id, at, 'forged', outcome, 'rewritten' "
    "FROM audit_event WHERE id = {id} ON CONFLICT (id) DO UPDATE SET reason = excluded.reason"),
]


@pytest.mark.parametrize("sql", BOTH)
def test_update_delete_and_upsert_of_a_trail_line_are_refused(line, sql):
    refused_and_unchanged(sql.format(id=line))


def test_on_conflict_do_nothing_then_a_rewrite_changes_nothing(line):
    """DO NOTHING over an existing line: SQLite's trigger refuses it, PostgreSQL skips the row;
    the rewrite that would have to follow is refused either way."""
    refused_and_unchanged(f"INSERT INTO audit_event {COLUMNS} VALUES ({line}, {NEW}) "
                          "ON CONFLICT (id) DO NOTHING", may_be_ignored=not is_sqlite())
    refused_and_unchanged(f"UPDATE audit_event SET reason = 'rewritten' WHERE id = {line}")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("sql", [
    f"REPLACE INTO audit_event {COLUMNS} VALUES ({{id}}, {NEW})",
    f"INSERT OR REPLACE INTO audit_event {COLUMNS} VALUES ({{id}}, {NEW})",
    f"INSERT OR REPLACE INTO audit_event {COLUMNS} VALUES (NULL, {NEW}), ({{id}}, {NEW})",
    f"REPLACE INTO audit_event (rowid, at, action, outcome, reason) VALUES ({{id}}, {NEW})",
    f"REPLACE INTO audit_event (_rowid_, at, action, outcome, reason) VALUES ({{id}}, {NEW})",
    f"REPLACE INTO audit_event {COLUMNS} VALUES ('{{id}}', {NEW})",  # text, made an integer
    f"REPLACE INTO audit_event {COLUMNS} VALUES ({{id}}.0, {NEW})",  # real, made an integer
    (f"INSERT OR REPLACE INTO audit_event {COLUMNS} "
    "SELECT id, at, 'forged', outcome, 'rewritten' FROM audit_event"),
    "UPDATE OR REPLACE audit_event SET reason = 'rewritten' WHERE id = {id}",
    "UPDATE OR IGNORE audit_event SET reason = 'rewritten' WHERE id = {id}",
    ("INSERT INTO audit_event SELECT * FROM audit_event WHERE id = {id} "
    "ON CONFLICT DO UPDATE SET reason = 'rewritten'"),
    "DELETE FROM main.audit_event WHERE id = {id}",
])
def test_sqlite_replace_paths_are_refused(line, sql):
    refused_and_unchanged(sql.format(id=line))


@pytest.mark.sqlite_only
def test_sqlite_insert_or_ignore_over_a_line_changes_nothing(line):
    refused_and_unchanged(f"INSERT OR IGNORE INTO audit_event {COLUMNS} VALUES ({line}, {NEW})",
                          may_be_ignored=True)


@pytest.mark.sqlite_only
def test_sqlite_the_id_is_the_trail_s_only_uniqueness(db):
    """REPLACE resolves a conflict on any UNIQUE index by deleting the other row, without the
    DELETE trigger: the BEFORE INSERT trigger guards the id only, so no other may exist."""
    unique = [row[1] for row in database.execute_sql("PRAGMA index_list(audit_event)")
              if row[2]]
    assert unique == []  # the id is the rowid: no index of its own


@pytest.mark.postgres_only
@pytest.mark.parametrize("sql", [
    "TRUNCATE audit_event",
    "TRUNCATE audit_event RESTART IDENTITY CASCADE",
    ("MERGE INTO audit_event t USING (SELECT {id} AS id) s ON t.id = s.id "
    "WHEN MATCHED THEN UPDATE SET reason = 'rewritten'"),
    ("MERGE INTO audit_event t USING (SELECT {id} AS id) s ON t.id = s.id "
    "WHEN MATCHED THEN DELETE"),
    ("WITH gone AS (DELETE FROM audit_event WHERE id = {id} RETURNING id, at, outcome) "
    f"INSERT INTO audit_event {COLUMNS} SELECT id, at, 'forged', outcome, 'rewritten' FROM gone"),
    ("WITH changed AS (UPDATE audit_event SET reason = 'rewritten' WHERE id = {id} RETURNING id) "
    "SELECT * FROM changed"),
])
def test_postgres_truncate_merge_and_rewriting_ctes_are_refused(line, sql):
    refused_and_unchanged(sql.format(id=line))


PEEWEE_PATHS = {
    "Model.replace": lambda id_: AuditEvent.replace(
        id=id_, at="2020-01-01", action="forged", outcome="done", reason="rewritten").execute(),
    "insert().on_conflict_replace": lambda id_: AuditEvent.insert(
        id=id_, at="2020-01-01", action="forged", outcome="done",
        reason="rewritten").on_conflict_replace().execute(),
    "insert_many().on_conflict_replace": lambda id_: AuditEvent.insert_many([{
        "id": id_, "at": "2020-01-01", "action": "forged", "outcome": "done",
        "reason": "rewritten"}]).on_conflict_replace().execute(),
    "insert().on_conflict(update=)": lambda id_: AuditEvent.insert(
        id=id_, at="2020-01-01", action="forged", outcome="done", reason="rewritten").on_conflict(
        conflict_target=[AuditEvent.id], update={AuditEvent.reason: "rewritten"}).execute(),
    "insert().on_conflict(preserve=)": lambda id_: AuditEvent.insert(
        id=id_, at="2020-01-01", action="forged", outcome="done", reason="rewritten").on_conflict(
        conflict_target=[AuditEvent.id], preserve=[AuditEvent.reason]).execute(),
    "Model.update": lambda id_: AuditEvent.update(reason="rewritten").where(
        AuditEvent.id == id_).execute(),
    "Model.delete": lambda id_: AuditEvent.delete().where(AuditEvent.id == id_).execute(),
    "instance.save": lambda id_: _changed(AuditEvent.get_by_id(id_)).save(),
    "instance.save(force_insert)": lambda id_: _changed(AuditEvent.get_by_id(id_)).save(
        force_insert=True),
    "instance.delete_instance": lambda id_: AuditEvent.get_by_id(id_).delete_instance(),
    "bulk_update": lambda id_: AuditEvent.bulk_update(
        [_changed(AuditEvent.get_by_id(id_))], fields=[AuditEvent.reason]),
    "truncate_table": lambda id_: AuditEvent.truncate_table(),
    "set_by_id": lambda id_: AuditEvent.set_by_id(id_, {"reason": "rewritten"}),
    "delete_by_id": lambda id_: AuditEvent.delete_by_id(id_),
}


def _changed(row: AuditEvent) -> AuditEvent:
    row.reason = "rewritten"
    return row


@pytest.mark.parametrize("path", PEEWEE_PATHS)
def test_every_peewee_path_to_rewrite_a_line_is_refused(line, path):
    """Refused by the database, or not even built by peewee (no REPLACE on PostgreSQL)."""
    before = trail()
    with pytest.raises((DatabaseError, ValueError)), transaction():
        PEEWEE_PATHS[path](line)
    assert trail() == before


def test_the_trail_still_takes_new_lines_after_every_refusal(line):
    for sql in BOTH:
        refused_and_unchanged(sql.format(id=line))
    before = trail()
    with transaction():
        record(None, None, "test.after", new="appended")
    after = trail()
    assert after[:len(before)] == before and len(after) == len(before) + 1
    assert AuditEvent.get_by_id(after[-1][0]).new_value == "appended"


def test_a_refused_rewrite_inside_a_service_transaction_undoes_the_whole_action(line, demo):
    """A rewrite attempted in the same transaction as a change takes the change down with it."""
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    name = store.profile.company.get_general(jonas, demo["nordwind"]).name
    before = trail()
    with pytest.raises(DatabaseError), transaction():
        database.execute_sql("UPDATE company SET name = 'Half written' WHERE id = %s"
                             .replace("%s", database.param), (demo["nordwind"],))
        database.execute_sql(f"DELETE FROM audit_event WHERE id = {line}")
    assert store.profile.company.get_general(jonas, demo["nordwind"]).name == name
    assert trail() == before
