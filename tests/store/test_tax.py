"""SPEC §5 Tax: the rule for a French seller and buyers in and out of the EU, against amounts
computed by hand; the rates file; the rounding."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from store.invoicing.tax import (
    LEGACY_RULE,
    RATES_FILE,
    Party,
    TaxRuleMissing,
    member_states,
    standard_rate,
    tax_amount,
    tax_for,
)

ON = date(2026, 11, 1)
SELLER = Party("FR", "FR11123456782")  # the demo's seller (store.demo.data.SELLER)

# Numbers python-stdnum finds valid for each country, and one of the right prefix it does not.
VALID = {"FR": "FR40303265045", "DE": "DE136695976", "IE": "IE6388047V", "GR": "EL094259216",
         "US": None, "CH": "CHE116281710MWST", "GB": "GB980780684", "XI": "XI980780684"}
INVALID = {"FR": "FR40303265046", "DE": "DE136695977", "IE": "IE6388047X", "GR": "EL094259217",
           "US": "US123", "CH": "CHE116281711MWST", "GB": "GB980780685", "XI": "XI980780685"}

# The net totals the amounts below were computed from by hand: 3 054,73 € (a month of Nordwind's
# plan), 2,50 € (a half cent at 21 %: half up gives 0,53, half even would give 0,52) and 99,99 €.
NETS = (305473, 250, 9999)
# buyer's country -> (rule without a valid number, its rate, its VAT on each net, in cents)
WITHOUT_NUMBER = {
    "FR": ("domestic", Decimal(20), (61095, 50, 2000)),       # 610,946 -> 610,95; 19,998
    "DE": ("eu_consumer", Decimal(19), (58040, 48, 1900)),    # 580,3987; 0,475; 18,9981
    "IE": ("eu_consumer", Decimal(23), (70259, 58, 2300)),    # 702,5879; 0,575; 22,9977
    "GR": ("eu_consumer", Decimal(24), (73314, 60, 2400)),    # 733,1352; 0,60; 23,9976
    "US": ("outside_eu", Decimal(0), (0, 0, 0)),
    "CH": ("outside_eu", Decimal(0), (0, 0, 0)),
    "GB": ("outside_eu", Decimal(0), (0, 0, 0)),
    "XI": ("outside_eu", Decimal(0), (0, 0, 0)),  # Northern Ireland: a GB address, an XI number
}


def buyer(code: str, number: str | None) -> Party:
    return Party("GB" if code == "XI" else code, number)


@pytest.mark.parametrize("code", list(WITHOUT_NUMBER))
@pytest.mark.parametrize("number", ["absent", "valid", "invalid"])
def test_tax_matrix_for_a_french_seller(code, number):
    """France x {FR, DE, IE, GR, US, CH, GB, XI} x VAT number {absent, valid, invalid}: a valid
    number of another member state is a business (B2B: reverse charge, 0 %); none, or one
    python-stdnum refuses, is treated as a consumer (B2C: the customer's country's rate)."""
    vat = {"absent": None, "valid": VALID[code], "invalid": INVALID[code]}[number]
    rule, rate, taxes = WITHOUT_NUMBER[code]
    if number == "valid" and rule == "eu_consumer":
        rule, rate, taxes = "eu_reverse_charge", Decimal(0), (0, 0, 0)
    decision = tax_for(SELLER, buyer(code, vat), ON)
    assert (decision.rule, decision.rate) == (rule, rate)
    assert [tax_amount(net, decision.rate) for net in NETS] == list(taxes)
    assert decision.permille == int(rate * 10)


def test_nordwind_is_reverse_charged_with_the_mention():
    """The issue's German business with a valid VAT number: 0 %, not 19 %, and the mention."""
    decision = tax_for(SELLER, Party("DE", "DE136695976"), ON)
    assert (decision.rule, decision.rate, tax_amount(305473, decision.rate)) == (
        "eu_reverse_charge", Decimal(0), 0)
    assert decision.mention.startswith("Reverse charge")
    assert "Article 196 of Directive 2006/112/EC" in decision.mention
    assert "259-1" in decision.mention  # the French seller's own article


