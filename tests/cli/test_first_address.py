"""A company created without a billing address (#18 trial): it keeps the country it was created
with (`companies show`, the search, `export companies`), and its owner enters the first address
after the trial too, in that country; the lock (R16, SPEC §5) keeps the values that exist, so a
first region and VAT number are the owner's, another country is the billing team's, and once
the address exists state, country and VAT number are locked as before."""

from __future__ import annotations

import json
import os

import pytest

from store.persistence.db import database, open_database

ADMIN = ("--as", "admin@mycompany.example")
BILLING = ("--as", "billing@mycompany.example")
OWNER = ("--as", "f@x.example")
LOCKED = ("mycompany: Country is locked after the trial; send a change request to the billing "
          "team.\n")


def create(cli, country: str = "FR", *extra: str) -> int:
    status, out, err = cli(*ADMIN, "companies", "create", "--name", "X", "--country", country,
                           "--plan", "essentials", "--term", "monthly", "--owner-email",
                           "f@x.example", "--owner-name", "F", *extra, "--json")
    assert (status, err) == (0, "")
    company = json.loads(out)
    assert company["status"] == "subscribed"  # no trial: the lock is on from today
    return int(company["id"])


def billing(cli, *who: str) -> dict:
    status, out, _ = cli(*(who or OWNER), "show", "billing", "--json")
    assert status == 0
    return json.loads(out)


def test_the_country_given_at_creation_is_kept_and_shown(cli):
    company = create(cli)
    status, out, _ = cli(*ADMIN, "companies", "show", str(company))
    assert status == 0 and "Country: France" in out.splitlines()
    status, out, _ = cli(*BILLING, "search", "X", "--json")
    assert [hit["country"] for hit in json.loads(out) if hit["id"] == company] == ["FR"]
    status, out, _ = cli(*BILLING, "export", "companies", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["country"] for row in rows if row["id"] == company] == ["FR"]


def test_the_owner_enters_the_first_address_after_the_trial_in_the_companys_country(cli):
    create(cli)
    view = billing(cli)
    assert (view["address"], view["locked_fields"]) == (None, ["country"])
    assert "country" not in view["editable_fields"] and "line1" in view["editable_fields"]
    # Another country is the billing team's, refused as locked (exit 3) and nothing written.
    assert cli(*OWNER, "set", "address", "--line1", "1 rue de la Paix", "--postal-code",
               "75002", "--city", "Paris", "--country", "DE") == (3, "", LOCKED)
    assert billing(cli)["address"] is None
    # No --country: the company's; a first VAT number exists nowhere yet, so it is no change.
    status, _, err = cli(*OWNER, "set", "address", "--line1", "1 rue de la Paix",
                         "--postal-code", "75002", "--city", "Paris", "--vat", "FR40303265045")
    assert (status, err) == (0, "")
    address = billing(cli)["address"]
    assert (address["country"], address["city"], address["vat_number"]) == (
        "FR", "Paris", "FR40303265045")
    # Once it exists, the lock keeps it as it keeps every address after the trial.
    view = billing(cli)
    assert view["locked_fields"] == ["state", "country", "vat_number"]
    assert cli(*OWNER, "set", "address", "--country", "DE") == (3, "", LOCKED)
    assert cli(*OWNER, "set", "address", "--vat", "")[0] == 3
    assert cli(*OWNER, "set", "address", "--city", "Lyon", "--postal-code", "69001")[0] == 0


def test_the_country_typed_as_the_company_has_it_is_no_change(cli):
    create(cli)
    status, _, err = cli(*OWNER, "set", "address", "--line1", "1 rue de la Paix",
                         "--postal-code", "75002", "--city", "Paris", "--country", "France")
    assert (status, err) == (0, "")
    assert billing(cli)["address"]["country"] == "FR"


def test_a_first_address_with_a_region_where_the_post_needs_one(cli):
    create(cli, "US")
    status, _, err = cli(*OWNER, "set", "address", "--line1", "1600 Amphitheatre Pkwy",
                         "--postal-code", "94043", "--city", "Mountain View", "--state", "CA")
    assert (status, err) == (0, "")
    assert (billing(cli)["address"]["state"], billing(cli)["address"]["country"]) == ("CA", "US")


def test_the_billing_team_enters_another_country_with_a_reason(cli):
    company = create(cli)
    status, _, err = cli(*BILLING, "--company", str(company), "set", "address", "--line1",
                         "Speicherstraße 5", "--postal-code", "20457", "--city", "Hamburg",
                         "--country", "DE", "--reason", "moved before the first invoice")
    assert (status, err) == (0, "")
    assert billing(cli)["address"]["country"] == "DE"
    status, out, _ = cli(*ADMIN, "companies", "show", str(company))
    assert "Country: Germany" in out.splitlines()  # the address's, once there is one


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_the_billing_run_bills_it_once_the_owner_entered_the_address(cli):
    company = create(cli)
    status, out, _ = cli(*ADMIN, "companies", "show", str(company), "--json")
    period = json.loads(out)["next_invoice_on"][:7]
    status, out, _ = cli(*BILLING, "invoices", "issue", "--period", period, "--dry-run")
    assert "no billing address yet" in out
    assert cli(*OWNER, "set", "address", "--line1", "1 rue de la Paix", "--postal-code",
               "75002", "--city", "Paris")[0] == 0
    status, out, _ = cli(*BILLING, "invoices", "issue", "--period", period, "--dry-run")
    assert status == 0 and "no billing address yet" not in out
    assert any(line.startswith("(dry run)  X  ") for line in out.splitlines())


def test_a_company_created_before_the_country_was_kept_reads_it_back_from_the_trail(cli):
    """Migration 0022: the trail's `company.create` country line gives it back."""
    import importlib.util

    from store.persistence.schema import MIGRATIONS_DIR

    company = create(cli, "NO", "--currency", "EUR")  # NOK unpriced (#17)
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        database.execute_sql("ALTER TABLE company DROP COLUMN country")
        spec = importlib.util.spec_from_file_location(
            "m0022", MIGRATIONS_DIR / "0022_company_country.py")
        assert spec is not None and spec.loader is not None
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.up(None, database)
        rows = database.execute_sql("SELECT id, country FROM company ORDER BY id").fetchall()
    finally:
        database.close()
    assert dict(rows)[company] == "NO"
    assert dict(rows)[1] is None  # the demo's: created with their address, no trail line
