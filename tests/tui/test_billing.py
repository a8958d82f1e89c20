"""The Billing tab (R12-R16) through the keyboard: state on screen and rows in the store."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select, Static

import store
import store.access
import store.billing
import store.requests
from tui.screens.card import CardModal
from tui.screens.change_request import ChangeRequestModal
from tui.screens.confirm import ConfirmModal
from tui.screens.recipient import RecipientModal
from tui.widgets.form_field import FormField

JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"
MARIA = "maria@blueharbor.com"
SUPPORT = "support@mycompany.example"


def text_of(widget: Static) -> str:
    return str(widget.render())


def cells(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


async def replace_value(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    await type_text(pilot, text)


def address(email: str, company_id: int):
    return store.billing.get_billing(store.access.resolve_actor(email), company_id).address


# -- R12 invoices ----------------------------------------------------------------------------


async def test_r12_invoices_newest_first_with_status(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)):
        table = app.query_one("#invoices", DataTable)
        assert table.row_count == 10  # a page is what the list shows
        numbers = cells(table, 0)
        assert numbers == sorted(numbers, reverse=True)
        assert cells(table, 4)[:3] == ["Open", "Open", "Paid"]
        assert set(cells(table, 4)[2:]) == {"Paid"}
        assert text_of(app.query_one("#invoices-page", Static)).startswith(
            "Page 1 of 2 · 14 invoices")
        tab = app.query_one("#billing-tab")
        # On the first page the next-page key works and the previous-page key is dimmed.
        assert tab.check_action("page", (1,)) is True
        assert tab.check_action("page", (-1,)) is None


async def test_r12_the_cursor_runs_on_from_page_to_page(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one("#invoices", DataTable)
        table.focus()
        await pilot.press(*["down"] * 9)
        assert (table.cursor_row, cells(table, 0)[table.cursor_row]) == (9, "INV-000002-0005")
        await pilot.press("down")  # past the last row: the next page, from its first row
        await pilot.pause()
        assert cells(table, 0) == [f"INV-000002-000{n}" for n in (4, 3, 2, 1)]
        assert table.cursor_row == 0
        assert text_of(app.query_one("#invoices-page", Static)).startswith("Page 2 of 2")
        await pilot.press("down", "down", "down", "down")  # the end: nothing further
        await pilot.pause()
        assert table.cursor_row == 3 and len(cells(table, 0)) == 4
        await pilot.press("up", "up", "up", "up")  # above the first row: back, on its last row
        await pilot.pause()
        assert table.row_count == 10 and table.cursor_row == 9
        assert cells(table, 0)[9] == "INV-000002-0005"
        assert app.query_one("#billing-tab").highlighted_invoice() == "INV-000002-0005"


async def test_r12_download_writes_a_pdf_and_shows_where(make_app, tmp_path):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one("#billing-tab")
        tab.download_folder = tmp_path
        app.query_one("#invoices", DataTable).focus()
        await pilot.press("d")
        await pilot.pause()
        saved = tmp_path / f"{tab.invoices.items[0].number}.pdf"
        assert saved.read_bytes().startswith(b"%PDF")
        line = app.query_one("#download-result", Static)
        assert str(saved) in text_of(line)
        assert line.has_class("-shown") and not line.has_class("-error")
        # A second download never overwrites the first.
        await pilot.press("d")
        await pilot.pause()
        assert len(list(tmp_path.glob("*.pdf"))) == 2
        assert str(saved) not in text_of(line)


# -- R13 recipients --------------------------------------------------------------------------


async def test_r13_add_recipient_through_the_modal(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RecipientModal)
        await type_text(pilot, "not an address")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        row = modal.query_one("#row-email", FormField)
        assert row.has_class("-invalid")
        assert "e-mail address" in text_of(row.query_one(".form-field--error", Static))
        assert row.value == "not an address"
        await replace_value(pilot, "#field-email", "Finance@Nordwind.de")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not modal
        assert "finance@nordwind.de" in cells(app.query_one("#recipients", DataTable), 0)
        assert "finance@nordwind.de" in store.billing.get_billing(
            store.access.resolve_actor(JONAS), demo["nordwind"]).recipients


async def test_r13_duplicate_recipient_error_stays_in_the_modal(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "jonas@nordwind.de")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecipientModal)
        assert app.screen.query_one("#row-email", FormField).has_class("-invalid")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecipientModal)


async def test_r13_remove_recipient_after_confirmation(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#recipients", DataTable).focus()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert cells(app.query_one("#recipients", DataTable), 0) == ["jonas@nordwind.de"]
        assert store.billing.get_billing(store.access.resolve_actor(JONAS),
                                         demo["nordwind"]).recipients == ["jonas@nordwind.de"]


async def test_r13_last_recipient_cannot_be_removed(make_app, demo):
    app = make_app(MARIA, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#recipients", DataTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        error = app.query_one("#recipients-error", Static)
        assert error.has_class("-shown")
        assert "last recipient cannot be removed" in text_of(error)
        assert cells(app.query_one("#recipients", DataTable), 0) == [MARIA]
        assert store.billing.get_billing(store.access.resolve_actor(MARIA),
                                         demo["blue"]).recipients == [MARIA]


# -- R14 the card ----------------------------------------------------------------------------


async def fill_card(pilot, number: str, expiry: str = "12/29", code: str = "123") -> None:
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CardModal)
    await type_text(pilot, number)
    await pilot.press("enter")
    await type_text(pilot, expiry)
    await pilot.press("enter")
    await type_text(pilot, code)
    await pilot.press("enter")
    await pilot.pause()


async def test_r14_update_card_shows_brand_and_last_four_only(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CardModal)
        await type_text(pilot, "5555 5555 5555 4444")
        await pilot.press("enter", *"12/29", "enter", *"123")
        await pilot.pause()
        number = modal.query_one("#field-number", Input)
        code = modal.query_one("#field-security_code", Input)
        assert number.value == "5555 5555 5555 4444"
        for masked in (number, code):
            shown = masked.render_line(0).text
            assert "•" in shown
            assert not any(char.isdigit() for char in shown)
        # The holder is filled in from the card on file; enter there sends the form.
        assert modal.query_one("#field-holder", Input).value == "Jonas Weber"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is not modal
        assert number.value == "" and code.value == ""
        panel = text_of(app.query_one("#payment-method", Static))
        assert panel.startswith("Mastercard •••• 4444 · expires 12/29 · Jonas Weber")
        # A new card pays the open invoices at once.
        assert set(cells(app.query_one("#invoices", DataTable), 4)) == {"Paid"}
        stored = store.billing.get_billing(store.access.resolve_actor(JONAS), demo["nordwind"])
        assert (stored.payment_method.brand, stored.payment_method.last4) == ("Mastercard",
                                                                              "4444")


async def test_r14_declined_card_error_next_to_the_number(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_card(pilot, "4000 0000 0000 0002")
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CardModal)
        row = modal.query_one("#row-number", FormField)
        assert row.has_class("-invalid")
        assert "declined" in text_of(row.query_one(".form-field--error", Static))
        assert app.focused is row.input
        assert "Visa •••• 4242" in text_of(app.query_one("#payment-method", Static))


async def test_r14_every_card_error_at_once(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_card(pilot, "4242 4242 4242 4241", expiry="13/29", code="12")
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        for name in ("number", "expiry", "security_code"):
            assert modal.query_one(f"#row-{name}", FormField).has_class("-invalid"), name
        assert not modal.query_one("#row-holder", FormField).has_class("-invalid")


async def test_r14_cancel_empties_the_card_inputs(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        await type_text(pilot, "4242 4242 4242 4242")
        number = modal.query_one("#field-number", Input)
        assert number.value
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not modal
        assert number.value == ""


async def test_r14_crash_in_the_card_form_prints_no_card_number(make_app, monkeypatch,
                                                                 capsys):
    def exploding_gateway(*args, **kwargs):
        raise RuntimeError("the gateway exploded")

    monkeypatch.setattr(store.billing, "set_card", exploding_gateway)
    app = make_app(JONAS, tab="billing")
    # The app prints its exit renderables (the traceback) and then clears them: keep a copy.
    exit_renderables = []
    print_them = app._print_error_renderables

    def keep_and_print() -> None:
        exit_renderables.extend(app._exit_renderables)
        print_them()

    app._print_error_renderables = keep_and_print
    with pytest.raises(RuntimeError, match="the gateway exploded"):
        async with app.run_test(size=(80, 24)) as pilot:
            await fill_card(pilot, "4242 4242 4242 4242", code="987")
            number = pilot.app.screen.query_one("#field-number", Input)
            await pilot.press("enter")
            await pilot.pause()
    rendered = "".join(segment.text for renderable in exit_renderables
                       for segment in renderable.segments)
    printed = capsys.readouterr().err
    for output in (rendered, printed):
        assert "RuntimeError" in output and "the gateway exploded" in output
        assert "exploding_gateway" in output  # the traceback itself, with its source lines
        assert "4242" not in output.replace(" ", "").replace("\n", "")
        assert "987" not in output
    assert number.value == ""


# -- R15-R16 the billing address -------------------------------------------------------------


async def test_r16_after_trial_state_country_vat_are_locked(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)):
        for name in ("state", "country", "vat_number"):
            row = app.query_one(f"#row-{name}", FormField)
            assert row.input.disabled, name
            assert "🔒" in text_of(row.query_one(".form-field--lock", Static))
            assert row.has_class("-locked"), name  # the mark shows
        for name in ("line1", "line2", "postal_code", "city"):
            assert not app.query_one(f"#field-{name}", Input).disabled, name
            assert not app.query_one(f"#row-{name}", FormField).has_class("-locked"), name
        reason = text_of(app.query_one("#lock-reason", Static))
        assert "The trial ended on Oct 23, 2025. Locked after the trial" in reason


async def test_r16_tampered_locked_field_is_refused_by_the_store(make_app, demo):
    """Setting a disabled widget's value and calling save directly still changes nothing."""
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        locked = app.query_one("#field-vat_number", Input)
        assert locked.disabled
        locked.disabled = False
        locked.value = "DE811907980"
        await pilot.pause()
        app.query_one("#billing-tab").save()
        await pilot.pause()
        banner = app.query_one("#address-banner", Static)
        assert banner.has_class("-shown")
        assert "locked" in text_of(banner)
        assert locked.value == "DE811907980"  # what the person typed stays on screen
    assert address(JONAS, demo["nordwind"]).vat_number == "DE136695976"


