"""History's times are in the reader's zone (SPEC §2), the zone named once in the time column's
title, on the History tab, `show history` and `mycompany history` alike (#17 trial: History's
times said nowhere which zone they were in, beside PDFs dated in the company's day). JSON keeps
UTC with its offset."""

from __future__ import annotations

import json
from datetime import datetime

from tui.formatting import when_title

JONAS = "jonas@nordwind.de"  # Nordwind, Hamburg
BILLING = "billing@mycompany.example"
SAVED = datetime(2026, 11, 27, 12, 0)  # UTC


def test_a_company_s_history_reads_in_the_reader_s_zone_named_once(demo, mycompany):
    assert mycompany("--as", JONAS, "set", "general", "--name", "Nordwind neu",
                     now=SAVED).returncode == 0
    tokyo = mycompany("--as", JONAS, "show", "history", now=SAVED, TZ="Asia/Tokyo").stdout
    head, first = tokyo.splitlines()[:2]
    assert head.split()[:3] == ["Time", "(Tokyo)", "Who"]
    assert first.startswith("2026-11-27 21:00  ") and "JST" not in first
    utc = mycompany("--as", JONAS, "show", "history", now=SAVED, TZ="UTC").stdout
    assert utc.splitlines()[0].startswith("Time (UTC)")
    assert utc.splitlines()[1].startswith("2026-11-27 12:00  ")
    page = json.loads(mycompany("--as", JONAS, "show", "history", "--json", now=SAVED,
                                TZ="Asia/Tokyo").stdout)
    assert page["items"][0]["at"] == "2026-11-27T12:00:00+00:00"  # UTC, with its offset


def test_history_across_companies_reads_in_the_reader_s_zone_named(demo, mycompany):
    assert mycompany("--as", JONAS, "set", "general", "--name", "Nordwind neu",
                     now=SAVED).returncode == 0
    out = mycompany("--as", BILLING, "history", "--company", "2", now=SAVED,
                    TZ="America/New_York").stdout
    head, first = out.splitlines()[:2]
    assert head.split()[:4] == ["Company", "Time", "(New", "York)"]
    assert "2026-11-27 07:00  " in first


def test_the_column_title_names_the_zone_by_its_city_in_the_reader_s_language():
    assert when_title("Europe/Berlin", "en") == "Time (Berlin)"
    assert when_title("UTC", "en") == "Time (UTC)"
    assert when_title("CET", "en") == "Time (CET)"  # a zone the machine names no better


def test_a_zone_the_machine_cannot_name_is_told_by_its_offset_never_a_traceback(demo, mycompany):
    """#15 trial: TZ=UTC+3 (a POSIX rule: three hours west) or TZ=Bogus/Zone crashed History
    with a traceback, over SSH too. The times follow the clock's rule, named by its offset."""
    assert mycompany("--as", JONAS, "set", "general", "--name", "Nordwind neu",
                     now=SAVED).returncode == 0
    posix = mycompany("--as", JONAS, "show", "history", now=SAVED, TZ="UTC+3")
    assert posix.returncode == 0 and "Traceback" not in posix.stderr
    head, first = posix.stdout.splitlines()[:2]
    assert head.startswith("Time (UTC-03:00)") and first.startswith("2026-11-27 09:00  ")
    unknown = mycompany("--as", JONAS, "show", "history", now=SAVED, TZ="Bogus/Zone")
    assert unknown.returncode == 0 and unknown.stdout.startswith("Time (UTC)")
