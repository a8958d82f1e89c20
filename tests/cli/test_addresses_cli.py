"""Addresses by the country's rules from the command line (#16, SPEC §5): a Canadian province,
countries by name, postal codes as people write them, the layout of `show billing`."""

from __future__ import annotations

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
