"""The generated scale companies: realistic, valid for the store's own forms, consistent,
repeatable."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

import phonenumbers
import pytest
from peewee import fn
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat

import store
import store.demo
import store.persistence.db
from store.demo import scale as demo_scale
from store.persistence.db import database
from store.persistence.models import (
    BillingAddress,
    Company,
    Invoice,
    InvoiceLine,
    InvoiceRecipient,
    PaymentMethod,
    PhoneNumber,
    SubscribedProduct,
    Subscription,
    Team,
    User,
)

TODAY = date(2026, 11, 27)  # conftest's fixed clock
GENERATED = 200
LARGE = 1_500  # the 30 000-user tenant, shrunk so that the tests stay fast


@pytest.fixture
def scale(db, monkeypatch):
    """The demo with GENERATED extra companies, written in batches of 64; returns their ids."""
    monkeypatch.setattr(demo_scale, "LARGE_TENANT_USERS", LARGE)
    monkeypatch.setattr(demo_scale, "BATCH", 64)
    calls = []
    named = store.demo.create_demo(extra_companies=GENERATED,
                              progress=lambda done, total: calls.append((done, total)))
    ids = [cid for (cid,) in Company.select(Company.id).where(Company.id.not_in(named))
           .order_by(Company.id).tuples()]
    return {"ids": ids, "progress": calls}


def test_the_largest_tenant_has_30000_active_users(db):
    store.demo.create_demo(extra_companies=1)
    (cid,) = Company.select(fn.MAX(Company.id)).scalar(as_tuple=True)
    assert User.select().where(User.company == cid, User.active).count() == 30_000
    assert Subscription.get(company=cid).plan_id == "professional"


def test_counts_are_those_of_a_realistic_customer_base(scale):
    ids = scale["ids"]
    assert len(ids) == GENERATED and ids == list(range(ids[0], ids[0] + GENERATED))
    large, rest = ids[0], ids[1:]
    active = dict(User.select(User.company, fn.COUNT(User.id)).where(User.active)
                  .group_by(User.company).tuples())
    assert active[large] == LARGE
    assert 6 <= sum(active[cid] for cid in rest) / len(rest) <= 14  # about ten per company
    assert User.select().where(~User.active).count() >= 20  # a few have left
    numbers = PhoneNumber.select().where(PhoneNumber.company.in_(rest)).count()
    assert 0.8 <= numbers / sum(active[cid] for cid in rest) <= 1.2
    statuses = Counter(Subscription.select(Subscription.status)
                       .where(Subscription.company.in_(ids)).tuples())
    assert 0.03 * GENERATED <= statuses[("trial",)] <= 0.2 * GENERATED
    assert {plan for (plan,) in Subscription.select(Subscription.plan).tuples()} == {
        "essentials", "professional"}
    assert SubscribedProduct.select().where(SubscribedProduct.company.in_(ids)).count() > 20
    assert len(Counter(a.country for a in BillingAddress.select())) == 8


def test_each_generated_company_has_exactly_one_owner_and_no_login(scale):
    owners = Counter(cid for (cid,) in User.select(User.company).where(User.role == "owner")
                     .where(User.company.in_(scale["ids"])).tuples())
    assert set(owners) == set(scale["ids"]) and set(owners.values()) == {1}
    roles = {role for (role,) in User.select(User.role).where(User.company.in_(scale["ids"]))
             .tuples()}
    assert roles == {"owner", "admin", "supervisor", "agent"}
    assert not User.select().where(User.company.in_(scale["ids"]) & User.login.is_null(False)
                                   ).exists()


def test_subscriptions_follow_the_plan_rules(scale):
    for sub in Subscription.select().where(Subscription.company.in_(scale["ids"])):
        assert sub.included_users >= 3
        if sub.status == "trial":
            assert sub.trial_ends_on > TODAY and sub.next_invoice_on > sub.trial_ends_on
        else:
            assert sub.trial_ends_on < TODAY < sub.next_invoice_on <= sub.renews_on
    teams = Counter(cid for (cid,) in Team.select(Team.company)
                    .join(Subscription, on=Subscription.company == Team.company)
                    .where(Subscription.plan == "essentials").tuples())
    assert teams and max(teams.values()) <= 3


def test_generated_companies_keep_their_folded_name_for_the_search(scale):
    """The search index holds each name folded (migration 0014): on a SQLite older than 3.45
    (no remove_diacritics) "Medias" finds "Médias" only through it. The scale builder left it
    empty, so the bench searched names no such SQLite could find without their accents."""
    from store.persistence.folding import search_fold

    rows = Company.select(Company.name, Company.name_folded).where(Company.id.in_(scale["ids"]))
    assert [row.name_folded for row in rows] == [search_fold(row.name) for row in rows]
    assert any(row.name_folded != row.name.casefold() for row in rows)  # accents among them


def test_names_websites_and_emails_pass_the_forms(scale):
    from store.forms.schemas import GeneralForm, RecipientForm
    from store.forms.validation import validate

    for company in Company.select().where(Company.id.in_(scale["ids"])):
        form = validate(GeneralForm, {"name": company.name, "website": company.website})
        assert (form.name, form.website) == (company.name, company.website)
        assert re.search(r" (GmbH|AG|KG|SARL|SAS|SA|SRL|BV|Inc\.|LLC|Corp\.|Ltd|LLP|plc|S\.L\.|"
                         r"S\.A\.|S\.r\.l\.|S\.p\.A\.|B\.V\.|N\.V\.)$", company.name)
    emails = [e for (e,) in InvoiceRecipient.select(InvoiceRecipient.email)
              .where(InvoiceRecipient.company.in_(scale["ids"])).tuples()]
    emails += [e for (e,) in User.select(User.email).where(User.company == scale["ids"][1])
               .tuples()]
    for email in emails:
        assert validate(RecipientForm, {"email": email}).email == email


def test_every_billing_address_passes_the_address_form(scale):
    from store.forms.schemas import AddressForm
    from store.forms.validation import validate

    fields = ("line1", "line2", "postal_code", "city", "state", "country", "vat_number")
    for address in BillingAddress.select().where(BillingAddress.company.in_(scale["ids"])):
        data = {f: getattr(address, f) for f in fields}
        assert validate(AddressForm, data).model_dump() == data  # stored in canonical form


def test_vat_numbers_are_valid_for_their_country(scale):
    for country, number in (BillingAddress.select(BillingAddress.country,
                                                  BillingAddress.vat_number)
                            .where(BillingAddress.company.in_(scale["ids"])).tuples()):
        if country == "US":
            assert number is None
        elif country == "GB":
            assert number.startswith("GB") and gb_vat.is_valid(number)
        else:
            assert number.startswith(country) and eu_vat.is_valid(number)


def test_phone_numbers_are_unique_e164_apart_from_the_named_demo(scale):
    numbers = [e for (e,) in PhoneNumber.select(PhoneNumber.e164)
               .where(PhoneNumber.company.in_(scale["ids"])).tuples()]
    assert len(numbers) == len(set(numbers))
    for e164 in numbers:
        assert re.fullmatch(r"\+[1-9]\d{6,14}", e164)
        assert not e164.startswith(("+33478", "+49403", "+16505"))
        assert phonenumbers.is_valid_number(phonenumbers.parse(e164))


def test_invoices_add_up_and_keep_the_address(scale):
    addresses = {a.company_id: a for a in BillingAddress.select()}
    names = dict(Company.select(Company.id, Company.name).tuples())
    lines = defaultdict(list)
    for line in InvoiceLine.select().join(Invoice).where(Invoice.company.in_(scale["ids"])):
        lines[line.invoice_id].append(line)
    per_company = Counter()
    for inv in Invoice.select().where(Invoice.company.in_(scale["ids"])):
        per_company[inv.company_id] += 1
        assert re.fullmatch(rf"INV-{inv.company_id:06d}-\d{{4}}", inv.number)
        assert 1 <= len(lines[inv.id]) <= 3
        assert [line.position for line in lines[inv.id]] == list(range(1, len(lines[inv.id]) + 1))
        assert all(line.amount_minor == line.quantity * line.unit_minor for line in lines[inv.id])
        assert sum(line.amount_minor for line in lines[inv.id]) == inv.subtotal_minor
        assert inv.subtotal_minor + inv.tax_minor == inv.total_minor > 0
        assert inv.period_start == inv.issued_on <= inv.period_end and inv.issued_on <= TODAY
        assert (inv.status == "paid") == (inv.paid_on is not None)
        address = addresses[inv.company_id]
        assert (inv.bill_to_name, inv.bill_to_line1, inv.bill_to_postal_code, inv.bill_to_city,
                inv.bill_to_state, inv.bill_to_country, inv.bill_to_vat_number) == (
            names[inv.company_id], address.line1, address.postal_code, address.city,
            address.state, address.country, address.vat_number)
    subscribed = {cid for (cid,) in Subscription.select(Subscription.company)
                  .where(Subscription.company.in_(scale["ids"]))
                  .where(Subscription.status == "subscribed").tuples()}
    assert set(per_company) == subscribed and set(per_company.values()) <= set(range(3, 9))
    open_ones = Invoice.select().where(Invoice.company.in_(scale["ids"]), Invoice.status == "open")
    assert open_ones.count() > 0
    for inv in open_ones:  # only the newest invoice of a company is still open
        assert inv.number.endswith(f"-{per_company[inv.company_id]:04d}")


def test_cards_are_tokens_that_have_not_expired(scale):
    methods = list(PaymentMethod.select().where(PaymentMethod.company.in_(scale["ids"])))
    cards = [m for m in methods if m.kind == "card"]
    assert len(cards) > len(scale["ids"]) // 2
    for card in cards:
        assert card.token == f"tok_scale_{card.company_id}" and card.brand in ("Visa",
                                                                                 "Mastercard")
        assert re.fullmatch(r"\d{4}", card.last4) and card.holder
        assert (card.exp_year, card.exp_month) > (TODAY.year, TODAY.month)
    assert all(m.token is None for m in methods if m.kind != "card")


def test_progress_is_reported_after_each_batch(scale):
    assert scale["progress"] == [(min(n, GENERATED), GENERATED) for n in range(64, 257, 64)]


@pytest.mark.sqlite_only
def test_the_planner_counts_active_users_from_the_index(scale):
    assert database.execute_sql("SELECT COUNT(*) FROM sqlite_stat1").fetchone()[0] > 0
    plan = database.execute_sql(
        'EXPLAIN QUERY PLAN SELECT COUNT(id) FROM "user" WHERE company_id = ? AND active = 1',
        (scale["ids"][0],)).fetchall()
    assert any("user_company_id_active" in row[-1] for row in plan)


def test_a_second_run_adds_companies_without_clashes(scale, monkeypatch):
    demo_scale.generate_companies(20, seed=2)
    assert Company.select().count() == 3 + GENERATED + 20
    numbers = PhoneNumber.select(PhoneNumber.e164)
    assert numbers.count() == numbers.distinct().count()


def snapshot(path, seed, monkeypatch):
    """Names, e-mails and invoice totals of a fresh database generated with `seed`."""
    monkeypatch.setattr(demo_scale, "LARGE_TENANT_USERS", 50)
    store.persistence.db.open_database(store.persistence.db.database_url_for(path))
    store.demo.create_demo()
    demo_scale.generate_companies(40, seed=seed)
    data = (list(Company.select(Company.name, Company.website).tuples()),
            list(User.select(User.email, User.name, User.role).tuples()),
            list(BillingAddress.select(BillingAddress.line1, BillingAddress.vat_number).tuples()),
            list(Invoice.select(Invoice.number, Invoice.total_minor).tuples()))
    database.close()
    return data


def test_the_same_seed_gives_the_same_companies(tmp_path, monkeypatch):
    first = snapshot(tmp_path / "a.sqlite3", 1, monkeypatch)
    assert snapshot(tmp_path / "b.sqlite3", 1, monkeypatch) == first
    assert snapshot(tmp_path / "c.sqlite3", 2, monkeypatch)[0] != first[0]


def test_card_holders_invoices_were_charged_at_issue_as_the_run_charges_them(scale):
    """#17 trial: `demo --companies 300` left 88 December invoices open with a card on file and
    no charge tried (company 6: Mastercard •••• 0162, INV-000006-0005 Open, History empty);
    `invoices issue --dry-run` said paid_at_issue 0 and the run then charged 75. Made as the
    run leaves them: each charged at issue, paid with the card, or declined, in History."""
    import json

    import store.invoicing.billing_run
    import store.people.access
    from store.persistence.models import AuditEvent

    cards = {m.company_id: f"{m.brand} •••• {m.last4}" for m in PaymentMethod.select().where(
        PaymentMethod.company.in_(scale["ids"]) & (PaymentMethod.kind == "card"))}
    lines = {json.loads(e.new_value)["numbers"][0]: e for e in AuditEvent.select().where(
        AuditEvent.company.in_(scale["ids"]) & (AuditEvent.action == "invoice.pay"))}
    charged = Invoice.select().where(Invoice.company.in_(list(cards)))
    assert charged.count() > 0 and len(lines) == charged.count()
    declined = 0
    for inv in charged:
        line, kept = lines[inv.number], json.loads(lines[inv.number].new_value)
        assert (kept["card"], kept["total"], kept["at_issue"]) == (
            cards[inv.company_id], str(Decimal(inv.total_minor).scaleb(-2)), True)
        assert (line.actor_role, line.at.date() >= inv.issued_on) == ("billing", True)
        if inv.status == "paid":
            assert (line.outcome, inv.paid_with) == ("done", cards[inv.company_id])
        else:
            assert (line.outcome, line.reason, inv.paid_with) == ("refused", "declined", None)
            declined += 1
    assert declined > 0
    dry = store.invoicing.billing_run.issue_period(
        store.people.access.resolve_actor("billing@mycompany.example"), "2026-11", dry_run=True)
    assert dry.collected.paid == []  # nothing left for the next run to charge
