"""`mycompany seller set --iban --bic` (#17 trial: no bank details on invoices): admin staff set
the bank account as people copy it, History says so, the next invoice prints it; `seller set`
that changes nothing writes no History line (it wrote "— → —")."""

from __future__ import annotations

import json

import pytest

ADMIN = ("--as", "admin@mycompany.example")


def _seller_lines(cli) -> list[dict]:
    _, out, _ = cli(*ADMIN, "history", "--action", "seller", "--json")
    return json.loads(out)["items"]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_admin_staff_set_the_bank_account_and_the_next_invoice_prints_it(cli, tmp_path):
    # The demo seller's account (FR76 3000 6000 0112 3456 7890 189, BNPAFRPP) is replaced.
    status, out, err = cli(*ADMIN, "seller", "set", "--iban", "de89 3704 0044 0532 0130 00",
                           "--bic", "cobadeffxxx")
    assert (status, err) == (0, "")
    assert "IBAN: DE89 3704 0044 0532 0130 00" in out and "BIC: COBADEFFXXX" in out
    _, out, _ = cli(*ADMIN, "seller", "show", "--json")
    assert json.loads(out)["iban"] == "DE89370400440532013000"
    assert {(line["field"], line["old_value"], line["new_value"])
            for line in _seller_lines(cli)} == {
        ("iban", "FR7630006000011234567890189", "DE89370400440532013000"),
        ("bic", "BNPAFRPP", "COBADEFFXXX")}

    assert cli("--as", "billing@mycompany.example", "invoices", "issue", "--period",
               "2026-12")[0] == 0
    status, out, err = cli("--as", "jonas@nordwind.de", "invoices", "download",
                           "INV-000002-0015", "--out", str(tmp_path))
    assert status == 0, err
    from pypdf import PdfReader

    [pdf] = tmp_path.glob("*.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "IBAN: DE89 3704 0044 0532 0130 00" in text and "BIC: COBADEFFXXX" in text


def test_a_wrong_iban_is_named_by_its_option_and_nothing_changes(cli):
    status, _, err = cli(*ADMIN, "seller", "set", "--iban", "FR76 3000 6000 0112 3456 7890 188")
    assert status == 1 and err.startswith("IBAN (--iban): This IBAN's check digits")
    assert _seller_lines(cli) == []


def test_seller_set_that_changes_nothing_writes_no_history_line(cli):
    assert cli(*ADMIN, "seller", "set")[0] == 0
    assert cli(*ADMIN, "seller", "set", "--city", "Paris", "--line2", "")[0] == 0
    assert _seller_lines(cli) == []
