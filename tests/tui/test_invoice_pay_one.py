"""Pay now from the invoice in full (SPEC §5, #17 trial): Enter on an open invoice in Billing,
then y, asks to charge THAT invoice's amount to the card on file (the same question as the
list's Pay now) and pays it alone; a paid invoice, or a reader who may not pay, has no y."""

from __future__ import annotations

from textual.widgets import DataTable, Static

import store.people.access
from store.persistence.models import Invoice
from tui.screens.confirm import ConfirmModal
from tui.screens.invoice_entry import InvoiceEntryModal

from .helpers import asked, cells, store_answered, text_of, until

JONAS = "jonas@nordwind.de"
SUPPORT = "support@mycompany.example"
NEWEST, OLDER = "INV-000002-0014", "INV-000002-0013"  # Nordwind's two open ones, past due


def _status(number: str) -> str:
    return Invoice.get(Invoice.number == number).status


def _keys(screen) -> set[str]:
    """The keys the dialog's key line offers."""
    return {binding.key for (_node, binding, enabled, _tooltip)
            in screen.active_bindings.values() if enabled and binding.show}


async def _open_newest(pilot, app) -> None:
    app.company_screen().query_one("#invoices", DataTable).focus()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, InvoiceEntryModal), "the invoice shown")


async def test_y_on_an_open_invoice_pays_that_invoice_alone(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_newest(pilot, app)
        detail = app.screen
        assert text_of(detail.query_one("#entry-text", Static)).startswith(f"{NEWEST}  Past due")
        assert "y" in _keys(detail)
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        # The amount of this invoice, not of both open ones (€5,134.00), asked first.
        assert app.screen.question == (
            f"Charge €2,567.00 to Visa •••• 4242 now for 1 open invoice ({NEWEST})?")
        await pilot.press("y")
        await store_answered(pilot)
        await until(pilot, lambda: app.screen is not detail
                    and not isinstance(app.screen, ConfirmModal), "the invoice closed once paid")
        assert (_status(NEWEST), _status(OLDER)) == ("paid", "open")
        table = app.company_screen().query_one("#invoices", DataTable)
        await until(pilot, lambda: [s.split(" · ")[0][:4] for s in cells(table, 5)[:2]]
                    == ["Paid", "Past"],
                    "the list says it is paid")


async def test_declining_charges_nothing_and_the_invoice_stays_shown(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_newest(pilot, app)
        detail = app.screen
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is detail, "back on the invoice")
        assert (_status(NEWEST), _status(OLDER)) == ("open", "open")


async def test_a_payment_cancelled_says_nothing_was_charged(make_app):
    """#17 trial: in Billing, `y` then Enter (the focus on Cancel) closed the dialog with no
    charge and no word, where `invoices pay` answered n prints "Nothing was charged."; escape
    from the invoice in full likewise."""
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.company_screen().query_one("#invoices", DataTable).focus()
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        await pilot.pause()
        await pilot.press("enter")  # the focused button: Cancel
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "the dialog closed")
        await until(pilot, lambda: _notes(app) == ["Nothing was charged."], "the note")
        assert (_status(NEWEST), _status(OLDER)) == ("open", "open")
        await _open_newest(pilot, app)
        await pilot.press("y")
        await asked(pilot, "the payment asked")
        await pilot.press("escape")
        await until(pilot, lambda: _notes(app) == ["Nothing was charged."] * 2, "the note")
        assert (_status(NEWEST), _status(OLDER)) == ("open", "open")


def _notes(app) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_a_paid_invoice_or_a_reader_who_may_not_pay_has_no_y(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.company_screen().query_one("#invoices", DataTable)
        table.focus()
        await pilot.press("down", "down", "enter")  # the third row: paid
        await until(pilot, lambda: isinstance(app.screen, InvoiceEntryModal), "the invoice")
        assert " Paid" in text_of(app.screen.query_one("#entry-text", Static)).split("\n")[0]
        assert "y" not in _keys(app.screen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, InvoiceEntryModal)  # nothing asked
    staff = make_app(SUPPORT, company=demo["nordwind"], tab="billing")
    async with staff.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await _open_newest(pilot, staff)
        assert "Past due" in text_of(staff.screen.query_one("#entry-text", Static))
        assert "y" not in _keys(staff.screen)
    assert store.people.access.resolve_actor(SUPPORT).is_staff
    assert (_status(NEWEST), _status(OLDER)) == ("open", "open")