def test_each_rule_says_why_and_domestic_says_nothing():
    mentions = {code: tax_for(SELLER, buyer(code, None), ON).mention for code in ("FR", "DE", "US")}
    assert mentions["FR"] == ""
    assert mentions["DE"] == ("VAT of the customer's country, Germany "
                              "(Article 58 of Directive 2006/112/EC)")
    assert mentions["US"].startswith("VAT not applicable: services supplied to a customer "
                                     "outside the EU")
    assert "259-1" in mentions["US"]


def test_another_member_states_seller_gets_no_french_article():
    decision = tax_for(Party("DE", "DE136695976"), Party("FR", "FR40303265045"), ON)
    assert decision.rule == "eu_reverse_charge"
    assert "CGI" not in decision.mention
    assert tax_for(Party("DE", "DE136695976"), Party("DE"), ON).rate == Decimal(19)


def test_greek_numbers_carry_el_and_a_gr_prefix_proves_nothing():
    assert tax_for(SELLER, Party("GR", "EL094259216"), ON).rule == "eu_reverse_charge"
    assert tax_for(SELLER, Party("GR", "GR094259216"), ON).rule == "eu_consumer"


def test_a_number_of_another_state_than_the_address_is_no_proof():
    """The address says Ireland, the number is German: the Irish consumer rate."""
    assert tax_for(SELLER, Party("IE", "DE136695976"), ON).rate == Decimal(23)


def test_a_seller_outside_the_eu_has_no_rule():
    with pytest.raises(TaxRuleMissing):
        tax_for(Party("US"), Party("DE"), ON)


def test_rates_follow_their_effective_dates():
    """Germany's 16 % of the second half of 2020, Finland's 25.5 % from September 2024."""
    assert standard_rate("DE", date(2020, 12, 31)) == Decimal(16)
    assert standard_rate("DE", date(2021, 1, 1)) == Decimal(19)
    assert standard_rate("FI", date(2024, 8, 31)) == Decimal(24)
    assert standard_rate("FI", date(2024, 9, 1)) == Decimal("25.5")
    decision = tax_for(SELLER, Party("FI"), date(2024, 9, 1))
    assert (decision.rate, decision.permille, tax_amount(305473, decision.rate)) == (
        Decimal("25.5"), 255, 77896)  # 778,956 15 -> 778,96
    with pytest.raises(TaxRuleMissing):
        standard_rate("FR", date(2015, 12, 31))


def test_the_rates_file_names_its_source_and_every_member_state():
    data = json.loads(RATES_FILE.read_text(encoding="utf-8"))
    assert "European Commission" in data["source"] and data["checked_on"]
    assert len(member_states()) == 27 and "GR" in member_states() and "GB" not in member_states()
    for code, entry in data["countries"].items():
        days = [window["from"] for window in entry["standard"]]
        assert days == sorted(days), code
        assert all(isinstance(window["rate"], str) for window in entry["standard"]), code


def test_rounding_is_half_up_on_the_total_and_symmetric_for_credit_notes():
    assert tax_amount(250, Decimal(21)) == 53  # 52.5 cents
    assert tax_amount(-250, Decimal(21)) == -53
    assert tax_amount(305473, Decimal(20)) == 61095
    # On the total, not per line: two lines of 0,25 € at 21 % are 0,105 €, 0,11 € in all
    # (per line it would be 0,05 + 0,05).
    assert tax_amount(25 + 25, Decimal(21)) == 11


def test_the_mention_is_in_the_documents_language():
    """A French invoice names the customer's country in French, whatever the screens' language."""
    assert "Germany" in tax_for(SELLER, Party("DE"), ON, locale="en").mention
    assert "Allemagne" in tax_for(SELLER, Party("DE"), ON, locale="fr").mention


def test_legacy_is_not_a_rule_the_function_gives():
    codes = {tax_for(SELLER, buyer(code, VALID[code]), ON).rule for code in WITHOUT_NUMBER}
    assert LEGACY_RULE not in codes


def test_monaco_is_france_for_vat_and_aland_is_outside():
    """Art. 7(1): Monaco is in France's VAT area; Art. 6: Åland (AX) is outside the EU's."""
    assert tax_for(SELLER, Party("MC"), ON).rule == "domestic"
    assert tax_amount(305473, tax_for(SELLER, Party("MC"), ON).rate) == 61095
    assert tax_for(SELLER, Party("AX"), ON).rule == "outside_eu"
