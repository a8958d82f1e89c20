"""Amounts and counts a person gives are checked against what the database keeps before
anything is written (#18 trial): `prices set --amount 99999999999999999999.99` was "The database
failed: integer out of range" (exit 6); `plans change --users 99999999999999999999` said "at
most 9223372036854775807" where 9223372036854775807 said "from 0 to 100,000"."""

from __future__ import annotations

import pytest

from store.money import MAX_MINOR, typed_minor

ADMIN = ("--as", "admin@mycompany.example")
PRICE = ("prices", "set", "--plan", "essentials", "--frequency", "monthly", "--currency", "EUR",
         "--item", "extra_number", "--from", "2027-01", "--reason", "trial")


@pytest.mark.parametrize("amount", ["99999999999999999999.99", "21474836.48"])
def test_an_amount_beyond_the_column_is_a_field_message(cli, amount):
    status, out, err = cli(*ADMIN, *PRICE, "--amount", amount)
    assert (status, out) == (1, "")
    assert err.strip().endswith("--amount: Enter an amount of at most €21,474,836.47.")
    assert "database" not in err


def test_the_largest_amount_the_column_keeps_is_taken():
    assert typed_minor("21474836.47", "EUR") == MAX_MINOR
    with pytest.raises(ValueError, match="at most"):
        typed_minor("-21474836.48", "EUR")


@pytest.mark.parametrize("users", ["99999999999999999999", "9223372036854775807", "100001"])
def test_a_count_beyond_the_limit_is_said_with_the_one_limit(cli, users):
    status, out, err = cli(*ADMIN, "--company", "2", "plans", "change", "--users", users,
                           "--from", "2027-01", "--reason", "trial")
    assert (status, out) == (2, "")
    assert err.strip().endswith("--users: Enter a whole number from 0 to 100,000")
