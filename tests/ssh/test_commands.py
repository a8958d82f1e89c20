"""`ssh -p PORT HOST COMMAND...`: one command of the command line as the key's owner, files on
stdin and stdout, exit status passed back; and what the front door refuses (SPEC §10)."""

from __future__ import annotations

import io
import json
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

from .conftest import fingerprint


def test_command_runs_as_the_keys_owner_and_prints_json(server, demo):
    result = server.ssh("jonas", "show", "plan", "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["plan"] == "Professional"
    general = json.loads(server.ssh("jonas", "show", "general", "--json").stdout)
    assert general["name"] == "Nordwind Logistik GmbH"
    demo.wait_sessions_ended()


def test_exit_status_is_passed_back(server, demo):
    refused = server.ssh("jonas", "--company", "1", "show", "plan")
    assert refused.returncode == 3
    assert b"another company" in refused.stderr
    usage = server.ssh("jonas", "show", "plon")
    assert usage.returncode == 2
    assert b"invalid choice" in usage.stderr
    demo.wait_sessions_ended()


def test_staff_choose_a_company_with_their_key(server):
    result = server.ssh("support", "--company", "2", "show", "general", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Nordwind Logistik GmbH"


def test_options_choosing_the_database_are_refused(server, demo):
    for words in (("--db", "sqlite:////tmp/other.sqlite3", "show", "plan"),
                  ("--db=sqlite:////tmp/x", "show", "plan"), ("--demo", "show", "plan"),
                  ("--dem", "show", "plan")):
        result = server.ssh("jonas", *words)
        assert result.returncode == 2, words
        assert result.stdout == b""
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and "not available over SSH" in lines[0], lines
    # Nor the commands that make or copy database files on the server.
    assert server.ssh("jonas", "demo").returncode == 2
    assert server.ssh("jonas", "backup", "/tmp/copy.sqlite3").returncode == 2
    assert demo.open_sessions() == []  # refused before any session was opened


def test_files_go_through_stdin_and_stdout(server, demo):
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (64, 32), "navy").save(png, format="PNG")
    saved = server.ssh("jonas", "logo", "set", "-", input=png.getvalue())
    assert saved.returncode == 0, saved.stderr
    assert "64×32" in saved.stdout.decode()
    general = json.loads(server.ssh("jonas", "show", "general", "--json").stdout)
    assert general["logo_width"] == 64 and general["logo_filename"]

    invoices = json.loads(server.ssh("jonas", "show", "invoices", "--json").stdout)
    number = invoices["items"][0]["number"]
    pdf = server.ssh("jonas", "invoices", "download", number, "--out", "-")
    assert pdf.returncode == 0, pdf.stderr
    assert pdf.stdout.startswith(b"%PDF-") and b"%%EOF" in pdf.stdout[-1024:]
    assert len(pdf.stdout) > 1000
    demo.wait_sessions_ended()


def test_the_store_checks_stdin_data_as_it_checks_a_file(server):
    not_an_image = server.ssh("jonas", "logo", "set", "-", input=b"GIF89a" + b"\0" * 100)
    assert not_an_image.returncode == 1
    assert b"PNG or JPEG" in not_an_image.stderr
    too_large = server.ssh("jonas", "logo", "set", "-", input=b"\x89PNG" + b"\0" * (3 << 20))
    assert too_large.returncode == 1
    assert b"at most 2 MiB" in too_large.stderr
    # Over SSH a path names the server's disk: refused, files come on stdin.
    path = server.ssh("jonas", "logo", "set", "/etc/hostname")
    assert path.returncode == 2 and b"stdin" in path.stderr


def test_no_terminal_and_no_command_gets_one_line_and_exit_2(server, demo):
    result = server.ssh("jonas", options=("-T",))
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == ["mycompany: use ssh -t, or give a command"]
    assert result.stdout == b""
    assert demo.open_sessions() == []


def test_an_unknown_key_is_refused_and_recorded(server, demo):
    result = server.ssh("nobody", "show", "plan")
    assert result.returncode == 255
    assert b"Permission denied (publickey)" in result.stderr
    origin = f"key {fingerprint(demo.keys['nobody'])} from 127.0.0.1"
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        rows = demo.query("SELECT outcome, reason FROM audit_event WHERE action = 'sign_in' "
                          "AND origin = ?", origin)
        if rows:
            break
        time.sleep(0.05)
    assert rows and rows[0][0] == "refused"


def test_only_public_keys_sign_in(server):
    result = server.ssh("nobody", "show", "plan", options=(
        "-o", "PreferredAuthentications=password,keyboard-interactive"))
    assert result.returncode == 255
    assert b"Permission denied (publickey)" in result.stderr


def test_no_forwarding_no_sftp(server):
    remote = server.ssh("jonas", "show", "plan", options=(
        "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:9"))
    assert remote.returncode == 255
    assert b"forwarding failed" in remote.stderr
    local = server.ssh("jonas", options=("-W", f"127.0.0.1:{server.port}"))
    assert local.returncode == 255
    assert b"forwarding failed" in local.stderr
    sftp = server.ssh("jonas", "sftp", options=("-s",))
    assert sftp.returncode != 0
    assert b"subsystem request failed" in sftp.stderr


def test_twenty_sessions_at_once(server, demo):
    def plan(_n):
        return server.ssh("jonas", "show", "plan", "--json", timeout=60)

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(plan, range(20)))
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results]
    assert all(json.loads(r.stdout)["plan"] == "Professional" for r in results)
    demo.wait_sessions_ended()


def test_too_many_failed_sign_ins_shut_the_address_out(server, demo):
    """Ten refusals from 127.0.0.2 within five minutes: that address is refused before
    authentication, even with a good key; 127.0.0.1 is not."""
    bound = ("-b", "127.0.0.2")
    for _ in range(10):
        assert server.ssh("nobody", "show", "plan", options=bound).returncode == 255
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and demo.query(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'sign_in' AND outcome = 'refused' "
            "AND origin LIKE '% from 127.0.0.2'")[0][0] < 10:
        time.sleep(0.05)
    shut_out = server.ssh("jonas", "show", "plan", options=bound)
    assert shut_out.returncode == 255
    assert b"Too many failed sign-ins" in shut_out.stderr
    assert server.ssh("jonas", "show", "plan").returncode == 0


def test_scp_is_not_a_way_in(server, tmp_path):
    source = tmp_path / "f.txt"
    source.write_text("x")
    result = subprocess.run(
        ["scp", "-O", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o",
         "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
         "-i", str(server.demo.keys["jonas"]), "-P", str(server.port), str(source),
         "127.0.0.1:/tmp/"], capture_output=True, timeout=30, check=False)
    assert result.returncode != 0
