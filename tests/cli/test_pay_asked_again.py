"""A yes at the command line's payment question is for the charge it showed (#17 verification:
Pay now left open over a payment made in a shell still asked €5,134.00 for 2 invoices; its yes
was refused, a second yes asked €2,567.00). When what is open changed while the question waited,
`invoices pay` and `card set` say what changed and ask again with the new total
(store.invoicing.payments.changed_since_asked); nothing is charged unseen."""

from __future__ import annotations

import io
import sys
from decimal import Decimal

import store.invoicing.payments
import store.people.access
import tui.company_commands
import tui.invoices_cli

JONAS = "jonas@nordwind.de"  # Nordwind: two invoices open, €5,134.00
NEWEST, OLDER = "INV-000002-0014", "INV-000002-0013"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _paid_elsewhere(*numbers: str) -> None:
    """`invoices pay NUMBER --yes` in another shell, while the question waits."""
    jonas = store.people.access.resolve_actor(JONAS)
    store.invoicing.payments.pay_invoices(jonas, 2, list(numbers),
                                          Decimal("2567.00") * len(numbers))


def _answering(monkeypatch, meanwhile, charge: tuple[str, ...] = ("y", "y"),
               **card: str) -> list[str]:
    """Answer the payment questions with `charge`, in turn, running `meanwhile` once, at the
    first of them, and the card's prompts with `card` (by the prompt's first word): the prompts
    asked, in order."""
    prompts: list[str] = []
    answers = iter(charge)

    def asked(prompt: str, *, secret: bool = False) -> str:
        prompts.append(prompt)
        if not prompt.startswith("Charge"):
            return card[prompt.split()[0].lower()]
        if sum(p.startswith("Charge") for p in prompts) == 1:
            meanwhile()
        return next(answers)

    monkeypatch.setattr(sys, "stdin", _Terminal(""))
    monkeypatch.setattr(tui.invoices_cli, "asked", asked)
    monkeypatch.setattr(tui.company_commands, "asked", asked)
    return prompts


def _open(cli) -> list[str]:
    _status, out, _err = cli("--as", JONAS, "show", "invoices")
    return [line.split()[0] for line in out.splitlines() if "Past due" in line]


def test_an_invoice_paid_while_asked_is_said_and_the_rest_asked_again(cli, monkeypatch):
    prompts = _answering(monkeypatch, lambda: _paid_elsewhere(NEWEST))
    status, out, err = cli("--as", JONAS, "invoices", "pay")
    assert (status, err) == (0, "")
    assert [p.split("?")[0] for p in prompts] == [
        f"Charge €5,134.00 to Visa •••• 4242 for 2 invoices ({OLDER}, {NEWEST})",
        f"Charge €2,567.00 to Visa •••• 4242 for 1 invoice ({OLDER})"]
    assert f"{NEWEST} is no longer open.\n" in out
    assert out.endswith("Paid €2,567.00 with Visa •••• 4242: 1 invoice.\n")
    assert _open(cli) == []


def test_asked_again_and_answered_no_charges_nothing(cli, monkeypatch):
    prompts = _answering(monkeypatch, lambda: _paid_elsewhere(NEWEST), charge=("y", "n"))
    status, out, _err = cli("--as", JONAS, "invoices", "pay")
    assert status == 0 and len(prompts) == 2
    assert out.endswith("Nothing was charged.\n")
    assert _open(cli) == [OLDER]


def test_everything_paid_while_asked_charges_nothing(cli, monkeypatch):
    prompts = _answering(monkeypatch, lambda: _paid_elsewhere(OLDER, NEWEST))
    status, out, _err = cli("--as", JONAS, "invoices", "pay")
    assert status == 0 and len(prompts) == 1
    assert out.endswith(f"{OLDER}, {NEWEST} are no longer open.\n"
                        "No invoice is open: nothing to pay.\n")


def test_card_set_asks_again_when_an_invoice_was_paid_meanwhile(cli, monkeypatch):
    prompts = _answering(monkeypatch, lambda: _paid_elsewhere(NEWEST), card="5555555555554444",
                         expiry="12/30", security="123", cardholder="Jonas Weber")
    status, out, err = cli("--as", JONAS, "card", "set")
    assert (status, err) == (0, "")
    charges = [p.split("?")[0] for p in prompts if p.startswith("Charge")]
    assert charges == [
        f"Charge €5,134.00 to Mastercard •••• 4444 for 2 invoices ({OLDER}, {NEWEST})",
        f"Charge €2,567.00 to Mastercard •••• 4444 for 1 invoice ({OLDER})"]
    assert out.endswith(f"{NEWEST} is no longer open.\n"
                        "Paid €2,567.00 with Mastercard •••• 4444: 1 invoice.\n")
