"""A long period gives way in the invoice list, never the amount or the status (#17 trial, 80
columns: a first invoice's "12 déc. 2026 – 31 janv. 2027" cut its amount to "236,9" and its
status off; a Chinese company's "$236.13 O"; Nordwind's page 2 said "Paid" without its day
beside "Sep 28 – Oct 31, 2025", page 1 "Paid Oct 1, 2026"). tui/sections/invoice_lines.laid_out:
the period goes on more lines."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import date

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widgets import DataTable

import store.invoicing.billing_run
import store.invoicing.invoices
import store.people.access
import store.profile.companies
from store import clock
from tests.i18n.conftest import screens_in
from tests.snapshots.settle import settle

ADMIN = "admin@mycompany.example"
BILLING = "billing@mycompany.example"
CAMILLE = "camille@atelier-lumiere.fr"  # Atelier, in its trial until Dec 7 (tests' today + 10)
CHINA = {"name": "北京云通科技有限公司", "country": "CN", "state": "北京市", "city": "东城区",
         "line1": "王府井大街1号", "postal_code": "100006", "owner_email": "li@yuntong.cn",
         "owner_name": "李伟", "currency": "USD", "plan": "essentials", "term": "monthly",
         "trial_days": "14"}  # to Dec 10: its first invoice bills Dec 11 - Jan 31 in January


def language(locale: str) -> AbstractContextManager:
    return nullcontext() if locale == "en" else screens_in(locale)


def first_invoice_in_january(company_id: int) -> None:
    """The January run, on Jan 1, 2027: the company's first invoice, from its trial's end."""
    clock.set_clock(lambda: date(2027, 1, 1))
    store.invoicing.billing_run.issue_period(store.people.access.resolve_actor(BILLING),
                                             "2027-01", company_id=company_id)


def drawn(table: DataTable) -> list[str]:
    """The list's lines as the terminal shows them, in the table's own width."""
    return [strip.text for strip in table.render_lines(Region(0, 0, table.size.width,
                                                              table.size.height))]


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_a_long_period_wraps_and_the_amount_and_status_show_whole_at_80x24(
        demo, make_app, locale):
    if locale == "fr":
        company, email = demo["atelier"], CAMILLE
    else:
        company = store.profile.companies.create_company(
            store.people.access.resolve_actor(ADMIN), CHINA).id
        email = "li@yuntong.cn"
    first_invoice_in_january(company)
    with language(locale):
        app = make_app(email, company=company, tab="billing", locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            section = app.screen.query_one("#invoices-section")
            table = section.table
            (item,) = section.page.items
            assert item.period_start.year == 2026 and item.period_end == date(2027, 1, 31)
            from tui.formatting import invoice_period, invoice_state, money

            amount = money(item.total, item.currency, locale)
            status = invoice_state(item, locale)
            lines = drawn(table)
            first = lines[1]  # under the heading
            assert amount in first and status in first, lines
            assert first.rstrip().endswith(f"{amount} {status}")
            # The period, on two lines under its heading, reads back whole.
            assert lines[2].strip() and not lines[2].strip().startswith(("INV", amount))
            period = invoice_period(item.period_start, item.period_end, locale)
            assert section.shown_cells(0)[3].split() == period.replace("\u2009", " ").split()
            assert all(cell_len(line.rstrip()) <= table.size.width for line in lines)


async def test_a_page_with_a_long_period_keeps_the_paid_day_of_the_other_pages(demo,
                                                                               make_app):
    """Nordwind's oldest invoice, its trial's last days and a month: its page reads as page 1."""
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    last = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"], page_size=10)
    app = make_app("jonas@nordwind.de", tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        section = app.screen.query_one("#invoices-section")
        first_page = [section.shown_cells(y)[5] for y in range(section.table.row_count)]
        await pilot.press("n")
        await settle(pilot)
        assert section.page.page == last.pages == 2
        from tui.formatting import invoice_period, invoice_state

        oldest = section.page.items[-1]
        assert oldest.period_start.day != 1  # the long period of the kind
        statuses = [section.shown_cells(y)[5] for y in range(section.table.row_count)]
        paid_words = [invoice_state(item, "en", method=False) for item in section.page.items]
        assert statuses == paid_words  # "Paid Oct 1, 2025", as page 1 says its own
        assert all(status.startswith("Paid ") for status in first_page if "Paid" in status)
        assert section.shown_cells(len(statuses) - 1)[3].split() == invoice_period(
            oldest.period_start, oldest.period_end, "en").replace("\u2009", " ").split()
        lines = drawn(section.table)
        assert lines[0].rstrip().endswith("Status")  # the heading whole too
        assert all(cell_len(line.rstrip()) <= section.table.size.width for line in lines)
