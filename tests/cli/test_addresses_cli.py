"""Addresses by the country's rules from the command line (#16, SPEC §5): a Canadian province,
countries by name, postal codes as people write them, the layout of `show billing`."""

from __future__ import annotations

import json

CAMILLE = "camille@atelier-lumiere.fr"  # in its trial: every field may change
JONAS = "jonas@nordwind.de"  # trial over: country, region and VAT number locked


def test_a_canadian_address_holds_its_province_and_prints_as_canada_post_reads_it(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "Canada",
                         "--state", "ON", "--postal-code", "m5v 3l9", "--city", "Toronto",
                         "--line1", "290 Bremner Blvd", "--vat", "")
    assert (status, err) == (0, "")
    status, out, _ = cli("--as", CAMILLE, "show", "billing")
    assert "  290 Bremner Blvd\n  Toronto ON M5V 3L9\n  Canada (CA)\n" in out


def test_lowercase_postal_codes_are_stored_in_the_posts_form(cli):
    for country, typed, line in [("nl", "1012 lg", "  1012 LG Amsterdam"),
                                 ("Ireland", "d02 x285", "  D02 X285"),
                                 ("United Kingdom", "sw1a2aa", "  SW1A 2AA")]:
        status, _, err = cli("--as", CAMILLE, "set", "address", "--country", country,
                             "--postal-code", typed, "--city", "Amsterdam", "--vat", "")
        assert (status, err) == (0, ""), country
        assert line + "\n" in cli("--as", CAMILLE, "show", "billing")[1], country


def test_a_northern_ireland_vat_number_is_kept_as_typed(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "GB", "--city",
                         "Belfast", "--postal-code", "bt4 3xx", "--vat", "XI980780684")
    assert (status, err) == (0, "")
    assert "VAT number: XI980780684" in cli("--as", CAMILLE, "show", "billing")[1]


def test_the_stored_country_typed_by_name_is_no_change_for_the_lock(cli):
    assert cli("--as", JONAS, "set", "address", "--country", "Germany")[0] == 0
    status, _, err = cli("--as", JONAS, "set", "address", "--country", "France")
    assert status == 3
    assert "Country is locked after the trial" in err


def test_a_new_country_without_a_state_drops_the_state_of_the_old_one(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "US", "--state", "NY",
                         "--postal-code", "10118", "--city", "New York", "--vat", "")
    assert (status, err) == (0, "")
    status, out, err = cli("--as", CAMILLE, "set", "address", "--country", "Germany",
                           "--postal-code", "20457", "--city", "Hamburg", "--json")
    assert (status, err) == (0, "")  # not "Addresses in Germany have no state"
    assert json.loads(out)["address"]["state"] is None
    # A country whose post requires its region asks for it, rather than keeping New York's.
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "Canada",
                         "--postal-code", "m5v 3l9", "--city", "Toronto")
    assert status == 1 and "Enter the province for Canada" in err


def test_a_japanese_prefecture_typed_in_latin_letters_is_stored_so(cli):
    status, out, err = cli("--as", CAMILLE, "set", "address", "--country", "Japan",
                           "--state", "Tokyo", "--postal-code", "1008111", "--city",
                           "Chiyoda-ku", "--line1", "1-1 Chiyoda", "--vat", "", "--json")
    assert (status, err) == (0, "")
    assert json.loads(out)["address"]["state"] == "Tokyo"
    assert "  1-1 Chiyoda\n  Chiyoda-ku, Tokyo\n  100-8111\n" in cli(
        "--as", CAMILLE, "show", "billing")[1]


def test_a_swedish_postal_code_is_stored_as_postnord_writes_it(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "Sweden",
                         "--postal-code", "11151", "--city", "Stockholm", "--vat", "")
    assert (status, err) == (0, "")
    assert "  SE-111 51 Stockholm\n" in cli("--as", CAMILLE, "show", "billing")[1]
