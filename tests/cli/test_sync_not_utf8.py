"""A feed that is not UTF-8 (#18 trial: a Latin-1 export, random bytes, on stdin too): the line
that is not is a bad line, "not UTF-8 text; save the feed as UTF-8", the others are applied;
never a traceback (it ended in UnicodeDecodeError, then "generator didn't stop after throw()")."""

from __future__ import annotations

import io
import sys

BEA = ("--as", "billing@mycompany.example")
GOOD = b'{"company": 3, "kind": "team", "name": "Harbour"}\n'
LATIN1 = '{"company": 3, "kind": "team", "name": "caf\xe9"}\n'.encode("latin-1")
SAID = "Line 1: not UTF-8 text; save the feed as UTF-8"


def test_a_latin1_line_is_a_bad_line_and_the_others_are_applied(cli, tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(LATIN1 + GOOD)
    status, out, err = cli(*BEA, "sync", "--dry-run", str(path))
    assert status == 1 and err.splitlines() == [SAID]
    assert "+ team Harbour" in out and "caf" not in out


def test_a_latin1_csv_and_random_bytes_are_bad_lines_too(cli, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"company,kind,name\n3,team,caf\xe9\n3,team,Harbour\n")
    status, out, err = cli(*BEA, "sync", "--dry-run", str(path))
    assert status == 1 and err.splitlines() == ["Line 2: not UTF-8 text; save the feed as UTF-8"]
    assert "+ team Harbour" in out
    path = tmp_path / "random.jsonl"
    path.write_bytes(bytes(range(128, 256)) * 8 + b"\n" + GOOD)
    status, out, err = cli(*BEA, "sync", "--dry-run", str(path))
    assert status == 1 and err.splitlines() == [SAID] and "+ team Harbour" in out


def test_stdin_that_is_not_utf8(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LATIN1 + GOOD)))
    status, out, err = cli(*BEA, "sync", "--dry-run", "-")
    assert status == 1 and err.splitlines() == [SAID] and "+ team Harbour" in out


def test_the_companies_are_counted_in_one_line(cli, tmp_path):
    """#18 trial: "0 companies changed." then "100 companies already in step…" for one run."""
    path = tmp_path / "two.jsonl"
    path.write_bytes(GOOD)
    assert cli(*BEA, "sync", str(path))[0] == 0
    path.write_bytes(GOOD + b'{"company": 2, "kind": "team", "name": "Kitchen"}\n')
    _status, out, _ = cli(*BEA, "sync", "--dry-run", str(path))
    assert out.splitlines()[-1] == ("1 company would change, 1 already in step with the feed; "
                                    "nothing was written.")
    _status, out, _ = cli(*BEA, "sync", str(path))
    assert out.splitlines()[-1] == "1 company changed, 1 already in step with the feed."
    _status, out, _ = cli(*BEA, "sync", str(path), "--dry-run")
    assert out.splitlines()[-1:] == [
        "2 companies already in step with the feed: nothing would change."]
