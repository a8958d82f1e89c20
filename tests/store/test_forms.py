"""Tests of the input forms: every rule of SPEC.md sections 3, 5 and 9 that a form enforces."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from store.errors import InvalidInput
from store.forms.cards import card_brand
from store.forms.schemas import (
    AddressForm,
    CardForm,
    ChangeRequestForm,
    GeneralForm,
    ReasonForm,
    RecipientForm,
)
from store.forms.validation import validate

TODAY = date(2026, 11, 27)


def refused(form_cls, data, **kwargs) -> dict[str, str]:
    """The field errors validate() gives for `data`; fails the test if it is accepted."""
    with pytest.raises(InvalidInput) as caught:
        validate(form_cls, data, **kwargs)
    return caught.value.errors


def address(**fields) -> dict:
    return {"line1": "12 rue de la Paix", "city": "Paris", "postal_code": "75002",
            "country": "FR", **fields}


def card(**fields) -> dict:
    return {"number": "4242 4242 4242 4242", "expiry": "12/28", "security_code": "123",
            "holder": "Ada Lovelace", **fields}


# ---------------------------------------------------------------- General tab (R3)


def test_r3_company_name_is_trimmed():
    assert validate(GeneralForm, {"name": "  ACME  "}).name == "ACME"


@pytest.mark.parametrize("name", ["[bold]x", "[bold]x[/]", "ACME [EU] GmbH", "Café Ñandú"])
def test_r3_markup_and_accents_are_plain_text(name):
    assert validate(GeneralForm, {"name": name}).name == name


def test_r3_persian_name_keeps_its_zero_width_non_joiner():
    assert validate(GeneralForm, {"name": "می\u200cخواهم"}).name == "می\u200cخواهم"


@pytest.mark.parametrize("name", ["", "   "])
def test_r3_company_name_is_required(name):
    assert refused(GeneralForm, {"name": name}) == {"name": "This field is required"}


def test_r3_missing_company_name_is_required():
    assert refused(GeneralForm, {}) == {"name": "This field is required"}


def test_r3_company_name_of_10000_characters_is_refused():
    errors = refused(GeneralForm, {"name": "x" * 10_000})
    assert "at most 100 characters" in errors["name"]


def test_r3_company_name_of_100_characters_is_accepted():
    assert len(validate(GeneralForm, {"name": "x" * 100}).name) == 100


@pytest.mark.parametrize(
    ("name", "code"),
    [("ACME\x1b[31m", "U+001B"), ("AC\x00ME", "U+0000"), ("ACME\u202eHbmG", "U+202E"),
     ("\u2066ACME", "U+2066"), ("AC\nME", "U+000A"), ("AC\ufeffME", "U+FEFF")],
)
def test_r3_company_name_with_control_character_is_refused(name, code):
    errors = refused(GeneralForm, {"name": name})
    assert code in errors["name"]
    assert "control character" in errors["name"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("example.com", "https://example.com"),
     ("www.example.com/about", "https://www.example.com/about"),
     ("example.com:8080", "https://example.com:8080"),
     ("http://example.com", "http://example.com"),
     ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
     ("http://localhost:8000", "http://localhost:8000"),
     ("  https://example.com  ", "https://example.com"),
     ("https://café.fr", "https://café.fr")],
)
def test_r3_website_accepted(typed, stored):
    assert validate(GeneralForm, {"name": "ACME", "website": typed}).website == stored


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_r3_website_is_optional(typed):
    assert validate(GeneralForm, {"name": "ACME", "website": typed}).website is None


@pytest.mark.parametrize(
    "typed",
    ["javascript:alert(1)", "JavaScript://example.com/%0Aalert(1)", "file:///etc/passwd",
     "ftp://example.com", "data:text/html,<b>x</b>", "mailto:a@example.com",
     "https:example.com"],
)
def test_r3_website_other_scheme_is_refused(typed):
    errors = refused(GeneralForm, {"name": "ACME", "website": typed})
    assert "http:// or https://" in errors["website"]


@pytest.mark.parametrize(
    "typed", ["exa mple.com", "https://example.com/a b", "example.com\nSet-Cookie: x"]
)
def test_r3_website_with_spaces_is_refused(typed):
    errors = refused(GeneralForm, {"name": "ACME", "website": typed})
    assert "no spaces" in errors["website"]


@pytest.mark.parametrize("typed", ["https://", "http://intranet", "https://-bad-.com",
                                   "https://example..com", "https://example.com:99999",
                                   "http://[::1"])
def test_r3_website_without_full_domain_is_refused(typed):
    errors = refused(GeneralForm, {"name": "ACME", "website": typed})
    assert "full domain name" in errors["website"]


def test_r3_website_with_user_name_is_refused():
    errors = refused(GeneralForm, {"name": "ACME", "website": "https://bank.com@evil.example"})
    assert "user name or password" in errors["website"]


def test_r3_website_longer_than_2048_is_refused():
    errors = refused(GeneralForm, {"name": "ACME", "website": "example.com/" + "a" * 2040})
    assert "at most 2048 characters" in errors["website"]


# ---------------------------------------------------------------- billing address (R15)


def test_r15_french_address_with_vat_number():
    form = validate(AddressForm, address(postal_code="69003", city="Lyon",
                                         vat_number="FR 40 303 265 045"))
    assert (form.postal_code, form.city, form.country) == ("69003", "Lyon", "FR")
    assert form.vat_number == "FR40303265045"
    assert form.state is None and form.line2 is None


def test_r15_city_keeps_the_persons_spelling():
    assert validate(AddressForm, address(city="  lyon ", postal_code="69003")).city == "lyon"


def test_r15_country_in_lower_case_is_stored_upper_case():
    assert validate(AddressForm, address(country="fr")).country == "FR"


@pytest.mark.parametrize("country", ["FRA", "XX", "EL", "1", "France", "ＦＲ"])
def test_r15_unknown_country_is_refused(country):
    errors = refused(AddressForm, address(country=country))
    assert errors == {"country": "Enter a country as its two-letter ISO code, like FR, DE or US"}


def test_r15_street_and_city_are_required():
    errors = refused(AddressForm, address(line1=" ", city=""))
    assert errors == {"line1": "This field is required", "city": "This field is required"}


def test_r15_street_line_of_201_characters_is_refused():
    assert "at most 200" in refused(AddressForm, address(line2="x" * 201))["line2"]


def test_r15_city_with_escape_is_refused():
    assert "U+001B" in refused(AddressForm, address(city="Paris\x1b]0;x\x07"))["city"]


def test_r15_lyon_postal_code():
    assert validate(AddressForm, address(postal_code="69003", city="Lyon")).postal_code == "69003"


def test_r15_four_digit_french_postal_code_is_refused():
    errors = refused(AddressForm, address(postal_code="6900", city="Lyon"))
    assert "postal code for France" in errors["postal_code"]
    assert "like 33380" in errors["postal_code"]


def test_r15_french_postal_code_is_required():
    errors = refused(AddressForm, address(postal_code=""))
    assert errors == {"postal_code": "Enter a postal code for France, like 33380"}


def test_r15_british_postal_code_is_stored_in_capitals():
    form = validate(AddressForm, address(postal_code="sw1a 1aa", city="London", country="GB"))
    assert (form.postal_code, form.city) == ("SW1A 1AA", "London")


def test_r15_postal_code_is_kept_as_typed_where_the_country_has_none():
    form = validate(AddressForm, address(postal_code="999077", city="Hong Kong", country="HK"))
    assert form.postal_code == "999077"


def test_r15_us_address_with_state_and_zip():
    form = validate(AddressForm, address(postal_code="94043", city="Mountain View", state="CA",
                                         country="US"))
    assert (form.state, form.postal_code) == ("CA", "94043")


@pytest.mark.parametrize("state", ["ca", "California", " CALIFORNIA "])
def test_r15_us_state_is_stored_as_its_code(state):
    form = validate(AddressForm, address(postal_code="94043", state=state, country="US"))
    assert form.state == "CA"


def test_r15_us_zip_of_another_state_is_refused():
    errors = refused(AddressForm, address(postal_code="10001", state="CA", country="US"))
    assert list(errors) == ["postal_code"]
    assert "not in California" in errors["postal_code"]


def test_r15_us_zip_in_wrong_format_is_refused():
    errors = refused(AddressForm, address(postal_code="9404", state="CA", country="US"))
    assert "postal code for United States" in errors["postal_code"]


@pytest.mark.parametrize("state", [None, "", "ZZ", "Bavaria"])
def test_r15_us_address_needs_a_valid_state(state):
    errors = refused(AddressForm, address(postal_code="94043", state=state, country="US"))
    assert errors == {"state": "Enter the US state as its two-letter code, like CA or NY"}


def test_r15_state_outside_the_us_is_refused():
    errors = refused(AddressForm, address(state="IDF"))
    assert errors == {"state": "A state is only given for US addresses; leave it empty"}


def test_r15_country_rules_error_is_attached_to_its_field():
    with pytest.raises(ValidationError) as caught:
        AddressForm.model_validate(address(postal_code="10001", state="CA", country="US"))
    assert [err["loc"] for err in caught.value.errors()] == [("postal_code",)]


def test_r15_every_field_error_shows_at_once():
    errors = refused(AddressForm, address(city="", postal_code="6900", state="CA"))
    assert list(errors) == ["postal_code", "city", "state"]


@pytest.mark.parametrize(
    ("country", "postal_code", "typed", "stored"),
    [("DE", "10115", "DE136695976", "DE136695976"),
     ("DE", "10115", "de 811 907 980", "DE811907980"),
     ("GR", "151 24", "EL 094259216", "EL094259216"),
     ("GB", "SW1A 1AA", "GB 980 7806 84", "GB980780684"),
     ("GB", "SW1A 1AA", "980780684", "GB980780684"),
     ("CH", "3003", "CHE-107.787.577 IVA", "CHE107787577IVA"),
     ("NO", "0025", "NO 995 525 828 MVA", "NO995525828MVA"),
     ("JP", "154-0023", "5-8356-7825-6246", "5835678256246")],
)
def test_r15_vat_number_accepted(country, postal_code, typed, stored):
    form = validate(AddressForm, address(country=country, postal_code=postal_code,
                                         vat_number=typed))
    assert form.vat_number == stored


def test_r15_vat_number_where_stdnum_has_no_checker():
    form = validate(AddressForm, address(country="US", state="CA", postal_code="94043",
                                         vat_number="12-3456789"))
    assert form.vat_number == "123456789"


def test_r15_vat_number_is_optional():
    assert validate(AddressForm, address(vat_number="  ")).vat_number is None


def test_r15_greek_vat_number_with_gr_prefix_is_refused():
    errors = refused(AddressForm, address(country="GR", postal_code="151 24",
                                          vat_number="GR094259216"))
    assert "EL" in errors["vat_number"]
    assert "EL094259216" in errors["vat_number"]


def test_r15_vat_number_of_another_country_is_refused():
    errors = refused(AddressForm, address(vat_number="DE136695976"))
    assert errors["vat_number"] == "This VAT number is for Germany; the address is in France"


def test_r15_eu_vat_number_for_a_british_address_is_refused():
    errors = refused(AddressForm, address(country="GB", postal_code="SW1A 1AA",
                                          vat_number="DE136695976"))
    assert "for Germany; the address is in United Kingdom" in errors["vat_number"]


def test_r15_eu_vat_number_without_prefix_is_refused():
    errors = refused(AddressForm, address(vat_number="40303265045"))
    assert "Start the VAT number with FR" in errors["vat_number"]


def test_r15_vat_number_with_wrong_check_digits_is_refused():
    errors = refused(AddressForm, address(vat_number="FR40303265046"))
    assert "check digits" in errors["vat_number"]


def test_r15_vat_number_in_wrong_format_is_refused():
    errors = refused(AddressForm, address(country="DE", postal_code="10115", vat_number="DE12"))
    assert "not a valid VAT number for Germany" in errors["vat_number"]


def test_r15_british_vat_number_with_wrong_check_digits_is_refused():
    errors = refused(AddressForm, address(country="GB", postal_code="SW1A 1AA",
                                          vat_number="GB980780685"))
    assert "check digits" in errors["vat_number"]


def test_r15_vat_number_with_symbols_is_refused():
    errors = refused(AddressForm, address(vat_number="FR40/303265045"))
    assert "only letters and digits" in errors["vat_number"]


def test_r15_vat_number_too_short_where_no_checker_exists():
    errors = refused(AddressForm, address(country="US", state="CA", postal_code="94043",
                                          vat_number="A"))
    assert "2 to 32" in errors["vat_number"]


# ---------------------------------------------------------------- recipients (R13)


def test_r13_recipient_is_stored_in_lower_case():
    form = validate(RecipientForm, {"email": "  Billing@Example.COM "})
    assert form.email == "billing@example.com"


@pytest.mark.parametrize("typed", ["a@b.com\nBcc: x@y.com", "a@b.com\r\nBcc: x@y.com",
                                   "a@b.com,c@d.com", "a@b.com; c@d.com",
                                   "Ann <a@b.com>", "a@b.com c@d.com"])
def test_r13_recipient_with_header_injection_is_refused(typed):
    errors = refused(RecipientForm, {"email": typed})
    assert "Enter one e-mail address" in errors["email"]


@pytest.mark.parametrize("typed", ["billing", "billing@", "@example.com", "a@b", "a@@b.com"])
def test_r13_recipient_that_is_no_address_is_refused(typed):
    errors = refused(RecipientForm, {"email": typed})
    assert "not an e-mail address" in errors["email"]


def test_r13_recipient_is_required():
    assert refused(RecipientForm, {"email": ""}) == {"email": "This field is required"}


# ---------------------------------------------------------------- payment card (R14)


@pytest.mark.parametrize(
    ("number", "code", "brand"),
    [("4242 4242 4242 4242", "123", "visa"),
     ("5555555555554444", "123", "mastercard"),
     ("2223-0031-2200-3222", "123", "mastercard"),
     ("378282246310005", "1234", "amex"),
     ("6011111111111117", "123", "discover")],
)
def test_r14_card_accepted(number, code, brand):
    form = validate(CardForm, card(number=number, security_code=code), today=TODAY)
    assert form.brand == brand
    assert form.last4 == number[-4:]


def test_r14_card_expiry_parts():
    form = validate(CardForm, card(expiry="8/2029"), today=TODAY)
    assert (form.expiry, form.exp_month, form.exp_year) == ("08/29", 8, 2029)


def test_r14_card_expiring_this_month_is_accepted():
    assert validate(CardForm, card(expiry="11/26"), today=TODAY).exp_year == 2026


def test_r14_expired_card_is_refused():
    errors = refused(CardForm, card(expiry="01/20"), today=TODAY)
    assert "expired" in errors["expiry"] and "01/20" in errors["expiry"]


def test_r14_card_expired_last_month_is_refused():
    assert "expired" in refused(CardForm, card(expiry="10/26"), today=TODAY)["expiry"]


def test_r14_expiry_month_13_is_refused():
    assert "01 to 12" in refused(CardForm, card(expiry="13/27"), today=TODAY)["expiry"]


@pytest.mark.parametrize("expiry", ["1227", "12-27", "December 2027", "１２/２７", "08/2129"])
def test_r14_expiry_not_mm_yy_is_refused(expiry):
    assert "MM/YY" in refused(CardForm, card(expiry=expiry), today=TODAY)["expiry"]


def test_r14_card_with_wrong_check_digit_is_refused():
    errors = refused(CardForm, card(number="4242 4242 4242 4241"), today=TODAY)
    assert "check digit" in errors["number"]


@pytest.mark.parametrize("number", ["４２４２ ４２４２ ４２４２ ４２４２",
                                    "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢", "4242 4242 4242 424x"])
def test_r14_card_number_not_in_ascii_digits_is_refused(number):
    errors = refused(CardForm, card(number=number), today=TODAY)
    assert "digits 0-9" in errors["number"]


def test_r14_card_of_unknown_brand_is_refused():
    errors = refused(CardForm, card(number="9999 9999 9999 9995"), today=TODAY)
    assert "Visa, Mastercard, American Express and Discover" in errors["number"]


def test_r14_visa_of_wrong_length_is_refused():
    errors = refused(CardForm, card(number="4242 4242 4242 42"), today=TODAY)
    assert "13, 16 or 19 digits" in errors["number"]


def test_r14_amex_needs_a_four_digit_code():
    errors = refused(CardForm, card(number="378282246310005", security_code="123"), today=TODAY)
    assert "4-digit" in errors["security_code"]


def test_r14_visa_needs_a_three_digit_code():
    errors = refused(CardForm, card(security_code="1234"), today=TODAY)
    assert "3-digit" in errors["security_code"]


def test_r14_card_fields_are_required():
    errors = refused(CardForm, {"number": " ", "expiry": "", "security_code": "",
                                "holder": ""}, today=TODAY)
    assert errors == dict.fromkeys(["number", "expiry", "security_code", "holder"],
                                   "This field is required")


def test_r14_holder_with_bidi_override_is_refused():
    errors = refused(CardForm, card(holder="Ada \u202eecalevol"), today=TODAY)
    assert "U+202E" in errors["holder"]


@pytest.mark.parametrize(
    ("brand", "number"),
    [("visa", "4111"), ("mastercard", "2720"), ("mastercard", "51"), ("amex", "34"),
     ("discover", "644"), ("discover", "65"), (None, "2721"), (None, "56"), (None, "643")],
)
def test_r14_card_brand_from_prefix(brand, number):
    assert card_brand(number + "0" * 12) == brand


def test_r14_card_number_and_code_never_show():
    form = validate(CardForm, card(security_code="987"), today=TODAY)
    for shown in (repr(form), str(form), form.model_dump_json(), repr(form.model_dump())):
        assert "4242424242424242" not in shown and "4242 4242" not in shown
        assert "987" not in shown


def test_r14_refused_card_does_not_carry_the_number():
    with pytest.raises(InvalidInput) as caught:
        validate(CardForm, card(security_code="98"), today=TODAY)
    assert "4242" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_r14_expiry_without_today_uses_the_real_date():
    form = CardForm.model_validate(card(expiry=f"12/{date.today().year % 100 + 1:02d}"))
    assert form.exp_year == date.today().year + 1


# ---------------------------------------------------------------- locked fields (R16)


def test_r16_change_request():
    form = validate(ChangeRequestForm, {"field": "vat_number", "new_value": " DE136695976 ",
                                        "note": ""})
    assert (form.field, form.new_value, form.note) == ("vat_number", "DE136695976", None)


def test_r16_change_request_for_an_unlocked_field_is_refused():
    errors = refused(ChangeRequestForm, {"field": "city"})
    assert "Choose one of" in errors["field"] and "'vat_number'" in errors["field"]


def test_r16_change_request_note_too_long_is_refused():
    errors = refused(ChangeRequestForm, {"field": "state", "note": "x" * 1001})
    assert "at most 1000" in errors["note"]


def test_r16_change_request_note_with_escape_is_refused():
    errors = refused(ChangeRequestForm, {"field": "state", "note": "please\x1b[2J"})
    assert "U+001B" in errors["note"]


def test_r16_billing_team_reason_is_required():
    assert refused(ReasonForm, {"reason": "  "}) == {"reason": "This field is required"}


def test_r16_billing_team_reason_of_501_characters_is_refused():
    assert "at most 500" in refused(ReasonForm, {"reason": "x" * 501})["reason"]


def test_r16_billing_team_ticket_too_long_is_refused():
    assert "at most 64" in refused(ReasonForm, {"reason": "ok", "ticket": "T" * 65})["ticket"]


def test_r16_billing_team_reason_with_ticket():
    form = validate(ReasonForm, {"reason": "Customer moved to Lyon", "ticket": " SUP-42 "})
    assert (form.reason, form.ticket) == ("Customer moved to Lyon", "SUP-42")


# ---------------------------------------------------------------- validate() (section 9)


def test_validate_gives_one_message_per_field_without_pydantic_prefix():
    errors = refused(GeneralForm, {"name": "\x00" * 3, "website": "javascript:x"})
    assert set(errors) == {"name", "website"}
    assert not any(message.startswith("Value error") for message in errors.values())


def test_validate_refuses_data_that_is_not_a_form():
    assert "__all__" in refused(GeneralForm, "ACME")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "website", "line1", "line2", "postal_code",
                                        "city", "state", "country", "vat_number", "email",
                                        "number", "expiry", "security_code", "holder"]),
                       st.one_of(st.none(), st.text(max_size=40))),
       st.sampled_from([GeneralForm, AddressForm, RecipientForm, CardForm]))
def test_9_any_text_is_accepted_or_refused_with_messages(data, form_cls):
    try:
        validate(form_cls, data, today=TODAY)
    except InvalidInput as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())
