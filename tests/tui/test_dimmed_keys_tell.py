"""A dimmed key pressed rings the bell and says why (#15 trial: maria@blueharbor.com has no open
invoice, `y Pay now` is dimmed, and pressing y did nothing at all). One place for every dimmed
key (tui.dimmed, through MyCompanyApp.run_action)."""

from __future__ import annotations

from .helpers import store_answered

MARIA = "maria@blueharbor.com"


def _told(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_y_with_no_open_invoice_rings_and_says_why(make_app, monkeypatch):
    app = make_app(MARIA, tab="billing")
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        assert app.screen.active_bindings["y"].enabled is False  # dimmed
        await pilot.press("y")
        await pilot.pause()
        assert rings == [1]
        assert _told(app) == ["No open invoice to pay."]


async def test_a_page_key_at_the_last_page_says_so(make_app, monkeypatch):
    app = make_app("jonas@nordwind.de", tab="billing")
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await pilot.press("p")  # on the first page: p is dimmed
        await pilot.pause()
        assert rings == [1]
        assert _told(app) == ["This is the first page."]
