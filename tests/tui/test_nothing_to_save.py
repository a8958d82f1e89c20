"""ctrl+s with nothing changed: every form says there is nothing to save, sends nothing, writes
nothing and adds no History line (#15 trial: General said "Saved" where Billing said "Nothing to
save: the billing address is unchanged."; tui.widgets.form_section.FormSection.save)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

import store.profile.billing
import store.profile.company
import store.trail.history

from .helpers import owner, store_answered

SAID = {"general": "Nothing to save: the company name and website are unchanged.",
        "billing": "Nothing to save: the billing address is unchanged."}
SAVES = {"general": (store.profile.company, "save_general"),
         "billing": (store.profile.billing, "save_address")}


def said(app) -> list[str]:
    return [str(note.message) for note in app._notifications]


def history_lines(company_id: int) -> int:
    return store.trail.history.company_history(owner(), company_id).total_count


@pytest.mark.parametrize("tab", ["general", "billing"])
async def test_ctrl_s_with_nothing_changed_says_so_and_writes_nothing(make_app, demo, monkeypatch,
                                                                      tab):
    module, name = SAVES[tab]
    sent: list[object] = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kwargs: sent.append(args) or real(
        *args, **kwargs))
    lines = history_lines(demo["nordwind"])
    app = make_app("jonas@nordwind.de", tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert said(app) == [SAID[tab]]
        assert sent == []
        # Typed, then put back as it was: still nothing to save.
        field = app.screen.query_one("#field-city" if tab == "billing" else "#field-website",
                                     Input)
        stored = field.value
        field.focus()
        await pilot.press("x", "backspace", "ctrl+s")
        await store_answered(pilot)
        assert field.value == stored
        assert said(app) == [SAID[tab], SAID[tab]]
        assert sent == []
    assert history_lines(demo["nordwind"]) == lines
