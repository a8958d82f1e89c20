"""The billing team in the screens: reasoned edits of locked fields, payment methods, requests."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static, TabbedContent

import store
import store.people.access
import store.profile.billing
import store.profile.requests
import store.trail.history
from tui.screens.reason import OtherPaymentModal, ReasonModal
from tui.screens.requests import RequestQueueScreen
from tui.screens.search import SearchScreen
from tui.widgets.form_field import FormField

from .helpers import store_answered

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"
NEW_VAT = "DE811907980"


def text_of(widget: Static) -> str:
    return str(widget.render())


def address(company_id: int):
    return store.profile.billing.get_billing(store.people.access.resolve_actor(JONAS),
        company_id).address


def request_vat_change(company_id: int):
    return store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        company_id,
        {"vat_number": NEW_VAT,
            "note": "New VAT number after the merger"})


def request_status(request_id: int):
    return next(r for r in store.profile.requests.list_requests(store.people.access.resolve_actor(
        BILLING),
                                                        status=None) if r.id == request_id)


async def set_value(pilot, selector: str, value: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = value
    await pilot.pause()


def staff_app(email: str):
    from tui.app import MyCompanyApp

    app = MyCompanyApp(store.people.access.resolve_actor(email))
    app.animation_level = "none"
    return app


# -- the address ---------------------------------------------------------------------------


async def test_billing_team_changes_the_vat_number_after_the_trial_with_a_reason(make_app, demo):
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.company_screen().query_one("#billing-tab")
        assert not any(i.disabled for i in tab.query(Input))
        assert not tab.query(".-locked")  # no lock shown beside any field
        assert text_of(app.company_screen().query_one("#address-note", Static)) == (
            "Billing team: every field can be changed; each change needs a reason")
        await set_value(pilot, "#field-vat_number", NEW_VAT)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        assert "DE136695976 → DE811907980" in text_of(app.screen.query_one("#reason-summary"))
        # An empty reason is refused inside the dialog, next to the field.
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        assert app.screen.query_one("#row-reason", FormField).has_class("-invalid")
        await set_value(pilot, "#field-reason", "Merger, new VAT registration")
        await set_value(pilot, "#field-ticket", "BILL-42")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not app.screen.is_modal
        assert address(demo["nordwind"]).vat_number == NEW_VAT
        assert app.company_screen().query_one("#field-vat_number", Input).value == NEW_VAT
        assert not tab.dirty
    entry = store.trail.history.company_history(store.people.access.resolve_actor(BILLING),
                                          demo["nordwind"]).items[0]
    assert (entry.field, entry.old_value, entry.new_value) == ("vat_number", "DE136695976",
                                                               NEW_VAT)
    assert entry.reason == "Merger, new VAT registration"
    assert entry.ticket == "BILL-42"
    assert entry.actor_email == BILLING


async def test_cancelling_the_reason_changes_nothing_and_keeps_the_input(make_app, demo):
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = address(demo["nordwind"])
        await set_value(pilot, "#field-country", "AT")
        await set_value(pilot, "#field-postal_code", "1010")
        await set_value(pilot, "#field-vat_number", "")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.is_modal
        assert address(demo["nordwind"]) == before
        assert app.company_screen().query_one("#field-country", Input).value == "AT"
        assert app.company_screen().query_one("#billing-tab").dirty


async def test_billing_team_field_errors_come_before_the_reason(make_app, demo):
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_value(pilot, "#field-vat_number", "DE123")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not app.screen.is_modal
        assert app.company_screen().query_one("#row-vat_number", FormField).has_class("-invalid")


async def test_support_staff_stay_read_only(make_app, demo):
    request_vat_change(demo["nordwind"])
    app = make_app(SUPPORT, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.company_screen().query_one("#billing-tab")
        assert all(i.disabled for i in tab.query(Input))
        assert not tab.query("#pending-requests")
        for action in ("payment_method", "approve_request", "reject_request"):
            assert tab.check_action(action, ()) is False, action
        await pilot.press("m", "v", "j", "ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not app.screen.is_modal
        assert address(demo["nordwind"]).vat_number == "DE136695976"
    search = staff_app(SUPPORT)
    async with search.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert search.screen.check_action("requests", ()) is False
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(search.screen, SearchScreen)


# -- payment method --------------------------------------------------------------------------


async def test_billing_team_records_direct_debit_with_a_reason(make_app, demo):
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, OtherPaymentModal)
        assert app.screen.chosen_kind == "direct_debit"
        await pilot.press("ctrl+s")  # no reason yet
        await pilot.pause()
        assert isinstance(app.screen, OtherPaymentModal)
        assert app.screen.query_one("#row-reason", FormField).has_class("-invalid")
        await set_value(pilot, "#field-reason", "SEPA mandate received")
        await pilot.press("enter", "enter")  # reason → ticket → send
        await store_answered(pilot)
        await pilot.pause()
        assert not app.screen.is_modal
        assert text_of(app.company_screen().query_one("#payment-method", Static)) == (
            "Direct debit (set by the billing team)")
    view = store.profile.billing.get_billing(store.people.access.resolve_actor(JONAS),
        demo["nordwind"])
    assert view.payment_method.kind == "direct_debit"
    entry = store.trail.history.company_history(store.people.access.resolve_actor(BILLING),
                                          demo["nordwind"]).items[0]
    assert entry.reason == "SEPA mandate received"
    # The trail keeps the kind; each reader's screen names it in their language.
    assert (entry.old_value, entry.new_value) == ("Visa •••• 4242 · 12/27", "direct_debit")


async def test_the_billing_teams_keys_work_and_show_with_the_focus_on_the_tab_itself(
        make_app, demo):
    """Focus on the Billing page itself (reached by the wheel or Tab, left bar shown): m, v and
    j are in the key line and m opens its dialog, as from any list or field of the tab."""
    from tui.widgets.key_footer import shown_entries

    request_vat_change(demo["nordwind"])
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.company_screen().query_one("#billing-tab")
        assert tab.allow_focus()  # the page scrolls at 80x24: it is a tab stop
        tab.focus()
        await pilot.pause()
        keys = {entry.keys for entry in shown_entries(app.company_screen())}
        assert {"m", "v", "j"} <= keys, keys
        await pilot.press("m")
        for _ in range(40):
            if isinstance(app.screen, OtherPaymentModal):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, OtherPaymentModal)


# -- change requests -------------------------------------------------------------------------


async def test_approve_a_request_from_the_billing_tab(make_app, demo):
    request = request_vat_change(demo["nordwind"])
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.company_screen().query_one("#billing-tab")
        table = app.company_screen().query_one("#pending-requests", DataTable)
        assert table.row_count == 1
        assert tab.check_action("approve_request", ()) is True
        table.focus()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press("ctrl+s")  # the reason is optional when approving
        await pilot.pause()
        assert not app.screen.is_modal
        assert app.company_screen().query_one("#field-vat_number", Input).value == NEW_VAT
        assert table.row_count == 0
        assert tab.check_action("approve_request", ()) is False
        assert "Approved" in text_of(app.company_screen().query_one("#change-requests", Static))
    assert address(demo["nordwind"]).vat_number == NEW_VAT
    assert request_status(request.id).status == "approved"


async def test_reject_a_request_with_a_reason_and_the_owner_sees_it(make_app, demo):
    request = request_vat_change(demo["nordwind"])
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.company_screen().query_one("#pending-requests", DataTable).focus()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press("ctrl+s")  # a rejection needs a reason
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        assert app.screen.query_one("#row-reason", FormField).has_class("-invalid")
        await set_value(pilot, "#field-reason", "The number is not registered in VIES")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not app.screen.is_modal
        assert app.company_screen().query_one("#pending-requests", DataTable).row_count == 0
    decided = request_status(request.id)
    assert decided.status == "rejected"
    assert decided.decision_reason == "The number is not registered in VIES"
    assert address(demo["nordwind"]).vat_number == "DE136695976"
    owner = make_app(JONAS, tab="billing")
    async with owner.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = text_of(owner.query_one("#change-requests", Static))
        assert "Rejected" in shown
        assert "The number is not registered in VIES" in shown


async def dialog_shown(app, pilot, seconds: float = 10.0) -> None:
    """Wait for the reason dialog: a key typed right after an action key waits for it to be
    on screen (tui/type_ahead.py), longer than one pause on a loaded machine."""
    import asyncio

    for _ in range(int(seconds / 0.05)):
        if isinstance(app.screen, ReasonModal) and app.screen.is_mounted:
            await pilot.pause()
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError(f"no reason dialog; on screen: {app.screen!r}")


async def test_the_queue_approves_rejects_and_opens_companies(demo):
    from tui.screens.company import CompanyScreen

    approved = request_vat_change(demo["nordwind"])
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.check_action("requests", ()) is True
        await pilot.press("ctrl+r")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, RequestQueueScreen)
        table = queue.query_one("#queue", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)][:2] == [
            "2 Nordwind Logistik GmbH", f"VAT number: DE136695976 → {NEW_VAT}"]
        await pilot.press("v")
        await dialog_shown(app, pilot)
        await set_value(pilot, "#field-reason", "Checked in VIES")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is queue
        assert table.row_count == 0
        assert queue.check_action("approve", ()) is False
        assert request_status(approved.id).status == "approved"
        assert request_status(approved.id).decision_reason == "Checked in VIES"
        assert address(demo["nordwind"]).vat_number == NEW_VAT

        # A second request, rejected from the queue, then its company opened with Enter.
        rejected = store.profile.requests.request_change(
            store.people.access.resolve_actor(JONAS), demo["nordwind"],
            {"vat_number": "DE136695976"})
        queue.load()
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("j")
        await dialog_shown(app, pilot)
        await set_value(pilot, "#field-reason", "Still registered in Hamburg")
        await pilot.press("enter", "enter")
        await store_answered(pilot)
        await pilot.pause()
        assert app.screen is queue
        decided = request_status(rejected.id)
        assert (decided.status, decided.decision_reason) == ("rejected",
                                                             "Still registered in Hamburg")
        assert address(demo["nordwind"]).vat_number == NEW_VAT

        store.profile.requests.request_change(
            store.people.access.resolve_actor(JONAS), demo["nordwind"],
            {"vat_number": "DE136695976"})
        queue.load()
        await pilot.pause()
        await pilot.press("enter")
        await store_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
        assert app.screen.context.company_id == demo["nordwind"]
        # Billing: where the address and its request are.
        assert app.screen.query_one("#tabs", TabbedContent).active == "billing"
        # ctrl+f ("Search"): the company search, however the company was opened (5f603da).
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_billing_team_palette_and_bindings(make_app, demo):
    request_vat_change(demo["nordwind"])
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)):
        tab = app.company_screen().query_one("#billing-tab")
        titles = [title for title, _help, _cb in tab.palette_commands()]
        assert titles == ["Billing: download invoice", "Billing: next page of invoices",
                          "Billing: previous page of invoices",
                          "Billing: add recipient", "Billing: remove recipient",  # with a reason
                          "Billing: payment method",
                          "Billing: approve request", "Billing: reject request"]
    for binding in [*tab.BINDINGS, *RequestQueueScreen.BINDINGS,
                    *SearchScreen.BINDINGS]:
        assert binding.description and binding.tooltip and binding.id, binding


async def test_the_queue_is_in_the_search_screens_palette(demo):
    request_vat_change(demo["nordwind"])
    app = staff_app(BILLING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [t for t, _h, _cb in app.screen.palette_commands()] == [
            "History of every company", "Change requests"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"change", "space", *"requests")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await store_answered(pilot)
        await pilot.pause(0.3)
        assert isinstance(app.screen, RequestQueueScreen)
        titles = [t for t, _h, _cb in app.screen.palette_commands()]
        assert titles == ["Requests: approve", "Requests: reject", "Requests: open company",
                          "Requests: back to the search"]
