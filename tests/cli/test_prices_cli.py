"""`mycompany prices list|set` (#18): the catalogue as admin staff change it from a month (SPEC §2:
the price catalogue is admin staff's; billing staff read it like everyone)."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import cli  # noqa: F401  (the fixture: `mycompany` on a demo database)

BILLING, SUPPORT = "billing@mycompany.example", "support@mycompany.example"
ADMIN = "admin@mycompany.example"
SET = ["prices", "set", "--plan", "essentials", "--frequency", "monthly", "--currency", "USD",
       "--item", "user", "--reason", "2027 list"]


def test_admin_staff_set_a_price_from_a_month_and_everyone_reads_it(cli):  # noqa: F811
    status, out, err = cli("--as", ADMIN, *SET, "--amount", "44.00", "--from", "2027-01",
                           "--json")
    assert (status, err) == (0, "")
    [price] = json.loads(out)
    assert (price["amount"], price["effective_from"]) == ("44.00", "2027-01-01")
    status, out, _ = cli("--as", "maria@blueharbor.com", "prices", "list", "--plan",
                         "essentials", "--on", "2027-01-15")
    assert status == 0
    line = next(row for row in out.splitlines() if "monthly" in row and "USD" in row
                and row.split()[3] == "user")
    assert "$44.00" in line and "Jan 1, 2027" in line
    _, before, _ = cli("--as", BILLING, "prices", "list", "--plan", "essentials")
    assert "$44.00" not in before  # today's prices


@pytest.mark.parametrize("amount", ["١٢", "4e1", "NaN", "1_000", "45,00"])
def test_an_amount_is_ascii_digits_and_a_point(cli, amount):  # noqa: F811
    """Decimal() takes all of these; the catalogue takes 45.00 as a person writes it."""
    status, _, err = cli("--as", ADMIN, *SET, "--amount", amount, "--from", "2027-01")
    assert status == 1
    assert "--amount: Enter the amount in digits with a point, like 45.00." in err


def test_a_refused_value_names_its_option_and_others_are_refused(cli):  # noqa: F811
    status, _, err = cli("--as", ADMIN, *SET, "--amount", "4.005", "--from", "2020-01")
    assert status == 1
    assert "--amount: 4.005 has more decimal places than USD allows" in err
    assert "--from: Prices change from" in err
    for who in (SUPPORT, BILLING):  # #18 trial: billing staff's `prices set` exited 0
        status, _, err = cli("--as", who, *SET, "--amount", "44.00", "--from", "2027-01")
        assert (status, err) == (3, "mycompany: Only admin staff can do this.\n")
