"""The impersonation matrix (issue #13, SPEC §2): every way of naming a person — `--as`,
`MYCOMPANY_USER`, a forged or copied Actor, a second key — on a demo and a real database, from an
operating-system login that is nobody's, an owner's, a staff member's (support) and an admin's.

Who is acting is what the program authenticated: the kernel's user id (USER and LOGNAME change
nothing), or the SSH key a session was opened for. Naming someone else works on a demo database
for anyone (the trail says "(demo)"), elsewhere only for admin staff (the trail keeps the admin's
e-mail beside the person named); every other attempt exits 3, changes nothing and is recorded.
The OS login is the test process's own (store.people.identity.os_login()); "the login is an owner"
is made by giving that person's `login` column this value.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import socket
import subprocess
import sys
from types import SimpleNamespace

import asyncssh
import pytest

import store
import store.backup
import store.demo
import store.errors
import store.people.identity
import store.people.keys
import store.persistence.db
import store.plans.plan
import store.profile.billing
import store.profile.company
import store.profile.requests
import store.profile.search
import store.views
from store.people.identity import mark_database, open_session, os_login, sign_in_key, sign_in_local
from store.persistence.db import database
from store.persistence.models import AuditEvent, BillingAddress, Staff, User
from store.persistence.models_sign_in import PersonKey
from store.views import Actor
from tui.cli import main

JONAS = "jonas@nordwind.de"  # owner of Nordwind
MARIA = "maria@blueharbor.com"
SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"  # the person every attempt names
ADMIN = "admin@mycompany.example"
NEW_VAT, OLD_VAT = "DE811907980", "DE136695976"

# Whose `login` is this process's OS login.
LOGINS = {"nobody": None, "owner": JONAS, "staff": SUPPORT, "admin": ADMIN}


def public_key() -> tuple[str, str]:
    """A new ed25519 public key line and its fingerprint."""
    key = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().strip()
    return key, asyncssh.import_public_key(key).get_fingerprint("sha256")


@pytest.fixture(params=["demo", "real"])
def kind(request):
    return request.param


@pytest.fixture(params=list(LOGINS))
def login(request):
    return request.param


@pytest.fixture
def world(db_url, kind, login, tmp_path, monkeypatch):
    """The demo's people and companies, on a database marked `kind`, where this process's OS
    login belongs to the person `login` says (or to nobody). Jonas and the admin hold a key."""
    for name in ("MYCOMPANY_USER", "MYCOMPANY_DATABASE_URL", "MYCOMPANY_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    store.persistence.db.open_database(db_url)
    _atelier, nordwind, blue = store.demo.create_demo()
    demo_admin = sign_in_local(ADMIN)  # still a demo database here
    keys = {}
    for email in (JONAS, ADMIN):
        line, fingerprint = public_key()
        store.people.keys.add_key(demo_admin, email, line)
        keys[email] = fingerprint
    me = os_login()
    with database.atomic():
        if kind == "real":
            mark_database("real")
        Staff.update(login=None).where(Staff.login == me).execute()
        User.update(login=None).where(User.login == me).execute()
        if LOGINS[login] in (SUPPORT, ADMIN):
            Staff.update(login=me).where(Staff.email == LOGINS[login]).execute()
        elif LOGINS[login]:
            User.update(login=me).where(User.email == LOGINS[login]).execute()
    database.close()
    yield SimpleNamespace(url=db_url, kind=kind, login=login, email=LOGINS[login],
                          nordwind=nordwind, blue=blue, keys=keys, tmp=tmp_path,
                          origin=f"login {me} on {socket.gethostname()}")
    if not database.is_closed():
        database.close()


def run(world, capsys, *argv: str) -> tuple[int, str, str]:
    """`mycompany --db URL ARGV...` in this process; the database is open again afterwards."""
    if not database.is_closed():
        database.close()
    status = main(["--db", world.url, *argv])
    out = capsys.readouterr()
    if not database.is_closed():
        database.close()
    store.persistence.db.open_database(world.url)
    return status, out.out, out.err


def issue_command(world) -> list[str]:
    """The issue's example: the billing team's VAT change on Nordwind, with a reason."""
    return ["--company", str(world.nordwind), "set", "address", "--vat", NEW_VAT,
            "--reason", "x"]


def vat(world) -> str:
    return BillingAddress.get(BillingAddress.company == world.nordwind).vat_number


def last_event() -> AuditEvent:
    return AuditEvent.select().order_by(AuditEvent.id.desc()).get()


def sign_in_refusals() -> int:
    return AuditEvent.select().where((AuditEvent.action == "sign_in")
                                     & (AuditEvent.outcome == "refused")).count()


# -- --as and MYCOMPANY_USER --------------------------------------------------------------------


def naming_billing(world, monkeypatch, how: str) -> list[str]:
    """The issue's command naming the billing team by `how` (--as or MYCOMPANY_USER)."""
    if how == "--as":
        return ["--as", BILLING, *issue_command(world)]
    monkeypatch.setenv("MYCOMPANY_USER", BILLING)
    return issue_command(world)


