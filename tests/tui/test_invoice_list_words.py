"""The invoice list says the same on the Billing tab and in `show invoices` (#17 trial), from
one place: a credit note's Due as the store gives it (None: "—", no one pays a credit note; the
command line printed a due date the tab left empty), and a paid invoice's status with the day it
was paid and what paid it (SPEC §5: "Paid with its date and method"; the tab said "Paid"
alone), the list still whole at 80x24."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.cells import cell_len
from textual.widgets import DataTable

import store.invoicing.credit_notes
import store.invoicing.invoices
import store.people.access
from store.views import InvoiceRowView
from tui.formatting import invoice_state
from tui.sections import invoice_lines as lines
from tui.textout import to_text

from .helpers import cells

JONAS = "jonas@nordwind.de"  # Nordwind, DE: paid by card, two invoices open in the demo
BILLING = "billing@mycompany.example"


def credited(demo) -> str:
    """A credit note on Nordwind's newest invoice; its number."""
    billing = store.people.access.resolve_actor(BILLING)
    jonas = store.people.access.resolve_actor(JONAS)
    newest = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"]).items[0].number
    return store.invoicing.credit_notes.credit_invoice(billing, demo["nordwind"], newest,
                                                       {"reason": "goodwill"}, "100")


def cli_rows(page) -> dict[str, list[str]]:
    """`show invoices`' rows by number, as printed into a pipe: its cells, split on the
    table's two-space gaps."""
    from unittest import mock

    with mock.patch("tui.textout.output_width", lambda: None):
        text = to_text("invoices", page, "en").splitlines()[1:-1]
    return {row.split("  ")[0].strip(): [c.strip() for c in row.split("  ") if c.strip()]
            for row in text}


def test_a_credit_note_is_due_on_nothing_in_the_store_and_on_both_surfaces(demo):
    number = credited(demo)
    jonas = store.people.access.resolve_actor(JONAS)
    page = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"])
    note = next(item for item in page.items if item.number == number)
    assert note.kind == "credit_note" and note.due_on is None  # the store decides
    assert cli_rows(page)[number][2] == "—"
    assert lines.cells(note, "en")[2] == "—"
    invoice = next(item for item in page.items if item.kind == "invoice")
    assert invoice.due_on is not None
    assert cli_rows(page)[invoice.number][2] != "—"


