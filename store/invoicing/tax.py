"""VAT on an invoice (SPEC §5 Tax): the EU standard rates, the rule for a seller and a buyer, the
amount.

The rates come from ONE data file, store/invoicing/tax_rates.json, read here and nowhere else:
each member state's standard rate with the day it took effect, from the European Commission ("VAT
rates applied in the Member States of the European Union" and its Taxes in Europe Database), the
date of the check in the file. Why a file and not a package from PyPI: the two maintained ones found
(eu-vat-rates-data, published by a VIES-lookup vendor; duty27-eu-vat) are young single-maintainer
projects, and the first has no effective dates, so an invoice for a past period, or a rate that
changes in the middle of a run, would take today's rate. A rate is a legal value: a change is a
reviewed commit to the file, with its source, not whatever a dependency upgrade brings. The rates
in force were checked against both packages on the file's `checked_on` day (all 27 agree); the
changes since 2016 are as Duty27 compiles them (CC BY 4.0, credited in the file).

The rule (`tax_for`), for a seller established in the EU selling telephony, a service:

- `domestic`: buyer in the seller's country: the seller's standard rate, VAT number or not.
- `eu_reverse_charge`: buyer in another member state with a VAT number of that state that
  python-stdnum finds valid (format and check digits; not a VIES lookup): 0 %, the customer
  accounts for the VAT (Art. 196, Directive 2006/112/EC) and the invoice says so (Art. 226(11a)).
- `eu_consumer`: buyer in another member state without such a number (none, or one stdnum finds
  invalid: no proof of business status, Art. 18(2) Implementing Regulation 282/2011): the
  customer's country's standard rate (Art. 58; declared through the One-Stop Shop). The 10 000 €
  threshold of Art. 59c, under which a small seller may keep its own rate, is not applied.
- `outside_eu`: buyer outside the EU: no EU VAT (Art. 44 for a business, Art. 59 for a consumer:
  the place of supply is the customer's country). Northern Ireland (XI numbers, country GB) is
  in the EU's VAT area for goods only (Windsor Framework); telephony is a service, so GB and XI
  buyers are outside the EU here.

Monaco is in France's VAT area (Art. 7(1)): a Monegasque buyer is a French one. The territories
the Directive leaves outside the EU's VAT area (Art. 6) are outside the EU here (`outside_eu`, no
VAT, its mention), told by the billing address (`excluded_territory`): by their own country code
(Åland AX; the French overseas departments GP, MQ, GF, RE, YT and collectivities), or, given as
their state's country, by the postal code: Mount Athos (GR 630 86), Art. 6(1)(a); the Canary
Islands (ES 35xxx, 38xxx), Art. 6(1)(b); the French overseas departments and collectivities (FR
97xxx), Art. 6(1)(c) (the territories of Art. 349 and 355(1) TFEU), and the overseas countries
and territories outside the EU altogether (FR 984xx-988xx); Åland (FI 22xxx, written AX-22xxx
too), Art. 6(1)(d); Campione d'Italia (IT 22061), Art. 6(1)(f) as amended by Directive (EU)
2019/475; Heligoland (DE 27498) and Büsingen (DE 78266), Art. 6(2)(a)-(b); Ceuta (ES 51xxx) and
Melilla (ES 52xxx), Art. 6(2)(c)-(d); Livigno (IT 23041), Art. 6(2)(e). Monaco (FR 98000) stays
French. A territory is decided on the address as the customer gave it; the postal codes are the
national posts' (Correos, Posti, ELTA, Deutsche Post, Poste Italiane, La Poste).

Greece is GR as a country and EL as a VAT prefix. Amounts stay integers of minor units; the tax
is computed once, on the invoice's net total, and rounded to the cent half up (`tax_amount`):
the Directive asks for the VAT payable per rate on the invoice (Art. 226(10)) and leaves rounding
to the member states, which accept the commercial rounding of the total.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol

from store import i18n
from store.i18n import N_

RATES_FILE = Path(__file__).resolve().parent / "tax_rates.json"

RuleCode = Literal["domestic", "eu_reverse_charge", "eu_consumer", "outside_eu"]
# Stored on invoices issued before the rule was (migration 0008): their figures are as the demo
# or an import wrote them, not a decision of `tax_for`.
LEGACY_RULE = "legacy"

# The mentions, as English message ids; `tax_for` translates them into the document's language.
# National references are added for the seller's own country where its law names the article
# (France: place of supply of a service to a business, art. 259-1 of the Code général des
# impôts; "Autoliquidation" is the word art. 242 nonies A of its annex II asks for).
MENTIONS: dict[str, str] = {
    "domestic": "",
    "eu_reverse_charge": N_("Reverse charge: VAT to be accounted for by the customer "
                            "(Article 196 of Directive 2006/112/EC)"),
    "eu_consumer": N_("VAT of the customer's country, {country} "
                      "(Article 58 of Directive 2006/112/EC)"),
    "outside_eu": N_("VAT not applicable: services supplied to a customer outside the EU "
                     "(Articles 44 and 59 of Directive 2006/112/EC)"),
}
NATIONAL_REFERENCES: dict[tuple[str, str], str] = {
    ("FR", "eu_reverse_charge"): N_("art. 259-1 of the French tax code (CGI)"),
    ("FR", "outside_eu"): N_("art. 259-1 of the French tax code (CGI)"),
}


class TaxParty(Protocol):
    """A seller or a buyer as the rule reads it: an ISO 3166-1 alpha-2 country and the VAT
    number as stored (compact, with its prefix: FR40303265045, EL094259216), or None."""

    @property
    def country(self) -> str: ...

    @property
    def vat_number(self) -> str | None: ...


class TaxBuyer(TaxParty, Protocol):
    """A buyer as the rule reads it: a TaxParty and the postal code of its billing address as
    given ("35001", "AX-22100", "630 86"), or None; it tells the territories of a member state
    outside the EU's VAT area (excluded_territory)."""

    @property
    def postal_code(self) -> str | None: ...


