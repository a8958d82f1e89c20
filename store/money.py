"""Exact money: amounts are stored as integer minor units and handed out as Decimal."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from store.i18n import _

# The most minor units an amount column keeps (IntegerField: PostgreSQL's integer, 32-bit):
# prices, invoice lines and totals (store.persistence.models). An amount a person types beyond
# it is refused as a bad value, not written to fail in the database (#18 trial: "The database
# failed: integer out of range", exit 6).
MAX_MINOR = 2 ** 31 - 1


@cache
def exponent(currency: str) -> int:
    """Digits after the decimal point for `currency` (ISO 4217, from Babel's CLDR data)."""
    from babel.numbers import get_currency_precision

    return get_currency_precision(currency.upper())


def from_minor(minor: int, currency: str) -> Decimal:
    """1234, EUR -> Decimal('12.34'), exact and with the currency's own number of places."""
    places = exponent(currency)
    return (Decimal(minor) / (Decimal(10) ** places)).quantize(Decimal(1).scaleb(-places))


def to_minor(amount: Decimal, currency: str) -> int:
    """Decimal('12.34'), EUR -> 1234; refuses amounts finer than the currency allows."""
    scaled = amount * (Decimal(10) ** exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(_("{amount} has more decimal places than {currency} allows").format(
            amount=amount, currency=currency))
    return int(scaled)


def typed_minor(text: str, currency: str) -> int:
    """An amount as a person types it ("120.50", "120", " 1 200.5 ") in minor units of
    `currency` (12050 for EUR). Digits are ASCII and the decimal mark is a point: "1e3", "NaN",
    "١٢" (other scripts' digits, which Decimal() takes) and "1_000" are refused, as are more
    places than the currency has (to_minor), and more than an amount column keeps (MAX_MINOR,
    either sign). Zero and negative amounts pass: the caller says what it allows. ValueError
    saying which it is otherwise."""
    typed = (text or "").strip().replace(" ", "")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", typed, flags=re.ASCII):
        raise ValueError(_("Enter the amount in digits with a point, like {example}.").format(
            example=from_minor(4500, currency)))
    minor = to_minor(Decimal(typed), currency)
    if abs(minor) > MAX_MINOR:
        raise ValueError(_("Enter an amount of at most {most}.").format(
            most=money_text(from_minor(MAX_MINOR, currency), currency)))
    return minor


def money_text(amount: Decimal, currency: str, locale: str | None = None) -> str:
    """`amount` written for `locale` (None: the language messages are in) by Babel's currency
    format: €1,234.56, 1 234,56 €. The screens and messages of the store write money alike."""
    from babel.numbers import format_currency

    from store.i18n import babel_locale, current_locale

    return format_currency(amount, currency, locale=babel_locale(locale or current_locale()))
