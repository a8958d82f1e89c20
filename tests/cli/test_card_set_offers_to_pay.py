"""`card set` at a terminal offers to pay what is open, as the screens do (SPEC §5: a new card
pays the open invoices after showing their total and asking; #17 trial: it printed "1 invoice is
open (€2,567.00): pay it with `mycompany invoices pay`"). The question and the charge are
`invoices pay`'s own (tui.invoices_cli.ask_and_pay); without a terminal the line stays."""

from __future__ import annotations

import os
import time

from tests.cli.test_ctrl_c_at_a_question import _at_a_terminal
from tests.cli.test_one_line_failures import _read_until

JONAS = "jonas@nordwind.de"  # Nordwind: two invoices open, €5,134.00
QUESTION = (b"Charge \xe2\x82\xac5,134.00 to Visa \xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2 "
            b"4242 for 2 invoices (")


def _card_typed(number: bytes = b"4242424242424242") -> tuple[int, int, bytes]:
    """`card set` at a terminal, a card typed in: (pid, terminal, what it wrote up to [y/N])."""
    pid, terminal = _at_a_terminal("--as", JONAS, "card", "set")
    for prompt, answer in ((b"Card number:", number), (b"Expiry (MM/YY):", b"12/30"),
                           (b"Security code:", b"123"), (b"Cardholder name:", b"Jonas Weber")):
        assert prompt in _read_until(terminal, prompt)
        os.write(terminal, answer + b"\r")
    return pid, terminal, _read_until(terminal, b"[y/N]")


def _answered(pid: int, terminal: int, key: bytes) -> tuple[int, str]:
    time.sleep(0.3)  # a person answers after the question shows (test_ctrl_c_at_a_question)
    os.write(terminal, key)
    rest = _read_until(terminal, None).decode().replace("\r\n", "\n").replace("^C", "")
    os.close(terminal)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), rest


def test_card_set_at_a_terminal_shows_the_total_and_yes_pays_with_the_new_card(cli):
    pid, terminal, seen = _card_typed()
    assert b"Visa \xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2 4242, expires 12/30" in seen
    assert QUESTION in seen and seen.rstrip().endswith(b"[y/N]")
    status, rest = _answered(pid, terminal, b"y\r")
    assert status == 0, rest
    assert "Paid €5,134.00 with Visa •••• 4242: 2 invoices." in rest
    _status, out, _err = cli("--as", JONAS, "show", "invoices")
    assert "Past due" not in out and "Open" not in out


def test_card_set_at_a_terminal_answered_no_charges_nothing_and_keeps_the_card(cli):
    pid, terminal, seen = _card_typed(b"5555555555554444")
    assert b"Mastercard" in seen and b"[y/N]" in seen
    status, rest = _answered(pid, terminal, b"n\r")
    assert (status, rest.strip().splitlines()[-1]) == (0, "Nothing was charged.")
    _status, out, _err = cli("--as", JONAS, "show", "invoices")
    assert "Past due" in out
    _status, out, _err = cli("--as", JONAS, "show", "billing")
    assert "4444" in out


def test_ctrl_c_at_the_question_after_card_set_says_the_card_is_saved(cli):
    pid, terminal, seen = _card_typed(b"5555555555554444")
    assert b"[y/N]" in seen
    status, rest = _answered(pid, terminal, b"\x03")
    assert status == 130
    assert rest.strip().splitlines() == ["mycompany: Nothing was charged; the card is saved."]
    _status, out, _err = cli("--as", JONAS, "show", "billing")
    assert "4444" in out


def test_card_set_without_a_terminal_names_the_command_and_asks_nothing(cli):
    status, out, err = cli("--as", JONAS, "card", "set",
                           stdin="4242424242424242\n12/30\n123\nJonas Weber\n")
    assert status == 0 and "4242" in out
    assert err.strip() == ("2 invoices are open (€5,134.00): pay them with `mycompany invoices "
                           "pay`.")
    assert "[y/N]" not in out + err
