"""`mycompany seller show|set` (SPEC §5 Tax, §11): admin staff keep the vendor's legal details
and payment terms without touching the database; the next invoices follow them."""

from __future__ import annotations

import json

import pytest

ADMIN = ("--as", "admin@mycompany.example")


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_admin_staff_change_the_payment_terms_and_the_next_invoice_is_due_later(cli):
    status, out, _ = cli(*ADMIN, "seller", "set", "--payment-terms", "14")
    assert status == 0 and "Payment terms (days): 14" in out and "Country: France" in out
    assert cli("--as", "billing@mycompany.example", "invoices", "issue", "--period",
               "2026-12")[0] == 0
    _, out, _ = cli("--as", "jonas@nordwind.de", "invoices", "show", "INV-000002-0015", )
    assert "Due: Dec 15, 2026" in out  # issued Dec 1 (December begun: #17) + 14 days
    _, out, _ = cli(*ADMIN, "history", "--action", "seller", "--json")
    line = json.loads(out)["items"][0]
    assert (line["field"], line["old_value"], line["new_value"]) == (
        "payment_terms_days", "0", "14")


def test_only_admin_staff_change_them_and_a_bad_vat_number_is_named(cli):
    status, _, err = cli("--as", "billing@mycompany.example", "seller", "set",
                         "--payment-terms", "30")
    assert status == 3 and "Only admin staff" in err
    status, _, err = cli(*ADMIN, "seller", "set", "--vat", "FR00")
    assert status == 1 and err.startswith("VAT number (--vat): ")
    status, out, _ = cli("--as", "jonas@nordwind.de", "seller", "show", "--json")
    assert status == 0 and json.loads(out)["payment_terms_days"] == 0  # unchanged by either
