"""#18 trial: a staff member opened company 42, then History (`2`, `4`), and its list showed
columns 4-6 cells wide ("2026-12-01  You  Invo  — → IN") until they left the tab and came back.
The tab had been built hidden; shown, it read its page again, and a frame drawn before the list
was next idle cut each cell at its heading's width, for good (Textual measures a column's
automatic width when the table is idle, and its cell cache ignores the width). The tab gives
every column its width as it fills the list (tui.history_lines.tab_widths): a frame drawn at
once shows the same cells as one drawn later."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import DataTable

import store
import store.errors
import store.people.access
import store.profile.billing
import store.trail.history

from .helpers import store_answered

ADMIN = "admin@mycompany.example"


def drawn(table: DataTable) -> list[str]:
    """The list's first lines as a frame drawn now would show them."""
    return [strip.text for strip in table.render_lines(Region(0, 0, table.size.width, 4))]


async def test_a_frame_drawn_before_the_list_is_idle_shows_whole_cells(make_app, demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    store.profile.billing.remove_recipient(jonas, demo["nordwind"], "buchhaltung@nordwind.de")
    admin = store.people.access.resolve_actor(ADMIN)
    app = make_app(ADMIN, company=demo["nordwind"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.mount_tab("history")  # built hidden, as the warm-up builds it
        await pilot.press("2", "4")
        await store_answered(pilot)
        tab = screen.tab("history")
        table = tab.query_one("#history-table", DataTable)
        settled = drawn(table)
        # The page read again and shown, as a reload's answer is; drawn before the list is idle,
        # as a loaded machine may.
        tab._show(store.trail.history.company_history(admin, demo["nordwind"], page=1,
                                                      page_size=50))
        early = drawn(table)
        await pilot.pause()
        assert early == drawn(table) == settled
        assert "2026-11-27 12:00  Jonas Weber  Recipient removed" in early[1]