@pytest.mark.parametrize("how", ["--as", "MYCOMPANY_USER"])
def test_naming_someone_else_works_on_a_demo_database_or_for_admin_staff_only(
        world, capsys, monkeypatch, how):
    argv = naming_billing(world, monkeypatch, how)
    status, out, err = run(world, capsys, *argv)
    event = last_event()
    if world.kind == "demo" or world.login == "admin":
        assert (status, err) == (0, "")
        assert vat(world) == NEW_VAT
        assert (event.action, event.outcome, event.actor_email, event.actor_role) == (
            "address.save", "done", BILLING, "billing")
        if world.kind == "demo":  # anyone may name anyone on a demo: nobody's real data
            assert event.impersonator_email is None
            assert event.origin == world.origin + " (demo)"
        else:  # "admin X as Y"
            assert event.impersonator_email == ADMIN
            assert event.origin == world.origin
        return
    assert (status, out) == (3, "")
    assert vat(world) == OLD_VAT
    assert not AuditEvent.select().where((AuditEvent.action == "address.save")
                                         & (AuditEvent.outcome == "done")).exists()
    assert (event.action, event.outcome, event.origin) == ("sign_in", "refused", world.origin)
    if world.login == "nobody":
        assert f"{os_login()} is not a known user" in err
        assert event.actor_email == os_login()
    else:  # a known person, not admin staff: the attempt is recorded under their name
        assert "only admin staff may act as another person" in err
        assert (event.actor_email, event.field, event.new_value) == (world.email, "as", BILLING)


def test_naming_nobody_signs_in_the_os_login_and_a_login_of_nobody_is_refused(world, capsys):
    status, out, err = run(world, capsys, "keys", "list", "--json")
    if world.login == "nobody":
        assert (status, out) == (3, "")
        assert f"{os_login()} is not a known user" in err
        assert (last_event().action, last_event().outcome) == ("sign_in", "refused")
        return
    assert (status, err) == (0, "")
    assert {k["person_email"] for k in json.loads(out)} <= {world.email}
    # Naming oneself is not acting as anyone, on any database.
    assert run(world, capsys, "--as", world.email.upper(), "keys", "list")[0] == 0
    assert last_event().impersonator_email is None


# -- forged and copied actors -------------------------------------------------------------------


def forgeries(world) -> dict[str, Actor]:
    """Actors the store did not sign in: built by a caller, or copies of one it did."""
    if world.email is not None:
        real = sign_in_local()  # the OS login's own person
    else:
        real = sign_in_key(world.keys[JONAS], "192.0.2.7")
    return {
        "built-billing": Actor(kind="staff", email=BILLING, name="Bea Billing", role="billing"),
        "built-admin": Actor(kind="staff", email=ADMIN, name="Ada Admin", role="admin",
                             origin=real.origin, demo_database=True),
        "replace-to-admin": dataclasses.replace(real, kind="staff", role="admin",
                                                company_id=None),
        "model_copy-to-another-company": real.model_copy(
            update={"kind": "user", "role": "owner", "company_id": world.blue}),
        "exact-copy": copy.copy(real),
    }


