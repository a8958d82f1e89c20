"""The Billing address form when what it shows went out of date while it was open (#16, #15
trial): a refusal that means "what you see is out of date" (a save since, the lock changed)
reads the view again, keeping what the person typed in the fields still open to them."""

from __future__ import annotations

from textual.widgets import Input, Static

import store
import store.people.access
import store.plans.trial
import store.profile.requests
from store.persistence.models import AuditEvent
from tui.widgets.form_field import FormField

from .helpers import address, replace_value, store_answered, text_of

JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"
TEAM = "billing@mycompany.example"


def _refused() -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.outcome == "refused"))


async def test_a_save_after_an_approved_move_is_a_conflict_not_a_locked_country(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert app.query_one("#field-country", Input).value == "Germany"
        # From another shell: a request to move to Vienna, approved by the billing team.
        jonas = store.people.access.resolve_actor(JONAS)
        team = store.people.access.resolve_actor(TEAM)
        request = store.profile.requests.request_change(jonas, demo["nordwind"], {
            "country": "AT", "line1": "Stephansplatz 1", "city": "Wien",
            "postal_code": "1010", "vat_number": "ATU13585627"})
        store.profile.requests.approve_request(team, request.id, {"reason": "ok"})
        before = len(_refused())
        await replace_value(pilot, "#field-city", "Wien Innere Stadt")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        banner = text_of(app.query_one("#address-banner", Static))
        assert "Changed by billing@mycompany.example" in banner
        assert "Your input is kept" in banner
        assert "locked" not in banner
        assert len(_refused()) == before  # nothing recorded as tried
        # The view read again: their move shows, the city typed stays, the lock as stored.
        assert app.query_one("#field-city", Input).value == "Wien Innere Stadt"
        assert app.query_one("#field-country", Input).value == "Austria"
        assert app.query_one("#field-line1", Input).value == "Stephansplatz 1"
        assert app.query_one("#row-country", FormField).input.disabled
        await pilot.press("ctrl+s")  # now on their version: saved
        await store_answered(pilot)
        await pilot.pause()
        saved = address(JONAS, demo["nordwind"])
        assert (saved.city, saved.country, saved.line1) == ("Wien Innere Stadt", "AT",
                                                             "Stephansplatz 1")
        assert len(_refused()) == before


async def test_a_trial_ended_while_the_form_was_open_shows_the_lock(make_app, demo):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert text_of(app.query_one("#address-note", Static)).startswith("Trial until")
        stored = address(CAMILLE, demo["atelier"])
        team = store.people.access.resolve_actor(TEAM)
        store.plans.trial.set_trial(team, demo["atelier"], {"now": True, "reason": "Signed"})
        await replace_value(pilot, "#field-city", "Lyon 2e")
        await replace_value(pilot, "#field-country", "Ireland")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        banner = text_of(app.query_one("#address-banner", Static))
        assert "Country is locked after the trial" in banner
        # The section as the store sees it now: no trial line, the lock marked and explained.
        note = app.query_one("#address-note", Static)
        assert not note.has_class("-shown") and "Trial until" not in text_of(note)
        for name in ("state", "country", "vat_number"):
            assert app.query_one(f"#row-{name}", FormField).input.disabled, name
        assert app.query_one("#lock-reason").display
        # What was typed in a field still open stays; the locked one shows what is stored.
        assert app.query_one("#field-city", Input).value == "Lyon 2e"
        assert app.query_one("#field-country", Input).value == "France"
        assert address(CAMILLE, demo["atelier"]) == stored
        [line] = [e for e in _refused() if e.field == "country"]
        assert line.new_value == "IE"  # the code, as the store keeps values
