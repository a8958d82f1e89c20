"""French History reads a refusal said in English in French (issue #16), and a reason a person
typed as they typed it."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

import store.errors
import store.people.access
import store.profile.billing

SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"
JONAS = "jonas@nordwind.de"


async def test_an_english_refusal_reads_in_french_on_the_history_tab(make_app, demo, french):
    from tests.tui.helpers import store_answered

    with pytest.raises(store.errors.Refused):  # support staff change nothing
        store.profile.billing.remove_recipient(store.people.access.resolve_actor(SUPPORT),
            demo["nordwind"],
                                       JONAS)
    store.profile.billing.set_other_payment_method(store.people.access.resolve_actor(BILLING),
                                           demo["nordwind"], "bank_transfer",
                                           {"reason": "Wire agreed by phone"})
    app = make_app(JONAS, tab="history", locale="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.company_screen().query_one("#history-table", DataTable)
        assert table.row_count == 2
        table.focus()
        texts = []
        for row in (0, 1):
            table.move_cursor(row=row)
            await pilot.press("enter")
            for _ in range(100):
                if app.screen.query("#entry-text"):
                    break
                await pilot.pause(0.05)
            texts.append(" ".join(str(app.screen.query_one("#entry-text", Static).render())
                                  .split()))
            await pilot.press("escape")
            await pilot.pause()
        typed, refused = texts
        assert "Seule l'équipe de facturation peut faire cela." in refused
        assert "Only the billing team" not in refused
        assert "Wire agreed by phone" in typed  # a person's words, as typed
