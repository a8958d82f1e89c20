"""An invoice read one way on every surface (#17, an accountant's trial).

- Its service period: a first invoice charges the trial month's last days then its month; the
  list, `show invoices --json` and `export invoices` said its billing month ("Oct 2025",
  2025-10-01/2025-10-31) while the detail, its JSON and the PDF said Sep 28 – Oct 31, 2025.
  store.invoicing.invoices.service_period is the one reading.
- Its lines' words: `invoices show --json` said "User licences, 2026-12-01 to 2026-12-31"
  where the text, the PDF and the e-mail said "User licences, December 2026":
  store.invoicing.invoices.shown_lines is the one reading, JSON included."""

from __future__ import annotations

from datetime import date

import pytest

import store.invoicing.invoice_detail
import store.invoicing.invoices
from store.i18n import set_language
from store.persistence.models import Invoice
from store.trail.exports import ExportFilters, export
from tests.store.test_invoice_lines_name_their_period import BILLING, first_invoice, plain

NORDWIND_FIRST = "INV-000002-0001"  # the demo's first: its trial ended in September 2025
SUPPORT = "support@mycompany.example"


def every_period(as_, company_id: int, number: str) -> dict[str, tuple[date, date]]:
    """The period each surface gives invoice `number`."""
    billing = as_(BILLING)
    listed = next(i for i in store.invoicing.invoices.list_invoices(
        billing, company_id, page_size=200).items if i.number == number)
    detail = store.invoicing.invoice_detail.invoice_detail(billing, company_id, number)
    doc = store.invoicing.invoices.invoice_document(billing, company_id, number)
    rows: list[dict] = []
    export(as_(SUPPORT), "invoices", rows.append, ExportFilters(company=company_id))
    (row,) = [r for r in rows if r["number"] == number]
    first, last = row["period"].split("/")
    return {"list": (listed.period_start, listed.period_end),
            "detail": (detail.period_start, detail.period_end),
            "pdf": (doc.period_start, doc.period_end),
            "export": (date.fromisoformat(first), date.fromisoformat(last))}


def test_a_first_invoice_has_one_service_period_everywhere(demo, as_):
    periods = every_period(as_, demo["nordwind"], NORDWIND_FIRST)
    ((first, last),) = set(periods.values())  # one period, whoever reads it
    assert (first.year, first.month, first.day > 1, last) == (2025, 9, True, date(2025, 10, 31))
    stored = Invoice.get(Invoice.number == NORDWIND_FIRST)
    assert (stored.period_start, stored.billing_period) == (date(2025, 10, 1), "2025-10")


def test_a_first_invoice_issued_by_the_run_has_one_period_everywhere(demo, as_):
    cid, number = first_invoice(as_)  # a trial ending Nov 10, 2026: Nov 11 – Dec 31
    periods = every_period(as_, cid, number)
    assert set(periods.values()) == {(date(2026, 11, 11), date(2026, 12, 31))}, periods


def test_a_later_invoice_keeps_its_month(demo, as_):
    periods = every_period(as_, demo["nordwind"], "INV-000002-0002")
    assert set(periods.values()) == {(date(2025, 11, 1), date(2025, 11, 30))}


def test_service_period_reads_a_prorated_line_only():
    read = store.invoicing.invoices.service_period
    month = (date(2026, 12, 1), date(2026, 12, 31))
    assert read(*month, ["User licences, 2026-12-01 to 2026-12-31", None]) == month
    assert read(*month, ["User licences, 2026-11-11 to 2026-11-30 (20/30 days)"]) == (
        date(2026, 11, 11), date(2026, 12, 31))


@pytest.fixture
def french_screens():
    set_language("fr")
    yield
    set_language("en")


def test_the_json_lines_say_what_the_text_says(demo, as_):
    from tui.invoices_cli import detail_text

    cid, number = first_invoice(as_)
    detail = store.invoicing.invoice_detail.invoice_detail(as_(BILLING), cid, number)
    described = [plain(line["description"])
                 for line in detail.model_dump(mode="json")["lines"]]
    assert described == ["User licences, Nov 11 – 30, 2026 (20/30 days)",
                         "User licences, December 2026"]
    text = plain(detail_text(detail, "en", width=200))
    assert all(line in text for line in described)


def test_the_json_lines_in_the_reader_s_language(demo, as_, french_screens):
    cid, number = first_invoice(as_)
    detail = store.invoicing.invoice_detail.invoice_detail(as_(BILLING), cid, number)
    assert [plain(line["description"]) for line in detail.model_dump(mode="json")["lines"]] \
        == ["Licences utilisateurs, 11–30 nov. 2026 (20/30 jours)",
            "Licences utilisateurs, décembre 2026"]
