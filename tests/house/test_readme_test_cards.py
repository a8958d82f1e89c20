"""The README's test cards are the sandbox gateway's, each with what it does (#17 trial: the
README gave 4000 0000 0000 0002 as "declined", which `card set` refuses, so it could never try a
declined charge; 4000 0000 0000 0341, saved then declined on charge, was only in the code)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from store.invoicing.gateway import (
    CHARGE_DECLINED_TEST_CARD,
    DECLINED_TEST_CARDS,
    CardDeclined,
    SandboxGateway,
)

README = Path(__file__).resolve().parents[2] / "README.md"


def _written(number: str) -> str:
    return " ".join(re.findall("....", number))  # 4000 0000 0000 0341, as a card reads


def _paragraph() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("- Cards go to a payment-gateway adapter")
    return " ".join(text[start:text.index("\n- ", start + 1)].split())


def test_the_readme_names_the_card_saved_then_declined_on_charge():
    paragraph = _paragraph()
    assert _written(CHARGE_DECLINED_TEST_CARD) in paragraph
    gateway = SandboxGateway()
    token = gateway.tokenize(CHARGE_DECLINED_TEST_CARD, 12, 2030, "123", "T", "Visa").token
    with pytest.raises(CardDeclined):
        gateway.charge(token, 100, "EUR", "INV-1")


def test_a_card_the_readme_calls_refused_is_refused_when_saved():
    paragraph = _paragraph()
    named = [n for n in DECLINED_TEST_CARDS if _written(n) in paragraph]
    assert named, paragraph
    for number in named:
        with pytest.raises(CardDeclined):
            SandboxGateway().tokenize(number, 12, 2030, "123", "T", "Visa")
        assert "refused when saved" in paragraph
