"""#18 trial: the company's History tab at 80 columns read "Time (UTC) Who What Change Rea", the
outcome column (✓/✗) with no heading, both past the screen's edge. Each column now is whole
with its heading, in both languages, and the list never scrolls sideways; Reason is a column
where the screen has room for it (the pane under the list gives it otherwise), and a refused
line's What says "Refused: …" (no outcome column)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.requests

from ..tui.helpers import store_answered

ADMIN = "admin@mycompany.example"
JONAS = "jonas@nordwind.de"


def screen_lines(app) -> list[str]:
    return ["".join(s.text for s in line) for line in app.screen._compositor.render_strips()]


@pytest.fixture
def trail(demo):
    """Nordwind's History with a request (its note a reason), a recipient removed and refused
    removals (their reason the rule), as staff open it."""
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.requests.request_change(jonas, demo["nordwind"], {
        "vat_number": "DE811907980", "note": "New VAT number after the merger"})
    store.profile.billing.remove_recipient(jonas, demo["nordwind"], "buchhaltung@nordwind.de")
    for _try in range(3):
        with pytest.raises(store.errors.Refused):
            store.profile.billing.remove_recipient(jonas, demo["nordwind"], JONAS)
    return demo["nordwind"]


def headings_on_screen(app) -> tuple[list[str], str]:
    table = app.screen.query_one("#history-table", DataTable)
    labels = [column.label.plain for column in table.ordered_columns]
    header = next(line for line in screen_lines(app) if labels[0] in line)
    return labels, header


@pytest.mark.parametrize("locale", ["fr", "en"])
async def test_every_heading_is_whole_at_80x24(make_app, trail, locale, request):
    if locale == "fr":
        request.getfixturevalue("french")
    app = make_app(ADMIN, company=trail, tab="history", locale=locale)
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        labels, header = headings_on_screen(app)
        assert all(labels) and len(labels) == 4, labels  # no column without a heading
        assert header.split() == " ".join(labels).split()  # each whole, nothing after them
        assert table.max_scroll_x == 0  # nothing past the edge
        whats = [str(table.get_row_at(row)[2]).replace("\u00a0", " ")
                 for row in range(table.row_count)]
        refused = [row for row, what in enumerate(whats)
                   if what.startswith(("Refused: ", "Refusé : "))]
        assert len(refused) == 3
        # The highlighted line's reason is in the pane under the list.
        table.move_cursor(row=refused[0])
        await pilot.pause()
        assert ("Reason: " if locale == "en" else "Motif\u00a0: ") in str(
            app.screen.query_one("#history-detail").render())


@pytest.mark.parametrize("locale", ["fr", "en"])
async def test_a_wider_screen_has_a_reason_column_with_its_heading(make_app, trail, locale,
                                                                    request):
    if locale == "fr":
        request.getfixturevalue("french")
    app = make_app(ADMIN, company=trail, tab="history", locale=locale)
    async with app.run_test(size=(110, 30)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        labels, header = headings_on_screen(app)
        assert labels[-1] == ("Reason" if locale == "en" else "Motif")
        assert header.split() == " ".join(labels).split()
        assert table.max_scroll_x == 0
        reasons = {str(table.get_row_at(row)[4]) for row in range(table.row_count)}
        assert any(reason.startswith("New VAT number") for reason in reasons), reasons


def test_reason_takes_what_change_leaves_and_change_what_reason_leaves():
    from tui.history_lines import tab_widths

    labels = ["Time (UTC)", "Who", "What", "Change", "Reason"]
    row = ["2026-11-27 12:00", "Jonas Weber", "Refused: Recipient removal",
           "tried jonas@nordwind.de", "The last recipient stays: add another first"]
    assert tab_widths(80, labels, [row]) == [16, 11, 26, 15, 0]  # no room for Reason
    assert tab_widths(110, labels, [row]) == [16, 11, 26, 23, 20]  # Reason cut at 20; then
    # Change takes the rest
    short = row[:2] + ["Request #1 sent", "asked VAT: DE1 → DE2", "merger"]
    assert tab_widths(80, labels, [short]) == [16, 11, 15, 18, 6]  # Reason whole, heading too
    assert tab_widths(80, labels, [short[:4] + [""]]) == [16, 11, 15, 20, 0]  # no reason at all
