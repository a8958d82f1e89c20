"""Every tab in French at 80×24: the product's own words, French money and dates, and a footer
that still fits; and the screens staff and dialogs show."""

from __future__ import annotations

import pytest

import store
import store.people.access
import store.profile.billing
import store.profile.requests
from tests.snapshots.settle import settle

JONAS = "jonas@nordwind.de"
pytestmark = pytest.mark.usefixtures("stable_origin")  # History's "From:" line


def some_history(demo) -> None:
    """A change request and a removed recipient, so that History has rows to show."""
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.requests.request_change(jonas, demo["nordwind"],
        {"vat_number": "DE811907980", "note": "Neue USt-IdNr. nach der Fusion"})
    store.profile.billing.remove_recipient(jonas, demo["nordwind"], "buchhaltung@nordwind.de")


@pytest.mark.parametrize("tab", ["general", "plan", "billing", "history"])
def test_tab_in_french_80x24(french, demo, make_app, snap_compare, tab):
    if tab == "history":
        some_history(demo)
    app = make_app(JONAS, tab=tab, locale="fr")

    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_billing_trial_in_french_80x24(french, make_app, snap_compare):
    # Atelier Lumière: a French company in its trial, every billing field open.
    app = make_app("camille@atelier-lumiere.fr", tab="billing", locale="fr")

    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("tab, key", [("general", "question_mark"), ("billing", "c"),
                                      ("billing", "x")],
                         ids=["help", "card", "change-request"])
def test_modal_in_french_80x24(french, make_app, snap_compare, tab, key):
    async def open_modal(pilot):
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(make_app(JONAS, tab=tab, locale="fr"), terminal_size=(80, 24),
                        run_before=open_modal)


def test_company_search_in_french_80x24(french, demo, snap_compare):
    from tui.app import MyCompanyApp

    app = MyCompanyApp(store.people.access.resolve_actor("support@mycompany.example"), locale="fr")
    app.animation_level = "none"
    app.theme = "textual-dark"

    async def search(pilot):
        await pilot.pause()
        await pilot.press(*"gmbh", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=search)
