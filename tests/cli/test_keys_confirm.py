"""Every key command's confirmation names what it acted on (#18 trial: `keys add` did not say
whose key it was): the fingerprint as OpenSSH prints it, the person's e-mail and role, and their
company for a company's user; `keys remove` likewise."""

from __future__ import annotations

import json
import subprocess

import asyncssh

from tui.cli import main  # noqa: F401  (the `cli` fixture runs it)

ADMIN = "admin@mycompany.example"
MARIA = "maria@blueharbor.com"
SUPPORT = "support@mycompany.example"
BLUE = 3  # the demo makes Atelier Lumière, Nordwind, then Blue Harbor


def key_file(tmp_path, comment: str) -> tuple[str, str]:
    line = asyncssh.generate_private_key("ssh-ed25519", comment=comment).export_public_key() \
        .decode()
    path = tmp_path / f"{comment}.pub"
    path.write_text(line)
    # The fingerprint as OpenSSH prints it (`ssh-keygen -l`), where ssh-keygen is installed.
    try:
        printed = subprocess.run(["ssh-keygen", "-lf", str(path)], capture_output=True,
                                 text=True, check=True).stdout.split()[1]
    except (OSError, subprocess.CalledProcessError):
        printed = asyncssh.import_public_key(line).get_fingerprint("sha256")
    return str(path), printed


def test_adding_and_removing_a_users_key_names_the_person_role_and_company(cli, tmp_path):
    path, fingerprint = key_file(tmp_path, "maria-laptop")
    assert fingerprint.startswith("SHA256:")
    status, out, err = cli("--as", ADMIN, "keys", "add", MARIA, path)
    assert (status, err) == (0, "")
    assert out == (f"Key {fingerprint} (ssh-ed25519, maria-laptop) added for {MARIA}, owner of "
                   f"Blue Harbor Inc. (company {BLUE}).\n")
    _status, out, _ = cli("--as", ADMIN, "keys", "remove", fingerprint)
    assert out == (f"Key {fingerprint} (ssh-ed25519, maria-laptop) of {MARIA}, owner of "
                   f"Blue Harbor Inc. (company {BLUE}) removed.\n")


def test_a_staff_key_names_the_staff_role_and_json_says_whose(cli, tmp_path):
    path, fingerprint = key_file(tmp_path, "ops")
    _status, out, _ = cli("--as", ADMIN, "keys", "add", SUPPORT, path)
    assert out == f"Key {fingerprint} (ssh-ed25519, ops) added for {SUPPORT}, support staff.\n"
    _status, out, _ = cli("--as", ADMIN, "keys", "remove", fingerprint, "--json")
    removed = json.loads(out)
    assert removed["removed"] == fingerprint
    assert (removed["key"]["person_email"], removed["key"]["person_role"],
            removed["key"]["company_id"]) == (SUPPORT, "support", None)
