"""The billing address (R15-R16) through the keyboard: locks, saves, requests, conflicts."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

import store
import store.people.access
import store.profile.billing
import store.profile.requests
from tui.screens.change_request import ChangeRequestModal
from tui.widgets.form_field import FormField

from .helpers import address, replace_value, store_answered, text_of

JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"
MARIA = "maria@blueharbor.com"
SUPPORT = "support@mycompany.example"


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
        assert "The trial ended on Sep 23, 2025. Locked after the trial" in reason


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
        # The lock's refusal means the screen was out of date: the view is read again, and
        # the locked field shows what is stored, locked (#15 trial).
        await store_answered(pilot)
        assert (locked.value, locked.disabled) == ("DE136695976", True)
    assert address(JONAS, demo["nordwind"]).vat_number == "DE136695976"


async def test_r15_owner_saves_a_new_postal_code(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = app.query_one("#billing-tab")
        await replace_value(pilot, "#field-postal_code", "20095")
        assert tab.dirty
        await pilot.press("ctrl+s")
        await store_answered(pilot)
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
        # The whole address as stored, the focus on its first field, as in every dialog (#15).
        assert modal.focused is modal.query_one("#field-line1", Input)
        assert modal.query_one("#field-vat_number", Input).value == "DE136695976"
        assert modal.query_one("#field-city", Input).value == "Hamburg"
        await replace_value(pilot, "#field-vat_number", "DE129273398")
        await replace_value(pilot, "#field-note", "new tax office")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is not modal
        shown = text_of(app.query_one("#change-requests", Static))
        assert "VAT number: DE136695976 → DE129273398" in shown and "Pending" in shown
        requests = store.profile.requests.list_requests(store.people.access.resolve_actor(JONAS),
            demo["nordwind"])
        assert [([(c.field, c.new_value) for c in r.changes], r.status) for r in requests] == [
            ([("vat_number", "DE129273398")], "pending")]
        # The address itself waits for the billing team.
        assert address(JONAS, demo["nordwind"]).vat_number == "DE136695976"


async def test_r16_a_move_is_one_request_from_the_dialog(make_app, demo):
    app = make_app(MARIA, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        assert modal.focused is modal.query_one("#field-line1", Input)
        for name, value in (("state", "NY"), ("postal_code", "10118"), ("city", "New York"),
                            ("line1", "350 Fifth Avenue")):
            await replace_value(pilot, f"#field-{name}", value)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is not modal
        shown = text_of(app.query_one("#change-requests", Static))
        assert "State: California → New York" in shown and "City: Mountain View → New York" in shown
        [request] = store.profile.requests.list_requests(store.people.access.resolve_actor(MARIA),
            demo["blue"])
        assert {c.field for c in request.changes} == {"line1", "postal_code", "city", "state"}


async def test_r16_change_request_error_stays_in_the_modal(make_app):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        await replace_value(pilot, "#field-vat_number", "DE123")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is modal
        assert modal.query_one("#row-vat_number", FormField).has_class("-invalid")
        assert modal.query_one("#field-vat_number", Input).value == "DE123"


async def test_r16_a_waiting_request_is_withdrawn_before_another(make_app, demo):
    store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                  {"vat_number": "DE811907980"})
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.query_one("#billing-tab")
        assert tab.check_action("request_change", ()) is False  # one request at a time
        assert tab.check_action("withdraw_request", ()) is True
        await pilot.press("w")
        await pilot.pause()
        assert "Withdraw request" in text_of(app.screen.query_one(Static))
        await pilot.press("y")
        await store_answered(pilot)
        shown = text_of(app.query_one("#change-requests", Static))
        assert "Withdrawn" in shown
        assert tab.check_action("request_change", ()) is True
        assert tab.check_action("withdraw_request", ()) is False


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
        await store_answered(pilot)
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
        await store_answered(pilot)
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
        await pilot.press("escape")  # asks first: the input would be lost
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.query_one("#field-postal_code", Input).value == "69003"
        assert not app.query_one("#row-postal_code", FormField).has_class("-invalid")
        assert not app.query_one("#billing-tab").dirty


async def test_r15_conflict_keeps_the_input_and_says_who(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        jonas = store.people.access.resolve_actor(JONAS)
        behind = address(JONAS, demo["nordwind"])
        form = {"line1": behind.line1, "postal_code": behind.postal_code,
                "city": "Hamburg-Altona", "country": behind.country,
                "vat_number": behind.vat_number}
        store.profile.billing.save_address(jonas, demo["nordwind"], form,
                                   expected_version=behind.version)
        await replace_value(pilot, "#field-postal_code", "20095")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        banner = app.query_one("#address-banner", Static)
        assert banner.has_class("-shown")
        assert "Changed by jonas@nordwind.de" in text_of(banner)
        assert app.query_one("#field-postal_code", Input).value == "20095"
        assert address(JONAS, demo["nordwind"]).postal_code == "20457"
        # Escape loads their version; a save then works against it.
        app.query_one("#invoices", DataTable).focus()
        await pilot.press("escape")  # asks first: the input would be lost
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.query_one("#field-city", Input).value == "Hamburg-Altona"
        await replace_value(pilot, "#field-postal_code", "20095")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert not banner.has_class("-shown")
        assert address(JONAS, demo["nordwind"]).postal_code == "20095"


async def test_a_focused_address_field_stays_in_sight_over_a_long_list_of_requests(make_app, demo):
    """Six requests under the form, taller than the screen: Tab through the address fields at
    80×24 and each focused field is on screen (the view once scrolled to the requests' end)."""
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    for n in range(6):
        request = store.profile.requests.request_change(jonas, demo["nordwind"], {
            "vat_number": "DE811907980", "line1": f"Am Kai {n + 1}", "postal_code": "28195",
            "city": "Bremen"})
        if n < 5:
            store.profile.requests.withdraw_request(jonas, request.id)
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.screen.query_one("#billing-tab")
        for name in ("line1", "line2", "postal_code", "city"):
            field = app.screen.query_one(f"#field-{name}", Input)
            field.focus()
            for _ in range(50):  # the scroll follows the focus after a refresh
                await pilot.pause(0.02)
                shown = field.region.intersection(tab.scrollable_content_region)
                if shown.height == 1:
                    break
            assert shown.height == 1, (name, field.region, tab.scrollable_content_region)


async def test_a_request_sent_elsewhere_shows_once_the_dialog_is_refused(make_app, demo):
    """The tab was read before the owner sent a request from the command line: x, send, "already
    waiting"; once the dialog is closed the tab shows that request, with w to withdraw it."""
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.query_one("#billing-tab")
        assert tab.check_action("request_change", ()) is True
        store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
            demo["nordwind"],
                                      {"vat_number": "DE811907980"})  # elsewhere, meanwhile
        await pilot.press("x")
        for _ in range(40):
            if isinstance(app.screen, ChangeRequestModal):
                break
            await pilot.pause(0.05)
        modal = app.screen
        modal.query_one("#field-vat_number", Input).value = "DE811907980"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is modal
        assert "already waiting" in text_of(modal.query_one("#dialog-banner", Static))
        await pilot.press("escape")
        await pilot.pause()
        if app.screen is not modal and app.screen is not app.company_screen():
            await pilot.press("y")  # "Discard what you typed?"
        await store_answered(pilot)
        assert tab.check_action("withdraw_request", ()) is True
        assert tab.check_action("request_change", ()) is False
        assert "Pending" in text_of(app.query_one("#change-requests", Static))


async def test_a_region_set_aside_by_a_country_change_does_not_come_back_after_the_save(
        make_app, demo):
    """#16 trial: US/NY moved to France and saved; the form showed State NY again, unsaved."""
    from store.persistence.models import BillingAddress

    BillingAddress.update(line1="350 Fifth Avenue", postal_code="10118", city="New York",
                          state="NY", country="US", vat_number=None).where(
        BillingAddress.company == demo["atelier"]).execute()
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        for name, value in (("country", "France"), ("city", "Paris"), ("postal_code", "75001"),
                            ("line1", "1 rue de Rivoli")):
            await replace_value(pilot, f"#field-{name}", value)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        saved = address(CAMILLE, demo["atelier"])
        assert (saved.country, saved.state) == ("FR", None)
        state = app.query_one("#field-state", Input)
        assert state.value == "" and not app.query_one("#row-state").display
        assert not app.query_one("#billing-tab").dirty
