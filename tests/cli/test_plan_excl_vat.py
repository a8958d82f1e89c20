"""`show plan` says its amounts exclude VAT, as the Plan tab does (#17 trial: a Greek consumer saw
€120.00 on Plan and €148.80 on its invoice, nothing saying why)."""

from __future__ import annotations


def test_show_plan_says_the_amounts_exclude_vat(cli):
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "plan")
    assert status == 0
    lines = out.splitlines()
    assert "Amounts per month excl. VAT, in EUR" in lines
    # Said before the table it is about, as on the Plan tab.
    assert lines.index("Amounts per month excl. VAT, in EUR") < next(
        n for n, line in enumerate(lines) if line.startswith("Account total"))
