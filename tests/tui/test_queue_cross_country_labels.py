"""The billing team's queue names each side of a US → Canada move by its own country's word
(#15 trial: "Province: California → Ontario"), as `requests list` and History do."""

from __future__ import annotations

from textual.widgets import DataTable

import store.people.access
import store.profile.requests
from tui.screens.requests import RequestQueueScreen
from tui.widgets.indented_text import IndentedText

from .helpers import text_of
from .test_billing_team import staff_app

TO_TORONTO = {"line1": "100 King St W", "postal_code": "M5V 2T6", "city": "Toronto",
              "state": "ON", "country": "CA"}


async def test_the_queue_names_state_and_province_each_by_its_country(demo):
    store.profile.requests.request_change(
        store.people.access.resolve_actor("maria@blueharbor.com"), demo["blue"], TO_TORONTO)
    app = staff_app("billing@mycompany.example")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, RequestQueueScreen)
        cell = str(app.screen.query_one("#queue", DataTable).get_row_at(0)[1])
        assert cell.startswith("State: California → Province: Ontario; Country: United States "
                               "→ Canada")
        detail = " ".join(text_of(app.screen.query_one("#queue-detail", IndentedText)).split())
        assert "ZIP code: 94043 → Postal code: M5V 2T6" in detail