def services(world):
    """Store services of every kind: reads (the screen's title too), a write, search, the
    queue, backup, keys."""
    address = BillingAddress.get(BillingAddress.company == world.nordwind)
    form = {"line1": address.line1, "postal_code": address.postal_code,
                                  "city": address.city, "country": address.country,
                                  "vat_number": NEW_VAT}
    reason = {"reason": "x"}
    line, _fingerprint = public_key()
    return {
        "get_general": lambda a: store.profile.company.get_general(a, world.nordwind),
        "company_name": lambda a: store.profile.company.company_name(a, world.nordwind),
        "save_address": lambda a: store.profile.billing.save_address(a, world.nordwind, form,
                                                             address.version, reason=reason),
        "licence_summary": lambda a: store.plans.plan.licence_summary(a, world.nordwind),
        "search_companies": lambda a: store.profile.search.search_companies(a, "nord"),
        "list_requests": lambda a: store.profile.requests.list_requests(a, None),
        "backup": lambda a: store.backup.backup_database(a, world.tmp / "copy.sqlite3"),
        "add_key": lambda a: store.people.keys.add_key(a, JONAS, line),
    }


def test_forged_and_copied_actors_are_refused_by_every_service_and_recorded(world):
    store.persistence.db.open_database(world.url)
    calls = services(world)
    keys_before = PersonKey.select().count()
    for forgery, actor in forgeries(world).items():
        for service, call in calls.items():
            before = sign_in_refusals()
            with pytest.raises(store.errors.Refused) as refused:
                call(actor)
            assert refused.value.exit_status == 3, (forgery, service)
            assert "not signed in by mycompany" in refused.value.message, (forgery, service)
            assert sign_in_refusals() == before + 1, (forgery, service)
            event = last_event()
            assert (event.field, event.new_value) == ("actor", actor.email), (forgery, service)
    assert vat(world) == OLD_VAT
    assert PersonKey.select().count() == keys_before
    assert not (world.tmp / "copy.sqlite3").exists()


# -- a second key: the key decides, not the OS login nor a name given ---------------------------


@pytest.mark.parametrize("how", ["--as", "MYCOMPANY_USER"])
def test_a_key_signs_in_its_owner_who_cannot_name_anyone_else(world, capsys, monkeypatch, how):
    store.persistence.db.open_database(world.url)
    token = open_session(sign_in_key(world.keys[JONAS], "192.0.2.7"))
    monkeypatch.setenv("MYCOMPANY_SESSION_TOKEN", token)
    argv = naming_billing(world, monkeypatch, how)
    status, out, err = run(world, capsys, *argv)
    # On a demo database too, and whoever the OS login is (an admin's login included).
    assert (status, out) == (3, "")
    assert "only admin staff may act as another person" in err
    assert vat(world) == OLD_VAT
    event = last_event()
    assert (event.action, event.outcome, event.actor_email, event.new_value) == (
        "sign_in", "refused", JONAS, BILLING)
    assert event.origin.startswith(f"key {world.keys[JONAS]} from 192.0.2.7")


def test_a_key_session_is_its_owner_whoever_the_os_login_is(world, capsys, monkeypatch):
    store.persistence.db.open_database(world.url)
    token = open_session(sign_in_key(world.keys[JONAS], "192.0.2.7"))
    monkeypatch.setenv("MYCOMPANY_SESSION_TOKEN", token)
    status, out, _err = run(world, capsys, "keys", "list", "--json")
    assert status == 0
    assert [k["person_email"] for k in json.loads(out)] == [JONAS]
    # A session signs in once: the same token again is refused.
    monkeypatch.setenv("MYCOMPANY_SESSION_TOKEN", token)
    status, _out, err = run(world, capsys, "keys", "list")
    assert status == 3 and "not valid" in err


