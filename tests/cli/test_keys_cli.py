"""`mycompany keys ...` and `mycompany demo --keys DIR` (SPEC §10): output, JSON, exit statuses."""

from __future__ import annotations

import json
import os
import stat

import asyncssh
import pytest

from store.persistence.db import database
from tui.cli import main

JONAS = "jonas@nordwind.de"
MARIA = "maria@blueharbor.com"
ADMIN = "admin@mycompany.example"


def public_key(comment: str = "jonas@laptop") -> str:
    return asyncssh.generate_private_key("ssh-ed25519", comment=comment).export_public_key() \
        .decode()


def fingerprint_of(line: str) -> str:
    return asyncssh.import_public_key(line).get_fingerprint("sha256")


def test_a_person_adds_lists_and_removes_their_own_key(cli, tmp_path):
    line = public_key()
    (tmp_path / "id.pub").write_text(line)
    status, out, err = cli("--as", JONAS, "keys", "add", JONAS, str(tmp_path / "id.pub"))
    assert (status, err) == (0, "")
    fingerprint = fingerprint_of(line)
    assert out == (f"Key {fingerprint} (ssh-ed25519, jonas@laptop) added for {JONAS}, owner of "
                   "Nordwind Logistik GmbH (company 2).\n")
    status, out, _ = cli("--as", JONAS, "keys", "list")
    assert status == 0
    header, row = out.splitlines()
    assert header.split() == ["Fingerprint", "Type", "Comment", "Added", "Added", "by", "Last",
                              "used"]
    assert row.startswith(f"{fingerprint}  ssh-ed25519  jonas@laptop  ")
    assert row.endswith(f"{JONAS}  never")
    assert cli("--as", JONAS, "keys", "remove", fingerprint) == (
        0, (f"Key {fingerprint} (ssh-ed25519, jonas@laptop) of {JONAS}, owner of Nordwind "
            "Logistik GmbH (company 2) removed.\n"), "")
    assert cli("--as", JONAS, "keys", "list") == (0, f"{JONAS} has no keys.\n", "")


def test_a_key_from_stdin_and_the_json_list(cli):
    line = public_key("from stdin")
    assert cli("--as", JONAS, "keys", "add", JONAS, "-", stdin=line)[0] == 0
    status, out, _ = cli("--as", JONAS, "keys", "list", "--json")
    assert status == 0
    (key,) = json.loads(out)
    assert key == {"fingerprint": fingerprint_of(line), "algorithm": "ssh-ed25519",
                   "comment": "from stdin", "person_email": JONAS,
                   "added_at": "2026-11-27T12:00:00+00:00", "added_by": JONAS,
                   "last_used_at": None}


def test_someone_elses_keys_are_refused_with_exit_3(cli):
    assert cli("--as", ADMIN, "keys", "add", MARIA, "-", stdin=public_key())[0] == 0
    for argv in (["keys", "add", MARIA, "-"], ["keys", "list", MARIA], ["keys", "list", "*"]):
        status, out, err = cli("--as", JONAS, *argv, stdin=public_key())
        assert (status, out) == (3, ""), argv
        assert "Only admin staff manage another person's keys" in err
    _, out, _ = cli("--as", ADMIN, "keys", "list", MARIA, "--json")
    (maria_key,) = json.loads(out)
    status, _, err = cli("--as", JONAS, "keys", "remove", maria_key["fingerprint"])
    assert status == 3
    assert len(json.loads(cli("--as", ADMIN, "keys", "list", MARIA, "--json")[1])) == 1


def test_admin_lists_everyones_keys_with_whose_each_is(cli):
    cli("--as", ADMIN, "keys", "add", MARIA, "-", stdin=public_key("maria"))
    cli("--as", JONAS, "keys", "add", JONAS, "-", stdin=public_key("jonas"))
    status, out, _ = cli("--as", ADMIN, "keys", "list", "*")
    assert status == 0
    lines = out.splitlines()
    assert "Person" in lines[0]
    assert [line.split()[3] for line in lines[1:]] == [MARIA, JONAS]


@pytest.mark.parametrize("content, message", [
    ("not a key", "This is not an OpenSSH public key"),
    ("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n",
     "never the private key"),
    ("x" * 70_000, "too large for a public key"),
])
def test_a_bad_key_file_exits_1_with_what_is_accepted(cli, tmp_path, content, message):
    (tmp_path / "bad.pub").write_text(content)
    status, out, err = cli("--as", JONAS, "keys", "add", JONAS, str(tmp_path / "bad.pub"))
    assert (status, out) == (1, "")
    assert message in err
    assert cli("--as", JONAS, "keys", "list")[1] == f"{JONAS} has no keys.\n"


def test_a_missing_key_file_exits_1(cli, tmp_path):
    status, _, err = cli("--as", JONAS, "keys", "add", JONAS, str(tmp_path / "nope.pub"))
    assert status == 1
    assert err.startswith("pubkey_file: ") and "does not exist" in err


