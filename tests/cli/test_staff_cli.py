"""`mycompany staff add|list|set-role|remove` (SPEC §2, §11, #18): admin staff only, refusals in
the trail, the last admin kept, a removed person's keys and sessions ended."""

from __future__ import annotations

import json
import os

import asyncssh
import pytest

import store.people.identity
from store.errors import Refused
from store.persistence.db import database, open_database
from store.persistence.models import AuditEvent

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"
JONAS = "jonas@nordwind.de"
NINA = "nina@mycompany.example"

COMMANDS = [
    ("staff.list", ("staff", "list")),
    ("staff.add", ("staff", "add", NINA, "--name", "Nina Neu", "--role", "billing")),
    ("staff.role", ("staff", "set-role", SUPPORT, "billing")),
    ("staff.remove", ("staff", "remove", SUPPORT)),
]


def trail(action: str, outcome: str) -> list[AuditEvent]:
    """The trail's lines of `action` with `outcome`, read from the command's database file."""
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        return list(AuditEvent.select().where((AuditEvent.action == action)
                                              & (AuditEvent.outcome == outcome)))
    finally:
        database.close()


@pytest.mark.parametrize("who", [SUPPORT, BILLING, JONAS])
@pytest.mark.parametrize("action, argv", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_only_admin_staff_run_staff_commands_others_refused_and_recorded(cli, who, action, argv):
    status, out, err = cli("--as", who, *argv)
    assert (status, out) == (3, "")
    assert err == "mycompany: Only admin staff can do this.\n"
    (line,) = trail(action, "refused")
    assert line.actor_email == who


@pytest.mark.parametrize("action, argv", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_admin_staff_run_every_staff_command(cli, action, argv):
    status, _out, err = cli("--as", ADMIN, *argv)
    assert (status, err) == (0, "")
    if action != "staff.list":
        (line,) = trail(action, "done")
        assert line.actor_email == ADMIN


def test_added_staff_sign_in_with_their_role_and_are_listed(cli):
    assert cli("--as", ADMIN, "staff", "add", "Nina@MyCompany.example", "--name", "Nina Neu",
               "--role", "billing", "--login", "nina") == (
        0, "Nina Neu <nina@mycompany.example> added as billing.\n", "")
    status, out, _ = cli("--as", ADMIN, "staff", "list", "--json")
    assert status == 0
    assert {"email": NINA, "name": "Nina Neu", "role": "billing", "login": "nina",
            "keys": 0} in json.loads(out)
    assert cli("--as", ADMIN, "staff", "set-role", NINA, "admin") == (
        0, "Nina Neu <nina@mycompany.example> is now admin.\n", "")
    # Now an admin: she runs the staff commands herself.
    assert cli("--as", NINA, "staff", "list")[0] == 0
    (line,) = trail("staff.role", "done")
    assert (line.old_value, line.new_value) == (f"{NINA} (billing)", f"{NINA} (admin)")


def test_a_bad_staff_form_names_each_field_and_writes_nothing(cli):
    status, out, err = cli("--as", ADMIN, "staff", "add", "not an address", "--name", " ",
                           "--role", "admin", "--login", "a b")
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith("E-mail: ")
    assert lines[1] == "Name (--name): This field is required"
    assert lines[2].startswith("Login (--login): Enter a login as the operating system")
    assert cli("--as", ADMIN, "staff", "add", JONAS, "--name", "J", "--role", "support") == (
        1, "", f"E-mail: {JONAS} is already a user of company 2.\n")
    assert cli("--as", ADMIN, "staff", "add", NINA, "--name", "N", "--role", "support",
               "--login", "jonas") == (
        1, "", "Login (--login): The login jonas is already someone's.\n")
    # A role outside the three is usage, as `staff add --role` is (#18 trial: 1 here, 2 there)
    assert cli("--as", ADMIN, "staff", "set-role", SUPPORT, "boss")[0] == 2
    assert cli("--as", ADMIN, "staff", "add", NINA, "--name", "N", "--role", "boss")[0] == 2
    assert cli("--as", ADMIN, "staff", "remove", "nobody@mycompany.example") == (
        5, "", "mycompany: nobody@mycompany.example is not a member of staff.\n")
    assert trail("staff.add", "done") == []


def test_the_last_admin_is_neither_removed_nor_demoted(cli):
    refusal = "mycompany: The last admin stays: make another member of staff admin first.\n"
    assert cli("--as", ADMIN, "staff", "remove", ADMIN) == (3, "", refusal)
    assert cli("--as", ADMIN, "staff", "set-role", ADMIN, "billing") == (3, "", refusal)
    assert len(trail("staff.remove", "refused")) == len(trail("staff.role", "refused")) == 1
    # With a second admin, the first may go, and the second is then the last.
    assert cli("--as", ADMIN, "staff", "set-role", BILLING, "admin")[0] == 0
    assert cli("--as", ADMIN, "staff", "remove", ADMIN)[0] == 0
    assert cli("--as", BILLING, "staff", "remove", BILLING) == (3, "", refusal)
    assert cli("--as", BILLING, "staff", "list")[0] == 0


def test_a_removed_persons_keys_and_sessions_end(cli, tmp_path):
    line = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    fingerprint = asyncssh.import_public_key(line).get_fingerprint("sha256")
    (tmp_path / "id.pub").write_text(line)
    assert cli("--as", ADMIN, "keys", "add", SUPPORT, str(tmp_path / "id.pub"))[0] == 0
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        token = store.people.identity.open_session(store.people.identity.sign_in_key(fingerprint,
            "10.0.0.9"))
    finally:
        database.close()
    assert cli("--as", ADMIN, "staff", "remove", SUPPORT) == (
        0, "Sam Support <support@mycompany.example> removed; their keys and sessions ended.\n",
        "")
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        with pytest.raises(Refused, match="belongs to nobody"):
            store.people.identity.sign_in_key(fingerprint, "10.0.0.9")
        with pytest.raises(Refused, match="not valid"):
            store.people.identity.redeem_session(token)
        (removed,) = AuditEvent.select().where(AuditEvent.action == "key.remove")
        assert removed.old_value == fingerprint
    finally:
        database.close()
    # Signing in as them is refused too; what they did stays in the trail.
    assert cli("--as", SUPPORT, "staff", "list")[0] == 3
    assert trail("staff.remove", "done")[0].old_value == f"{SUPPORT} (support)"
