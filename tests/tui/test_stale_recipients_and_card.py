"""The Billing tab's recipients and card when what they show went out of date meanwhile (#15,
#17 trial): the refusal shows and the section reads the view again, off the event loop."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

import store
import store.people.access
import store.profile.billing
from tui.screens.card import CardModal
from tui.screens.recipient import RecipientModal

from .helpers import asked, cells, store_answered, text_of, type_text, until

JONAS = "jonas@nordwind.de"
TEAM = "billing@mycompany.example"


def recipients(app) -> DataTable:
    return app.company_screen().query_one("#recipients", DataTable)


async def test_removing_one_removed_meanwhile_shows_the_list_as_it_is(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = recipients(app)
        assert cells(table, 0) == ["buchhaltung@nordwind.de", "jonas@nordwind.de"]
        jonas = store.people.access.resolve_actor(JONAS)  # the command line, meanwhile
        store.profile.billing.remove_recipient(jonas, demo["nordwind"],
                                               "buchhaltung@nordwind.de")
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("r")
        await asked(pilot, "asked")
        await pilot.press("y")
        await store_answered(pilot)
        await until(pilot, lambda: cells(table, 0) == ["jonas@nordwind.de"], "the list read again")
        error = text_of(app.company_screen().query_one("#recipients-error", Static))
        assert error == "buchhaltung@nordwind.de does not receive the invoices."


async def test_adding_one_added_meanwhile_shows_it_in_the_list(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        jonas = store.people.access.resolve_actor(JONAS)
        store.profile.billing.add_recipient(jonas, demo["nordwind"], {"email": "ap@nordwind.de"})
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecipientModal), "the dialog opens")
        modal = app.screen
        await type_text(pilot, "ap@nordwind.de")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is modal  # the refusal by its field
        error = modal.query_one("#row-email .form-field--error", Static)
        assert "already receives" in text_of(error)
        await until(pilot, lambda: "ap@nordwind.de" in cells(recipients(app), 0),
                    "the list behind read again")


async def test_a_card_over_a_method_changed_meanwhile_says_what_is_on_file(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        team = store.people.access.resolve_actor(TEAM)  # the billing team, meanwhile
        store.profile.billing.set_other_payment_method(team, demo["nordwind"], "bank_transfer",
                                                       {"reason": "asked"})
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CardModal), "the dialog opens")
        modal = app.screen
        await type_text(pilot, "4242 4242 4242 4242")
        await pilot.press("enter", *"12/29", "enter", *"123")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is modal
        assert "Changed by billing@mycompany.example" in text_of(
            modal.query_one("#dialog-banner", Static))
        await until(pilot, lambda: "Bank transfer" in text_of(
            modal.query_one("#card-now", Static)), "what is on file now said")
        behind = app.company_screen().query_one("#payment-method", Static)
        assert text_of(behind).startswith("Bank transfer")
        number = modal.query_one("#field-number", Input)
        assert number.value == "4242 4242 4242 4242"  # kept: a second save goes knowingly
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await until(pilot, lambda: app.screen is not modal, "the dialog closes")
        assert text_of(behind).startswith("Visa •••• 4242")
        assert number.value == ""