def test_paid_says_when_and_with_what_in_the_store_and_on_both_surfaces(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    page = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"])
    paid = [item for item in page.items if item.status == "paid"]
    assert paid and {item.paid_by for item in paid} == {"card"}
    first = paid[0]
    words = invoice_state(first, "en")
    assert words == f"Paid {first.paid_on:%b} {first.paid_on.day}, {first.paid_on.year} · card"
    assert cli_rows(page)[first.number][-1] == words
    assert lines.cells(first, "en")[-1] == words


def row(**values) -> InvoiceRowView:
    base = {"number": "INV-000002-0001", "kind": "invoice", "issued_on": date(2026, 9, 1),
            "period_start": date(2026, 9, 1), "period_end": date(2026, 9, 30),
            "currency": "EUR", "total": Decimal("2567.00"), "status": "paid",
            "due_on": date(2026, 9, 1), "paid_on": date(2026, 9, 28),
            "paid_with": "Visa •••• 4242"}
    return InvoiceRowView(**{**base, **values})


def test_the_method_is_what_paid_and_the_year_shows_when_not_the_issue_year():
    assert store.invoicing.invoices.paid_by("Visa •••• 4242") == "card"
    assert store.invoicing.invoices.paid_by("CN-000002-0001, Visa •••• 4242") == "card"
    assert store.invoicing.invoices.paid_by("CN-000002-0001 +2") == "credit_note"
    assert store.invoicing.invoices.paid_by(None) is None
    # The day written as every date of an invoice is (tui.formatting.day, #17), its year too.
    assert invoice_state(row(paid_by="card"), "en") == "Paid Sep 28, 2026 · card"
    assert invoice_state(row(paid_by="credit_note"), "en") == "Paid Sep 28, 2026 · credit note"
    assert invoice_state(row(paid_by=None), "en") == "Paid Sep 28, 2026"
    assert invoice_state(row(paid_by="card", paid_on=date(2027, 1, 3)), "en") == (
        "Paid Jan 3, 2027 · card")
    assert invoice_state(row(status="open", paid_on=None), "en") == "Open"


def test_a_terminal_too_narrow_for_the_method_leaves_it_out_rather_than_wrap_it(demo):
    from unittest import mock

    jonas = store.people.access.resolve_actor(JONAS)
    page = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"])
    with mock.patch("tui.textout.output_width", lambda: 80):
        text = to_text("invoices", page, "en")
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    # One line a row, each ending with its status, never wrapped; a first invoice's period, days
    # before its month (service_period, #17: "Sep 24 – Oct 31, 2025"), is the one cell too wide
    # for 80 cells whatever the status: its year goes under it.
    rows = [line for line in text.splitlines() if line.startswith("INV-")]
    assert len(rows) == len(page.items)
    assert all(line.rstrip().endswith(("Paid", "card", "Open", "Past due")) for line in rows)
    assert len(text.splitlines()) <= len(page.items) + 3
    assert "Paid" in text  # the day and method left out: no room beside that period


def test_a_status_too_wide_for_the_room_leaves_the_method_out_every_column_whole():
    items = [row(paid_by="card"), row(paid_by="credit_note", number="INV-000002-0002")]
    rows, columns = lines.laid_out(items, "en", 76)
    assert [r[-1] for r in rows] == ["Paid Sep 28, 2026"] * 2
    assert lines.line_width(columns) <= 76
    rows, columns = lines.laid_out(items, "en", 70)  # then without the day
    assert [r[-1] for r in rows] == ["Paid"] * 2
    assert lines.line_width(columns) <= 70
    rows, columns = lines.laid_out(items, "en", None)
    assert [r[-1] for r in rows] == ["Paid Sep 28, 2026 · card",
                                     "Paid Sep 28, 2026 · credit note"]


async def test_the_tab_says_what_show_invoices_says_whole_at_80x24(make_app, demo):
    number = credited(demo)
    jonas = store.people.access.resolve_actor(JONAS)
    page = store.invoicing.invoices.list_invoices(jonas, demo["nordwind"], page_size=10)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)):
        table = app.company_screen().query_one("#invoices", DataTable)
        shown = {n: [cells(table, x)[y] for x in (2, 5)]
                 for y, n in enumerate(cells(table, 0))}
        cli = cli_rows(page)
        assert shown[number] == ["—", cli[number][-1]]
        for item in page.items:
            if item.status == "paid":  # as much of show invoices' status as 80 columns hold
                assert cli[item.number][-1].startswith(shown[item.number][1])
                assert shown[item.number][1] == f"Paid {item.paid_on:%b} {item.paid_on.day}, " \
                    f"{item.paid_on.year}"
        # every line whole in the list's width
        widest = max(cell_len(str(table.get_row_at(y)[0])) for y in range(table.row_count))
        assert widest <= table.size.width


def test_a_credit_note_is_named_for_what_it_is_and_shortened_to_a_word():
    """#17 trial: a credit note of a paid invoice read "Open" in the list, as owed."""
    from tui.formatting import fitted_state

    note = {"number": "CN-000002-0001", "kind": "credit_note", "total": Decimal("-100.00"),
            "due_on": None, "paid_on": None, "paid_with": None}
    available = row(**note, status="open")
    used = row(**note, status="applied", deducted_from=["INV-000002-0015"])
    assert fitted_state(available, "en", None) == "Credit available"
    assert fitted_state(available, "en", 10) == "Credit"
    assert fitted_state(used, "en", None) == "Deducted from INV-000002-0015"
    assert fitted_state(used, "en", 10) == "Applied"
    assert fitted_state(row(**note, status="applied"), "en", None) == "Applied"
