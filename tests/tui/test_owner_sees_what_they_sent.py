"""#16 trial: an owner's Billing tab showed a waiting change request without the note and the
documents reference the owner sent with it (the billing team saw them): the owner sees what
they sent, as the billing team does."""

from __future__ import annotations

from textual.widgets import Static

import store
import store.people.access
import store.profile.requests

from .helpers import store_answered

JONAS = "jonas@nordwind.de"


async def test_the_owner_sees_their_note_and_documents_on_a_waiting_request(make_app, demo):
    store.profile.requests.request_change(store.people.access.resolve_actor(JONAS),
        demo["nordwind"], {
        "line1": "1 Rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR",
        "vat_number": "FR40303265045", "note": "We moved to Paris on 1 December",
        "documents": "Kbis sent by post on 2 Dec"})
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        text = str(app.screen.query_one("#change-requests", Static).render())
        assert "Note: We moved to Paris on 1 December" in text
        assert "Documents: Kbis sent by post on 2 Dec" in text
