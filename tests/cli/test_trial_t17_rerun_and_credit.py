"""The #17 trial's (r2) two billing defects, as the tester ran them: a re-run of the billing run
charged an open invoice issued before the company had a card, to the card its owner had just
added (and been told to pay with `invoices pay`); and a month credited in full by partial
credit notes was billed and charged again by the next routine run. A run charges only what it
issues (or a stopped run left to charge); a credited month stays invoiced unless the billing
team asks for the corrected invoice (`invoices credit --reissue`)."""

from __future__ import annotations

import json

import pytest

ADMIN = ("--as", "admin@mycompany.example")
BEA = ("--as", "billing@mycompany.example")
ANA = ("--as", "ana@kestrel.example")
ISSUE = ("invoices", "issue", "--period", "2026-12")
CARD = "4242 4242 4242 4242\n12/29\n123\nAna Kowalski\n"


def _kestrel(cli) -> tuple[int, str]:
    """A company with no card (README `companies create`), its December issued: id, number."""
    status, out, err = cli(*ADMIN, "companies", "create", "--name", "Kestrel Freight Ltd",
                           "--country", "GB", "--currency", "EUR", "--plan", "essentials",
                           "--term", "monthly", "--owner-email", "ana@kestrel.example",
                           "--owner-name", "Ana Kowalski", "--line1", "10 Downing Street",
                           "--city", "London", "--postal-code", "SW1A 2AA", "--json")
    assert status == 0, err
    company = json.loads(out)["id"]
    status, out, err = cli(*BEA, *ISSUE, "--company", str(company), "--json")
    assert status == 0, err
    [issued] = json.loads(out)["issued"]
    return company, issued["number"]


def _status(cli, number: str) -> str:
    return json.loads(cli(*BEA, "invoices", "show", number, "--json")[1])["status"]


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_rerun_after_the_owner_adds_a_card_charges_nothing_and_names_the_invoice(cli):
    company, number = _kestrel(cli)
    status, _, err = cli(*ANA, "card", "set", stdin=CARD)
    assert status == 0
    assert err.strip() == "1 invoice is open (€120.00): pay it with `mycompany invoices pay`."

    status, out, _ = cli(*BEA, *ISSUE, "--company", str(company))  # the same command again
    assert status == 0
    assert "paid at once" not in out
    assert ("  Kestrel Freight Ltd (company 4): 1 invoice still open, not charged by the run "
            f"(the owner pays it): {number}") in out.splitlines()
    status, out, _ = cli(*BEA, *ISSUE, "--json")  # a plain re-run, every company
    run = json.loads(out)
    assert number not in run["paid_at_issue"] and company in run["already_invoiced"]
    assert {"company": company, "invoices": [number]} in run["still_open"]
    assert _status(cli, number) == "open"
    _, history, _ = cli(*ANA, "show", "history")
    assert "at issue" not in history  # no charge of it, made or tried

    status, out, _ = cli(*ANA, "invoices", "pay", "--yes")  # the owner pays it, asked
    assert (status, out.strip()) == (0, "Paid €120.00 with Visa •••• 4242: 1 invoice.")
    assert _status(cli, number) == "paid"


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_month_credited_in_full_is_billed_again_only_when_asked(cli):
    company, number = _kestrel(cli)
    for amount in ("40", "40", "20"):
        assert cli(*BEA, "invoices", "credit", number, "--reason", "Goodwill", "--amount",
                   amount)[0] == 0
    status, out, _ = cli(*BEA, "invoices", "credit", number, "--reason", "Goodwill")
    assert status == 0
    assert (f"Invoice {number}: €120.00 of €120.00 credited (CN-000004-0001, CN-000004-0002, "
            "CN-000004-0003, CN-000004-0004), €0.00 left.") in out
    assert "no longer invoiced" not in out
    assert cli(*ANA, "card", "set", stdin=CARD)[0] == 0

    status, out, _ = cli(*BEA, *ISSUE, "--json")  # the next routine run
    run = json.loads(out)
    assert company in run["already_invoiced"]
    assert [i["company"] for i in run["issued"] if i["company"] == company] == []
    assert _status(cli, number) == "credited"
    _, history, _ = cli(*ANA, "show", "history")
    assert "at issue" not in history and "INV-000004-0002" not in history

    # The billing team asks for a corrected invoice: said, and in History with its reason.
    status, out, err = cli(*BEA, "invoices", "credit", number, "--reason", "Wrong plan",
                           "--reissue")
    assert status == 0, err
    assert out.strip() == ("2026-12 is no longer invoiced: the next run of 2026-12 issues the "
                           f"corrected invoice in place of {number}.")
    _, history, _ = cli(*BEA, "--company", str(company), "show", "history")
    line = next(line for line in history.splitlines() if "Corrected invoice asked for" in line)
    assert f"{number}: 2026-12 invoiced again by the next run" in line and "Wrong plan" in line
    status, out, _ = cli(*BEA, *ISSUE, "--json")
    run = json.loads(out)
    assert [i["number"] for i in run["issued"]] == ["INV-000004-0002"]
    assert run["paid_at_issue"] == ["INV-000004-0002"]  # a card on file when it was issued


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_reissue_with_part_of_what_is_left_is_refused_and_writes_nothing(cli):
    _, number = _kestrel(cli)
    status, _, err = cli(*BEA, "invoices", "credit", number, "--reason", "Wrong plan",
                         "--amount", "50", "--reissue")
    assert status == 1
    assert "A corrected invoice replaces an invoice credited in full" in err
    assert "€120.00 excluding tax" in err
    assert _status(cli, number) == "open"
    assert json.loads(cli(*BEA, "invoices", "show", number, "--json")[1])["credited_by"] == []
