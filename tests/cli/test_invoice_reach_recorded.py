"""An owner naming another company's invoice (#18 trial: `--as owner@c002.example invoices show
INV-000003-0001`, download, deliveries exited 5 "Company 2 has no invoice …" and left no trail
line): a reach into another company, refused (exit 3) and recorded in the owner's own History,
the same answer whether that invoice exists or not (store.invoicing.invoices.find_invoice)."""

from __future__ import annotations

import json

import pytest

from store.persistence.models import Invoice

JONAS = ("--as", "jonas@nordwind.de")
SAID = ("{number} is another company's invoice number: you may see only your company's "
        "invoices.")


@pytest.mark.parametrize("command", [("invoices", "show"), ("invoices", "deliveries"),
                                     ("invoices", "download", "--out", "-"),
                                     ("invoices", "pay"), ("invoices", "pay", "--yes")])
def test_each_way_to_another_companys_invoice_is_refused_and_recorded(cli, demo, command):
    number = Invoice.select(Invoice.number).where(Invoice.company == demo["blue"]).order_by(
        Invoice.number).first().number
    made_up = f"INV-{demo['blue']:06d}-9999"
    for asked in (number, made_up):
        status, out, err = cli(*JONAS, *command[:2], asked, *command[2:])
        assert (status, out) == (3, "")
        assert SAID.format(number=asked) in err
    status, out, _ = cli(*JONAS, "show", "history", "--json")
    refused = [item for item in json.loads(out)["items"] if item["outcome"] == "refused"
               and item["actor_email"] == "jonas@nordwind.de"]
    assert len(refused) == 2
    assert all(item["reason"].endswith(f"(company {demo['blue']})") for item in refused)


def test_a_missing_number_of_ones_own_series_is_still_not_found(cli, demo):
    status, _out, err = cli(*JONAS, "invoices", "show", f"INV-{demo['nordwind']:06d}-9999")
    assert status == 5 and "has no invoice" in err
