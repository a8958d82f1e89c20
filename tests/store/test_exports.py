"""Exports and History across companies for the vendor's staff (SPEC §6, §11; #18): every row
as the database holds it, the filters, refusals recorded, the export in the trail, and a bounded
number of queries whatever the number of rows."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

import store.invoicing.credit_notes
import store.profile.companies
from store import clock
from store.errors import InvalidInput, NotFound, Refused
from store.persistence.models import (
    AuditEvent,
    BillingAddress,
    Company,
    Invoice,
    PhoneNumber,
    Subscription,
    User,
)
from store.trail.exports import COLUMNS, ExportFilters, ExportStopped, export
from store.trail.history_all import all_history

SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"
ADMIN = "admin@mycompany.example"
JONAS = "jonas@nordwind.de"


def exported(actor, what, filters=None, **kwargs) -> list[dict]:
    rows: list[dict] = []
    count = export(actor, what, rows.append, filters, **kwargs)
    assert count == len(rows)
    assert all(tuple(row) == COLUMNS[what] for row in rows)
    return rows


def test_invoices_are_exported_as_the_database_holds_them(demo, as_):
    store.invoicing.credit_notes.credit_invoice(as_(BILLING), demo["nordwind"], "INV-000002-0014",
                                      {"reason": "Wrong licence count"})
    rows = exported(as_(SUPPORT), "invoices")
    invoices = list(Invoice.select().order_by(Invoice.id))
    assert [r["number"] for r in rows] == [i.number for i in invoices]
    by_id = {i.id: i for i in invoices}
    for row, inv in zip(rows, invoices, strict=True):
        company = Company.get_by_id(inv.company_id)
        assert row["company_id"] == inv.company_id and row["company_name"] == company.name
        # A credit note is not paid by the customer: no due date, as the Billing list and
        # show invoices say (store.invoicing.invoices.due_date, #17 trial).
        due = None if inv.kind == "credit_note" else inv.due_on
        assert (row["issued_on"], row["due_on"], row["paid_on"], row["paid_with"]) == (
            inv.issued_on, due, inv.paid_on, inv.paid_with)
        # The days it charges, as every surface says them (service_period, #17: a first
        # invoice's prorated days before its billing month too).
        first, last = store.invoicing.invoices.service_period(
            inv.period_start, inv.period_end, [line.description for line in inv.lines])
        assert row["period"] == f"{first.isoformat()}/{last.isoformat()}"
        exponent = Decimal(10) ** -2  # the demo's currencies have two decimals
        assert (row["subtotal"], row["tax"], row["total"]) == (
            Decimal(inv.subtotal_minor) * exponent, Decimal(inv.tax_minor) * exponent,
            Decimal(inv.total_minor) * exponent)
        assert (row["currency"], row["tax_rule"], row["kind"]) == (
            inv.currency, inv.tax_rule, inv.kind)
        assert row["corrects"] == (by_id[inv.corrects_id].number if inv.corrects_id else None)
    status = {r["number"]: r["status"] for r in rows}
    # Open after its due date (the fixed clock's 2026-11-27) reads as the Billing list shows it.
    assert status["INV-000002-0013"] == "past_due"
    assert status["INV-000002-0014"] == "credited"
    assert status["CN-000002-0001"] == "applied"
    assert next(r for r in rows if r["number"] == "CN-000002-0001")["due_on"] is None
    assert next(r for r in rows if r["number"] == "CN-000002-0001")["corrects"] \
        == "INV-000002-0014"


def test_companies_are_exported_with_their_plan_and_active_counts(demo, as_):
    store.profile.companies.close_company(as_(ADMIN), demo["atelier"], {"reason": "customer left"})
    rows = exported(as_(BILLING), "companies")
    companies = list(Company.select().order_by(Company.id))
    assert [r["id"] for r in rows] == [c.id for c in companies]
    for row, company in zip(rows, companies, strict=True):
        sub = Subscription.get(Subscription.company == company.id)
        address = BillingAddress.get_or_none(BillingAddress.company == company.id)
        assert (row["name"], row["plan"], row["term"], row["status"], row["trial_ends_on"]) == (
            company.name, sub.plan_id, sub.term,
            "closed" if company.closed_at else sub.status, sub.trial_ends_on)
        assert row["country"] == (address.country if address else company.country)
        assert row["users_active"] == User.select().where(
            (User.company == company.id) & User.active).count()
        assert row["numbers_active"] == PhoneNumber.select().where(
            (PhoneNumber.company == company.id) & PhoneNumber.active).count()
        assert row["created_at"] == company.created_at.replace(tzinfo=UTC)
        assert row["created_at"].utcoffset() == timedelta(0)
    closed = rows[0]
    assert closed["id"] == demo["atelier"] and closed["closed_at"] is not None
    # One word for a closed company, as `companies list|show` and the search say (#18 trial).
    assert closed["status"] == "closed"


def test_history_is_exported_line_by_line_and_the_export_is_recorded(demo, as_):
    exported(as_(SUPPORT), "companies")  # a line of the vendor's own work
    store.profile.companies.set_owner(as_(ADMIN), demo["nordwind"], {
        "email": "new.owner@nordwind.de", "name": "New Owner", "reason": "sold"})
    before = list(AuditEvent.select().order_by(AuditEvent.id))
    rows = exported(as_(SUPPORT), "history")
    assert len(rows) == len(before) >= 3
    for row, line in zip(rows, before, strict=True):
        assert (row["id"], row["company_id"], row["actor_email"], row["actor_name"],
                row["actor_role"], row["action"], row["field"], row["old_value"],
                row["new_value"], row["outcome"], row["reason"], row["ticket"], row["origin"],
                row["impersonator_email"]) == (
            line.id, line.company, line.actor_email, line.actor_name, line.actor_role,
            line.action, line.field, line.old_value, line.new_value, line.outcome, line.reason,
            line.ticket, line.origin, line.impersonator_email)
        assert row["company_name"] == (None if line.company is None
                                       else "Nordwind Logistik GmbH")
        assert row["at"] == line.at.replace(tzinfo=UTC)
    recorded = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (recorded.action, recorded.outcome, recorded.actor_email, recorded.company) == (
        "export.history", "done", SUPPORT, None)
    assert f'"rows": {len(rows)}' in recorded.new_value


def test_an_export_cut_short_is_recorded_with_the_rows_that_left(demo, as_):
    """`export companies --out - | head -2`: the pipe closed after two rows; the rows that left
    are in the trail all the same (#18 trial: no line at all)."""
    written: list[dict] = []

    def write(row: dict) -> None:
        if len(written) == 2:
            raise BrokenPipeError
        written.append(row)

    with pytest.raises(ExportStopped) as stopped:  # said so, exit 1 (#18 trial)
        export(as_(SUPPORT), "companies", write)
    assert stopped.value.rows == 2 and isinstance(stopped.value.__cause__, BrokenPipeError)
    assert stopped.value.message == (
        "The export stopped after 2 rows: the program reading them closed the pipe.")
    recorded = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (recorded.action, recorded.actor_email) == ("export.companies", SUPPORT)
    assert '"rows": 2' in recorded.new_value and '"stopped": true' in recorded.new_value


def test_since_until_and_company_keep_only_those_rows(demo, as_):
    since, until = date(2026, 3, 1), date(2026, 6, 30)
    rows = exported(as_(SUPPORT), "invoices", ExportFilters(since=since, until=until))
    wanted = [i.number for i in Invoice.select().where(
        (Invoice.issued_on >= since) & (Invoice.issued_on <= until)).order_by(Invoice.id)]
    assert wanted and [r["number"] for r in rows] == wanted
    assert len(wanted) < Invoice.select().count()
    rows = exported(as_(SUPPORT), "invoices", ExportFilters(company=demo["blue"]))
    assert rows and {r["company_id"] for r in rows} == {demo["blue"]}
    assert len(rows) == Invoice.select().where(Invoice.company == demo["blue"]).count()
    # A trail line's time is read in UTC: the day of the export itself is in, the day before out.
    today = clock.now().astimezone(UTC).date()  # the trail's clock
    exported(as_(SUPPORT), "companies")
    lines = exported(as_(SUPPORT), "history", ExportFilters(since=today))
    assert [r["action"] for r in lines][-1:] == ["export.companies"]
    assert all(r["at"].date() >= today for r in lines)
    recorded = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert f'"since": "{today.isoformat()}"' in recorded.new_value


def test_a_period_backwards_or_an_unknown_company_is_refused_before_any_row(demo, as_):
    rows: list[dict] = []
    with pytest.raises(InvalidInput):
        export(as_(SUPPORT), "invoices", rows.append,
               ExportFilters(since=date(2026, 5, 1), until=date(2026, 4, 1)))
    with pytest.raises(NotFound):
        export(as_(SUPPORT), "invoices", rows.append, ExportFilters(company=999))
    assert rows == []
    assert not AuditEvent.select().where(AuditEvent.action.startswith("export.")).exists()


@pytest.mark.parametrize("what", ["companies", "invoices", "history"])
def test_an_owner_is_refused_every_export_and_the_refusal_is_recorded(demo, as_, what):
    rows: list[dict] = []
    with pytest.raises(Refused):
        export(as_(JONAS), what, rows.append, ExportFilters(company=demo["nordwind"]))
    assert rows == []
    line = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (line.action, line.outcome, line.actor_email, line.company) == (
        f"export.{what}", "refused", JONAS, demo["nordwind"])


def test_an_export_costs_a_few_queries_a_page_not_one_a_row(demo, as_):
    support = as_(SUPPORT)
    invoices = Invoice.select().count()
    assert invoices >= 20
    with count_queries() as counter:
        rows = exported(support, "invoices", progress=lambda done, total: None)
    assert len(rows) == invoices
    # the count (progress), one page, and the trail line with its checks
    assert counter.count <= 6
    with count_queries() as paged:
        exported(support, "invoices", page_size=5)
    pages = -(-invoices // 5)
    assert paged.count <= pages + 5 < invoices


def test_history_across_companies_is_filtered_and_paged(demo, as_):
    support = as_(SUPPORT)
    exported(support, "invoices")
    with pytest.raises(Refused):
        export(as_(JONAS), "companies", [].append)
    page = all_history(support, action="export")
    assert [(e.action, e.outcome, e.company_id) for e in page.items] == [
        ("export.companies", "refused", demo["nordwind"]), ("export.invoices", "done", None)]
    assert all_history(support, action="export.invoices").total_count == 1
    assert [e.actor_email for e in all_history(support, person="jonas").items] == [JONAS]
    # A name's part, accents and case aside, both ways (#18 trial: "bea" did not find "Béa").
    import store.people.staff

    store.people.staff.add_staff(as_("admin@mycompany.example"), {
        "email": "bea@vendor.example", "name": "Béa Durand", "role": "billing"})
    exported(as_("bea@vendor.example"), "companies")
    assert all([e.actor_email for e in all_history(support, person=typed).items]
               == ["bea@vendor.example"] for typed in ("bea", "BÉA D", "béa durand"))
    nordwind = all_history(support, company=demo["nordwind"])
    assert nordwind.total_count == AuditEvent.select().where(
        AuditEvent.company == demo["nordwind"]).count()
    assert {e.company_id for e in nordwind.items} == {demo["nordwind"]}
    everything = AuditEvent.select().count()
    first = all_history(support, page=1, page_size=2)
    assert first.total_count == everything and len(first.items) == min(2, everything)
    assert all_history(support, until=date(2000, 1, 1)).total_count == 0


def test_history_across_companies_is_staffs_and_an_owner_is_refused_recorded(demo, as_):
    with pytest.raises(Refused):
        all_history(as_(JONAS))
    line = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (line.action, line.outcome, line.company) == ("history.all", "refused",
                                                        demo["nordwind"])