def test_an_admins_key_may_name_someone_recorded_as_admin_x_as_y(world, capsys, monkeypatch):
    store.persistence.db.open_database(world.url)
    monkeypatch.setenv("MYCOMPANY_SESSION_TOKEN",
                       open_session(sign_in_key(world.keys[ADMIN], "192.0.2.9")))
    status, _out, err = run(world, capsys, "--as", BILLING, *issue_command(world))
    assert (status, err) == (0, "")
    event = last_event()
    assert (event.action, event.actor_email, event.impersonator_email) == (
        "address.save", BILLING, ADMIN)
    assert event.origin.startswith(f"key {world.keys[ADMIN]} from 192.0.2.9")


def test_one_persons_key_cannot_become_anothers(world):
    store.persistence.db.open_database(world.url)
    jonas_key = PersonKey.get(PersonKey.person_email == JONAS).public_key
    admin = sign_in_key(world.keys[ADMIN], "192.0.2.9")
    with pytest.raises(store.errors.InvalidInput, match="already registered"):
        store.people.keys.add_key(admin, MARIA, jonas_key)
    if world.email not in (None, ADMIN):
        with pytest.raises(store.errors.Refused):  # and nobody but admin staff gives Maria a key
            store.people.keys.add_key(sign_in_local(), MARIA, public_key()[0])
    assert sign_in_key(world.keys[JONAS], "192.0.2.7").email == JONAS
    assert not PersonKey.select().where(PersonKey.person_email == MARIA).exists()


# -- the issue's example, and the environment, for real -----------------------------------------


@pytest.mark.parametrize("kind", ["real"], indirect=True)
@pytest.mark.parametrize("login", ["nobody"], indirect=True)
def test_the_issues_example_from_a_login_of_nobody_as_a_real_process(world):
    """USER and LOGNAME name Jonas, whose `login` is jonas: the kernel says otherwise."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MYCOMPANY_")}
    env.update(USER="jonas", LOGNAME="jonas", LANG="C.UTF-8")
    command = [sys.executable, "-m", "tui", "--db", world.url]
    done = subprocess.run([*command, "--as", BILLING, *issue_command(world)], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout) == (3, "")
    assert f"{os_login()} is not a known user" in done.stderr
    plain = subprocess.run([*command, "keys", "list"], env=env, capture_output=True, text=True,
                           timeout=60, check=False)
    assert plain.returncode == 3  # not Jonas, though USER says jonas
    store.persistence.db.open_database(world.url)
    assert vat(world) == OLD_VAT
    refusals = list(AuditEvent.select().where(AuditEvent.action == "sign_in")
                    .order_by(AuditEvent.id))
    assert [(e.actor_email, e.outcome) for e in refusals[-2:]] == [(os_login(), "refused")] * 2


def test_a_database_made_by_init_is_real_and_its_admin_is_the_os_login(tmp_path, capsys,
                                                                       monkeypatch):
    for name in ("MYCOMPANY_USER", "MYCOMPANY_DATABASE_URL", "MYCOMPANY_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    url = store.persistence.db.database_url_for(tmp_path / "real.sqlite3")
    world = SimpleNamespace(url=url)
    assert run(world, capsys, "init", "--admin-email", "boss@example.com",
               "--admin-name", "Boss")[0] == 0
    assert not store.people.identity.is_demo_database()
    assert run(world, capsys, "--as", "boss@example.com", "keys", "list")[0] == 0  # oneself
    status, _out, err = run(world, capsys, "--as", "nobody@example.com", "keys", "list")
    assert status == 3 and "not a known user" in err
    with database.atomic():
        Staff.update(login="someone-else").execute()
    status, _out, err = run(world, capsys, "--as", "boss@example.com", "keys", "list")
    assert status == 3 and f"{os_login()} is not a known user" in err
    assert last_event().outcome == "refused"
