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


# Public test-card conventions (as in Stripe's documentation): these numbers are declined.
DECLINED_TEST_CARDS = frozenset({"4000000000000002", "4000000000009995", "4000000000000069"})


class SandboxGateway:
    """The bundled gateway for demos and tests: every valid card succeeds but the declined ones."""

    def tokenize(self, number: str, exp_month: int, exp_year: int, security_code: str,
                 holder: str, brand: str) -> CardToken:
        if number in DECLINED_TEST_CARDS:
            raise CardDeclined(number[-4:])
        # A random token: nothing derived from the number is kept, not even a hash of it.
        import secrets  # (hashlib and OpenSSL's digests: loaded when a card is sent, not before)

        return CardToken(token="tok_sandbox_" + secrets.token_hex(12), brand=brand,
                         last4=number[-4:])

