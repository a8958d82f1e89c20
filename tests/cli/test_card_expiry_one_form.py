"""A card's expiry is written one way everywhere: MM/YY, as printed on the card and as the card
form asks for it (#17 trial: Billing's payment section read "12/27", `show billing` "12/2027").
store.views.card_expiry decides it; JSON keeps the numbers."""

from __future__ import annotations

import json

from store.views import PaymentMethodView, card_expiry
from tui.sections.payment import payment_text

JONAS = "jonas@nordwind.de"


def test_the_expiry_is_mm_yy_on_the_screen_and_on_the_command_line(cli):
    status, out, _err = cli("--as", JONAS, "show", "billing")
    assert status == 0
    line = next(row for row in out.splitlines() if "expires" in row)
    status, raw, _err = cli("--as", JONAS, "show", "billing", "--json")
    card = json.loads(raw)["card"]
    expiry = card_expiry(card["exp_month"], card["exp_year"])
    assert f"expires {expiry}," in line  # "12/27", not "12/2027"
    assert str(card["exp_year"]) not in line
    view = PaymentMethodView(kind="card", brand="Visa", last4="4242",
                             exp_month=card["exp_month"], exp_year=card["exp_year"],
                             holder="Jonas Weber", version=1)
    assert f"expires {expiry} ·" in payment_text(view)
    # Scripts get numbers, not text to parse.
    assert isinstance(card["exp_month"], int) and card["exp_year"] >= 2026


def test_card_expiry_pads_and_cuts_the_year():
    assert card_expiry(12, 2027) == "12/27"
    assert card_expiry(3, 2030) == "03/30"
    assert card_expiry(1, 2105) == "01/05"
