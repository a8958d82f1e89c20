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
                             "--postal-code", typed, "--city", "Amsterdam", "--vat", "",
                             "--line1", f"1 {country} Street")
        assert (status, err) == (0, ""), country
        assert line + "\n" in cli("--as", CAMILLE, "show", "billing")[1], country


def test_a_northern_ireland_vat_number_is_kept_as_typed(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "GB", "--city",
                         "Belfast", "--postal-code", "bt4 3xx", "--vat", "XI980780684",
                         "--line1", "Stormont Estate")
    assert (status, err) == (0, "")
    assert "VAT number: XI980780684" in cli("--as", CAMILLE, "show", "billing")[1]


def test_the_stored_country_typed_by_name_is_no_change_for_the_lock(cli):
    assert cli("--as", JONAS, "set", "address", "--country", "Germany")[0] == 0
    status, _, err = cli("--as", JONAS, "set", "address", "--country", "France")
    assert status == 3
    assert "Country is locked after the trial" in err


def test_a_new_country_without_a_state_drops_the_state_of_the_old_one(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "US", "--state", "NY",
                         "--postal-code", "10118", "--city", "New York", "--vat", "",
                         "--line1", "350 Fifth Avenue")
    assert (status, err) == (0, "")
    status, out, err = cli("--as", CAMILLE, "set", "address", "--country", "Germany",
                           "--postal-code", "20457", "--city", "Hamburg", "--line1",
                           "Speicherstraße 5", "--json")
    assert (status, err) == (0, "")  # not "Addresses in Germany have no state"
    assert json.loads(out)["address"]["state"] is None
    # A country whose post requires its region asks for it, rather than keeping New York's.
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "Canada",
                         "--postal-code", "m5v 3l9", "--city", "Toronto", "--line1",
                         "290 Bremner Blvd")
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
                         "--postal-code", "11151", "--city", "Stockholm", "--vat", "",
                         "--line1", "Drottninggatan 1")
    assert (status, err) == (0, "")
    assert "  SE-111 51 Stockholm\n" in cli("--as", CAMILLE, "show", "billing")[1]


def test_a_postal_code_of_another_province_is_answered_with_one_of_the_province(cli):
    # Every province was offered a Montreal code, every prefecture a Tokyo one (#16 trial).
    ontario = "This postal code is not in Ontario; enter one from there, like K1A 0B1"
    nova_scotia = "This postal code is not in Nova Scotia; enter one from there\n"
    osaka = "This postal code is not in Osaka; enter one from there\n"
    for country, state, typed, message in [("CA", "ON", "H2X 1Y4", ontario),
                                           ("CA", "NS", "H2X 1Y4", nova_scotia),
                                           ("JP", "Osaka", "100-0001", osaka)]:
        status, _, err = cli("--as", CAMILLE, "set", "address", "--country", country,
                             "--state", state, "--postal-code", typed, "--city", "Town")
        assert status == 1 and message in err, (state, err)
        assert "Nouvelle" not in err and "H3Z 2Y7" not in err and "154-0023" not in err


def test_postal_codes_with_old_prefixes_or_full_width_are_stored_without_them(cli):
    # Åland's code under Finland is stored as Finland's are, its AX- the layout's (README).
    for country, typed, stored in [("DE", "D-20457", "20457"), ("AT", "A-1010", "1010"),
                                   ("FI", "ax-22100", "22100"), ("DE", "１０１１５", "10115")]:
        status, out, err = cli("--as", CAMILLE, "set", "address", "--country", country,
                               "--postal-code", typed, "--city", "Town", "--vat", "", "--json",
                               "--line1", f"1 {country} Street")
        assert (status, err) == (0, ""), typed
        assert json.loads(out)["address"]["postal_code"] == stored


def test_superscript_digits_are_refused_rather_than_read_as_a_postal_code(cli):
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "DE",
                         "--postal-code", "¹⁰¹¹⁵", "--city", "Berlin", "--vat", "")
    assert status == 1
    assert "Write the postal code in the digits 0-9 and the letters A-Z" in err


def test_countries_and_regions_as_people_write_them(cli):
    """#16 trial: "U.S.", a US state in French, an ISO 3166-2 code, Turkey, GBR were refused."""
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "U.S.",
                         "--state", "Caroline du Nord", "--postal-code", "27601",
                         "--city", "Raleigh", "--line1", "1 E Edenton St", "--vat", "")
    assert (status, err) == (0, "")
    assert "Raleigh, NC 27601" in cli("--as", CAMILLE, "show", "billing")[1]
    assert cli("--as", CAMILLE, "set", "address", "--state", "US-CA", "--postal-code",
               "94043", "--city", "Mountain View")[0] == 0
    for typed, code, postal_code in [("Turkey", "TR", "06100"), ("GBR", "GB", "SW1A 2AA")]:
        status, out, err = cli("--as", CAMILLE, "set", "address", "--country", typed,
                               "--state", "", "--postal-code", postal_code, "--city", "x",
                               "--line1", f"1 {typed} Street", "--json")
        assert (status, err) == (0, ""), typed
        assert json.loads(out)["address"]["country"] == code
    status, _, err = cli("--as", CAMILLE, "set", "address", "--country", "Korea")
    assert status == 1 and "North Korea (KP), South Korea (KR)" in err
