"""#16 trial: French History at 80×24 cut the « Modification » column at the screen's edge
(French's longer What pushed it out), where English ends each cell with "…" on screen: the
What and Change columns fit the screen in every language."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.requests

from ..tui.helpers import store_answered

JONAS = "jonas@nordwind.de"


def screen_lines(app) -> list[str]:
    return ["".join(s.text for s in line) for line in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("locale", ["fr", "en"])
async def test_every_change_cell_is_whole_on_screen_at_80x24(make_app, demo, locale, request):
    if locale == "fr":
        request.getfixturevalue("french")
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.requests.request_change(jonas, demo["nordwind"], {
        "line1": "1 Rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR",
        "vat_number": "FR40303265045"})
    store.profile.billing.remove_recipient(jonas, demo["nordwind"], "buchhaltung@nordwind.de")
    for _try in range(15):  # a page longer than the screen: the list's scroll bar shows
        with pytest.raises(store.errors.Refused):  # the last recipient stays: a long What
            store.profile.billing.remove_recipient(jonas, demo["nordwind"], "jonas@nordwind.de")
    app = make_app(JONAS, tab="history", locale=locale)
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        lines = screen_lines(app)
        for row in range(min(table.row_count, 10)):  # the rows on screen
            _when, _who, what, change = (str(cell) for cell in table.get_row_at(row)[:4])
            assert any(what in line and change in line for line in lines), (what, change)
        assert table.row_count >= 15


def test_what_narrows_before_change_goes_under_its_least():
    from tui.history_lines import what_and_change_widths

    assert what_and_change_widths(80, [16, 11], 24) == (24, 17)   # English's page
    assert what_and_change_widths(80, [16, 11], 26) == (26, 15)   # French's
    assert what_and_change_widths(60, [16, 11], 26) == (9, 12)
