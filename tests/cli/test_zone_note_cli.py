"""`companies create` says the time zone it chose when no source decides it (#18: a company in
a country of several zones whose region no source names gets the country's main zone, said,
never silently)."""

from __future__ import annotations

import pytest

ADMIN = "admin@mycompany.example"
BASE = ("--as", ADMIN, "companies", "create", "--plan", "Essentials", "--term", "monthly",
        "--owner-name", "Ani", "--currency", "USD")
INDONESIA = ("--country", "ID", "--line1", "Jl. Yos Sudarso 2", "--city", "Tarakan",
             "--postal-code", "77111")


@pytest.mark.parametrize(("where", "zone", "note"), [
    (("--country", "ES", "--state", "Islas Baleares"), "Europe/Madrid",
     "Spain: 3 time zones; Europe/Madrid, its main one, chosen: no source gives the zone of PM."),
    ((*INDONESIA, "--state", "Kalimantan Barat"), "Asia/Pontianak", None),
    # North Kalimantan, which zone.tab's "Borneo (east, south)" predates: East Kalimantan's zone
    # (store.places.region_zones._CARVED_FROM; #18 trial: it fell back to Jakarta)
    ((*INDONESIA, "--state", "Kalimantan Utara"), "Asia/Makassar", None),
    (("--country", "US"), "America/New_York",
     ("United States: 29 time zones; America/New_York, its main one, chosen: the address gives "
     "no region to choose by.")),
    (("--country", "NO"), "Europe/Oslo", None),
], ids=["unknown-region", "known-region", "carved-region", "no-region", "one-zone"])
def test_the_main_zone_is_said_when_no_source_chose(cli, where, zone, note):
    status, out, err = cli(*BASE, "--name", "Kopi", "--owner-email", "ani@kopi.example", *where)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert f"Time zone: {zone}" in lines
    assert (lines[-1] if "time zones;" in lines[-1] else None) == note
