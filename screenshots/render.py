"""Render the README screenshots from the demo data with the program itself.

python screenshots/render.py (or only some: python screenshots/render.py plan-fr.svg).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout

import store.people.access  # after the checkout is on the path (above)
import store.people.identity
import store.plans.plan
import store.profile.billing
import store.profile.requests
from store import clock, i18n
from store.database import database_url_for, open_database
from store.demo import create_demo
from store.errors import Refused

SHOTS = [
    # file name, acting person, tab, keys pressed (or "#id" focused) before the shot[, language]
    ("general.svg", "jonas@nordwind.de", "general", []),
    ("plan.svg", "jonas@nordwind.de", "plan", []),
    ("billing.svg", "jonas@nordwind.de", "billing", []),
    ("billing-locked.svg", "jonas@nordwind.de", "billing", ["#field-postal_code"]),
    ("billing-trial.svg", "camille@atelier-lumiere.fr", "billing", []),
    ("history.svg", "jonas@nordwind.de", "history", []),
    ("support-search.svg", "support@mycompany.example", None, ["h", "a", "r", "b", "enter"]),
    ("plan-fr.svg", "jonas@nordwind.de", "plan", [], "fr"),
]


def use_language(language: str) -> None:
    """The screens' key names are translated as their classes are made, as the program does
    it: choose the language, then import the screens (again)."""
    if i18n.current_locale() != language:
        i18n.set_language(language)
        for name in [name for name in sys.modules if name == "tui" or name.startswith("tui.")]:
            del sys.modules[name]


async def shoot(name: str, email: str, tab: str, keys: list[str], language: str = "en") -> None:
    use_language(language)
    from tui.app import MyCompanyApp

    actor = store.people.access.resolve_actor(email)
    app = MyCompanyApp(actor, actor.company_id, locale=language, initial_tab=tab or "general")
    app.animation_level = "none"
    app.theme = "textual-dark"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            if key.startswith("#"):  # focus a widget, which scrolls it into view
                app.screen.query_one(key).focus()
            else:
                await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(filename=name, path=str(HERE))


def _history_to_show() -> None:
    """A few real actions, so History is not empty: the owner's request and a refusal."""
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    nordwind = jonas.company_id
    store.profile.billing.add_recipient(jonas, nordwind, {"email": "finanzen@nordwind.de"})
    store.profile.requests.request_change(jonas, nordwind, {
        "vat_number": "DE811907980", "note": "New VAT number after merger"})
    try:
        store.plans.plan.licence_summary(jonas, nordwind + 1)  # another company's plan: refused
    except Refused:
        pass


def main() -> int:
    clock.set_clock(lambda: date(2026, 11, 27))  # the same pictures every time
    # History's "From:" line: the same login and host on every machine, not the renderer's.
    store.people.identity.local_origin = lambda: "login jonas on desk"
    with tempfile.TemporaryDirectory() as folder:
        open_database(database_url_for(Path(folder) / "shots.sqlite3"))
        create_demo()
        _history_to_show()
        wanted = sys.argv[1:]
        for shot in SHOTS:
            if wanted and shot[0] not in wanted:
                continue
            asyncio.run(shoot(*shot))
            print(HERE / shot[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
