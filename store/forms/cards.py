"""Payment cards (R14): brands, their number lengths, the number check, how a method is named.

Plain Python, no Pydantic: the screens and History name a payment method with
`payment_method_label` without loading the forms.
"""

from __future__ import annotations

import re

from store.i18n import _

BRAND_NAMES = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express",
               "discover": "Discover"}
BRAND_LENGTHS = {"visa": (13, 16, 19), "mastercard": (16,), "amex": (15,),
                 "discover": (16, 17, 18, 19)}
OTHER_PAYMENT_KINDS = ("direct_debit", "bank_transfer")  # set by the billing team (R14 note)


def payment_kind_label(kind: str) -> str:
    """A payment method other than a card, in the person's language ("Direct debit").

    Raises KeyError for a kind not in OTHER_PAYMENT_KINDS.
    """
    return {"direct_debit": _("Direct debit"), "bank_transfer": _("Bank transfer")}[kind]


def payment_method_label(kind: str, brand: str | None = None, last4: str | None = None) -> str:
    """How a payment method is named everywhere (R14): `Visa •••• 4242` for a card, the most
    anything ever says of one; "Direct debit" or "Bank transfer" otherwise."""
    if kind != "card":
        return payment_kind_label(kind)
    return f"{brand or ''} •••• {last4 or ''}"


def card_brand(digits: str) -> str | None:
    """The brand of a card number from its first digits, or None for brands not accepted."""
    def prefix(size: int) -> int:
        return int(digits[:size]) if len(digits) >= size and digits[:size].isdigit() else -1

    if digits.startswith("4"):
        return "visa"
    if prefix(2) in (34, 37):
        return "amex"
    if 51 <= prefix(2) <= 55 or 2221 <= prefix(4) <= 2720:
        return "mastercard"
    if prefix(4) == 6011 or prefix(2) == 65 or 644 <= prefix(3) <= 649:
        return "discover"
    return None


def card_number(value: str) -> str:
    """The digits of a card number typed with spaces or dashes, checked: digits 0-9 only, an
    accepted brand, that brand's length and the Luhn check digit. ValueError otherwise, whose
    message never repeats the digits."""
    digits = re.sub(r"[\s-]", "", value)
    # str.isdigit() and \d accept full-width and Arabic-Indic digits; the gateway does not.
    if not re.fullmatch(r"[0-9]+", digits):
        raise ValueError(_("Enter the card number with the digits 0-9 "
                           "(spaces and dashes are ignored)"))
    brand = card_brand(digits)
    if brand is None:
        raise ValueError(_("We accept Visa, Mastercard, American Express and Discover cards; "
                           "this number is none of them"))
    lengths = [str(n) for n in BRAND_LENGTHS[brand]]
    if len(digits) not in BRAND_LENGTHS[brand]:
        listed = lengths[0] if len(lengths) == 1 else _("{some} or {last}").format(
            some=", ".join(lengths[:-1]), last=lengths[-1])
        raise ValueError(_("A {brand} card number has {lengths} digits; this one has {count}")
                         .format(brand=BRAND_NAMES[brand], lengths=listed, count=len(digits)))
    from stdnum import luhn

    if not luhn.is_valid(digits):
        raise ValueError(_("This card number has a typo (its check digit does not match); "
                           "check the digits on the card"))
    return digits
