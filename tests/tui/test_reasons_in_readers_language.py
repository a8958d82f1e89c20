"""The History tab shows a refusal's reason in the reader's language (issue #16): a French
owner's refused move reads in English to the English-speaking billing team, the field it
names too."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

import store.errors
import store.people.access
import store.profile.billing
from store.i18n import set_language

from .helpers import store_answered

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"


async def test_a_french_owners_refusal_reads_in_english_on_the_history_tab(make_app, demo):
    set_language("fr")
    try:
        with pytest.raises(store.errors.Refused):
            store.profile.billing.save_address(store.people.access.resolve_actor(JONAS),
                demo["nordwind"],
                                       {"country": "FR"}, None)
    finally:
        set_language("en")
    app = make_app(BILLING, company=demo["nordwind"], tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        company = app.company_screen()
        table = company.query_one("#history-table", DataTable)
        assert table.row_count == 1
        table.focus()
        await pilot.press("enter")
        for _ in range(100):  # the entry's whole text, once its dialog is up
            if app.screen.query("#entry-text"):
                break
            await pilot.pause(0.05)
        shown = " ".join(str(app.screen.query_one("#entry-text", Static).render()).split())
        assert ("Reason: Country is locked after the trial; send a change request to the "
                "billing team.") in shown
        assert "verrouillé" not in shown and "Pays" not in shown
