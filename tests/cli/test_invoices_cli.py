"""`mycompany invoices pay` and `invoices show` (SPEC §5): the amount printed and asked before
a charge; one invoice in full."""

from __future__ import annotations

JONAS = "jonas@nordwind.de"


def test_the_command_line_shows_the_amount_and_asks(cli):
    status, _out, err = cli("--as", JONAS, "invoices", "pay")
    assert status == 2 and "Charge €5,134.00 to Visa •••• 4242 for 2 invoices" in err
    status, out, _ = cli("--as", JONAS, "invoices", "pay", "INV-000002-0013", "--yes")
    assert (status, out.strip()) == (0, "Paid €2,567.00 with Visa •••• 4242: 1 invoice.")
    status, out, _ = cli("--as", JONAS, "invoices", "show", "INV-000002-0013")
    assert status == 0 and "Paid on" in out and "Reverse charge" in out