async def test_r15_owner_saves_a_new_postal_code(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one("#billing-tab")
        await replace_value(pilot, "#field-postal_code", "20095")
        assert tab.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not tab.dirty
        assert not app.query_one("#address-banner", Static).has_class("-shown")
        assert address(JONAS, demo["nordwind"]).postal_code == "20095"


async def test_r16_change_request_is_sent_and_shown_pending(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#invoices", DataTable).focus()
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChangeRequestModal)
        modal.query_one("#field-field", Select).value = "vat_number"
        await pilot.pause()
        assert modal.query_one("#field-new_value", Input).value == "DE136695976"
        await replace_value(pilot, "#field-new_value", "DE129273398")
        await pilot.press("enter")
        await type_text(pilot, "new tax office")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not modal
        shown = text_of(app.query_one("#change-requests", Static))
        assert "VAT number" in shown and "DE129273398" in shown and "Pending" in shown
        requests = store.requests.list_requests(store.access.resolve_actor(JONAS), demo["nordwind"])
        assert [(r.field, r.new_value, r.status) for r in requests] == [
            ("vat_number", "DE129273398", "pending")]
        # The address itself waits for the billing team.
        assert address(JONAS, demo["nordwind"]).vat_number == "DE136695976"


async def test_r16_change_request_error_stays_in_the_modal(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#field-field", Select).value = "vat_number"
        await pilot.pause()
        await replace_value(pilot, "#field-new_value", "DE123")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is modal
        assert modal.query_one("#row-new_value", FormField).has_class("-invalid")
        assert modal.query_one("#field-new_value", Input).value == "DE123"


async def test_r16_second_request_for_a_field_shows_under_the_choice(make_app, demo):

    store.requests.request_change(store.access.resolve_actor(JONAS), demo["nordwind"],
        {"field": "vat_number", "new_value": "DE811907980"})
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#field-field", Select).value = "vat_number"
        await pilot.pause()
        await replace_value(pilot, "#field-new_value", "DE811907980")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is modal
        error = modal.query_one("#error-field", Static)
        assert error.has_class("-shown")
        assert "already waiting" in text_of(error)


async def test_r16_trial_owner_changes_country_and_vat(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        assert all(not i.disabled for i in app.query_one("#billing-tab").query(Input))
        note = text_of(app.query_one("#address-note", Static))
        assert note.startswith("Trial until") and "every billing field can be changed" in note
        assert app.query_one("#billing-tab").check_action("request_change", ()) is False
        for name, value in (("line1", "Rue Neuve 1"), ("postal_code", "1000"),
                            ("city", "Bruxelles"), ("country", "BE"),
                            ("vat_number", "BE0403170701")):
            await replace_value(pilot, f"#field-{name}", value)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.query_one("#address-banner", Static).has_class("-shown")
        saved = address(CAMILLE, demo["atelier"])
        assert (saved.country, saved.vat_number, saved.city) == ("BE", "BE0403170701",
                                                                 "Bruxelles")


async def test_r15_every_error_at_once_first_one_focused(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_value(pilot, "#field-vat_number", "FR123")
        await replace_value(pilot, "#field-postal_code", "ABC")
        await pilot.press("ctrl+s")
        await pilot.pause()
        for name in ("postal_code", "vat_number"):
            assert app.query_one(f"#row-{name}", FormField).has_class("-invalid"), name
        assert "postal code" in text_of(
            app.query_one("#row-postal_code .form-field--error", Static))
        assert app.focused is app.query_one("#field-postal_code", Input)
        assert app.query_one("#field-postal_code", Input).value == "ABC"
        assert app.query_one("#field-vat_number", Input).value == "FR123"
        assert address(CAMILLE, demo["atelier"]).postal_code == "69003"
        # Escape puts back what is stored and clears the errors.
        app.query_one("#invoices", DataTable).focus()
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#field-postal_code", Input).value == "69003"
        assert not app.query_one("#row-postal_code", FormField).has_class("-invalid")
        assert not app.query_one("#billing-tab").dirty


async def test_r15_conflict_keeps_the_input_and_says_who(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        jonas = store.access.resolve_actor(JONAS)
        behind = address(JONAS, demo["nordwind"])
        form = {"line1": behind.line1, "postal_code": behind.postal_code,
                "city": "Hamburg-Altona", "country": behind.country,
                "vat_number": behind.vat_number}
        store.billing.save_address(jonas, demo["nordwind"], form,
                                   expected_version=behind.version)
        await replace_value(pilot, "#field-postal_code", "20095")
        await pilot.press("ctrl+s")
        await pilot.pause()
        banner = app.query_one("#address-banner", Static)
        assert banner.has_class("-shown")
        assert "Changed by jonas@nordwind.de" in text_of(banner)
        assert app.query_one("#field-postal_code", Input).value == "20095"
        assert address(JONAS, demo["nordwind"]).postal_code == "20457"
        # Escape loads their version; a save then works against it.
        app.query_one("#invoices", DataTable).focus()
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#field-city", Input).value == "Hamburg-Altona"
        await replace_value(pilot, "#field-postal_code", "20095")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not banner.has_class("-shown")
        assert address(JONAS, demo["nordwind"]).postal_code == "20095"


async def test_support_staff_see_everything_read_only(make_app, demo, tmp_path):
    app = make_app(SUPPORT, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one("#billing-tab")
        assert app.query_one("#invoices", DataTable).row_count == 10
        assert all(i.disabled for i in tab.query(Input))
        assert "Read only" in text_of(app.query_one("#address-note", Static))
        for action in ("add_recipient", "remove_recipient", "update_card", "request_change"):
            assert tab.check_action(action, ()) is False, action
        assert [title for title, _help, _cb in tab.palette_commands()] == [
            "Billing: download invoice", "Billing: next page of invoices",
            "Billing: previous page of invoices"]
        app.query_one("#recipients", DataTable).focus()
        await pilot.press("a", "r", "c", "x", "ctrl+s")
        await pilot.pause()
        assert not app.screen.is_modal
        assert store.billing.get_billing(store.access.resolve_actor(JONAS),
                                         demo["nordwind"]).recipients == [
            "buchhaltung@nordwind.de", "jonas@nordwind.de"]
        # Support may download an invoice.
        tab.download_folder = tmp_path
        await pilot.press("d")
        await pilot.pause()
        assert len(list(tmp_path.glob("*.pdf"))) == 1


async def test_billing_staff_never_crash(make_app, demo):
    app = make_app("billing@mycompany.example", company=demo["blue"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "a", "c", "x", "ctrl+s", "escape")
        await pilot.pause()
        assert app.query_one("#invoices", DataTable).row_count == 6


async def test_owner_palette_and_bindings_are_complete(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)):
        tab = app.query_one("#billing-tab")
        titles = [title for title, _help, _cb in tab.palette_commands()]
        assert titles == ["Billing: download invoice", "Billing: next page of invoices",
                          "Billing: previous page of invoices", "Billing: add recipient",
                          "Billing: remove recipient", "Billing: update card",
                          "Billing: request change"]
        for binding in tab.BINDINGS:
            assert binding.description and binding.tooltip and binding.id, binding


async def test_user_text_is_never_markup(make_app, demo):

    jonas = store.access.resolve_actor(JONAS)
    store.billing.set_card(jonas, demo["nordwind"], {
        "number": "4242424242424242", "expiry": "12/29", "security_code": "123",
        "holder": "[bold]ACME [EU][/] GmbH"})
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)):
        assert "[bold]ACME [EU][/] GmbH" in text_of(app.query_one("#payment-method", Static))


async def test_r12_pages_of_invoices(make_app, monkeypatch):
    import tui.sections.invoices

    monkeypatch.setattr(tui.sections.invoices, "PAGE_SIZE", 5)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one("#billing-tab")
        table = app.query_one("#invoices", DataTable)
        page_line = app.query_one("#invoices-page", Static)
        assert table.row_count == 5
        assert text_of(page_line).startswith("Page 1 of 3 · 14 invoices")
        assert tab.check_action("page", (1,)) is True
        assert tab.check_action("page", (-1,)) is None  # shown, dimmed, on the first page
        first_page = cells(table, 0)
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert text_of(page_line).startswith("Page 3 of 3")
        assert table.row_count == 4
        from playhouse.test_utils import count_queries

        with count_queries() as counter:
            await pilot.press("p")
            await pilot.pause()
        assert counter.count == 1  # the page's rows; the count is the one already shown
        assert text_of(page_line).startswith("Page 2 of 3")
        assert not set(cells(table, 0)) & set(first_page)


async def test_number_keys_leave_the_billing_tab(make_app):
    from textual.widgets import TabbedContent

    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        tabs = app.query_one("#tabs", TabbedContent)
        assert app.focused is app.query_one("#invoices", DataTable)
        await pilot.press("1")
        await pilot.pause()
        assert tabs.active == "general"
        await pilot.press("3")
        await pilot.pause()
        assert tabs.active == "billing"
        app.query_one("#recipients", DataTable).focus()
        await pilot.press("2")
        await pilot.pause()
        assert tabs.active == "plan"


async def test_r12_a_page_with_wider_text_widens_its_columns(make_app, demo, monkeypatch):
    """Pages of the same length are refilled in place; one whose amounts or statuses are wider
    than the columns is laid out again, so nothing is cut."""
    import tui.sections.invoices
    from store.persistence.models import Invoice

    monkeypatch.setattr(tui.sections.invoices, "PAGE_SIZE", 5)
    Invoice.update(total_minor=987_654_321_00).where(
        Invoice.number == "INV-000002-0008").execute()  # on page 2, newest first
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one("#invoices", DataTable)
        assert "€987,654,321.00" not in cells(table, 3)
        await pilot.press("n")
        await pilot.pause()
        amounts = cells(table, 3)
        assert "€987,654,321.00" in amounts
        assert table.ordered_columns[3].content_width >= len("€987,654,321.00")
        await pilot.press("n")
        await pilot.pause()
        assert cells(table, 0)[0] == "INV-000002-0004"
        tab = app.query_one("#billing-tab")
        assert tab.highlighted_invoice() == "INV-000002-0004"  # the row keys are positions now
