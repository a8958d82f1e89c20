"""Every toast fits the screen at 80x24 above the key line, however many lines the key line
takes (#15 trial: "Paid €5,134.00 with Visa •••• 4242: 2 invoices" covered the first of
Billing's two key lines, the "w" of "Pay now" showing beside it)."""

from __future__ import annotations

import pytest
from textual.widgets._toast import Toast

from tui.widgets.key_footer import KeyFooter

LONG = ("Paid €5,134.00 with Visa •••• 4242: 2 invoices (INV-000002-0013, INV-000002-0014); "
        "the receipts go to buchhaltung@nordwind.de and jonas@nordwind.de.")


@pytest.mark.parametrize("tab", ["general", "plan", "billing", "history"])
async def test_a_long_toast_stands_whole_above_the_key_line(make_app, tab):
    app = make_app("jonas@nordwind.de", tab=tab)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify(LONG, markup=False)
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            box = toast.region
            assert box.height > 3  # wrapped, not cut to one line
            assert box.bottom <= footer.region.y, (tab, box, footer.region)
            assert box.y >= 0 and box.right <= 80
