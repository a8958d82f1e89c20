"""The payment gateway adapter: a card goes in, a token comes out; the sandbox follows test cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class CardDeclined(Exception):
    """The gateway refused the card."""


@dataclass(frozen=True)
class CardToken:
    """What the gateway gives back: the only card data the store may keep."""

    token: str
    brand: str
    last4: str


class Gateway(Protocol):
    def tokenize(self, number: str, exp_month: int, exp_year: int, security_code: str,
                 holder: str, brand: str) -> CardToken: ...

    def charge(self, token: str, amount_minor: int, currency: str, reference: str) -> str:
        """Charge `amount_minor` (minor units of `currency`) to the card behind `token`;
        returns the gateway's charge id. CardDeclined when the bank refuses."""
        ...


# Public test-card conventions (as in Stripe's documentation): these numbers are declined, and
# this one is taken but every charge to it is declined (a card that attaches, then fails).
DECLINED_TEST_CARDS = frozenset({"4000000000000002", "4000000000009995", "4000000000000069"})
CHARGE_DECLINED_TEST_CARD = "4000000000000341"
_DECLINES_CHARGES = "tok_sandbox_declines_"


class SandboxGateway:
    """The bundled gateway for demos and tests: every valid card succeeds but the declined ones."""

    def tokenize(self, number: str, exp_month: int, exp_year: int, security_code: str,
                 holder: str, brand: str) -> CardToken:
        if number in DECLINED_TEST_CARDS:
            raise CardDeclined(number[-4:])
        # A random token: nothing derived from the number is kept, not even a hash of it.
        import secrets  # (hashlib and OpenSSL's digests: loaded when a card is sent, not before)

        prefix = _DECLINES_CHARGES if number == CHARGE_DECLINED_TEST_CARD else "tok_sandbox_"
        return CardToken(token=prefix + secrets.token_hex(12), brand=brand, last4=number[-4:])

    def charge(self, token: str, amount_minor: int, currency: str, reference: str) -> str:
        """Every charge succeeds but those to the charge-declined test card."""
        if token.startswith(_DECLINES_CHARGES) or amount_minor <= 0:
            raise CardDeclined(reference)
        import secrets

        return "ch_sandbox_" + secrets.token_hex(12)

