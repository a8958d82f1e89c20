"""The command line as a script would use it: output, JSON shape, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_show_plan_json_gives_the_documented_figures(cli):
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "plan", "--json")
    assert status == 0
    plan = json.loads(out)
    assert plan["plan"] == "Professional"
    assert plan["term"] == "annual_monthly"
    assert plan["period"] == "month"
    assert plan["rows"]["users"] == {"active": 42, "included": 40, "price": "2000.00",
                                     "extras": 2, "extras_cost": "100.00", "total": "2100.00"}
    assert plan["rows"]["numbers"]["total"] == "18.00"
    assert plan["rows"]["teams"] == {"active": 7, "limit": None, "limit_from": None}
    assert plan["add_ons"] == [{"name": "Analytics+", "price": "400.00"}]
    assert plan["call_plans"] == [{"name": "Europe unlimited", "price": "49.00"}]
    assert plan["total"] == "2567.00"


def test_r7_r10_show_plan_text_says_prices_are_indicative_and_calls_excluded(cli):
    status, out, _ = cli("--as", "maria@blueharbor.com", "show", "plan")
    assert status == 0
    assert "$245.00 /month" in out
    assert "Prices are indicative only." in out
    assert "Call usage is not included." in out
    assert "North America unlimited" in out


def test_owner_changing_vat_after_trial_exits_3_and_changes_nothing(cli):
    status, _, err = cli("--as", "jonas@nordwind.de", "set", "address", "--vat", "DE811907980")
    assert status == 3
    assert "locked" in err
    _, out, _ = cli("--as", "jonas@nordwind.de", "show", "billing", "--json")
    assert json.loads(out)["address"]["vat_number"] == "DE136695976"


def test_trial_owner_moves_the_company_to_germany(cli):
    status, _, err = cli("--as", "camille@atelier-lumiere.fr", "set", "address", "--country", "DE",
                         "--vat", "DE136695976", "--postal-code", "20457", "--city", "Hamburg",
                         "--line1", "Speicherstraße 5")
    assert (status, err) == (0, "")
    _, out, _ = cli("--as", "camille@atelier-lumiere.fr", "show", "billing", "--json")
    address = json.loads(out)["address"]
    assert (address["country"], address["vat_number"], address["city"]) == (
        "DE", "DE136695976", "Hamburg")


def test_an_admin_is_refused_with_exit_3(cli):
    status, out, err = cli("--as", "lea@atelier-lumiere.fr", "show", "plan")
    assert (status, out) == (3, "")
    assert "owner" in err


def test_invalid_input_is_one_line_per_field_and_exit_1(cli):
    status, _, err = cli("--as", "camille@atelier-lumiere.fr", "set", "address",
                         "--postal-code", "6900", "--vat", "FR00000000000")
    assert status == 1
    lines = err.strip().splitlines()
    # Each field named as the screens and the option's help name it, with the option to fix it.
    assert {line.split(":")[0] for line in lines} == {"Postal code (--postal-code)",
                                                      "VAT number (--vat)"}


def test_usage_error_exits_2(cli):
    assert cli("show", "everything")[0] == 2
    assert cli("--as", "support@mycompany.example", "show", "plan")[0] == 2


def test_unknown_company_exits_5(cli):
    assert cli("--as", "support@mycompany.example", "--company", "999", "show", "plan")[0] == 5


def test_stale_change_request_decision_is_refused(cli):
    cli("--as", "jonas@nordwind.de", "requests", "create", "--vat", "DE811907980")
    assert cli("--as", "billing@mycompany.example", "requests", "reject", "1",
               "--reason", "Not in VIES")[0] == 0
    status, _, err = cli("--as", "billing@mycompany.example", "requests", "approve", "1")
    assert status == 4 and "already rejected" in err  # the state moved on (README)


def test_card_from_four_stdin_lines_never_echoes_the_number(cli):
    status, out, err = cli("--as", "jonas@nordwind.de", "card", "set",
                           stdin="5555 5555 5555 4444\n12/29\n987\nJonas Weber\n")
    assert status == 0
    assert "Mastercard •••• 4444" in out
    assert "5555" not in out + err and "987" not in out + err
    # A new card charges nothing by itself: what is open is said, and how to pay it.
    assert err.strip() == ("2 invoices are open (€5,134.00): pay them with "
                           "`mycompany invoices pay`.")


def test_declined_card_exits_1_naming_the_number_field(cli):
    status, _, err = cli("--as", "jonas@nordwind.de", "card", "set",
                         stdin="4000 0000 0000 0002\n12/29\n123\nJonas Weber\n")
    assert status == 1 and err.startswith("Card number: The card was declined")


def test_invoice_download_prints_the_path(cli, tmp_path):
    out_dir = tmp_path / "downloads"
    out_dir.mkdir()
    status, out, _ = cli("--as", "jonas@nordwind.de", "invoices", "download", "INV-000002-0014",
                         "--out", str(out_dir))
    assert status == 0
    assert out.strip() == str(out_dir / "INV-000002-0014.pdf")
    assert (out_dir / "INV-000002-0014.pdf").read_bytes().startswith(b"%PDF")
    assert cli("--as", "jonas@nordwind.de", "invoices", "download", "../../x",
               "--out", str(out_dir))[0] == 5


def test_demo_refuses_a_database_with_companies(cli):
    status, _, err = cli("demo")
    assert status == 3 and "already in use" in err


def test_bad_database_url_is_one_line_and_exit_6(cli):
    status, _, err = cli("--db", "mysql://nowhere/db", "--as", "x", "show", "plan")
    assert status == 6
    assert len(err.strip().splitlines()) == 1


def test_the_installed_program_runs_the_done_when_sequence(tmp_path):
    # Run from an unrelated folder so that the installed package (migrations included) is used.
    env = {**os.environ, "MYCOMPANY_DATABASE_URL": "sqlite:///" + str(tmp_path / "e2e.sqlite3"),
           "LANG": "C.UTF-8"}
    env.pop("MYCOMPANY_USER", None)
    exe = [sys.executable, "-m", "tui"]

    def run(*argv):
        return subprocess.run(exe + list(argv), env=env, capture_output=True, text=True,
                              timeout=60, check=False, cwd=tmp_path)

    assert run("demo").returncode == 0
    plan = json.loads(run("--as", "jonas@nordwind.de", "show", "plan", "--json").stdout)
    assert plan["total"] == "2567.00"
    assert run("--as", "jonas@nordwind.de", "set", "address", "--vat",
               "DE811907980").returncode == 3
    assert run("--as", "camille@atelier-lumiere.fr", "set", "address", "--country", "DE",
               "--vat", "DE136695976", "--postal-code", "20457", "--city", "Hamburg",
               "--line1", "Speicherstraße 5").returncode == 0
    assert run("--as", "lea@atelier-lumiere.fr", "show", "plan").returncode == 3


def test_show_history_filters_by_field_and_person(cli):
    cli("--as", "jonas@nordwind.de", "set", "general", "--name", "Nordwind Logistik SE")
    cli("--as", "jonas@nordwind.de", "recipients", "add", "ap@nordwind.de")
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "history", "--json",
                         "--field", "Company name")
    assert status == 0
    assert {i["field"] for i in json.loads(out)["items"]} == {"name"}
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "history", "--json",
                         "--person", "nobody@example.com")
    assert json.loads(out)["items"] == []
    status, _, err = cli("--as", "jonas@nordwind.de", "show", "history", "--field", "shoe")
    # an unknown field is a usage error listing the fields (#15 trial: one rule for filters)
    assert status == 2 and "'shoe' is not a field; choose one of: name, website" in err
