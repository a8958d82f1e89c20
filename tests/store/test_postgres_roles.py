"""SPEC §7 on PostgreSQL: an owner role migrates, an application role with no DDL or trigger
rights runs the program (store.persistence.roles, `mycompany grant-app-role ROLE`).

Each deployment is made as a team would: two new login roles on the test server, a new database
owned by the owner role, migrated by it (with the demo data), then the application role granted
by it. The roles have unique names per test run and are dropped afterwards.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import secrets
import shutil
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pytest
from peewee import DatabaseError

import store
import store.demo
import store.errors
import store.people.access
import store.persistence.db
import store.persistence.roles
import store.persistence.schema
import store.profile.billing
import store.profile.company
from store import clock
from store.persistence.db import database
from store.persistence.models import AuditEvent
from tests.conftest import POSTGRES_URL, TODAY, _admin

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not POSTGRES_URL, reason="MYCOMPANY_TEST_POSTGRES_URL is not set: these "
                       "tests need a PostgreSQL server"),
]

_numbers = itertools.count(1)
JONAS = "jonas@nordwind.de"


@dataclass(frozen=True)
class Deployment:
    owner: str
    app: str
    owner_url: str
    app_url: str


def _url(user: str, name: str) -> str:
    parts = urlsplit(POSTGRES_URL)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, f"{user}@{host}", f"/{name}", parts.query, ""))


@contextlib.contextmanager
def deployment(*, migrate: bool = True):
    """Two roles and a database the owner role owns: migrated, with the demo data, granted."""
    tag = f"{os.getpid()}_{next(_numbers)}_{secrets.token_hex(3)}"
    owner, app, name = f"mc_owner_{tag}", f"mc_app_{tag}", f"mycompany_roles_{tag}"
    with _admin(POSTGRES_URL) as admin:
        admin.execute(f"CREATE ROLE {owner} LOGIN")
        admin.execute(f"CREATE ROLE {app} LOGIN")
        admin.execute(f"CREATE DATABASE {name} OWNER {owner}")
    made = Deployment(owner, app, _url(owner, name), _url(app, name))
    try:
        if migrate:
            store.persistence.db.open_database(made.owner_url)
            store.demo.create_demo()
            store.persistence.roles.grant_app_role(app)
            database.close()
        yield made
    finally:
        if not database.is_closed():
            database.close()
        with _admin(POSTGRES_URL) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"DROP ROLE IF EXISTS {app}")
            admin.execute(f"DROP ROLE IF EXISTS {owner}")


@pytest.fixture(scope="module")
def shared():
    """One deployment for the tests that change nothing (every attempt is refused)."""
    clock.set_clock(lambda: TODAY)
    try:
        with deployment() as made:
            yield made
    finally:
        clock.reset_clock()


@pytest.fixture
def as_app(shared):
    store.persistence.db.open_database(shared.app_url, create=False)
    yield shared
    database.close()


def trail() -> list[tuple]:
    return list(AuditEvent.select().order_by(AuditEvent.id).tuples())


def test_the_application_role_does_the_store_s_work(as_app):
    assert database.execute_sql("SELECT current_user").fetchone()[0] == as_app.app
    jonas = store.people.access.resolve_actor(JONAS)
    general = store.profile.company.get_general(jonas, jonas.company_id)
    saved = store.profile.company.save_general(jonas, jonas.company_id,
        {"name": "Nordwind Logistik AG"}, general.version)
    assert saved.name == "Nordwind Logistik AG" and saved.version == general.version + 1
    billing = store.profile.billing.add_recipient(jonas, jonas.company_id, {
        "email": "ap@nordwind.example"})
    assert "ap@nordwind.example" in billing.recipients
    store.profile.billing.remove_recipient(jonas, jonas.company_id, "ap@nordwind.example")
    lines = AuditEvent.select().where(AuditEvent.actor_email == JONAS).order_by(AuditEvent.id)
    assert [e.action for e in lines][-3:] == ["general.save", "recipient.add", "recipient.remove"]


TRIGGER_STATE = ("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal "
                 "AND tgrelid = 'audit_event'::regclass")
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"


@pytest.mark.parametrize("sql", [
    "DROP TRIGGER audit_event_append_only ON audit_event",
    "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
    "UPDATE audit_event SET reason = 'rewritten'",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event",
    ("INSERT INTO audit_event (id, at, action, outcome, reason) SELECT id, at, 'forged', "
    "outcome, 'rewritten' FROM audit_event ON CONFLICT (id) DO UPDATE SET reason = 'rewritten'"),
    ("MERGE INTO audit_event t USING (SELECT max(id) AS id FROM audit_event) s ON t.id = s.id "
    "WHEN MATCHED THEN UPDATE SET reason = 'rewritten'"),
    "CREATE TABLE scratch (id integer)",
    "CREATE SCHEMA scratch",
    "DROP TABLE audit_event",
    "DROP TABLE company CASCADE",
    "ALTER TABLE company ADD COLUMN scratch integer",
    "ALTER TABLE audit_event RENAME TO audit_elsewhere",
    "ALTER TABLE audit_event OWNER TO CURRENT_USER",
    ("CREATE TRIGGER quiet BEFORE INSERT ON audit_event FOR EACH ROW "
    "EXECUTE FUNCTION audit_event_append_only()"),
    ("CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
    "BEGIN RETURN NULL; END $$ LANGUAGE plpgsql"),
    "DROP FUNCTION audit_event_append_only() CASCADE",
    "SET session_replication_role = replica",
    "SELECT setval(pg_get_serial_sequence('audit_event', 'id'), 1)",
])
def test_the_application_role_can_neither_rewrite_the_trail_nor_change_the_schema(as_app, sql):
    before = (trail(), database.execute_sql(TRIGGER_STATE).fetchall(),
              database.execute_sql(TABLES).fetchall())
    with pytest.raises(DatabaseError, match="permission denied|must be owner|append-only"):
        database.execute_sql(sql)
    assert (trail(), database.execute_sql(TRIGGER_STATE).fetchall(),
            database.execute_sql(TABLES).fetchall()) == before
    assert before[1] == [("audit_event_append_only", "O")]  # there, and enabled


def test_the_application_role_cannot_grant_itself_more(as_app):
    """PostgreSQL answers a GRANT without the right with a warning, not an error: what counts is
    that the role gained nothing."""
    database.execute_sql("GRANT UPDATE, DELETE, TRUNCATE ON audit_event TO CURRENT_USER")
    held = database.execute_sql(
        "SELECT has_table_privilege('audit_event', 'UPDATE'), "
        "has_table_privilege('audit_event', 'DELETE'), "
        "has_table_privilege('audit_event', 'TRUNCATE')").fetchone()
    assert held == (False, False, False)


def test_the_application_role_appends_to_the_trail(as_app):
    before = trail()
    database.execute_sql("INSERT INTO audit_event (at, action, outcome) "
                         "VALUES ('2026-11-27', 'test.appended', 'done')")
    assert trail()[:len(before)] == before and len(trail()) == len(before) + 1


def test_the_grant_is_exactly_the_application_role_s_rights(shared):
    with _admin(shared.owner_url) as conn:
        rows = conn.execute(
            "SELECT c.relname, string_agg(a.privilege_type, ',' ORDER BY a.privilege_type) "
            "FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = %s::regrole "
            "AND c.relnamespace = current_schema()::regnamespace GROUP BY c.relname",
            (shared.app,)).fetchall()
        creates = conn.execute("SELECT has_schema_privilege(%s, current_schema(), 'CREATE')",
                               (shared.app,)).fetchone()[0]
    granted = dict(rows)
    assert granted.pop("audit_event") == "INSERT,SELECT"
    assert granted.pop("schema_migration") == "SELECT"
    assert granted.pop("audit_event_id_seq") == "USAGE"
    tables = {t for t, p in granted.items() if p == "DELETE,INSERT,SELECT,UPDATE"}
    assert {"company", "billing_address", "setting", "sign_in_session"} <= tables
    assert set(granted.values()) <= {"DELETE,INSERT,SELECT,UPDATE", "USAGE"}
    assert not creates


def test_the_grant_refuses_roles_that_could_still_change_the_schema(shared):
    store.persistence.db.open_database(shared.owner_url, create=False)
    try:
        with pytest.raises(store.errors.NotFound, match="no role"):
            store.persistence.roles.grant_app_role(f"{shared.app}_missing")
        for role in (shared.owner, "postgres"):  # itself; a superuser
            with pytest.raises(store.errors.Refused, match="cannot be the application role"):
                store.persistence.roles.grant_app_role(role)
        with _admin(POSTGRES_URL) as admin:
            admin.execute(f"GRANT {shared.owner} TO {shared.app}")
        try:
            with pytest.raises(store.errors.Refused, match="ownership of the tables"):
                store.persistence.roles.grant_app_role(shared.app)
        finally:
            with _admin(POSTGRES_URL) as admin:
                admin.execute(f"REVOKE {shared.owner} FROM {shared.app}")
        store.persistence.roles.grant_app_role(shared.app)  # and again, as after an upgrade
        lines = AuditEvent.select().where(AuditEvent.action == "database.app_role")
        assert lines.count() >= 2
        # By the database login that ran it (#18 trial t18: History said "the program").
        assert {(line.actor_name, line.actor_role) for line in lines} == {
            (shared.owner, "database")}
    finally:
        database.close()


LATER = '''"""A later migration: a new table."""


def up(migrator, db):
    db.execute_sql("CREATE TABLE later_thing (id SERIAL PRIMARY KEY, label TEXT NOT NULL)")


def down(migrator, db):
    db.execute_sql("DROP TABLE later_thing")
'''


def test_a_later_migration_is_run_by_the_owner_and_its_tables_granted(tmp_path, monkeypatch):
    with deployment() as made:
        folder = tmp_path / "migrations"
        shutil.copytree(store.persistence.schema.MIGRATIONS_DIR, folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
        (folder / "0099_later_thing.py").write_text(LATER)
        monkeypatch.setattr(store.persistence.schema, "MIGRATIONS_DIR", folder)

        with pytest.raises(store.errors.StorageError,
                           match=r"needs migrating \(0099_later_thing\).*"
                           f"{made.app}.*ask the owner role to migrate"):
            store.persistence.db.open_database(made.app_url, create=False)
        with _admin(made.owner_url) as conn:  # refused before any DDL
            assert conn.execute("SELECT to_regclass('later_thing')").fetchone()[0] is None

        # The owner's start migrates.
        store.persistence.db.open_database(made.owner_url, create=False)
        database.close()
        store.persistence.db.open_database(made.app_url, create=False)
        database.execute_sql("INSERT INTO later_thing (label) VALUES ('granted')")
        assert database.execute_sql("SELECT label FROM later_thing").fetchall() == [("granted",)]
        with pytest.raises(DatabaseError, match="permission denied"):
            database.execute_sql("UPDATE audit_event SET reason = 'rewritten'")
        with pytest.raises(DatabaseError, match="must be owner"):
            database.execute_sql("DROP TABLE later_thing")
        database.close()


def test_the_application_role_cannot_make_an_empty_database(shared):
    with deployment(migrate=False) as made:
        with pytest.raises(store.errors.StorageError, match="ask the owner role to migrate"):
            store.persistence.db.open_database(made.app_url)
        with _admin(made.owner_url) as conn:
            assert conn.execute("SELECT count(*) FROM pg_tables "
                                "WHERE schemaname = 'public'").fetchone()[0] == 0


def test_a_login_never_granted_is_told_to_ask_the_owner(shared):
    stranger = f"{shared.app}_stranger"
    with _admin(POSTGRES_URL) as admin:
        admin.execute(f"CREATE ROLE {stranger} LOGIN")
    try:
        url = shared.app_url.replace(f"{shared.app}@", f"{stranger}@")
        with pytest.raises(store.errors.StorageError,
                           match="permission denied.*ask the owner role to "
                           "grant it: `mycompany --db OWNER_URL grant-app-role ROLE`"):
            store.persistence.db.open_database(url, create=False)
    finally:
        with _admin(POSTGRES_URL) as admin:
            admin.execute(f"DROP ROLE IF EXISTS {stranger}")
