"""The demo's companies were each made before their trial and first invoice, and `companies
show` gives the trial's last day whenever there was a trial, past or to come (#18 trial: every
demo company was created "today" while its invoices went back to 2025, and a trial that had
ended read "Trial ends: —")."""

from __future__ import annotations

from datetime import datetime

from store.persistence.models import Company, Invoice, Subscription


def test_each_demo_company_is_made_before_its_trial_and_first_invoice(cli):
    for company in Company.select():
        sub = Subscription.get(Subscription.company == company.id)
        assert company.created_at.date() <= sub.trial_ends_on
        assert company.created_at <= datetime.now()
        issued = [i.issued_on for i in Invoice.select().where(Invoice.company == company.id)]
        if issued:
            assert company.created_at.date() < min(issued), company.name
    nordwind = Company.get(Company.name == "Nordwind Logistik GmbH")
    assert nordwind.created_at.year == 2025


def _row(out: str, label: str) -> str | None:
    return next((line for line in out.splitlines() if line.startswith(label)), None)


def test_companies_show_gives_a_past_trial_and_a_trial_to_come(cli):
    _status, out, _err = cli("--as", "admin@mycompany.example", "companies", "show", "2")
    ended = Subscription.get(Subscription.company == 2).trial_ends_on
    assert _row(out, "Trial ended:") == f"Trial ended: {ended:%b} {ended.day}, {ended.year}"
    assert _row(out, "Trial ends:") is None
    _status, out, _err = cli("--as", "admin@mycompany.example", "companies", "show", "1")
    ends = Subscription.get(Subscription.company == 1).trial_ends_on
    assert _row(out, "Trial ends:") == f"Trial ends: {ends:%b} {ends.day}, {ends.year}"


def test_a_company_made_without_a_trial_has_none(cli):
    status, out, err = cli("--as", "admin@mycompany.example", "companies", "create",
                           "--name", "Sans Essai", "--country", "DE", "--plan", "essentials",
                           "--term", "monthly", "--owner-email", "se@se.example",
                           "--owner-name", "S E")
    assert status == 0, err
    assert _row(out, "Trial ends:") == "Trial ends: —"
