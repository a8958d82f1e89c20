"""The lock speaks first on the command line (R16, SPEC §5): exit 3 "locked", not a check of
the value (tests/store/test_lock_first.py has the rule over every locked field)."""

from __future__ import annotations

import json

NORDWIND_OWNER = "jonas@nordwind.de"  # Nordwind's trial is over (demo data)


def test_set_address_country_on_nordwind_exits_3_locked(cli):
    status, out, err = cli("--as", NORDWIND_OWNER, "set", "address", "--country", "FR")
    assert (status, out) == (3, "")
    assert "Country is locked after the trial" in err
    assert "VAT number is for Germany" not in err
    _, shown, _ = cli("--as", NORDWIND_OWNER, "show", "billing", "--json")
    assert json.loads(shown)["address"]["country"] == "DE"


def test_set_address_invalid_vat_on_nordwind_exits_3_locked(cli):
    status, _, err = cli("--as", NORDWIND_OWNER, "set", "address", "--vat", "garbage!")
    assert status == 3
    assert "VAT number is locked after the trial" in err
