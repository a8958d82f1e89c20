"""Planted data on the command line (issue #15, SPEC §8): every command that prints stored text,
as text and as JSON, on a database whose every text column holds PLANT (tests/planted/conftest.py).

Text: no raw control, bidi or separator character, and the planted text shown escaped
(tui.formatting.safe_text). JSON: valid, nothing raw, and parsed it gives back the stored value.
"""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from tests.planted.conftest import ADMIN, BILLING, JONAS, PLANT, RAW, SUPPORT
from tui.formatting import safe_text
from tui.textout import table

COMMANDS = {
    "show general": (JONAS, "show", "general"),
    "show plan": (JONAS, "show", "plan"),
    "show billing": (JONAS, "show", "billing"),
    "show invoices": (JONAS, "show", "invoices"),
    "show history": (JONAS, "show", "history"),
    "search": (SUPPORT, "search", "Nordwind"),
    "recipients list": (JONAS, "recipients", "list"),
    "requests list": (JONAS, "requests", "list", "--all"),
    "requests list, billing team": (BILLING, "requests", "list"),
    "keys list": (JONAS, "keys", "list"),
    "keys list, everyone's": (ADMIN, "keys", "list", "*"),
}
WITH_JSON = [name for name in COMMANDS if name != "recipients list"]


def strings(data) -> list[str]:
    """Every string value in parsed JSON."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return []


@pytest.mark.parametrize("name", COMMANDS)
def test_text_output_shows_planted_text_escaped_and_nothing_raw(planted_cli, name):
    who, *argv = COMMANDS[name]
    status, out, err = planted_cli("--as", who, *argv)
    assert (status, err) == (0, "")
    assert not RAW.findall(out)
    assert safe_text(PLANT) in out


@pytest.mark.parametrize("name", WITH_JSON)
def test_json_output_is_valid_nothing_raw_and_gives_back_the_stored_value(planted_cli, name):
    who, *argv = COMMANDS[name]
    status, out, err = planted_cli("--as", who, *argv, "--json")
    assert (status, err) == (0, "")
    assert not RAW.findall(out)
    planted = [s for s in strings(json.loads(out)) if "漢字" in s]
    assert planted and all(s.startswith(PLANT) for s in planted)


def test_json_gives_back_the_planted_company_name_exactly(planted_cli):
    _, out, _ = planted_cli("--as", JONAS, "show", "general", "--json")
    assert json.loads(out)["name"] == PLANT + "Nordwind Logistik GmbH"
    # escaped where the terminal would act on it (json.dumps writes FF as \f)
    assert "\\u009b2J\\u2028\\u0085\\u000b\\f\\u202e\\u00ad\\ufeff\\u200b漢字" in out


def test_the_stored_country_shows_literally_in_the_search(planted_cli):
    _, out, _ = planted_cli("--as", SUPPORT, "search", "Nordwind")
    assert "[/b][red]␛[31m␛]0;x␇�2J␤␤␋␌⇄���漢字DE" in out  # as a field draws it


def test_table_columns_line_up_in_terminal_cells_with_wide_text():
    text = table(["Name", "Country"], [["漢字漢字", "JP"], ["Acme", "DE"], ["x\x1b[31m", "FR"]])
    lines = text.split("\n")
    starts = [cell_len(line[:line.index(code)]) for line, code in zip(
        lines, ["Country", "JP", "DE", "FR"], strict=True)]
    assert starts == [starts[0]] * 4 and starts[0] == cell_len("漢字漢字") + 2


def test_search_json_gives_back_the_planted_country(planted_cli):
    _, out, _ = planted_cli("--as", SUPPORT, "search", "Nordwind", "--json")
    assert [hit["country"] for hit in json.loads(out)] == [PLANT + "DE"]


def test_the_bytes_a_real_process_writes_hold_nothing_raw(planted, db_url):
    """The program as a script runs it: its own process, stdout a pipe, UTF-8 bytes."""
    import os
    import subprocess
    import sys

    from store.persistence.db import database

    database.close()
    env = {**os.environ, "MYCOMPANY_DATABASE_URL": db_url}
    for argv in (["show", "billing"], ["show", "billing", "--json"], ["show", "history"]):
        done = subprocess.run([sys.executable, "-m", "tui", "--as", JONAS, *argv], env=env,
                              capture_output=True, timeout=60, check=False)
        assert (done.returncode, done.stderr) == (0, b"")
        text = done.stdout.decode("utf-8")
        assert "漢字" in text and not RAW.findall(text)


def test_the_billing_address_shows_line_breaks_escaped_not_as_spaces(planted_cli):
    """U+2028, NEL, VT and FF in a stored address line: `show billing` escapes them as `show
    history` does (README), where they once printed as a plain space."""
    _, out, _ = planted_cli("--as", JONAS, "show", "billing")
    address = out.split("\n\n")[0].splitlines()[1:]
    assert address and address[0].startswith("  " + safe_text(PLANT))
    assert "␤␤␋␌" in address[0]