@dataclass(frozen=True)
class Party:
    """A TaxBuyer from plain values (tests, the billing run's snapshot of an address)."""

    country: str
    vat_number: str | None = None
    postal_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class TaxDecision:
    """The rule applied to one invoice: its code, the rate in percent (Decimal, exact: 25.5),
    and the mention the invoice prints ("" for none) in the document's language."""

    rule: RuleCode
    rate: Decimal
    mention: str

    @property
    def permille(self) -> int:
        """The rate in tenths of a percent, as Invoice.tax_rate_permille keeps it (20 % -> 200;
        every EU standard rate is a whole number of tenths)."""
        return int(self.rate * 10)


class TaxRuleMissing(ValueError):
    """No rule for this sale: the seller is not established in an EU member state, or a date
    before the rates file starts."""


# ---------------------------------------------------------------- the rates


@cache
def _rates() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RATES_FILE.read_text(encoding="utf-8"))
    return data


def member_states() -> frozenset[str]:
    """The 27 EU member states, as ISO 3166-1 alpha-2 codes (GR for Greece)."""
    return frozenset(_rates()["countries"])


def vat_prefix(country: str) -> str:
    """The prefix of a member state's VAT numbers: the country code, EL for Greece."""
    entry = _rates()["countries"].get(country.upper(), {})
    return str(entry.get("vat_prefix", country.upper()))


def vat_area(country: str) -> str:
    """The member state whose VAT covers `country`: Monaco is France (Art. 7(1), Directive
    2006/112/EC); any other country is itself."""
    code = country.upper()
    return str(_rates().get("same_vat_area", {}).get(code, code))


def standard_rate(country: str, on: date) -> Decimal:
    """The standard VAT rate of member state `country` in force on `on`, in percent (Decimal).

    Raises TaxRuleMissing for a country outside the EU or a day before the file's first date.
    """
    entry = _rates()["countries"].get(country.upper())
    if entry is None:
        raise TaxRuleMissing(f"{country} is not an EU member state")
    rate: Decimal | None = None
    for window in entry["standard"]:  # in order of their "from" days
        if date.fromisoformat(window["from"]) <= on:
            rate = Decimal(window["rate"])
    if rate is None:
        raise TaxRuleMissing(f"no VAT rate for {country} on {on.isoformat()}")
    return rate


def rates_source() -> Mapping[str, Any]:
    """Where the rates come from and when they were checked (the file's own words)."""
    data = _rates()
    return {key: data[key] for key in ("source", "checked_on", "checked_against", "attribution")}


# ---------------------------------------------------------------- the territories

# Postal code prefixes (the code's digits, spaces and a country prefix left out) of the
# territories of a member state outside the EU's VAT area, Art. 6 of Directive 2006/112/EC
# (the module's docstring says which paragraph each is).
EXCLUDED_TERRITORIES: dict[str, dict[str, str]] = {
    "ES": {"35": "Canary Islands", "38": "Canary Islands", "51": "Ceuta", "52": "Melilla"},
    "FI": {"22": "Åland"},
    "GR": {"63086": "Mount Athos"},
    "DE": {"78266": "Büsingen am Hochrhein", "27498": "Heligoland"},
    "IT": {"23041": "Livigno", "22061": "Campione d'Italia"},
    "FR": {"97": "French overseas department or collectivity", "984": "French Southern Lands",
           "986": "Wallis and Futuna", "987": "French Polynesia", "988": "New Caledonia"},
}
_POSTAL_PREFIX = re.compile(r"^[A-Z]{1,3}-")  # "AX-22100", "D-78266", "E-35001"


