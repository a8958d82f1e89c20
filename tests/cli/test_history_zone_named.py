"""History's times are in the company's own zone, the one its invoices' and due dates' days are
in, the zone named once in the time column's title; History across companies reads UTC, named,
as its --since/--until days are UTC's (#17 trial: History showed UTC beside PDFs in the
company's day, and nothing said which zone a time was in). JSON keeps UTC with its offset."""

from __future__ import annotations

import json

from tui.formatting import when_title

JONAS = "jonas@nordwind.de"  # Nordwind, Hamburg: Europe/Berlin
MARIA = "maria@blueharbor.com"  # Blue Harbor, California: America/Los_Angeles
BILLING = "billing@mycompany.example"


def test_a_company_s_history_is_in_its_zone_named_once(cli):
    # The tests' clock: 2026-11-27 12:00 UTC, 13:00 in Hamburg, 04:00 in California; the
    # reader's own zone (TZ) is UTC (tests/conftest.py) and chooses nothing here.
    assert cli("--as", JONAS, "set", "general", "--name", "Nordwind neu")[0] == 0
    status, out, _err = cli("--as", JONAS, "show", "history")
    assert status == 0
    head, first = out.splitlines()[:2]
    assert head.split()[:3] == ["Time", "(Berlin)", "Who"]
    assert first.startswith("2026-11-27 13:00  ") and "CET" not in first
    status, raw, _err = cli("--as", JONAS, "show", "history", "--json")
    page = json.loads(raw)
    assert page["zone"] == "Europe/Berlin"
    assert page["items"][0]["at"] == "2026-11-27T12:00:00+00:00"  # UTC, with its offset

    assert cli("--as", MARIA, "set", "general", "--name", "Blue Harbor Two")[0] == 0
    status, out, _err = cli("--as", MARIA, "show", "history")
    head, first = out.splitlines()[:2]
    assert head.startswith("Time (Los Angeles)") and first.startswith("2026-11-27 04:00  ")


def test_history_across_companies_is_in_utc_named(cli):
    assert cli("--as", JONAS, "set", "general", "--name", "Nordwind neu")[0] == 0
    status, out, _err = cli("--as", BILLING, "history", "--company", "2")
    assert status == 0
    head, first = out.splitlines()[:2]
    assert head.split()[:4] == ["Company", "Time", "(UTC)", "Who"]
    assert "2026-11-27 12:00  " in first


def test_the_column_title_names_the_zone_by_its_city_in_the_reader_s_language():
    assert when_title("Europe/Berlin", "en") == "Time (Berlin)"
    assert when_title("UTC", "en") == "Time (UTC)"
    assert when_title(None, "en") == "Time (UTC)"
