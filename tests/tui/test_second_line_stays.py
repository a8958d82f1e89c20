"""A new street's change request in the screens, as the #16 trial t16 found it: Blue Harbor at
"350 Fifth Avenue / Bldg 4 / New York" asked for "24 Beacon St", Boston; approved, the address
read "24 Beacon St / Bldg 4 / Boston", and neither the request nor the queue said Bldg 4 stays."""

from __future__ import annotations

from textual.widgets import Static

import store.people.access
import store.profile.billing
import store.profile.requests
from store.forms.fields import ADDRESS

from .helpers import store_answered, text_of

MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"
TO_NEW_YORK = {"state": "NY", "line1": "350 Fifth Avenue", "postal_code": "10118",
               "city": "New York"}


async def test_a_new_streets_request_says_its_second_line_stays(make_app, demo):
    """The owner's Billing box and the billing team's approve dialog both say it."""
    maria = store.people.access.resolve_actor(MARIA)
    store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    [request] = store.profile.requests.list_requests(maria, demo["blue"])
    store.profile.requests.approve_request(store.people.access.resolve_actor(BILLING),
                                           request.id)
    billing = store.profile.billing.get_billing(maria, demo["blue"])
    store.profile.billing.save_address(maria, demo["blue"], {
        **{f: getattr(billing.address, f) for f in ADDRESS.names}, "line2": "Bldg 4"},
        billing.address.version)
    store.profile.requests.request_change(maria, demo["blue"], {  # as the dialog sends it
        "state": "MA", "line1": "24 Beacon St", "line2": "Bldg 4", "postal_code": "02108",
        "city": "Boston"})
    for who in (MARIA, BILLING):
        app = make_app(who, company=demo["blue"], tab="billing")
        async with app.run_test(size=(80, 24)) as pilot:
            await store_answered(pilot)
            screen = app.company_screen()
            if who == MARIA:
                shown = text_of(screen.query_one("#change-requests", Static))
            else:  # the waiting request in the team's list; its lines in the approve dialog
                await pilot.press("v")
                await pilot.pause()
                shown = text_of(app.screen.query_one("#reason-summary", Static))
        assert "Address line 2: Bldg 4 (stays)" in shown, shown
