"""Every write command answers a script in JSON with what it needs next (SPEC §5, README
"JSON answers"): the new version, the request's id and state, the file written."""

from __future__ import annotations

import json

from tests.tui.helpers import make_png

JONAS = "jonas@nordwind.de"
MARIA = "maria@blueharbor.com"
BILLING = "billing@mycompany.example"


def answer(cli, *argv: str, stdin: str | None = None) -> dict:
    status, out, err = cli(*argv, "--json", stdin=stdin) if stdin is not None \
        else cli(*argv, "--json")
    assert (status, err) == (0, ""), err
    return json.loads(out)


def test_saves_answer_with_the_new_version(cli):
    before = json.loads(cli("--as", JONAS, "show", "general", "--json")[1])["version"]
    general = answer(cli, "--as", JONAS, "set", "general", "--name", "Nordwind Logistik SE")
    assert (general["name"], general["version"]) == ("Nordwind Logistik SE", before + 1)
    billing = answer(cli, "--as", JONAS, "set", "address", "--line2", "3. OG")
    assert billing["address"]["line2"] == "3. OG"
    again = answer(cli, "--as", JONAS, "set", "address", "--line2", "4. OG",
                   "--if-version", str(billing["address"]["version"]))
    assert again["address"]["version"] == billing["address"]["version"] + 1


def test_recipients_card_and_payment_answer_with_the_billing_view(cli):
    added = answer(cli, "--as", JONAS, "recipients", "add", "ap@nordwind.de")
    assert "ap@nordwind.de" in added["recipients"]
    removed = answer(cli, "--as", JONAS, "recipients", "remove", "ap@nordwind.de")
    assert "ap@nordwind.de" not in removed["recipients"]
    card = answer(cli, "--as", JONAS, "card", "set",
                  stdin="5555 5555 5555 4444\n12/29\n987\nJonas Weber\n")
    assert (card["payment_method"], card["card"]["last4"]) == ("card", "4444")
    assert "5555 5555" not in json.dumps(card)
    method = answer(cli, "--as", BILLING, "--company", "2", "payment-method", "set",
                    "bank_transfer", "--reason", "Wire agreed")
    assert (method["payment_method"], method["card"]) == ("bank_transfer", None)


def test_requests_answer_with_their_id_and_state(cli):
    sent = answer(cli, "--as", MARIA, "requests", "create", "--state", "NY",
                  "--postal-code", "10118", "--city", "New York")
    assert (sent["status"], type(sent["id"])) == ("pending", int)
    withdrawn = answer(cli, "--as", MARIA, "requests", "withdraw", str(sent["id"]))
    assert withdrawn["status"] == "withdrawn"
    again = answer(cli, "--as", MARIA, "requests", "create", "--state", "NY",
                   "--postal-code", "10118", "--city", "New York")
    approved = answer(cli, "--as", BILLING, "requests", "approve", str(again["id"]))
    assert (approved["id"], approved["status"]) == (again["id"], "approved")


def test_files_written_answer_with_their_path(cli, tmp_path):
    listed = json.loads(cli("--as", JONAS, "show", "invoices", "--json")[1])
    number = listed["items"][0]["number"]
    pdf = answer(cli, "--as", JONAS, "invoices", "download", number, "--out", str(tmp_path))
    assert pdf["number"] == number
    with open(pdf["path"], "rb") as written:
        assert written.read(5) == b"%PDF-"
    logo = tmp_path / "logo.png"
    make_png(logo)
    general = answer(cli, "--as", JONAS, "logo", "set", str(logo))
    assert general["logo_width"] > 0
    backup = answer(cli, "--as", "admin@mycompany.example", "backup", str(tmp_path / "b.db"))
    assert backup["path"].endswith("b.db")