def test_a_comment_with_escape_sequences_is_printed_literally(cli):
    line = public_key("x").rsplit(" ", 1)[0] + " \x1b[31mred\x1b]0;title\x07"
    assert cli("--as", JONAS, "keys", "add", JONAS, "-", stdin=line)[0] == 0
    _, out, _ = cli("--as", JONAS, "keys", "list")
    assert "\x1b" not in out and "\x07" not in out
    assert "␛[31mred␛]0;title␇" in out


# -- mycompany demo --keys DIR ------------------------------------------------------------------


@pytest.fixture
def demo_url(tmp_path, monkeypatch):
    url = "sqlite:///" + str(tmp_path / "demo.sqlite3")
    monkeypatch.setenv("MYCOMPANY_DATABASE_URL", url)
    monkeypatch.delenv("MYCOMPANY_USER", raising=False)
    yield url
    if not database.is_closed():
        database.close()


def run(*argv: str) -> int:
    status = main(list(argv))
    if not database.is_closed():
        database.close()
    return status


PEOPLE = {"jonas": JONAS, "camille": "camille@atelier-lumiere.fr", "maria": MARIA,
          "support": "support@mycompany.example", "billing": "billing@mycompany.example",
          "admin": ADMIN}


def test_demo_keys_writes_a_registered_pair_per_demo_person(demo_url, tmp_path, capsys):
    folder = tmp_path / "keys"
    assert run("demo", "--keys", str(folder)) == 0
    out = capsys.readouterr().out
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*PEOPLE, *(f"{login}.pub" for login in PEOPLE)])
    assert run("--as", ADMIN, "keys", "list", "*", "--json") == 0
    registered = {k["fingerprint"]: k["person_email"]
                  for k in json.loads(capsys.readouterr().out)}
    for login, email in PEOPLE.items():
        private = folder / login
        assert stat.S_IMODE(os.stat(private).st_mode) == 0o600
        assert private.read_text().startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
        key = asyncssh.read_private_key(private)  # no passphrase
        assert registered[key.get_fingerprint("sha256")] == email
        assert asyncssh.read_public_key(folder / f"{login}.pub").get_fingerprint("sha256") \
            == key.get_fingerprint("sha256")
        assert [str(private), email, key.get_fingerprint("sha256")] in [
            line.split() for line in out.splitlines()]
    assert f"ssh -t -i {folder / 'jonas'} -p 2222 localhost" in out


@pytest.mark.parametrize("occupied", ["file-inside", "a-file", "a-link"])
def test_demo_keys_never_overwrites_anything_and_writes_nothing(demo_url, tmp_path, capsys,
                                                                occupied):
    folder = tmp_path / "keys"
    if occupied == "file-inside":
        folder.mkdir()
        (folder / "jonas").write_text("mine")
    elif occupied == "a-file":
        folder.write_text("mine")
    else:
        (tmp_path / "elsewhere").mkdir()
        folder.symlink_to(tmp_path / "elsewhere")
    assert run("demo", "--keys", str(folder)) == 1
    assert "keys: " in capsys.readouterr().err
    assert not (tmp_path / "demo.sqlite3").exists()  # not even the database was made
    if occupied == "a-link":
        assert os.listdir(tmp_path / "elsewhere") == []
    if occupied == "file-inside":
        assert os.listdir(folder) == ["jonas"] and (folder / "jonas").read_text() == "mine"


def test_demo_keys_into_an_empty_folder(demo_url, tmp_path):
    folder = tmp_path / "keys"
    folder.mkdir(mode=0o755)
    assert run("demo", "--keys", str(folder)) == 0
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert len(os.listdir(folder)) == 12


@pytest.mark.parametrize("where", ["/proc/nope", "/proc/self/nope/keys", "a-file/keys"])
def test_demo_keys_in_a_folder_that_cannot_be_made_is_one_line_and_nothing_made(
        demo_url, tmp_path, capsys, where):
    (tmp_path / "a-file").write_text("mine")
    folder = where if where.startswith("/") else str(tmp_path / where)
    assert run("demo", "--keys", folder) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("keys: ") and len(captured.err.splitlines()) == 1, captured.err
    assert "cannot be made" in captured.err
    assert sorted(os.listdir(tmp_path)) == ["a-file"]  # no database, no folder


def test_demo_keys_that_cannot_be_written_take_the_demo_away(demo_url, tmp_path, capsys,
                                                             monkeypatch):
    """A failure after the database was made (a full disk): one line, exit 1, and neither the
    keys, their folder (nor the folders made for it), nor the demo database are left."""
    import errno

    from store.demo import keys as demo_keys

    real, calls = demo_keys._write_new, []

    def disk_full(path, data, mode):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data, mode)

    monkeypatch.setattr(demo_keys, "_write_new", disk_full)
    assert run("demo", "--keys", str(tmp_path / "new" / "keys")) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        (f"keys: The demo keys cannot be written in {tmp_path / 'new' / 'keys'}: "
        f"{os.strerror(errno.ENOSPC)}.")]
    assert os.listdir(tmp_path) == []