def excluded_territory(country: str, postal_code: str | None) -> str | None:
    """The territory outside the EU's VAT area (Art. 6, Directive 2006/112/EC) an address in
    member state `country` (ISO 3166-1 alpha-2) with `postal_code` (as typed: "35001",
    "AX-22100", "630 86") is in, by its English name ("Canary Islands"), else None (the
    state's VAT area, or no postal code). EXCLUDED_TERRITORIES lists them; the source is
    Art. 6(1)-(2) of Council Directive 2006/112/EC as amended by Directive (EU) 2019/475 (the
    module's docstring gives each territory its point)."""
    prefixes = EXCLUDED_TERRITORIES.get((country or "").upper())
    if not prefixes or not postal_code:
        return None
    code = _POSTAL_PREFIX.sub("", postal_code.strip().upper()).replace(" ", "")
    if not code.isdigit():
        return None
    for prefix, name in prefixes.items():
        if code.startswith(prefix):
            return name
    return None


# ---------------------------------------------------------------- the rule


def valid_eu_vat_number(number: str | None, country: str) -> bool:
    """Whether `number` is a VAT number of member state `country` that python-stdnum finds
    valid (prefix, format, check digits). Northern Ireland's XI numbers are not (services)."""
    if not number or country not in member_states():
        return False
    from stdnum.eu import vat as eu_vat

    compact = number.replace(" ", "").upper()
    return compact.startswith(vat_prefix(country)) and bool(eu_vat.is_valid(compact))


def tax_for(seller: TaxParty, buyer: TaxBuyer, on: date, *,
            locale: str = i18n.DEFAULT_LOCALE) -> TaxDecision:
    """The VAT rule for a sale of services by `seller` to `buyer` on day `on` (the invoice's
    date of supply), with its mention in `locale` (the document's language). A buyer in a
    territory outside the EU's VAT area (excluded_territory: the Canary Islands given as ES
    35001…) is outside the EU, VAT number or not, the seller's own state's too (Art. 6).

    Pure: it reads the rates file and nothing else. Raises TaxRuleMissing when the seller is
    not established in an EU member state (these are the EU's rules) or the day is before the
    rates file's first.
    """
    seller_country, buyer_country = vat_area(seller.country), vat_area(buyer.country)
    if seller_country not in member_states():
        raise TaxRuleMissing(f"the seller's country {seller_country} is not an EU member state")
    if excluded_territory(buyer.country, buyer.postal_code) is not None:
        return _decision("outside_eu", Decimal(0), seller_country, buyer_country, locale)
    if buyer_country == seller_country:
        return _decision("domestic", standard_rate(seller_country, on), seller_country,
                         buyer_country, locale)
    if buyer_country not in member_states():
        return _decision("outside_eu", Decimal(0), seller_country, buyer_country, locale)
    if valid_eu_vat_number(buyer.vat_number, buyer_country):
        return _decision("eu_reverse_charge", Decimal(0), seller_country, buyer_country, locale)
    return _decision("eu_consumer", standard_rate(buyer_country, on), seller_country,
                     buyer_country, locale)


def _decision(rule: RuleCode, rate: Decimal, seller_country: str, buyer_country: str,
              locale: str) -> TaxDecision:
    return TaxDecision(rule=rule, rate=rate,
                       mention=mention(rule, seller_country, buyer_country, locale))


def mention(rule: str, seller_country: str, buyer_country: str, locale: str) -> str:
    """The mention an invoice prints for `rule` ("" for none), in `locale`."""
    message = MENTIONS.get(rule, "")
    if not message:
        return ""
    translate = i18n.gettext_for(locale)
    text = translate(message).format(country=i18n.country_name(buyer_country, locale))
    national = NATIONAL_REFERENCES.get((seller_country, rule))
    if national:
        text = translate(N_("{mention}; {reference}")).format(mention=text,
                                                              reference=translate(national))
    return text


# ---------------------------------------------------------------- the amount


def tax_amount(net_minor: int, rate: Decimal) -> int:
    """The VAT on an invoice's net total, in the same minor units: net x rate / 100, rounded
    half up to the unit (the cent). 305473 at 20 % -> 61095 (610.946 -> 610.95)."""
    exact = Decimal(net_minor) * rate / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
